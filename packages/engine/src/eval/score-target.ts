// Contract section 3.2: completion and schedule — a unit's year-to-date figure (3.1) against its
// target (schedule: the target times the share of the year elapsed), capped, and behind schedule.
import type { ValueIndicator } from '../model.ts';
import type { Ctx, IndicatorCtx } from './context.ts';
import { cmpRatio as cmpRatioImported, nearHalfAt as nearHalfAtImported, nearOne as nearOneImported, roundScaledRatio as roundScaledRatioImported } from './fast.ts';
import type { IndicatorPeriod, PeriodSums } from './scoring.ts';

// Speed: functions of other modules that a loop calls per unit (or per scope) are read through
// module constants. Run through tsx (as the bench and the server are), V8 compiled each such call of
// an imported binding to a generic property load (KeyedLoadIC_Megamorphic in its optimized code)
// and did not inline the function: about a quarter of computePeriod's time at 100,000 units. A
// module constant is read from the module's context and the call is inlined.
const nearHalfAt = nearHalfAtImported;
const nearOne = nearOneImported;
const cmpRatio = cmpRatioImported;
const roundScaledRatio = roundScaledRatioImported;

/** Undecided marker for `behind` while the float path cannot tell. */
export const UNDECIDED = 255;

/**
 * Returns the number of units left in `pending` for the exact path. `p.missing` comes zeroed (the
 * kernels mark the missing units); `full`: every score is written, else only those left pending.
 */
export function scoreAgainstTarget(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, t: number, p: IndicatorPeriod, mask: Float64Array, acc: boolean, sums: PeriodSums, pending: Int32Array, full: boolean): number {
  const schedule = ind.method === 'schedule';
  // r = ytd ÷ (target × m/M); completion is the case m/M = 1
  const m = schedule ? t + 1 : 1;
  const M = schedule ? ctx.perYear : 1;
  const ytd = p.ytd as Float64Array;
  // completion has no behind schedule: nothing is written to it
  const behind = p.behind ?? NO_BEHIND;
  let np: number;
  if (p.ytdBig !== null || !ic.uniform) {
    // figures too long for doubles, or (1.1) weights that differ by group: every present unit exactly
    np = allExactly(ytd, mask, acc, p.score, p.missing, behind, schedule, sums.missingAny, pending);
  } else {
    const wp = ic.weightF * ctx.precF;
    const kernel = ind.direction === 'higher' ? higherKernel : lowerKernel;
    np = kernel(ytd, mask, acc, ic.tm as Float64Array, ic.tinv as Float64Array, ic.td, p.score, p.missing, behind, sums.total, sums.missingAny, pending,
      schedule, m, M, ic.capF, wp * ic.capF, ic.capScore, wp, ic.unitF, ctx.precF, ic.wm, ic.wd, full);
  }
  return np;
}

const NO_BEHIND = new Uint8Array(0);

/**
 * completion / schedule, direction higher, for every unit: r = ytd ÷ (target × m/M) =
 * y × td × M / (unitF × tm[u] × m) with y the ytd mantissa, score = round(weight × clamp(r, 0,
 * cap)), behind ⇔ r < 1. In doubles where they provably decide (see fast.ts; seven roundings at
 * most), without data-dependent branches; then in integers; units neither decides go to `pending`
 * with score NaN and/or behind UNDECIDED.
 */
function higherKernel(
  ytd: Float64Array, mask: Float64Array, acc: boolean, tm: Float64Array, tinv: Float64Array, td: number,
  score: Float64Array, missing: Uint8Array, behind: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array,
  schedule: boolean, m: number, M: number, cap: number, capX: number, capScore: number, wp: number, unitF: number, precF: number, wm: number, wd: number, full: boolean,
): number {
  // scalars unboxed once: see SCALARS in fast.ts
  td = +td; m = +m; M = +M; cap = +cap; capX = +capX; capScore = +capScore; wp = +wp; unitF = +unitF; precF = +precF; wm = +wm; wd = +wd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isAcc = acc === true;
  const isSchedule = schedule === true;
  const isFull = full === true;
  const a = (td * M) / (unitF * m);
  let np = 0;
  for (let u = 0; u < ytd.length; u++) {
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      if (isSchedule) behind[u] = 0;
      continue;
    }
    // (not accumulating, ytd is the period's column itself: see prepareYtd)
    const y = isAcc ? (ytd[u] += fig) : fig;
    // y × a × (1 / tm[u]): a multiplication instead of a division (see TargetLayout.tinv)
    const r = y * a * tinv[u];
    const x = r * wp;
    // round(x), capScore above the cap, 0 at or below 0 (+ 0 turns −0 into 0)
    const fl = Math.floor(x + 0.5);
    let s = (fl + (capScore - fl) * +(x > capX)) * +(x > 0) + 0;
    // x near a .5 (or tm[u] not exact): decide in integers, x = wm·precF·td·M / (wd·unitF·tm·m) × y
    if (nearHalfAt(x, fl) || x !== x) s = +openScore(r, cap, capScore, wm * precF * td * M, wd * unitF * tm[u] * m, y, 1);
    let b = 0;
    if (isSchedule) {
      b = +(r < 1);
      if (nearOne(r) || r !== r) b = +openBehind(y * td * M, unitF * tm[u] * m);
      behind[u] = b;
    }
    if (s !== s || b === UNDECIDED) {
      score[u] = s;
      pending[np++] = u;
    } else {
      if (isFull) score[u] = s;
      total[u] += s;
    }
  }
  return np;
}

