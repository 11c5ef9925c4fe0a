// Contract section 5: ordering sets of units. Keys are integers (scores count 10^-precision), so
// every comparison is exact. Vetoed units come after every unit that is not vetoed; among equal
// totals the tie-break keys decide in turn; what is still equal shares a rank.
//
// Ranking works on a *family* of instances at once (every group, every pair, or the one instance
// of all units), stored flat, because a county year has thousands of groups and pairs per period
// and one small array per instance would be most of the cost.
//
// The criteria (not vetoed, the figure, then each tie-break) are folded into one integer key per
// member, exact in a double while the product of their spans stays below 2^53: then a larger key
// is better, equal keys are equal in every criterion, and ordering needs no comparator at all.
// Small instances sort by insertion, large ones by an LSD radix sort of the key. Criteria that do
// not fit are compared one by one, only inside runs of equal keys.

import { FRESH, type Alloc } from './arena.ts';

export interface Family {
  /** instance k holds members[offsets[k] .. offsets[k+1]) */
  offsets: Int32Array;
  /** unit indices */
  members: Int32Array;
  /** members[p] = p for every p (the family of all units): keys by unit are keys by position */
  identity: boolean;
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
  return { offsets, members, identity: false };
}

/** < 0 when unit a goes before unit b, on the criteria from tie-break `from` on */
function cmpTies(a: number, b: number, tie: readonly Float64Array[], from: number): number {
  for (let k = from; k < tie.length; k++) {
    const e = tie[k][b] - tie[k][a];
    if (e !== 0) return e;
  }
  return 0;
}

/** < 0 when unit a goes before unit b, on every criterion */
function cmpUnits(a: number, b: number, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[]): number {
  if (vetoed !== null) {
    const d = vetoed[a] - vetoed[b];
    if (d !== 0) return d;
  }
  const d = primary[b] - primary[a];
  if (d !== 0) return d;
  return cmpTies(a, b, tie, 0);
}

const SMALL = 48;
const SAFE = 2 ** 53;

/**
 * The criteria of a ranking folded into one number per unit (a larger key is better). `folded`
 * tie-breaks are in the key; when that is all of them (`exact`), equal keys are equal in every
 * criterion. Several families can be ranked by the same keys (totals: all, groups, pairs).
 */
export interface RankKeys {
  /** by unit index; only the members' entries are meaningful */
  key: Float64Array;
  exact: boolean;
  folded: number;
  tie: readonly Float64Array[];
}

/**
 * Keys of the members (units) for ranking by primary, then the tie-breaks in turn, vetoed units
 * after the others; null when the primary figures are too far apart to pack exactly (never with
 * realistic figures). Give `key` back to the allocator when done.
 */
export function rankKeys(members: Int32Array, U: number, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[], alloc: Alloc): RankKeys | null {
  const range = rangeOf(primary, members);
  const min = range[0];
  const max = range[1];
  const primarySpan = max - min + 1;
  if (!(primarySpan * 2 < SAFE)) return null;
  // fold the tie-breaks into the key for as long as the key stays exact
  let span = vetoed !== null ? primarySpan * 2 : primarySpan;
  let folded = 0;
  const tieMin: number[] = [];
  const tieSpan: number[] = [];
  for (; folded < tie.length; folded++) {
    const tieRange = rangeOf(tie[folded], members);
    const lo = tieRange[0];
    const hi = tieRange[1];
    const s = hi - lo + 1;
    if (!(span * s < SAFE)) break;
    span *= s;
    tieMin.push(lo);
    tieSpan.push(s);
  }
  const key = alloc.tmpF64(U);
  // no vetoes: all zeros (one shape of call for the loops below)
  const veto = vetoed ?? alloc.tmpU8(U).fill(0);
  const vetoSpan = vetoed !== null ? primarySpan : 0;
  if (folded === 0) fillKeys0(key, members, primary, min, veto, vetoSpan);
  else if (folded === 1) fillKeys1(key, members, primary, min, veto, vetoSpan, tie[0], tieMin[0], tieSpan[0]);
  else {
    fillKeys2(key, members, primary, min, veto, vetoSpan, tie[0], tieMin[0], tieSpan[0], tie[1], tieMin[1], tieSpan[1]);
    for (let k = 2; k < folded; k++) foldKeys(key, members, tie[k], tieMin[k], tieSpan[k]);
  }
  if (vetoed === null) alloc.free(veto);
  return { key, exact: folded === tie.length, folded, tie };
}

