// Contract section 5: ordering sets of units. Keys are integers (scores count 10^-precision), so
// every comparison is exact. Vetoed units come after every unit that is not vetoed; among equal
// totals the tie-break keys decide in turn; what is still equal shares a rank.
//
// Ranking works on a *family* of instances at once (every group, every pair, or the one instance
// of all units), stored flat, because a county year has thousands of groups and pairs per period
// and one small array per instance would be most of the cost. Small instances are ordered by
// insertion sort; large ones by a native sort of packed integer keys, with the tie-break
// comparator applied only inside runs of equal totals.

import { FRESH, type Alloc } from './arena.ts';

export interface Family {
  /** instance k holds members[offsets[k] .. offsets[k+1]) */
  offsets: Int32Array;
  /** unit indices */
  members: Int32Array;
}

export interface FamilyRanking {
  fam: Family;
  /** per instance, positions into `members`, best first */
  order: Int32Array;
  /** rank of order[k] */
  rankAt: Int32Array;
  /** rank of the member at each position of `members` */
  memberRank: Int32Array;
}

export function familyOf(lists: ArrayLike<number>[]): Family {
  const offsets = new Int32Array(lists.length + 1);
  let n = 0;
  lists.forEach((l, k) => {
    offsets[k] = n;
    n += l.length;
  });
  offsets[lists.length] = n;
  const members = new Int32Array(n);
  lists.forEach((l, k) => members.set(l as ArrayLike<number>, offsets[k]));
  return { offsets, members };
}

/** < 0 when unit a goes before unit b */
function cmpUnits(a: number, b: number, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[]): number {
  if (vetoed !== null) {
    const d = vetoed[a] - vetoed[b];
    if (d !== 0) return d;
  }
  const d = primary[b] - primary[a];
  if (d !== 0) return d;
  for (let k = 0; k < tie.length; k++) {
    const e = tie[k][b] - tie[k][a];
    if (e !== 0) return e;
  }
  return 0;
}

const SMALL = 48;

export function rankFamily(
  fam: Family,
  primary: Float64Array,
  vetoed: Uint8Array | null,
  tie: readonly Float64Array[],
  dense: boolean,
  alloc: Alloc = FRESH,
): FamilyRanking {
  const { offsets, members } = fam;
  const total = members.length;
  const order = alloc.i32(total);
  const rankAt = alloc.i32(total);
  const memberRank = alloc.i32(total);
  const instances = offsets.length - 1;
  // One number per member position that orders (vetoed, primary) exactly: primary values are
  // integers, so (not vetoed) × span + (primary − min) keeps them apart. Small instances then
  // compare plain numbers, and call the tie-break comparator only on equal keys.
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < total; p++) {
    const v = primary[members[p]];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  const packed = total > 0 && Number.isFinite(span) && span * 2 < Number.MAX_SAFE_INTEGER;
  const key = packed ? alloc.f64(total) : null;
  if (key) {
    for (let p = 0; p < total; p++) {
      const u = members[p];
      key[p] = primary[u] - min + (vetoed !== null && vetoed[u] ? 0 : span);
    }
  }
  const hasTie = tie.length > 0;
  for (let k = 0; k < instances; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    const n = end - start;
    if (n === 0) continue;
    if (n > SMALL) orderLarge(members, start, end, order, primary, vetoed, tie, alloc);
    else if (key) orderSmallKeyed(members, start, end, order, key, primary, vetoed, tie);
    else orderSmall(members, start, end, order, primary, vetoed, tie);
    let rank = 0;
    for (let p = start; p < end; p++) {
      let differs = p === start;
      if (!differs) {
        const a = order[p - 1];
        const b = order[p];
        differs = key
          ? key[a] !== key[b] || (hasTie && cmpUnits(members[a], members[b], primary, vetoed, tie) !== 0)
          : cmpUnits(members[a], members[b], primary, vetoed, tie) !== 0;
      }
      if (differs) rank = dense ? rank + 1 : p - start + 1;
      rankAt[p] = rank;
      memberRank[order[p]] = rank;
    }
  }
  return { fam, order, rankAt, memberRank };
}

/** Insertion sort on precomputed keys (larger first); tie-breaks only between equal keys. */
function orderSmallKeyed(members: Int32Array, start: number, end: number, order: Int32Array, key: Float64Array, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[]): void {
  const hasTie = tie.length > 0;
  for (let p = start; p < end; p++) {
    let q = p;
    const kp = key[p];
    while (q > start) {
      const o = order[q - 1];
      const ko = key[o];
      if (ko > kp || (ko === kp && (!hasTie || cmpUnits(members[o], members[p], primary, vetoed, tie) <= 0))) break;
      order[q] = o;
      q--;
    }
    order[q] = p;
  }
}

function orderSmall(members: Int32Array, start: number, end: number, order: Int32Array, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[]): void {
  for (let p = start; p < end; p++) {
    let q = p;
    const u = members[p];
    while (q > start && cmpUnits(members[order[q - 1]], u, primary, vetoed, tie) > 0) {
      order[q] = order[q - 1];
      q--;
    }
    order[q] = p;
  }
}

