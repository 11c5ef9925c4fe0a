// The rank method's places: each present unit's place by year-to-date figure within its scope,
// equal figures sharing a place (competition or dense, as the campaign ranks).
import type { ValueIndicator } from '../model.ts';
import type { Ctx } from './context.ts';
import { bitsOf, radixDigit, radixSortU32, radixSortU32Counted, rankFamily, type Family, type RadixSorted } from './ranking.ts';
import type { IndicatorPeriod } from './scoring.ts';

export const SMALL = 48;

/** Places in a small scope: its present members sorted by insertion, best first. */
export function placesSmall(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, higher: boolean, dense: boolean, vals: Float64Array, us: Int32Array): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isDense = dense === true;
  const m = sortSmall(members, start, end, ytd, missing, place, higher, vals, us);
  let rank = 0;
  for (let k = 0; k < m; k++) {
    if (k === 0 || vals[k] !== vals[k - 1]) rank = isDense ? rank + 1 : k + 1;
    place[us[k]] = rank;
  }
}

/**
 * A small scope's present members, their figures (negated for direction lower: a larger value is
 * better) in vals and the units in us, in member order; returns how many. Every member's place is
 * set to 0 (the caller sets the present ones').
 */
export function gatherSmall(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, higher: boolean, vals: Float64Array, us: Int32Array): number {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isHigher = higher === true;
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    vals[m] = isHigher ? ytd[u] : -ytd[u];
    us[m++] = u;
  }
  return m;
}

/**
 * Competition places of the m values gathered by gatherSmall: 1 + how many are larger, counted
 * against every other value (no sort: a small scope's n² comparisons cost less than sorting it
 * by insertion, whose moves and mispredicted loop exits dominate), four values per pass.
 */
export function countPlaces(vals: Float64Array, m: number, rk: Int32Array): void {
  let i = 0;
  for (; i + 3 < m; i += 4) {
    const a = vals[i];
    const b = vals[i + 1];
    const c = vals[i + 2];
    const d = vals[i + 3];
    let ra = 1;
    let rb = 1;
    let rc = 1;
    let rd = 1;
    // two values per step: each step's checks of the array (V8 repeats them every step) serve two
    // loads (standalone, groups of 20: 17.4 → 15.0 ns per member)
    let j = 0;
    for (; j + 1 < m; j += 2) {
      const x = vals[j];
      const y = vals[j + 1];
      ra += +(x > a) + +(y > a);
      rb += +(x > b) + +(y > b);
      rc += +(x > c) + +(y > c);
      rd += +(x > d) + +(y > d);
    }
    if (j < m) {
      const x = vals[j];
      ra += +(x > a);
      rb += +(x > b);
      rc += +(x > c);
      rd += +(x > d);
    }
    rk[i] = ra;
    rk[i + 1] = rb;
    rk[i + 2] = rc;
    rk[i + 3] = rd;
  }
  for (; i < m; i++) {
    const a = vals[i];
    let ra = 1;
    for (let j = 0; j < m; j++) ra += +(vals[j] > a);
    rk[i] = ra;
  }
}

/** Dense places of the m values sorted by sortSmall (best first). */
export function denseSorted(vals: Float64Array, m: number, rk: Int32Array): void {
  let rank = 0;
  for (let k = 0; k < m; k++) {
    if (k === 0 || vals[k] !== vals[k - 1]) rank++;
    rk[k] = rank;
  }
}

/**
 * A small scope's present members sorted by insertion, best first: their figures (negated for
 * direction lower: a larger value is better) in vals, the units in us; returns how many. Every
 * member's place is set to 0 (the caller sets the present ones').
 */
export function sortSmall(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, higher: boolean, vals: Float64Array, us: Int32Array): number {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isHigher = higher === true;
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    // a larger value is better
    const v = isHigher ? ytd[u] : -ytd[u];
    let k = m++;
    while (k > 0 && vals[k - 1] < v) {
      vals[k] = vals[k - 1];
      us[k] = us[k - 1];
      k--;
    }
    vals[k] = v;
    us[k] = u;
  }
  return m;
}

/**
 * Places in a large scope: a radix sort of each present member's distance from the best figure.
 * (The loops are functions of their own, here and below: a function whose loop V8 compiles
 * while it runs must not reach code that has never run before, or it is thrown back to the
 * interpreter.)
 */