// key = (not vetoed) × span + (primary − min), then × tieSpan + (tie − tieMin) for each folded
// tie-break
function fillKeys0(key: Float64Array, members: Int32Array, primary: Float64Array, min: number, veto: Uint8Array, vetoSpan: number): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; vetoSpan = +vetoSpan;
  for (let p = 0; p < members.length; p++) {
    const u = members[p];
    key[u] = primary[u] - min + (veto[u] === 1 ? 0 : vetoSpan);
  }
}

function fillKeys1(key: Float64Array, members: Int32Array, primary: Float64Array, min: number, veto: Uint8Array, vetoSpan: number, t0: Float64Array, m0: number, s0: number): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; vetoSpan = +vetoSpan; m0 = +m0; s0 = +s0;
  for (let p = 0; p < members.length; p++) {
    const u = members[p];
    key[u] = (primary[u] - min + (veto[u] === 1 ? 0 : vetoSpan)) * s0 + (t0[u] - m0);
  }
}

function fillKeys2(key: Float64Array, members: Int32Array, primary: Float64Array, min: number, veto: Uint8Array, vetoSpan: number, t0: Float64Array, m0: number, s0: number, t1: Float64Array, m1: number, s1: number): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; vetoSpan = +vetoSpan; m0 = +m0; s0 = +s0; m1 = +m1; s1 = +s1;
  for (let p = 0; p < members.length; p++) {
    const u = members[p];
    key[u] = ((primary[u] - min + (veto[u] === 1 ? 0 : vetoSpan)) * s0 + (t0[u] - m0)) * s1 + (t1[u] - m1);
  }
}

function foldKeys(key: Float64Array, members: Int32Array, tie: Float64Array, min: number, span: number): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; span = +span;
  for (let p = 0; p < members.length; p++) {
    const u = members[p];
    key[u] = key[u] * span + (tie[u] - min);
  }
}

export function rankFamily(
  fam: Family,
  primary: Float64Array,
  vetoed: Uint8Array | null,
  tie: readonly Float64Array[],
  dense: boolean,
  alloc: Alloc = FRESH,
): FamilyRanking {
  const U = primary.length;
  const keys = fam.members.length > 0 ? rankKeys(fam.members, U, primary, vetoed, tie, alloc) : null;
  if (keys === null) {
    const total = fam.members.length;
    const res = { fam, order: alloc.i32(total), rankAt: alloc.i32(total), memberRank: alloc.i32(total) };
    rankByComparator(fam, primary, vetoed, tie, dense, res.order, res.rankAt, res.memberRank);
    return res;
  }
  const r = rankByKeys(fam, keys, dense, alloc);
  alloc.free(keys.key);
  return r;
}

/** Ranks every instance of a family by keys made for (at least) its members. */
export function rankByKeys(fam: Family, keys: RankKeys, dense: boolean, alloc: Alloc): FamilyRanking {
  const { offsets, members } = fam;
  const total = members.length;
  // every entry is written below: no need to clear them
  const order = alloc.i32(total, false);
  const rankAt = alloc.i32(total, false);
  const memberRank = alloc.i32(total, false);
  const res = { fam, order, rankAt, memberRank };
  if (total === 0) return res;
  if (keys.exact && atMostTwo(offsets)) {
    rankTwos(offsets, members, keys.key, order, rankAt, memberRank);
    return res;
  }
  // keys by position
  const pk = fam.identity ? keys.key : alloc.tmpF64(total);
  if (!fam.identity) gather(pk, keys.key, members);
  const instances = offsets.length - 1;
  for (let k = 0; k < instances; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    const n = end - start;
    if (n === 0) continue;
    if (n === 1) order[start] = start;
    else if (n === 2) orderTwo(start, order, pk);
    else if (n <= SMALL) orderSmall(start, end, order, pk);
    else largeOrder(start, end, order, pk, alloc);
    if (!keys.exact) sortRuns(members, start, end, order, pk, keys.tie, keys.folded);
  }
  if (keys.exact) ranksByKey(offsets, order, pk, dense, rankAt, memberRank);
  else ranksByKeyAndTies(offsets, members, order, pk, keys.tie, keys.folded, dense, rankAt, memberRank);
  if (!fam.identity) alloc.free(pk);
  return res;
}

