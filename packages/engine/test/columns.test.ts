// A period result in columns (the leaderboard's wire form) gives back exactly the result it was
// made from, through JSON as it is sent: every worked example's every period, and a large
// generated campaign (categories, pairs, summary, schedules) — and it is about half the bytes.
import { describe, expect, it } from 'vitest';
import { readRows } from '@leitai/io';
import { checkData, datasetFromColumns, evaluateAll, parseSpec, resultColumns, resultRows, type PeriodResult } from '../src/index.ts';
import { generate } from '../../../bench/generate.ts';
import { examples } from './support/examples.ts';

const roundTrip = (r: PeriodResult): PeriodResult => resultRows(JSON.parse(JSON.stringify(resultColumns(r))));

describe('a period result in columns', () => {
  it.each(examples().map((e) => [e.name, e] as const))('gives back every period of %s exactly', async (_name, ex) => {
    const spec = parseSpec(ex.spec);
    if (!spec.ok) throw new Error('spec');
    const rows = await readRows(ex.data, 'data.csv');
    if (!rows.ok) throw new Error('rows');
    const data = checkData(spec.value, rows.value);
    if (!data.ok) throw new Error('data');
    for (const r of evaluateAll(spec.value, data.value)) {
      const plain = JSON.parse(JSON.stringify(r)) as PeriodResult;
      expect(roundTrip(plain)).toStrictEqual(plain);
    }
  });

  it('gives back a generated 300-unit year exactly, in about half the bytes', () => {
    const g = generate({ units: 300, indicators: 20, reader: 'validateSpec' });
    const results = evaluateAll(g.spec, datasetFromColumns(g.spec, g.columns));
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      const plain = JSON.parse(JSON.stringify(r)) as PeriodResult;
      expect(roundTrip(plain)).toStrictEqual(plain);
      expect(JSON.stringify(resultColumns(plain)).length).toBeLessThan(0.6 * JSON.stringify(plain).length);
    }
  });

  it('keeps what only some units have (an indicator that does not apply, a missing field, an empty object) and ids with dots', () => {
    const r = {
      campaign: 'c', period: '2026-01', pairs: [], flags: [], actions: [],
      units: [
        { unit: 'a.1', group: 'g', total: 1, vetoed: false, rank: { all: 1, group: 1, pairs: { 'p.1': 1 } }, delta: null, flags: ['red'], tally: { red: 1 }, indicators: { x: { value: null, score: 0, missing: true, rank: { all: 2, group: 2 } }, 'y%.z': { events: 2, score: 1 } } },
        { unit: 'b', group: 'g', total: 0, vetoed: true, rank: { all: 2, group: 2, pairs: {} }, delta: 1, flags: [], tally: {}, indicators: { x: { value: 3, ytd: 3, ahead: true, score: 1, missing: false, rank: { all: 1, group: 1 } } } },
      ],
    } as unknown as PeriodResult;
    expect(roundTrip(r)).toStrictEqual(r);
  });
});
