// The evaluations of one spec share the typed arrays they give back (arena.ts): a later evaluation
// of the same spec, on other figures, must not change what an earlier one presents.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computePeriod, datasetFromColumns, evaluateAll, evaluateEach, EvaluateError } from '../src/index.ts';
import { generate, MONTHS, YEAR } from '../../../bench/generate.ts';

const month = (m: number): string => `${YEAR}-${String(m).padStart(2, '0')}`;
/** a result's digest: a difference shows as two short strings, not megabytes of JSON */
const digest = (x: unknown): string => createHash('sha256').update(JSON.stringify(x)).digest('hex');

describe('evaluations of one spec', () => {
  it('leave an earlier computed period as it was', () => {
    const g = generate({ units: 400, indicators: 20, seed: 3, reader: 'validateSpec' });
    const other = generate({ units: 400, indicators: 20, seed: 4, reader: 'validateSpec' });
    const data = datasetFromColumns(g.spec, g.columns);
    // the same spec with the other campaign's figures (same shapes: same generator, same sizes)
    const otherData = datasetFromColumns(g.spec, other.columns);
    const first = computePeriod(g.spec, data, month(MONTHS));
    const mid = computePeriod(g.spec, data, month(6));
    const before = [JSON.stringify(first.present({ explain: true })), JSON.stringify(mid.present())];
    computePeriod(g.spec, otherData, month(MONTHS)).present();
    evaluateAll(g.spec, otherData);
    computePeriod(g.spec, otherData, month(3));
    expect([JSON.stringify(first.present({ explain: true })), JSON.stringify(mid.present())]).toEqual(before);
    // and a fresh spec object (nothing shared) computes the same as the one whose arrays were reused
    const fresh = generate({ units: 400, indicators: 20, seed: 3, reader: 'validateSpec' });
    expect(JSON.stringify(computePeriod(fresh.spec, datasetFromColumns(fresh.spec, fresh.columns), month(MONTHS)).present({ explain: true }))).toBe(before[0]);
  });

  it('give their arrays to the next once released, which computes as a fresh spec does', () => {
    const g = generate({ units: 400, indicators: 20, seed: 5, reader: 'validateSpec' });
    const other = generate({ units: 400, indicators: 20, seed: 6, reader: 'validateSpec' });
    const data = datasetFromColumns(g.spec, g.columns);
    const otherData = datasetFromColumns(g.spec, other.columns);
    const kept = computePeriod(g.spec, data, month(7));
    const keptBefore = digest(kept.present({ explain: true }));
    // the pool gets arrays written with the other figures: released computed periods, results
    // made in full, and an evaluation its caller stopped after one period
    for (const m of [MONTHS, 4, 9]) {
      const c = computePeriod(g.spec, otherData, month(m));
      c.present();
      c.release();
    }
    evaluateAll(g.spec, otherData);
    for (const r of evaluateEach(g.spec, otherData)) {
      expect(r.period).toBe(month(1));
      break;
    }
    const again = computePeriod(g.spec, data, month(MONTHS));
    const reused = [digest(again.present({ explain: true })), digest(evaluateAll(g.spec, data))];
    again.release();
    const fresh = generate({ units: 400, indicators: 20, seed: 5, reader: 'validateSpec' });
    const freshData = datasetFromColumns(fresh.spec, fresh.columns);
    expect(reused).toEqual([digest(computePeriod(fresh.spec, freshData, month(MONTHS)).present({ explain: true })), digest(evaluateAll(fresh.spec, freshData))]);
    // one not released is left as it was
    expect(digest(kept.present({ explain: true }))).toBe(keptBefore);
  });

  it('refuse to present a released computed period', () => {
    const g = generate({ units: 50, indicators: 9, seed: 7, reader: 'validateSpec' });
    const c = computePeriod(g.spec, datasetFromColumns(g.spec, g.columns), month(2));
    c.release();
    c.release();
    expect(() => c.present()).toThrow(EvaluateError);
    expect(() => c.present()).toThrow(`the computed period ${month(2)} was released`);
  });

  // (only computing: presenting a result makes arrays of its own, which the result's objects are made from)
  it('take no new arrays of the units\' size once the earlier ones are done', () => {
    const U = 3000;
    const g = generate({ units: U, indicators: 12, seed: 8, reader: 'validateSpec' });
    const data = datasetFromColumns(g.spec, g.columns);
    const stopEarly = () => {
      for (const r of evaluateEach(g.spec, data)) if (r.period === month(2)) break;
    };
    computePeriod(g.spec, data, month(MONTHS)).release();
    evaluateAll(g.spec, data);
    // an evaluation its caller stopped gives back what it took too (the next one would miss it)
    stopEarly();
    // count the typed arrays of at least U elements made during the second evaluation
    const names = ['Float64Array', 'Int32Array', 'Uint8Array', 'Uint16Array'] as const;
    const saved = names.map((n) => globalThis[n]);
    let made = 0;
    const G = globalThis as unknown as Record<string, unknown>;
    for (const n of names) {
      const Base = globalThis[n] as unknown as new (...a: unknown[]) => { length: number };
      G[n] = class extends Base {
        // arrays made before (the pool's) are still of their kind
        static override [Symbol.hasInstance](x: unknown): boolean {
          return x instanceof Base;
        }
        constructor(...a: unknown[]) {
          super(...a);
          if (typeof a[0] === 'number' && this.length >= U) made += 1;
        }
      };
    }
    try {
      computePeriod(g.spec, data, month(MONTHS)).release();
    } finally {
      names.forEach((n, i) => (G[n] = saved[i]));
    }
    expect(made).toBe(0);
  });
});