/**
 * Ranks a family in which every unit stands in exactly one instance, with each instance's members
 * in unit order (the groups), from the ranking of all units by the same exact keys: walking the
 * overall order and dealing each unit to its instance gives every instance its members best first,
 * equal keys in unit order — just what sorting each instance on its own gives (the sorts are
 * stable) — in one pass instead of a sort per instance.
 */
export function rankByOverall(fam: Family, instanceOf: Int32Array, posOf: Int32Array, overall: FamilyRanking, keys: RankKeys, dense: boolean, alloc: Alloc): FamilyRanking {
  const { offsets, members } = fam;
  const total = members.length;
  const order = alloc.i32(total, false);
  const rankAt = alloc.i32(total, false);
  const memberRank = alloc.i32(total, false);
  const next = alloc.tmpI32(Math.max(offsets.length - 1, 1));
  deal(overall.order, instanceOf, posOf, offsets, next, order);
  const pk = alloc.tmpF64(Math.max(total, 1));
  gather(pk, keys.key, members);
  ranksByKey(offsets, order, pk, dense, rankAt, memberRank);
  alloc.free(pk);
  alloc.free(next);
  return { fam, order, rankAt, memberRank };
}

/** Each unit of the overall order (best first) to the next free place of its instance. */
function deal(overallOrder: Int32Array, instanceOf: Int32Array, posOf: Int32Array, offsets: Int32Array, next: Int32Array, order: Int32Array): void {
  for (let k = 0; k < offsets.length - 1; k++) next[k] = offsets[k];
  for (let q = 0; q < overallOrder.length; q++) {
    const u = overallOrder[q];
    order[next[instanceOf[u]]++] = posOf[u];
  }
}

function gather(to: Float64Array, from: Float64Array, index: Int32Array): void {
  for (let p = 0; p < index.length; p++) to[p] = from[index[p]];
}

/**
 * [min, max] of values over the members, in RANGE (read it before the next call). Speed: not a new
 * array literal — called once or twice a period, the loop runs in on-stack-replaced code, and V8
 * (Node 20) re-entered a cached on-stack-replaced version that gave up at the literal's store
 * (never reached when it was compiled) on every call: a deoptimization and the loop's start in the
 * interpreter per call, 13 times per 100,000-unit year.
 */
function rangeOf(values: Float64Array, members: Int32Array): Float64Array {
  let min = Infinity;
  let max = -Infinity;
  for (let p = 0; p < members.length; p++) {
    const v = values[members[p]];
    if (v < min) min = v;
    if (v > max) max = v;
  }
  RANGE[0] = min;
  RANGE[1] = max;
  return RANGE;
}

const RANGE = new Float64Array(2);

/** Every instance has at most two members (pairs, usually). */
function atMostTwo(offsets: Int32Array): boolean {
  for (let k = 0; k + 1 < offsets.length; k++) if (offsets[k + 1] - offsets[k] > 2) return false;
  return true;
}

/**
 * Instances of at most two members by exact keys (by unit), in one pass: what orderTwo and
 * ranksByKey give (the better first, ties in member order; equal keys share rank 1, else 1 and 2
 * — the same for competition and dense ranking).
 */
function rankTwos(offsets: Int32Array, members: Int32Array, key: Float64Array, order: Int32Array, rankAt: Int32Array, memberRank: Int32Array): void {
  for (let k = 0; k + 1 < offsets.length; k++) {
    const start = offsets[k];
    const n = offsets[k + 1] - start;
    if (n === 0) continue;
    if (n === 1) {
      order[start] = start;
      rankAt[start] = 1;
      memberRank[start] = 1;
      continue;
    }
    const a = key[members[start]];
    const b = key[members[start + 1]];
    const second = +(b > a);
    const r2 = a === b ? 1 : 2;
    order[start] = start + second;
    order[start + 1] = start + 1 - second;
    rankAt[start] = 1;
    rankAt[start + 1] = r2;
    memberRank[start + second] = 1;
    memberRank[start + 1 - second] = r2;
  }
}

