// Issue 12 (memory bounded at 10,000 units): a recompute stores a campaign's year a period at a time
// — each period's row made, handed over, written and let go before the year's later rows are made
// (services/eval-task.ts planStore, services/evaluator.ts store) — and the rows are exactly the
// engine's results, whether the whole year is written or only the periods from a change on.
import { evaluate, parseSpec, periodKeys, resultColumns, type Spec } from '@leitai/engine';
import { afterAll, describe, expect, it } from 'vitest';
import { buildInput, planStore, runStore, STATUS_CODE, type FigureColumns, type StoredPeriod, type StoredRow, type StoreTask } from '../src/services/eval-task.ts';
import { Evaluator } from '../src/services/evaluator.ts';

const U = 7;
const K = 4;
const SPEC = `version: 1
campaign: { id: rows, name: 逐期存储, year: 2026, cadence: month }
groups:
  - { id: g1, name: 一组 }
  - { id: g2, name: 二组 }
units:
${Array.from({ length: U }, (_, u) => `  - { id: u${u}, name: 第${u + 1}镇, group: g${(u % 2) + 1} }`).join('\n')}
pairs:
  - [u0, u2]
indicators:
  - { id: gdp, name: 产值, input: value, weight: 50, method: completion, target: 100 }
  - { id: tax, name: 税收, input: value, weight: 20, method: rank }
  - { id: style, name: 作风, input: score, weight: 30 }
  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: group }
`;
const parsed = parseSpec(SPEC);
if (!parsed.ok) throw new Error('spec');
const spec: Spec = parsed.value;
const keys = periodKeys(spec);
const T = keys.length;

/**
 * Figures of months 1–8 but not 5 (nobody reported in May), some pending; May in verification
 * (a result with nothing counted), the months after August not yet open.
 */
function task(): StoreTask {
  const c: FigureColumns = { units: U, periods: T, indicators: K, mant: new Float64Array(K * T * U).fill(NaN), scale: new Int8Array(K * T * U), status: new Uint8Array(K * T * U) };
  for (let i = 0; i < K; i++) {
    for (let t = 0; t < 8; t++) {
      if (t === 4) continue;
      for (let u = 0; u < U; u++) {
        if ((u + t + i) % 9 === 8) continue; // a gap now and then
        const slot = (i * T + t) * U + u;
        c.mant[slot] = i === 3 ? (u + t) % 3 : i === 2 ? (u * 7 + t * 3) % 31 : 10 + ((u * 37 + t * 11 + i * 5) % 90);
        c.status[slot] = (u * 3 + t) % 7 === 0 ? STATUS_CODE.pending : STATUS_CODE.approved;
      }
    }
  }
  const states: Record<string, string> = {};
  keys.forEach((p, t) => { states[p] = t === 4 ? 'verification' : t < 8 ? (t < 2 ? 'closed' : 'open') : 'unopened'; });
  return { kind: 'store', specKey: 'rows@1', specText: SPEC, columns: c, states, storedPeriods: [], from: null };
}

const copy = (t: StoreTask): StoreTask => ({ ...t, columns: t.columns && { ...t.columns, mant: t.columns.mant.slice(), scale: t.columns.scale.slice(), status: t.columns.status.slice() } });

const evaluators: Evaluator[] = [];
const text = new TextDecoder();
afterAll(async () => { for (const e of evaluators) await e.close(); });

describe('a store task, a period at a time', () => {
  it('names every period with results first, and its rows are the engine\'s result of each period', () => {
    const t = task();
    const plan = planStore(copy(t));
    // January to August: May has no figure but is in verification
    expect(plan.periods).toEqual(keys.slice(0, 8));
    const rows = [...plan.rows];
    expect(rows.map((r) => r.period)).toEqual(plan.periods);
    const data = buildInput(spec, copy(t).columns as FigureColumns, t.states).dataset;
    for (const r of rows) {
      const body = JSON.parse(r.body) as { period: string; periods: string[]; result: unknown };
      expect(body.periods).toEqual(plan.periods);
      expect(body.result).toEqual(JSON.parse(JSON.stringify(resultColumns(evaluate(spec, data, { period: r.period })))));
    }
  });

  it('written from a period on: the same rows as the whole year\'s from that period on (movement against the period before included)', () => {
    const t = task();
    const whole = runStore(copy(t));
    for (const from of whole.periods) {
      const part = runStore({ ...copy(t), storedPeriods: whole.periods, from });
      expect(part.periods).toEqual(whole.periods);
      expect(part.write).toEqual(whole.write.filter((w) => w.period >= from));
    }
    // a list of periods that changed: every period is written again
    expect(runStore({ ...copy(t), storedPeriods: whole.periods.slice(1), from: '2026-07' }).write).toEqual(whole.write);
  });
});

describe('the evaluator hands a store task\'s rows over one at a time', () => {
  /** Stores `t` with a sink that records each row and checks no row comes while the one before is being written. */
  async function store(e: Evaluator, t: StoreTask) {
    const got: StoredPeriod[] = [];
    let writing = false;
    const done = await e.store(t, 1_000_000, async (row: StoredRow) => {
      expect(writing).toBe(false);
      writing = true;
      await new Promise((ok) => setTimeout(ok, 5));
      got.push({ ...row, body: text.decode(row.body), publicBody: text.decode(row.publicBody) });
      writing = false;
    });
    return { done, got };
  }

  it('in a worker thread and inline: the year\'s rows, never more than two of them made and not yet written', async () => {
    const expected = runStore(copy(task()));
    const worker = new Evaluator({ threads: 1, inlineBelow: 0 });
    const inline = new Evaluator({ threads: 1, inlineBelow: Infinity });
    evaluators.push(worker, inline);
    for (const e of [worker, inline]) {
      const { done, got } = await store(e, copy(task()));
      expect(done).toEqual({ periods: expected.periods, written: expected.write.length });
      expect(got).toEqual(expected.write);
      // a year of 8 periods with results: before, all 8 were made before the first was written
      expect(e.held.max).toBeGreaterThan(0);
      expect(e.held.max).toBeLessThanOrEqual(2);
    }
    expect(worker.ran.worker).toBe(1);
    expect(inline.ran.inline).toBe(1);
  });

  it('a write that fails stops the task: it rejects with that error, and the worker takes the next task', async () => {
    const e = new Evaluator({ threads: 1, inlineBelow: 0 });
    evaluators.push(e);
    let calls = 0;
    await expect(e.store(copy(task()), 1_000_000, async () => {
      calls++;
      if (calls === 2) throw new Error('the database went away (test)');
    })).rejects.toThrow('the database went away (test)');
    expect(calls).toBe(2);
    const { got } = await store(e, copy(task()));
    expect(got.map((r) => r.period)).toEqual(keys.slice(0, 8));
  });
});
