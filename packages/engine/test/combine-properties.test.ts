// Property tests (fast-check) for the combined ranking of 述比排序: the order of the candidates never
// matters, and (scores ≥ 0) a higher score in any part never lowers a candidate's combined score nor
// worsens their rank; the combined score lies between the lowest and highest scaled part.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { combineScores, Rat, type CombineCandidate, type CombineOptions } from '../src/index.ts';
import { dec } from './support/decimal.ts';

const RUNS = { numRuns: 100 };

const optsArb: fc.Arbitrary<CombineOptions> = fc.record({
  wq: fc.integer({ min: 1, max: 99 }),
  wp: fc.integer({ min: 1, max: 99 }),
  full: fc.boolean(),
  precision: fc.integer({ min: 0, max: 3 }),
}).map(({ wq, wp, full, precision }) => ({
  precision,
  parts: [
    { id: 'q', name: '量化考核', weight: String(wq), scale: 'top' as const },
    { id: 'p', name: '述职评议', weight: dec(wp, 1), scale: full ? { full: '100' } : ('top' as const) },
  ],
}));

// scores ≥ 0 on a coarse grid, so that ties (and ties after rounding) are frequent; sometimes none
const scoreArb = fc.option(fc.integer({ min: 0, max: 200 }).map((m) => dec(m * 5, 1)), { freq: 8 });
const candidatesArb = fc.array(fc.record({ q: scoreArb, p: scoreArb }), { minLength: 1, maxLength: 8 })
  .map((xs): CombineCandidate[] => xs.map((x, i) => ({ id: `c${i + 1}`, scores: { q: x.q, p: x.p } })));

const shown = (x: unknown) => JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));

describe('combined ranking properties', () => {
  it('the order of the candidates does not matter', () => {
    fc.assert(fc.property(optsArb, candidatesArb.chain((cs) => fc.record({ cs: fc.constant(cs), order: fc.shuffledSubarray(cs, { minLength: cs.length, maxLength: cs.length }) })), (opts, { cs, order }) => {
      expect(shown(combineScores(order, opts))).toBe(shown(combineScores(cs, opts)));
    }), RUNS);
  });

  it('monotone in each part: a higher score never lowers the combined score nor worsens the rank', () => {
    fc.assert(fc.property(optsArb, candidatesArb, fc.nat(), fc.constantFrom('q', 'p'), fc.integer({ min: 1, max: 100 }), (opts, cs, pick, part, up) => {
      const i = pick % cs.length;
      const before = combineScores(cs, opts).candidates.find((c) => c.id === cs[i].id);
      const old = cs[i].scores[part];
      const raised = Rat.of(BigInt(up), 2n).add(old === null || old === undefined ? Rat.ZERO : (Rat.of(BigInt(Math.round(Number(old) * 10)), 10n)));
      const changed = cs.map((c, j) => (j === i ? { id: c.id, scores: { ...c.scores, [part]: raised } } : c));
      const after = combineScores(changed, opts).candidates.find((c) => c.id === cs[i].id);
      if (!before || !after) throw new Error('candidate lost');
      expect(after.exact.cmp(before.exact)).toBeGreaterThanOrEqual(0);
      expect(Number(after.score)).toBeGreaterThanOrEqual(Number(before.score));
      expect(after.rank).toBeLessThanOrEqual(before.rank);
    }), RUNS);
  });

  it('the combined score lies between the lowest and the highest scaled part; ranks are competition ranks', () => {
    fc.assert(fc.property(optsArb, candidatesArb, (opts, cs) => {
      const r = combineScores(cs, opts);
      for (const c of r.candidates) {
        const lo = c.parts.reduce((m, x) => m.min(x.scaledExact), c.parts[0].scaledExact);
        const hi = c.parts.reduce((m, x) => m.max(x.scaledExact), c.parts[0].scaledExact);
        expect(c.exact.cmp(lo)).toBeGreaterThanOrEqual(0);
        expect(c.exact.cmp(hi)).toBeLessThanOrEqual(0);
      }
      r.candidates.forEach((c, k) => {
        const better = r.candidates.filter((o) => Number(o.score) > Number(c.score)).length;
        expect(c.rank).toBe(better + 1);
        if (k > 0) expect(Number(r.candidates[k - 1].score)).toBeGreaterThanOrEqual(Number(c.score));
      });
    }), RUNS);
  });
});