function orderTwo(start: number, order: Int32Array, key: Float64Array): void {
  // ties keep the members' order, as the stable sorts below do
  const second = +(key[start + 1] > key[start]);
  order[start] = start + second;
  order[start + 1] = start + 1 - second;
}

/** Stable insertion sort of positions by key, larger first. */
function orderSmall(start: number, end: number, order: Int32Array, key: Float64Array): void {
  for (let p = start; p < end; p++) {
    const kp = key[p];
    let q = p;
    while (q > start) {
      const o = order[q - 1];
      if (key[o] >= kp) break;
      order[q] = o;
      q--;
    }
    order[q] = p;
  }
}

/**
 * A large instance. Keys within 22 bits of each other: an LSD radix sort (two passes at most).
 * Wider keys (totals with their tie-breaks folded in): one counting pass on the top bits of each
 * key's distance from the largest (about one bucket per two members), then an insertion sort
 * inside each bucket, which holds a handful; when some bucket holds many (keys bunched
 * together), the LSD radix sort after all.
 */
export function largeOrder(start: number, end: number, order: Int32Array, key: Float64Array, alloc: Alloc): void {
  const n = end - start;
  const kmax = maxOf(key, start, end);
  const range = kmax - minOf(key, start, end);
  if (bitsOf(range) <= 2 * DIGIT) {
    radixOrder(start, end, order, key, alloc);
    return;
  }
  const bucketBits = Math.min(bitsOf(range), Math.max(bitsOf(n) - 1, 1));
  const div = 2 ** Math.max(bitsOf(range) - bucketBits, 0);
  const B = 2 ** bucketBits;
  const bucket = alloc.tmpI32(n);
  const counts = alloc.tmpI32(B + 1);
  const largest = countBuckets(key, start, n, kmax, div, bucket, counts, B);
  if (largest > 64) {
    alloc.free(bucket);
    alloc.free(counts);
    radixOrder(start, end, order, key, alloc);
    return;
  }
  const idx = alloc.tmpI32(n);
  // the keys move along with the positions: the sorts inside the buckets then read them in
  // sequence, not from all over the instance's keys
  const kb = alloc.tmpF64(n);
  scatterBuckets(bucket, n, counts, idx, key, start, kb);
  sortBuckets(kb, idx, counts, B);
  writeOrder(order, start, idx, n);
  alloc.free(bucket);
  alloc.free(counts);
  alloc.free(idx);
  alloc.free(kb);
}

/** Each member's bucket, the buckets' starts (counts[b] for b < B) and the largest bucket's size. */
function countBuckets(key: Float64Array, start: number, n: number, kmax: number, div: number, bucket: Int32Array, counts: Int32Array, B: number): number {
  counts.fill(0);
  for (let i = 0; i < n; i++) {
    // a division by a power of two is exact, so the bucket of a key is exact too
    const b = Math.floor((kmax - key[start + i]) / div);
    bucket[i] = b;
    counts[b]++;
  }
  let sum = 0;
  let largest = 0;
  for (let b = 0; b < B; b++) {
    const c = counts[b];
    if (c > largest) largest = c;
    counts[b] = sum;
    sum += c;
  }
  counts[B] = sum;
  return largest;
}

/** Members (and their keys) in bucket order, stable; afterwards counts[b] is the end of bucket b. */
function scatterBuckets(bucket: Int32Array, n: number, counts: Int32Array, idx: Int32Array, key: Float64Array, start: number, kb: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const at = counts[bucket[i]]++;
    idx[at] = i;
    kb[at] = key[start + i];
  }
}

/** Stable insertion sort, larger key first, inside each bucket (bucket b ends at counts[b]). */
function sortBuckets(kb: Float64Array, idx: Int32Array, counts: Int32Array, B: number): void {
  let from = 0;
  for (let b = 0; b < B; b++) {
    const to = counts[b];
    for (let p = from + 1; p < to; p++) {
      const x = idx[p];
      const kx = kb[p];
      let q = p;
      while (q > from && kb[q - 1] < kx) {
        idx[q] = idx[q - 1];
        kb[q] = kb[q - 1];
        q--;
      }
      idx[q] = x;
      kb[q] = kx;
    }
    from = to;
  }
}

