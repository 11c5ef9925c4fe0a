// Contract section 3.3: section scores (input: score) — the points a section gives, rounded to the
// campaign's precision.
import { Rat } from '../decimal.ts';
import type { Ctx, IndicatorCtx } from './context.ts';
import { nearHalfAt as nearHalfAtImported, roundRatio as roundRatioImported } from './fast.ts';
import type { IndicatorPeriod, PeriodSums } from './scoring.ts';

// Speed: imported functions called in loops are read through module constants (see score-target.ts).
const nearHalfAt = nearHalfAtImported;
const roundRatio = roundRatioImported;

/** `p.missing` comes zeroed (the kernels mark the missing units); `full`: every score is written, else only those left pending. */
export function scoreGiven(ctx: Ctx, ic: IndicatorCtx, col: Float64Array, base: number, p: IndicatorPeriod, sums: PeriodSums, big: (bigint | null)[] | null, full: boolean): void {
  const pending = ctx.arena.tmpI32(ctx.U);
  // figures with no more decimals than the precision: every score is the mantissa times a power
  // of ten (exact in a double below 2^53, checked per unit), no rounding to decide
  const c = ctx.precF / ic.unitF;
  const np =
    big !== null
      ? allReported(big, base, p.score, p.missing, sums.missingAny, pending)
      : Number.isInteger(c)
        ? scaledKernel(col, base, c, p.score, p.missing, sums.total, sums.missingAny, pending, full)
        : givenKernel(col, base, ic.unitF, ctx.precF, p.score, p.missing, sums.total, sums.missingAny, pending, full);
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    const s = Number(Rat.of(big ? (big[base + u] as bigint) : BigInt(col[base + u]), ic.unitB).roundScaled(ctx.prec));
    p.score[u] = s;
    sums.total[u] += s;
  }
  ctx.arena.free(pending);
}

/** points as given, rounded to the campaign's precision: m × precF / unitF */
function givenKernel(col: Float64Array, base: number, unitF: number, precF: number, score: Float64Array, missing: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  unitF = +unitF; precF = +precF;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  // an integer (exact) when the figures have no more decimals than the precision
  const c = precF / unitF;
  let np = 0;
  for (let u = 0; u < score.length; u++) {
    const m = col[base + u];
    if (m !== m) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      continue;
    }
    const x = m * c;
    // scores are 0…weight, so m ≥ 0; roundRatio is exact, or NaN when the numbers are too long
    const fl = Math.floor(x + 0.5);
    const s = nearHalfAt(x, fl) ? +roundRatio(m * precF, unitF) : fl;
    if (isFull || s !== s) score[u] = s;
    if (s !== s) pending[np++] = u;
    else total[u] += s;
  }
  return np;
}

/** points as given when precF / unitF is an integer c: m × c, exactly (else the exact path) */
function scaledKernel(col: Float64Array, base: number, c: number, score: Float64Array, missing: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array, full: boolean): number {
  // scalars unboxed once: see SCALARS in fast.ts
  c = +c;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isFull = full === true;
  let np = 0;
  for (let u = 0; u < score.length; u++) {
    const m = col[base + u];
    if (m !== m) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      continue;
    }
    // a product of integers below 2^53 is exact; the mantissa m is an integer (+ 0: no −0)
    const x = m * c + 0;
    // (0 / 0: NaN without a global load, see fast.ts)
    const s = x < 2 ** 53 && x > -(2 ** 53) ? x : 0 / 0;
    if (isFull || s !== s) score[u] = s;
    if (s !== s) pending[np++] = u;
    else total[u] += s;
  }
  return np;
}

function allReported(big: (bigint | null)[], base: number, score: Float64Array, missing: Uint8Array, missingAny: Uint8Array, pending: Int32Array): number {
  let np = 0;
  for (let u = 0; u < score.length; u++) {
    const reported = big[base + u] !== null;
    missing[u] = reported ? 0 : 1;
    score[u] = 0;
    if (reported) pending[np++] = u;
    else missingAny[u] = 1;
  }
  return np;
}

