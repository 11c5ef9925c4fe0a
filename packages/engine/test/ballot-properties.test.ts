// Property tests (fast-check) for ballot aggregation: the order ballots arrive in never matters,
// and which of several equal marks is dropped never matters (the trimmed mean is the mean of the
// sorted marks without the t lowest and t highest, computed here independently).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { aggregateBallots, type BallotDef, type BallotResult, type CastBallot } from '../src/index.ts';
import { addD, dec, parseD, type D } from './support/decimal.ts';

const RUNS = { numRuns: 80 };
const SUBJECTS = ['s1', 's2', 's3'];

const defArb = fc.record({
  kind: fc.constantFrom('marks' as const, 'approval' as const, 'levels' as const),
  trim: fc.integer({ min: 0, max: 2 }),
  w1: fc.integer({ min: 1, max: 9 }),
  w2: fc.integer({ min: 1, max: 9 }),
}).map(({ kind, trim, w1, w2 }): BallotDef => ({
  kind, subjects: SUBJECTS, weight: '10', precision: 2, trim,
  groups: [{ id: 'g1', name: 'G1', weight: dec(w1, 1) }, { id: 'g2', name: 'G2', weight: dec(w2, 1) }],
  ...(kind === 'levels' ? { levels: [{ id: 'A', name: 'A', points: '10' }, { id: 'B', name: 'B', points: '7.5' }, { id: 'C', name: 'C', points: '0' }], outcomes: [{ level: 'A', op: '>=' as const, share: '0.6', outcome: '优秀' }] } : {}),
}));

// marks on a coarse grid so that equal marks are frequent
const markArb = fc.integer({ min: 0, max: 20 }).map((m) => dec(m * 5, 1));
const ballotArb = (def: BallotDef): fc.Arbitrary<CastBallot> => fc.record({
  group: fc.constantFrom('g1', 'g2'),
  pick: fc.array(fc.tuple(fc.boolean(), markArb, fc.constantFrom('A', 'B', 'C')), { minLength: 3, maxLength: 3 }),
}).map(({ group, pick }) => {
  if (def.kind === 'approval') return { group, approvals: SUBJECTS.filter((_, i) => pick[i][0]) };
  if (def.kind === 'levels') return { group, levels: Object.fromEntries(SUBJECTS.flatMap((s, i) => (pick[i][0] ? [[s, pick[i][2]]] : []))) };
  return { group, marks: Object.fromEntries(SUBJECTS.flatMap((s, i) => (pick[i][0] ? [[s, pick[i][1]]] : []))) };
});

const caseArb = defArb.chain((def) => fc.record({ def: fc.constant(def), ballots: fc.array(ballotArb(def), { maxLength: 14 }) }));

/** what a person sees of a result (the exact rationals are BigInt pairs: compared through their text) */
const shown = (r: BallotResult) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('ballot aggregation properties', () => {
  it('the order of the ballots does not matter', () => {
    fc.assert(fc.property(caseArb.chain((c) => fc.record({ c: fc.constant(c), order: fc.shuffledSubarray(c.ballots, { minLength: c.ballots.length, maxLength: c.ballots.length }) })), ({ c, order }) => {
      expect(shown(aggregateBallots(c.def, order))).toBe(shown(aggregateBallots(c.def, c.ballots)));
    }), RUNS);
  });

  it('dropping equal marks is stable: the mean is that of the sorted marks without t lowest and t highest', () => {
    fc.assert(fc.property(caseArb.filter((c) => c.def.kind === 'marks'), ({ def, ballots }) => {
      const r = aggregateBallots(def, ballots);
      const t = def.trim ?? 0;
      for (const s of r.subjects) {
        for (const g of s.groups) {
          const marks = ballots.filter((b) => b.group === g.group).flatMap((b) => (b.marks?.[s.subject] !== undefined ? [parseD(b.marks[s.subject])] : []));
          const sorted = marks.sort((a, b) => (a.m * 10n ** BigInt(4 - a.s) < b.m * 10n ** BigInt(4 - b.s) ? -1 : a.m * 10n ** BigInt(4 - a.s) > b.m * 10n ** BigInt(4 - b.s) ? 1 : 0));
          const kept = t > 0 && sorted.length > 2 * t ? sorted.slice(t, sorted.length - t) : sorted;
          expect(g.marked).toBe(marks.length);
          expect(g.dropped.high.length + g.dropped.low.length).toBe(marks.length - kept.length);
          if (kept.length === 0) { expect(g.mean).toBeNull(); continue; }
          // mean × n (exact) compared with the sum of the kept marks: mean shown to 4 decimals, so
          // the shown mean times n is within n × 0.00005 of the sum
          const sum = kept.reduce<D>((a, b) => addD(a, b), { m: 0n, s: 0 });
          const mean = parseD(g.mean as string);
          const diff = mean.m * 10n ** BigInt(4 - mean.s) * BigInt(kept.length) - sum.m * 10n ** BigInt(4 - sum.s);
          expect(diff < 0n ? -diff : diff).toBeLessThanOrEqual(BigInt(kept.length) * 5n / 10n + 1n);
          // the dropped highs are the largest marks, the dropped lows the smallest
          const keptN = kept.map((d) => Number(d.m) / 10 ** d.s);
          for (const h of g.dropped.high) expect(Number(h)).toBeGreaterThanOrEqual(Math.max(...keptN));
          for (const l of g.dropped.low) expect(Number(l)).toBeLessThanOrEqual(Math.min(...keptN));
        }
      }
    }), RUNS);
  });

  it('a subject\'s figure lies between the smallest and the largest group value that counted', () => {
    fc.assert(fc.property(caseArb.filter((c) => c.def.kind !== 'approval'), ({ def, ballots }) => {
      for (const s of aggregateBallots(def, ballots).subjects) {
        const means = s.groups.filter((g) => g.counted).map((g) => Number(g.mean));
        if (means.length === 0) { expect(s.figure).toBeNull(); continue; }
        expect(Number(s.figure)).toBeGreaterThanOrEqual(Math.min(...means) - 0.005);
        expect(Number(s.figure)).toBeLessThanOrEqual(Math.max(...means) + 0.005);
      }
    }), RUNS);
  });
});