const TWO32 = 4294967296;
const DIGIT = 11;
const BUCKETS = 1 << DIGIT;
const MASK = BUCKETS - 1;
/** radixSortU32's widest digit: 4,096 counts (16 kB) stay in the first-level cache */
const WIDE_DIGIT = 12;

/**
 * Stable LSD radix sort of positions by key, larger first: each key becomes its distance from
 * the instance's largest (an exact integer below 2^53), split into two 32-bit halves, sorted by
 * 11-bit digits — only as many as the instance's range needs — moving the halves along with the
 * positions so that every pass reads sequentially.
 */
function radixOrder(start: number, end: number, order: Int32Array, key: Float64Array, alloc: Alloc): void {
  const n = end - start;
  const kmax = maxOf(key, start, end);
  const range = kmax - minOf(key, start, end);
  const loBits = range >= TWO32 ? 32 : bitsOf(range);
  const hiBits = range >= TWO32 ? bitsOf(Math.floor(range / TWO32)) : 0;
  let lo = alloc.tmpI32(n);
  let lo2 = alloc.tmpI32(n);
  let hi = alloc.tmpI32(n);
  let hi2 = alloc.tmpI32(n);
  let idx = alloc.tmpI32(n);
  let idx2 = alloc.tmpI32(n);
  const counts = alloc.tmpI32(BUCKETS);
  splitKeys(key, start, n, kmax, lo, hi, idx, hiBits > 0);
  for (let shift = 0; shift < loBits + hiBits; shift += DIGIT) {
    // the digit's bits [shift, shift + 11) of the 64-bit distance hi:lo
    const fromHi = shift >= 32;
    const s = fromHi ? shift - 32 : shift;
    const straddle = !fromHi && shift + DIGIT > 32 && hiBits > 0;
    radixPass(fromHi ? hi : lo, straddle ? hi : lo, straddle, s, counts, n, lo, lo2, hi, hi2, idx, idx2, hiBits > 0);
    let t = lo;
    lo = lo2;
    lo2 = t;
    t = hi;
    hi = hi2;
    hi2 = t;
    t = idx;
    idx = idx2;
    idx2 = t;
  }
  writeOrder(order, start, idx, n);
  alloc.free(counts);
  alloc.free(lo);
  alloc.free(lo2);
  alloc.free(hi);
  alloc.free(hi2);
  alloc.free(idx);
  alloc.free(idx2);
}

function maxOf(a: Float64Array, start: number, end: number): number {
  let m = -Infinity;
  for (let p = start; p < end; p++) if (a[p] > m) m = a[p];
  return m;
}

function minOf(a: Float64Array, start: number, end: number): number {
  let m = Infinity;
  for (let p = start; p < end; p++) if (a[p] < m) m = a[p];
  return m;
}

function writeOrder(order: Int32Array, start: number, idx: Int32Array, n: number): void {
  for (let i = 0; i < n; i++) order[start + i] = start + idx[i];
}

function splitKeys(key: Float64Array, start: number, n: number, kmax: number, lo: Int32Array, hi: Int32Array, idx: Int32Array, withHi: boolean): void {
  // (no % on doubles: V8 computes it by a library call)
  if (withHi) {
    for (let i = 0; i < n; i++) {
      const d = kmax - key[start + i];
      const h = Math.floor(d / TWO32);
      hi[i] = h;
      lo[i] = (d - h * TWO32) | 0;
      idx[i] = i;
    }
  } else {
    for (let i = 0; i < n; i++) {
      lo[i] = (kmax - key[start + i]) | 0;
      idx[i] = i;
    }
  }
}

/** The first b counts turned into each bucket's start (an exclusive prefix sum). */
function prefixStarts(counts: Int32Array, b: number): void {
  let sum = 0;
  for (let i = 0; i < b; i++) {
    const c = counts[i];
    counts[i] = sum;
    sum += c;
  }
}

