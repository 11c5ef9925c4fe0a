// Contract section 3.2: best, range and rank — a unit's year-to-date figure (3.1) against the others of
// its scope (its group, or all units).
import type { ValueIndicator } from '../model.ts';
import type { Ctx, IndicatorCtx } from './context.ts';
import { nearHalfAt as nearHalfAtImported, roundRatio as roundRatioImported } from './fast.ts';
import {
  countPlaces as countPlacesImported, denseSorted as denseSortedImported, gatherSmall as gatherSmallImported, placesExact, placesLarge as placesLargeImported,
  placesSmall as placesSmallImported, sortSmall as sortSmallImported, SMALL,
} from './rank-places.ts';
import type { Family } from './ranking.ts';
import type { IndicatorPeriod, PeriodSums } from './scoring.ts';

// Speed: imported functions called in loops are read through module constants (see score-target.ts).
const nearHalfAt = nearHalfAtImported;
const placesLarge = placesLargeImported;
const placesSmall = placesSmallImported;
const sortSmall = sortSmallImported;
const gatherSmall = gatherSmallImported;
const countPlaces = countPlacesImported;
const denseSorted = denseSortedImported;
const roundRatio = roundRatioImported;

/**
 * best / range / rank compare a unit with the others of its scope (its group, or all units).
 * Scope by scope: its present count and extremes first, then its members' scores, while the
 * scope's figures are still in the processor's cache. `p.missing` comes zeroed (the scans mark the
 * missing units); `full`: every score is written, else only those left pending.
 */
export function scoreAgainstScope(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, p: IndicatorPeriod, mask: Float64Array, acc: boolean, sums: PeriodSums, pending: Int32Array, full: boolean): number {
  const fam = ind.scope === 'all' ? ctx.allFam : ctx.groupFam;
  const scopeN = p.scopeN as Int32Array;
  const maxU = p.scopeMaxU as Int32Array;
  const minU = p.scopeMinU as Int32Array;
  if (p.ytdBig) return scoreAgainstScopeExactly(ctx, ic, ind, fam, p, sums, pending);
  const ytd = p.ytd as Float64Array;
  const { offsets, members } = fam;
  const S = offsets.length - 1;
  const { missing, score } = p;
  const { total, missingAny } = sums;
  const wp = ic.weightF * ctx.precF;
  const wmp = ic.wm * ctx.precF;
  const wd = ic.wd;
  let np = 0;
  // (1.1) weights that differ by group: every present unit exactly, once its scope is known
  const uniform = ic.uniform;
  if (ind.method === 'best') {
    for (let s = 0; s < S; s++) {
      scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
      if (!uniform) np = presentOf(members, offsets[s], offsets[s + 1], missing, score, pending, np);
      else if (maxU[s] >= 0) np = bestScores(members, offsets[s], offsets[s + 1], ytd, missing, score, total, pending, np, ytd[maxU[s]], wp, wmp, wd, full);
    }
    return np;
  }
  if (ind.method === 'range') {
    const higher = ind.direction === 'higher';
    const fullScore = Number(ic.weightR.roundScaled(ctx.prec));
    for (let s = 0; s < S; s++) {
      scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
      if (!uniform) np = presentOf(members, offsets[s], offsets[s + 1], missing, score, pending, np);
      else if (maxU[s] >= 0) np = rangeScores(members, offsets[s], offsets[s + 1], ytd, missing, score, total, pending, np, ytd[maxU[s]], ytd[minU[s]], higher, wp, wmp, wd, fullScore, full);
    }
    return np;
  }
  // rank: places first (a large scope sorts distances from its best figure as 32-bit integers)
  for (let s = 0; s < S; s++) scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
  if (!placesFit(fam, ytd, maxU, minU)) {
    placesExact(ctx, ind, fam, p);
    return uniform ? rankScores(ctx, ic, fam, p, total, pending, 0, S, 0, full) : presentOf(members, 0, members.length, missing, score, pending, 0);
  }
  const higher = ind.direction === 'higher';
  const dense = ctx.spec.campaign.ranking === 'dense';
  const place = p.place as Int32Array;
  const arena = ctx.arena;
  const vals = arena.tmpF64(SMALL);
  const us = arena.tmpI32(SMALL);
  const rk = arena.tmpI32(SMALL);
  const step = ic.stepR !== null;
  const { weightF, stepF, sm, sd } = ic;
  const precF = ctx.precF;
  for (let s = 0; s < S; s++) {
    const start = offsets[s];
    const end = offsets[s + 1];
    if (end - start <= SMALL || maxU[s] < 0) {
      if (uniform) {
        // places (competition: counted; dense: by sorting), then scores from them in the same pass over the scope
        let m: number;
        if (dense) {
          m = sortSmall(members, start, end, ytd, missing, place, higher, vals, us);
          denseSorted(vals, m, rk);
        } else {
          m = gatherSmall(members, start, end, ytd, missing, place, higher, vals, us);
          countPlaces(vals, m, rk);
        }
        np = step
          ? rankStepAt(us, rk, m, place, score, total, pending, np, weightF, stepF, precF, ic.wm, wd, sm, sd, full)
          : rankShareAt(us, rk, m, place, score, total, pending, np, wp, wmp, wd, full);
        continue;
      }
      placesSmall(members, start, end, ytd, missing, place, higher, dense, vals, us);
    } else placesLarge(members, start, end, ytd, missing, place, higher ? ytd[maxU[s]] : ytd[minU[s]], higher ? ytd[minU[s]] : ytd[maxU[s]], higher, dense, arena);
    // (a large scope's scores in sorted order would add into the totals all over the array: at
    // 100,000 units that costs more than the pass in member order)
    if (!uniform) np = presentOf(members, start, end, missing, score, pending, np);
    else np = rankScores(ctx, ic, fam, p, total, pending, s, s + 1, np, full);
  }
  arena.free(vals);
  arena.free(us);
  arena.free(rk);
  return np;
}

