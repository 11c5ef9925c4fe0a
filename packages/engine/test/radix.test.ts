// radixSortU32 (the rank method's places in large scopes) against a plain stable sort, on random
// keys of every width: the digits it picks (as few passes of ≤ 12 bits as the largest key needs)
// must not change the order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FRESH } from '../src/eval/arena.ts';
import { bitsOf, radixDigit, radixSortU32, radixSortU32Counted } from '../src/eval/ranking.ts';

function reference(keys: number[]): { keys: number[]; values: number[] } {
  const idx = keys.map((_, i) => i);
  // stable, ascending, keys as unsigned 32-bit integers
  idx.sort((a, b) => (keys[a] >>> 0) - (keys[b] >>> 0) || a - b);
  return { keys: idx.map((i) => keys[i] | 0), values: idx };
}

describe('radixSortU32', () => {
  it('orders (key, value) pairs as a stable sort does, for keys of 0 to 32 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 32 }), fc.array(fc.nat(), { maxLength: 300 }), fc.boolean(), (bits, raw, fewDistinct) => {
        // keys below 2^bits (few distinct ones: long runs of equal keys, where stability shows)
        const span = 2 ** bits;
        const keys = raw.map((r) => (fewDistinct ? (r % 5) * Math.floor(span / 5) : r * 2654435761) % span).map((k) => k | 0);
        const n = keys.length;
        const sorted = radixSortU32(Int32Array.from(keys), Int32Array.from(keys, (_, i) => i), n, FRESH);
        const want = reference(keys);
        expect(Array.from(sorted.keys.subarray(0, n))).toEqual(want.keys);
        expect(Array.from(sorted.values.subarray(0, n))).toEqual(want.values);
      }),
      { numRuns: 300 },
    );
  });

  it('radixSortU32Counted (digits counted by the caller) orders as a stable sort does, for keys of 0 to 24 bits', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 24 }), fc.array(fc.nat(), { maxLength: 300 }), fc.boolean(), (bits, raw, fewDistinct) => {
        const span = 2 ** bits;
        const keys = raw.map((r) => (fewDistinct ? (r % 5) * Math.floor(span / 5) : r * 2654435761) % span);
        const n = keys.length;
        // the caller knows a bound of the keys (placesLarge: the scope's range), not their maximum
        const width = Math.max(bits, bitsOf(Math.max(0, ...keys)));
        const digit = radixDigit(width);
        const c0 = new Int32Array(1 << digit);
        const c1 = new Int32Array(1 << digit);
        for (const k of keys) {
          c0[k & ((1 << digit) - 1)]++;
          c1[(k >>> digit) & ((1 << digit) - 1)]++;
        }
        const sorted = radixSortU32Counted(Int32Array.from(keys), Int32Array.from(keys, (_, i) => i), n, width, c0, c1, FRESH);
        const want = reference(keys);
        expect(Array.from(sorted.keys.subarray(0, n))).toEqual(want.keys);
        expect(Array.from(sorted.values.subarray(0, n))).toEqual(want.values);
      }),
      { numRuns: 300 },
    );
  });

  it('sorts 100,000 keys of 24 bits (two passes of 12) and of 25 bits (three of 9)', () => {
    for (const bits of [24, 25, 32]) {
      const n = 100_000;
      const keys = Array.from({ length: n }, (_, i) => ((i * 2654435761) % 2 ** bits) | 0);
      const sorted = radixSortU32(Int32Array.from(keys), Int32Array.from(keys, (_, i) => i), n, FRESH);
      const want = reference(keys);
      expect(Array.from(sorted.keys)).toEqual(want.keys);
      expect(Array.from(sorted.values)).toEqual(want.values);
    }
  });
});