/** Turns per-bucket counts into each bucket's start (an exclusive prefix sum). */
function startsOfBuckets(counts: Int32Array): void {
  let sum = 0;
  for (let b = 0; b < BUCKETS; b++) {
    const c = counts[b];
    counts[b] = sum;
    sum += c;
  }
}

/** One counting pass on the digit at bit s of src (and the low bits of src2 when it straddles). */
function radixPass(src: Int32Array, src2: Int32Array, straddle: boolean, s: number, counts: Int32Array, n: number, lo: Int32Array, lo2: Int32Array, hi: Int32Array, hi2: Int32Array, idx: Int32Array, idx2: Int32Array, withHi: boolean): void {
  counts.fill(0);
  // no straddle: mask2 = 0 leaves src2 out
  const up = straddle ? 32 - s : 0;
  const mask2 = straddle ? MASK : 0;
  for (let i = 0; i < n; i++) counts[((src[i] >>> s) | ((src2[i] << up) & mask2)) & MASK]++;
  startsOfBuckets(counts);
  for (let i = 0; i < n; i++) {
    const at = counts[((src[i] >>> s) | ((src2[i] << up) & mask2)) & MASK]++;
    lo2[at] = lo[i];
    if (withHi) hi2[at] = hi[i];
    idx2[at] = idx[i];
  }
}

/** The result of radixSortU32: sorted keys and values, and the two scratch arrays to give back. */
export interface RadixSorted {
  keys: Int32Array;
  values: Int32Array;
  spareKeys: Int32Array;
  spareValues: Int32Array;
}

/**
 * Stable LSD radix sort of n (key, value) pairs by key, ascending, keys read as unsigned 32-bit
 * integers; by digits of at most 12 bits, as few passes as the largest key needs, the bits shared
 * evenly among them (24 bits: two passes of 12, not three of 11). The arrays it returns are the
 * inputs and two scratch arrays, in some order: give all four back to the allocator.
 */
export function radixSortU32(keys: Int32Array, values: Int32Array, n: number, alloc: Alloc): RadixSorted {
  const bits = bitsOf(maxU32(keys, n));
  const digit = radixDigit(bits);
  const mask = (1 << digit) - 1;
  let k1 = keys;
  let v1 = values;
  let k2 = alloc.tmpI32(Math.max(n, 1));
  let v2 = alloc.tmpI32(Math.max(n, 1));
  const counts = alloc.tmpI32(1 << WIDE_DIGIT);
  for (let shift = 0; shift < bits; shift += digit) {
    countingPass(k1, v1, k2, v2, n, shift, mask, counts);
    let t = k1;
    k1 = k2;
    k2 = t;
    t = v1;
    v1 = v2;
    v2 = t;
  }
  alloc.free(counts);
  return { keys: k1, values: v1, spareKeys: k2, spareValues: v2 };
}

/** radixSortU32's digit for keys of `bits` bits: as few passes of at most 12 bits as cover them, the bits shared evenly. */
export function radixDigit(bits: number): number {
  const passes = Math.ceil(bits / WIDE_DIGIT);
  return passes > 0 ? Math.ceil(bits / passes) : 0;
}

/**
 * radixSortU32 of keys below 2^(2 × digit) (two passes at most) whose digits the caller has
 * counted while making them — counts0 the low digit's, counts1 the high one's, each of
 * 2^digit entries — so that each pass only moves (two passes fewer over the keys).
 */
export function radixSortU32Counted(keys: Int32Array, values: Int32Array, n: number, bits: number, counts0: Int32Array, counts1: Int32Array, alloc: Alloc): RadixSorted {
  const digit = radixDigit(bits);
  const mask = (1 << digit) - 1;
  const k2 = alloc.tmpI32(Math.max(n, 1));
  const v2 = alloc.tmpI32(Math.max(n, 1));
  if (bits === 0) return { keys, values, spareKeys: k2, spareValues: v2 };
  movePass(keys, values, k2, v2, n, 0, mask, counts0);
  if (bits <= digit) return { keys: k2, values: v2, spareKeys: keys, spareValues: values };
  movePass(k2, v2, keys, values, n, digit, mask, counts1);
  return { keys, values, spareKeys: k2, spareValues: v2 };
}

function maxU32(keys: Int32Array, n: number): number {
  let max = 0;
  for (let i = 0; i < n; i++) {
    const k = keys[i] >>> 0;
    if (k > max) max = k;
  }
  return max;
}

