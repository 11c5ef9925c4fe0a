// The rank method's places in small scopes (rank-places.ts): counted (countPlaces, competition) and
// sorted (sortSmall + denseSorted, dense) against a plain ranking of the same figures, with
// missing members, ties, negative figures and both directions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countPlaces, denseSorted, gatherSmall, placesSmall, SMALL, sortSmall } from '../src/eval/rank-places.ts';

/** places by the definition: 1 + how many present figures are better (competition), or distinct better ones + 1 (dense); 0 when missing */
function reference(figs: (number | null)[], higher: boolean, dense: boolean): number[] {
  const present = figs.filter((f): f is number => f !== null);
  return figs.map((f) => {
    if (f === null) return 0;
    const better = present.filter((g) => (higher ? g > f : g < f));
    return (dense ? new Set(better).size : better.length) + 1;
  });
}

const scope = fc.array(fc.option(fc.integer({ min: -50, max: 50 }), { nil: null, freq: 8 }), { maxLength: SMALL });

describe('places in small scopes', () => {
  it('countPlaces (competition) and sortSmall + denseSorted (dense) give the places of the definition', () => {
    fc.assert(
      fc.property(scope, fc.boolean(), fc.nat({ max: 5 }), (figs, higher, offset) => {
        // the scope's members are units offset … offset + n − 1 (a group within all units)
        const n = figs.length;
        const U = offset + n;
        const members = Int32Array.from({ length: n }, (_, i) => offset + i);
        const ytd = new Float64Array(U);
        const missing = new Uint8Array(U);
        figs.forEach((f, i) => {
          if (f === null) missing[offset + i] = 1;
          else ytd[offset + i] = f;
        });
        for (const dense of [false, true]) {
          const place = new Int32Array(U).fill(-1);
          const vals = new Float64Array(SMALL);
          const us = new Int32Array(SMALL);
          const rk = new Int32Array(SMALL);
          const m = dense ? sortSmall(members, 0, n, ytd, missing, place, higher, vals, us) : gatherSmall(members, 0, n, ytd, missing, place, higher, vals, us);
          if (dense) denseSorted(vals, m, rk);
          else countPlaces(vals, m, rk);
          for (let k = 0; k < m; k++) place[us[k]] = rk[k];
          const want = reference(figs, higher, dense);
          expect(Array.from(place.subarray(offset))).toEqual(want);
          // and placesSmall, which the scopes with weights per group use
          const place2 = new Int32Array(U).fill(-1);
          placesSmall(members, 0, n, ytd, missing, place2, higher, dense, vals, us);
          expect(Array.from(place2.subarray(offset))).toEqual(want);
        }
      }),
      { numRuns: 500 },
    );
  });
});
