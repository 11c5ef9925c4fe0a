// Golden tests: the contract's worked examples, every field of expected.json, numbers as numbers.
import { describe, expect, it } from 'vitest';
import { readRows } from '@leitai/io';
import { checkData, evaluate, evaluateAll, parseSpec, type PeriodResult } from '../src/index.ts';
import { asExpected, examples, withoutReasons } from './support/examples.ts';

const all = examples();

describe('worked examples', () => {
  it('the examples folder holds the examples', () => {
    expect(all.map((e) => e.name)).toEqual(expect.arrayContaining(['grouped-1.1', 'paired-monthly', 'quarterly-mixed']));
  });

  describe.each(all.map((e) => [e.name, e] as const))('%s', (_name, ex) => {
    async function results(): Promise<PeriodResult[]> {
      const spec = parseSpec(ex.spec);
      if (!spec.ok) throw new Error(spec.issues.map((i) => i.message).join('\n'));
      const rows = await readRows(ex.data, 'data.csv');
      if (!rows.ok) throw new Error(rows.issues.map((i) => i.message).join('\n'));
      const data = checkData(spec.value, rows.value);
      if (!data.ok) throw new Error(data.issues.map((i) => i.message).join('\n'));
      return evaluateAll(spec.value, data.value);
    }

    it('evaluateAll matches expected.json field for field', async () => {
      const periods = await results();
      expect(asExpected(withoutReasons({ periods }), ex.expected)).toEqual(ex.expected);
    });

    it('every action has a non-empty reason', async () => {
      const periods = await results();
      for (const p of periods) {
        for (const a of p.actions) {
          expect(typeof a.reason).toBe('string');
          expect(a.reason.trim().length).toBeGreaterThan(0);
        }
      }
    });

    it('evaluate of each period equals that period of evaluateAll', async () => {
      const spec = parseSpec(ex.spec);
      const rows = await readRows(ex.data, 'data.csv');
      if (!spec.ok || !rows.ok) throw new Error('example does not parse');
      const data = checkData(spec.value, rows.value);
      if (!data.ok) throw new Error('example data invalid');
      const expected = ex.expected.periods as PeriodResult[];
      for (const p of expected) {
        const one = evaluate(spec.value, data.value, { period: p.period });
        expect(asExpected(withoutReasons({ periods: [one] }), ex.expected)).toEqual({ periods: [p] });
      }
    });
  });
});