function countingPass(k1: Int32Array, v1: Int32Array, k2: Int32Array, v2: Int32Array, n: number, shift: number, mask: number, counts: Int32Array): void {
  counts.fill(0);
  for (let i = 0; i < n; i++) counts[(k1[i] >>> shift) & mask]++;
  movePass(k1, v1, k2, v2, n, shift, mask, counts);
}

/** One pass of the LSD radix sort, its digits counted already: (key, value) pairs in digit order, stable. */
function movePass(k1: Int32Array, v1: Int32Array, k2: Int32Array, v2: Int32Array, n: number, shift: number, mask: number, counts: Int32Array): void {
  prefixStarts(counts, mask + 1);
  for (let i = 0; i < n; i++) {
    const k = k1[i];
    const at = counts[(k >>> shift) & mask]++;
    k2[at] = k;
    v2[at] = v1[i];
  }
}

/** The number of bits of a non-negative integer (counted exactly, not by a logarithm). */
export function bitsOf(x: number): number {
  let b = 0;
  for (let p = 1; p <= x; p *= 2) b++;
  return b;
}

/** Tie-breaks that did not fold into the key, only within runs of equal keys: runs are short. */
function sortRuns(members: Int32Array, start: number, end: number, order: Int32Array, key: Float64Array, tie: readonly Float64Array[], from: number): void {
  let runStart = start;
  for (let p = start + 1; p <= end; p++) {
    if (p < end && key[order[p]] === key[order[p - 1]]) continue;
    for (let q = runStart + 1; q < p; q++) {
      const x = order[q];
      let r = q;
      while (r > runStart && cmpTies(members[order[r - 1]], members[x], tie, from) > 0) {
        order[r] = order[r - 1];
        r--;
      }
      order[r] = x;
    }
    runStart = p;
  }
}

function ranksByKey(offsets: Int32Array, order: Int32Array, key: Float64Array, dense: boolean, rankAt: Int32Array, memberRank: Int32Array): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isDense = dense === true;
  const instances = offsets.length - 1;
  for (let k = 0; k < instances; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    let rank = 0;
    let last = NaN;
    for (let p = start; p < end; p++) {
      const o = order[p];
      const kv = key[o];
      if (kv !== last) {
        rank = isDense ? rank + 1 : p - start + 1;
        last = kv;
      }
      rankAt[p] = rank;
      memberRank[o] = rank;
    }
  }
}

function ranksByKeyAndTies(offsets: Int32Array, members: Int32Array, order: Int32Array, key: Float64Array, tie: readonly Float64Array[], from: number, dense: boolean, rankAt: Int32Array, memberRank: Int32Array): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isDense = dense === true;
  const instances = offsets.length - 1;
  for (let k = 0; k < instances; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    let rank = 0;
    for (let p = start; p < end; p++) {
      const o = order[p];
      const differs = p === start || key[o] !== key[order[p - 1]] || cmpTies(members[order[p - 1]], members[o], tie, from) !== 0;
      if (differs) rank = isDense ? rank + 1 : p - start + 1;
      rankAt[p] = rank;
      memberRank[o] = rank;
    }
  }
}

/** Figures too far apart to pack exactly (never with realistic figures): plain comparisons. */
function rankByComparator(fam: Family, primary: Float64Array, vetoed: Uint8Array | null, tie: readonly Float64Array[], dense: boolean, order: Int32Array, rankAt: Int32Array, memberRank: Int32Array): void {
  const { offsets, members } = fam;
  for (let k = 0; k < offsets.length - 1; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    const idx = Array.from({ length: end - start }, (_, i) => start + i);
    idx.sort((a, b) => cmpUnits(members[a], members[b], primary, vetoed, tie) || a - b);
    let rank = 0;
    for (let i = 0; i < idx.length; i++) {
      const p = start + i;
      order[p] = idx[i];
      if (i === 0 || cmpUnits(members[idx[i - 1]], members[idx[i]], primary, vetoed, tie) !== 0) rank = dense ? rank + 1 : i + 1;
      rankAt[p] = rank;
      memberRank[idx[i]] = rank;
    }
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