export function placesLarge(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, best: number, worst: number, higher: boolean, dense: boolean, arena: Ctx['arena']): void {
  const n = end - start;
  const key = arena.tmpI32(n);
  const who = arena.tmpI32(n);
  // the largest distance is the scope's range (best and worst are figures of present members)
  const bits = bitsOf(higher ? best - worst : worst - best);
  let sorted: RadixSorted;
  if (bits <= 24) {
    // two radix passes at most: their digits are counted while the distances are made
    const digit = radixDigit(bits);
    const counts0 = arena.tmpI32(1 << digit).fill(0);
    const counts1 = arena.tmpI32(1 << digit).fill(0);
    const m = distancesCounted(members, start, end, ytd, missing, place, best, higher, key, who, digit, (1 << digit) - 1, counts0, counts1);
    sorted = radixSortU32Counted(key, who, m, bits, counts0, counts1, arena);
    placesBySortedKeys(sorted.keys, sorted.values, m, dense, place);
    arena.free(counts0);
    arena.free(counts1);
  } else {
    const m = distances(members, start, end, ytd, missing, place, best, higher, key, who);
    sorted = radixSortU32(key, who, m, arena);
    placesBySortedKeys(sorted.keys, sorted.values, m, dense, place);
  }
  arena.free(sorted.keys);
  arena.free(sorted.values);
  arena.free(sorted.spareKeys);
  arena.free(sorted.spareValues);
}

/** Each present member's distance from the best figure (below 2^32, checked by the caller). */
function distances(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, best: number, higher: boolean, key: Int32Array, who: Int32Array): number {
  // scalars unboxed once: see SCALARS in fast.ts
  best = +best;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isHigher = higher === true;
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    key[m] = (isHigher ? best - ytd[u] : ytd[u] - best) | 0;
    who[m++] = u;
  }
  return m;
}

/** distances, also counting each key's low and high radix digit (see radixSortU32Counted). */
function distancesCounted(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, best: number, higher: boolean, key: Int32Array, who: Int32Array, digit: number, mask: number, counts0: Int32Array, counts1: Int32Array): number {
  // scalars unboxed once: see SCALARS in fast.ts
  best = +best;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isHigher = higher === true;
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    const k = (isHigher ? best - ytd[u] : ytd[u] - best) | 0;
    counts0[k & mask]++;
    counts1[(k >>> digit) & mask]++;
    key[m] = k;
    who[m++] = u;
  }
  return m;
}

function placesBySortedKeys(k: Int32Array, w: Int32Array, m: number, dense: boolean, place: Int32Array): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isDense = dense === true;
  let rank = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0 || k[i] !== k[i - 1]) rank = isDense ? rank + 1 : i + 1;
    place[w[i]] = rank;
  }
}

/** Places by exact order: for very long figures (BigInts), their order as ordinals. */
export function placesExact(ctx: Ctx, ind: ValueIndicator, fam: Family, p: IndicatorPeriod): void {
  const U = ctx.U;
  const S = fam.offsets.length - 1;
  const arena = ctx.arena;
  // a family of the present members only: missing units take no part in places or n
  const offsets = arena.tmpI32(S + 1);
  const present = arena.tmpI32(fam.members.length);
  let w = 0;
  for (let s = 0; s < S; s++) {
    offsets[s] = w;
    for (let q = fam.offsets[s]; q < fam.offsets[s + 1]; q++) if (!p.missing[fam.members[q]]) present[w++] = fam.members[q];
  }
  offsets[S] = w;
  const key = arena.tmpF64(U);
  if (p.ytdBig) {
    const big = p.ytdBig;
    const distinct = [...new Set(big.filter((b): b is bigint => b !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ordinal = new Map(distinct.map((b, i) => [b, i]));
    for (let u = 0; u < U; u++) key[u] = big[u] !== null ? (ordinal.get(big[u] as bigint) as number) : 0;
  } else key.set(p.ytd as Float64Array);
  if (ind.direction === 'lower') negate(key, key);
  const r = rankFamily({ offsets, members: present.subarray(0, w), identity: false }, key, null, [], ctx.spec.campaign.ranking === 'dense', scratchOf(ctx));
  const place = p.place as Int32Array;
  place.fill(0);
  for (let q = 0; q < w; q++) place[present[q]] = r.memberRank[q];
  arena.free(r.order);
  arena.free(r.rankAt);
  arena.free(r.memberRank);
  arena.free(offsets);
  arena.free(present);
  arena.free(key);
}

function negate(from: Float64Array, to: Float64Array): void {
  for (let u = 0; u < from.length; u++) to[u] = -from[u];
}

/** An allocator whose every array is scratch (given back by the caller). */
function scratchOf(ctx: Ctx) {
  const a = ctx.arena;
  return {
    f64: (n: number) => a.tmpF64(n), i32: (n: number) => a.tmpI32(n), u8: (n: number) => a.tmpU8(n), u16: (n: number) => new Uint16Array(n),
    tmpF64: (n: number) => a.tmpF64(n), tmpI32: (n: number) => a.tmpI32(n), tmpU8: (n: number) => a.tmpU8(n),
    free: (x: Float64Array | Int32Array | Uint8Array | Uint16Array) => a.free(x),
  };
}