/** completion / schedule, direction lower: r = target × m/M ÷ ytd, and r = cap where ytd ≤ 0. */
function lowerKernel(
  ytd: Float64Array, mask: Float64Array, acc: boolean, tm: Float64Array, tinv: Float64Array, td: number,
  score: Float64Array, missing: Uint8Array, behind: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array,
  schedule: boolean, m: number, M: number, cap: number, capX: number, capScore: number, wp: number, unitF: number, precF: number, wm: number, wd: number, full: boolean,
): number {
  // scalars unboxed once: see SCALARS in fast.ts
  td = +td; m = +m; M = +M; cap = +cap; capX = +capX; capScore = +capScore; wp = +wp; unitF = +unitF; precF = +precF; wm = +wm; wd = +wd;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isAcc = acc === true;
  const isSchedule = schedule === true;
  const isFull = full === true;
  const a = (m * unitF) / (td * M);
  let np = 0;
  for (let u = 0; u < ytd.length; u++) {
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      if (isSchedule) behind[u] = 0;
      continue;
    }
    // (not accumulating, ytd is the period's column itself: see prepareYtd)
    const y = isAcc ? (ytd[u] += fig) : fig;
    let s: number;
    let b = 0;
    if (y <= 0) {
      // nothing consumed (or less than nothing): the ratio is the cap
      s = capScore;
      b = cap < 1 ? 1 : 0;
    } else {
      const r = (tm[u] * a) / y;
      const x = r * wp;
      const fl = Math.floor(x + 0.5);
      s = fl + (capScore - fl) * +(x > capX);
      // x = wm·precF·tm·m·unitF / (wd·td·M) ÷ y
      if (nearHalfAt(x, fl) || x !== x) s = +openScore(r, cap, capScore, wm * precF * tm[u] * m * unitF, wd * td * M, 1, y);
      if (isSchedule) {
        b = +(r < 1);
        if (nearOne(r) || r !== r) b = +openBehind(tm[u] * m * unitF, td * M * y);
      }
    }
    if (isSchedule) behind[u] = b;
    if (s !== s || b === UNDECIDED) {
      score[u] = s;
      pending[np++] = u;
    } else {
      if (isFull) score[u] = s;
      total[u] += s;
    }
  }
  return np;
}

/** Marks missing units and sends every present one to the exact path (adding non-cumulative figures). */
function allExactly(ytd: Float64Array, mask: Float64Array, acc: boolean, score: Float64Array, missing: Uint8Array, behind: Uint8Array, schedule: boolean, missingAny: Uint8Array, pending: Int32Array): number {
  let np = 0;
  for (let u = 0; u < ytd.length; u++) {
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      if (schedule) behind[u] = 0;
    } else {
      if (acc) ytd[u] += fig;
      score[u] = NaN;
      if (schedule) behind[u] = UNDECIDED;
      pending[np++] = u;
    }
  }
  return np;
}

const CAP_HI = 1 + 1e-12;
const CAP_LO = 1 - 1e-12;

/**
 * The score when x is near a .5: the cap or 0 when the ratio is clearly beyond them, else
 * round(c × yN / (d × yD)) in integers; NaN (the exact path) when that cannot decide either.
 */
function openScore(r: number, cap: number, capScore: number, c: number, d: number, yN: number, yD: number): number {
  if (r > cap * CAP_HI) return capScore;
  if (r <= 0) return 0;
  if (r < cap * CAP_LO) return roundScaledRatio(c, d, yN, yD);
  // (0 / 0: NaN without a global load, see fast.ts)
  return 0 / 0;
}

/** behind ⇔ rN / rD < 1, in integers; UNDECIDED when they are too long. */
function openBehind(rN: number, rD: number): number {
  const c = cmpRatio(rN, rD, 1, 1);
  return c !== c ? UNDECIDED : c < 0 ? 1 : 0;
}