function orderLarge(members: Int32Array, start: number, end: number, order: Int32Array, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[], alloc: Alloc): void {
  const n = end - start;
  let min = Infinity;
  let max = -Infinity;
  for (let p = start; p < end; p++) {
    const v = primary[members[p]];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const span = max - min + 1;
  if (!Number.isFinite(span) || span * 2 * n >= Number.MAX_SAFE_INTEGER) {
    // keys too wide to pack: plain comparator sort
    const idx = Array.from({ length: n }, (_, i) => start + i);
    idx.sort((a, b) => cmpUnits(members[a], members[b], primary, vetoed, tie));
    for (let i = 0; i < n; i++) order[start + i] = idx[i];
    return;
  }
  if (span * 2 < 0x7fffffff) {
    radixOrder(members, start, end, order, primary, vetoed, tie, alloc, min, span);
    return;
  }
  // packed = key × n + local position; a larger key is better
  const keys = alloc.f64(n);
  for (let i = 0; i < n; i++) {
    const u = members[start + i];
    const key = primary[u] - min + (vetoed !== null && vetoed[u] ? 0 : span);
    keys[i] = key * n + i;
  }
  keys.sort();
  const runKey = alloc.f64(n);
  for (let i = 0; i < n; i++) {
    const packed = keys[n - 1 - i];
    order[start + i] = start + (packed % n);
    runKey[i] = Math.floor(packed / n);
  }
  sortRuns(members, start, end, order, primary, vetoed, tie, runKey);
}

/**
 * Keys that fit 31 bits: a stable LSD radix sort (11-bit digits), O(n) per pass. The key is the
 * distance from the best possible key, so ascending order is best first.
 */
function radixOrder(members: Int32Array, start: number, end: number, order: Int32Array, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[], alloc: Alloc, min: number, span: number): void {
  const n = end - start;
  // the first tie-break folds into the key when both fit 31 bits, so that few runs remain
  let tb: Float64Array | null = null;
  let tbMin = 0;
  let tbSpan = 1;
  if (tie.length > 0) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let p = start; p < end; p++) {
      const v = tie[0][members[p]];
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    if ((hi - lo + 1) * 2 * span < 0x7fffffff) {
      tb = tie[0];
      tbMin = lo;
      tbSpan = hi - lo + 1;
    }
  }
  const top = 2 * span * tbSpan - 1;
  let key = alloc.i32(n);
  let idx = alloc.i32(n);
  let key2 = alloc.i32(n);
  let idx2 = alloc.i32(n);
  for (let i = 0; i < n; i++) {
    const u = members[start + i];
    const k = primary[u] - min + (vetoed !== null && vetoed[u] ? 0 : span);
    key[i] = top - (tb === null ? k : k * tbSpan + (tb[u] - tbMin));
    idx[i] = i;
  }
  const counts = alloc.i32(2048);
  for (let shift = 0; shift < 31 && top >>> shift > 0; shift += 11) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[(key[i] >>> shift) & 2047]++;
    let sum = 0;
    for (let b = 0; b < 2048; b++) {
      const c = counts[b];
      counts[b] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const at = counts[(key[i] >>> shift) & 2047]++;
      key2[at] = key[i];
      idx2[at] = idx[i];
    }
    let t = key;
    key = key2;
    key2 = t;
    t = idx;
    idx = idx2;
    idx2 = t;
  }
  for (let i = 0; i < n; i++) order[start + i] = start + idx[i];
  sortRuns(members, start, end, order, primary, vetoed, tie, key);
}

/** Tie-breaks, only within runs of equal (vetoed, total): runs are short, so insertion sort. */
function sortRuns(members: Int32Array, start: number, end: number, order: Int32Array, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[], runKey: ArrayLike<number>): void {
  if (tie.length === 0) return;
  let runStart = start;
  for (let p = start + 1; p <= end; p++) {
    if (p < end && runKey[p - start] === runKey[p - 1 - start]) continue;
    for (let q = runStart + 1; q < p; q++) {
      const x = order[q];
      let r = q;
      while (r > runStart && cmpUnits(members[order[r - 1]], members[x], primary, vetoed, tie) > 0) {
        order[r] = order[r - 1];
        r--;
      }
      order[r] = x;
    }
    runStart = p;
  }
}

/** Rank of the unit at position `count` of instance k (clamped to the instance): the top cut. */
export function topCut(r: FamilyRanking, k: number, count: number): number {
  const start = r.fam.offsets[k];
  const n = r.fam.offsets[k + 1] - start;
  return n === 0 ? 0 : r.rankAt[start + Math.min(count, n) - 1];
}

/** Rank of the unit at position n − count + 1 of instance k (clamped): the bottom cut. */
export function bottomCut(r: FamilyRanking, k: number, count: number): number {
  const start = r.fam.offsets[k];
  const n = r.fam.offsets[k + 1] - start;
  return n === 0 ? 0 : r.rankAt[start + Math.max(n - count, 0)];
}

/** Writes each member's rank at its unit index (for families where a unit stands once). */
export function scatterRanks(r: FamilyRanking, into: Int32Array): void {
  const m = r.fam.members;
  for (let p = 0; p < m.length; p++) into[m[p]] = r.memberRank[p];
}