/** rank with a step, one small scope: the places rk of its m present units us, and their scores (see rankStepScores). */
function rankStepAt(us: Int32Array, rk: Int32Array, m: number, place: Int32Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, weightF: number, stepF: number, precF: number, wm: number, wd: number, sm: number, sd: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  weightF = +weightF; stepF = +stepF; precF = +precF; wm = +wm; wd = +wd; sm = +sm; sd = +sd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  for (let k = 0; k < m; k++) {
    const rank = rk[k];
    const u = us[k];
    place[u] = rank;
    const v = stepScore(rank, weightF, stepF, precF, wm, wd, sm, sd);
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** rank without a step, one small scope: the places rk of its m present units us, and their scores (see rankShareScores). */
function rankShareAt(us: Int32Array, rk: Int32Array, m: number, place: Int32Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, wp: number, wmp: number, wd: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  wp = +wp; wmp = +wmp; wd = +wd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  // the scope's present count is m
  const c = wp / m;
  for (let k = 0; k < m; k++) {
    const rank = rk[k];
    const u = us[k];
    place[u] = rank;
    const v = shareScore(m - rank + 1, c, wmp, wd, m);
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** Scores of rank indicators for scopes [from, to) from their places. */
function rankScores(ctx: Ctx, ic: IndicatorCtx, fam: Family, p: IndicatorPeriod, total: Float64Array, pending: Int32Array, from: number, to: number, np: number, full: boolean): number {
  const { offsets, members } = fam;
  const place = p.place as Int32Array;
  if (ic.stepR) return rankStepScores(members, offsets[from], offsets[to], p.missing, place, p.score, total, pending, np, ic.weightF, ic.stepF, ctx.precF, ic.wm, ic.wd, ic.sm, ic.sd, full);
  for (let s = from; s < to; s++) {
    np = rankShareScores(members, offsets[s], offsets[s + 1], p.missing, place, (p.scopeN as Int32Array)[s], p.score, total, pending, np, ic.weightF * ctx.precF, ic.wm * ctx.precF, ic.wd, full);
  }
  return np;
}

/** Every large scope's figures lie within 2^32 of each other (placesLarge's keys). */
function placesFit(fam: Family, ytd: Float64Array, maxU: Int32Array, minU: Int32Array): boolean {
  const offsets = fam.offsets;
  for (let s = 0; s < offsets.length - 1; s++) {
    if (offsets[s + 1] - offsets[s] > SMALL && maxU[s] >= 0 && !(ytd[maxU[s]] - ytd[minU[s]] < 2 ** 32)) return false;
  }
  return true;
}

/** Very long figures (BigInts): every score exactly. */
function scoreAgainstScopeExactly(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, fam: Family, p: IndicatorPeriod, sums: PeriodSums, pending: Int32Array): number {
  const maxU = p.scopeMaxU as Int32Array;
  const minU = p.scopeMinU as Int32Array;
  const big = p.ytdBig as (bigint | null)[];
  extremesBig(fam, big, p.missing, sums.missingAny, p.score, p.scopeN as Int32Array, maxU, minU);
  if (ind.method === 'rank') placesExact(ctx, ind, fam, p);
  // (the exact path scores a range scope of equal figures and a best scope whose highest is ≤ 0 too)
  return allPresent(fam, p.missing, p.score, pending);
}

/** One scope: its members' missing flags (a missing member's score 0), present count and extremes; the scores of the present ones are written after. */
function scanScope(members: Int32Array, start: number, end: number, ytd: Float64Array, mask: Float64Array, acc: boolean, missing: Uint8Array, missingAny: Uint8Array, score: Float64Array, scopeN: Int32Array, maxU: Int32Array, minU: Int32Array, s: number): void {
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isAcc = acc === true;
  let n = 0;
  let hiU = -1;
  let loU = -1;
  let hi = -Infinity;
  let lo = Infinity;
  for (let q = start; q < end; q++) {
    const u = members[q];
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      continue;
    }
    const y = isAcc ? (ytd[u] += fig) : ytd[u];
    n++;
    if (y > hi) {
      hi = y;
      hiU = u;
    }
    if (y < lo) {
      lo = y;
      loU = u;
    }
  }
  scopeN[s] = n;
  maxU[s] = hiU;
  minU[s] = loU;
}

function extremesBig(fam: Family, big: (bigint | null)[], missing: Uint8Array, missingAny: Uint8Array, score: Float64Array, scopeN: Int32Array, maxU: Int32Array, minU: Int32Array): void {
  const { offsets, members } = fam;
  for (let s = 0; s < offsets.length - 1; s++) {
    let n = 0;
    let hiU = -1;
    let loU = -1;
    for (let q = offsets[s]; q < offsets[s + 1]; q++) {
      const u = members[q];
      score[u] = 0;
      const y = big[u];
      if (y === null) {
        missing[u] = 1;
        missingAny[u] = 1;
        continue;
      }
      missing[u] = 0;
      n++;
      if (hiU < 0 || y > (big[hiU] as bigint)) hiU = u;
      if (loU < 0 || y < (big[loU] as bigint)) loU = u;
    }
    scopeN[s] = n;
    maxU[s] = hiU;
    minU[s] = loU;
  }
}

/** The present members of one scope, for the exact path (score NaN until it decides). */
function presentOf(members: Int32Array, start: number, end: number, missing: Uint8Array, score: Float64Array, pending: Int32Array, np: number): number {
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    score[u] = NaN;
    pending[np++] = u;
  }
  return np;
}

/** Every present unit, for the exact path. */
function allPresent(fam: Family, missing: Uint8Array, score: Float64Array, pending: Int32Array): number {
  let np = 0;
  for (let q = 0; q < fam.members.length; q++) {
    const u = fam.members[q];
    if (missing[u]) continue;
    score[u] = NaN;
    pending[np++] = u;
  }
  return np;
}

/** best, one scope: round(wp × max(y, 0) / m), m the scope's highest (every score 0 when m ≤ 0). */
function bestScores(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, m: number, wp: number, wmp: number, wd: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  m = +m; wp = +wp; wmp = +wmp; wd = +wd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  if (m <= 0) {
    if (isFull) for (let q = start; q < end; q++) score[members[q]] = 0;
    return np;
  }
  const c = wp / m;
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    const y = ytd[u] * +(ytd[u] > 0) + 0;
    const x = y * c;
    let v = Math.floor(x + 0.5);
    if (nearHalfAt(x, v)) v = +roundRatio(wmp * y, wd * m);
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** range, one scope: round(wp × (y − lo) / (hi − lo)), or (hi − y) for direction lower. */
function rangeScores(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, hi: number, lo: number, higher: boolean, wp: number, wmp: number, wd: number, fullScore: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  hi = +hi; lo = +lo; wp = +wp; wmp = +wmp; wd = +wd; fullScore = +fullScore;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isHigher = higher === true;
  const isFull = full === true;
  const same = hi === lo;
  const c = wp / (hi - lo);
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    if (same) {
      // every figure of the scope equal: full points
      score[u] = fullScore;
      total[u] += fullScore;
      continue;
    }
    const part = isHigher ? ytd[u] - lo : hi - ytd[u];
    const x = part * c;
    let v = Math.floor(x + 0.5);
    if (nearHalfAt(x, v)) v = +roundRatio(wmp * part, wd * (hi - lo));
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** rank with an explicit step, one scope: max(0, weight − step × (place − 1)) */
function rankStepScores(members: Int32Array, start: number, end: number, missing: Uint8Array, place: Int32Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, weightF: number, stepF: number, precF: number, wm: number, wd: number, sm: number, sd: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  weightF = +weightF; stepF = +stepF; precF = +precF; wm = +wm; wd = +wd; sm = +sm; sd = +sd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    const v = stepScore(place[u], weightF, stepF, precF, wm, wd, sm, sd);
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** rank without a step, one scope of n present: step = weight / n, so s = weight × (n − place + 1) / n */
function rankShareScores(members: Int32Array, start: number, end: number, missing: Uint8Array, place: Int32Array, n: number, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, wp: number, wmp: number, wd: number, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  n = +n; wp = +wp; wmp = +wmp; wd = +wd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  const c = wp / n;
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    // place ≤ n among the present units, so left ≥ 1
    const v = shareScore(n - place[u] + 1, c, wmp, wd, n);
    if (isFull || v !== v) score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** max(0, weight − step × (place − 1)), scaled and rounded; NaN when only the exact path can tell */
function stepScore(rk: number, weightF: number, stepF: number, precF: number, wm: number, wd: number, sm: number, sd: number): number {
  const x = (weightF - stepF * (rk - 1)) * precF;
  const fl = Math.floor(x + 0.5);
  let v = fl * +(x > 0) + 0;
  if (x > 0 && nearHalfAt(x, fl)) {
    // (wm/wd − sm/sd × (rank − 1)) × 10^precision = (wm × sd − sm × wd × (rank − 1)) × 10^precision / (wd × sd)
    const a = wm * sd;
    const b = sm * wd * (rk - 1);
    v = a < 2 ** 52 && b < 2 ** 52 ? (a - b <= 0 ? 0 : +roundRatio((a - b) * precF, wd * sd)) : 0 / 0;
  }
  return v;
}

/** weight × left / n (left = n − place + 1 ≥ 1, c = weight × 10^precision / n), rounded; NaN when only the exact path can tell */
function shareScore(left: number, c: number, wmp: number, wd: number, n: number): number {
  const x = left * c;
  const v = Math.floor(x + 0.5);
  return nearHalfAt(x, v) ? +roundRatio(wmp * left, wd * n) : v;
}
