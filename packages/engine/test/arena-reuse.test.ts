// The evaluations of one spec share the typed arrays they give back (arena.ts): a later evaluation
// of the same spec, on other figures, must not change what an earlier one presents.
import { describe, expect, it } from 'vitest';
import { computePeriod, datasetFromColumns, evaluateAll } from '../src/index.ts';
import { generate, MONTHS, YEAR } from '../../../bench/generate.ts';

const month = (m: number): string => `${YEAR}-${String(m).padStart(2, '0')}`;

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
});
