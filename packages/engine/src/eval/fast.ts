// The fast path of exact arithmetic. Scores are computed in doubles; a double result is used only
// when it provably rounds the same way as the true rational value, i.e. when it is not within a
// generous error bound of a rounding boundary (a .5 of the last kept decimal) or of a comparison's
// tie. Otherwise the caller recomputes exactly with BigInt rationals. The error of the few
// operations involved is below 1e-15 relative, so a 1e-12 margin leaves room to spare.

const REL = 1e-12;

/**
 * Half-away-from-zero rounding of x (≈ true value × 10^precision) to an integer, or NaN when x is
 * too close to a rounding boundary for floating point to decide.
 */
export function roundOrNaN(x: number): number {
  const a = x < 0 ? -x : x;
  const f = Math.floor(a);
  const d = a - f - 0.5;
  const tol = a > 1 ? a * REL : REL;
  if (d < tol && d > -tol) return NaN;
  const r = d > 0 ? f + 1 : f;
  return x < 0 ? -r : r;
}

/** Sign of a − b, or NaN when the two are too close for floating point to decide. */
export function cmpOrNaN(a: number, b: number): number {
  const diff = a - b;
  const m = Math.max(a < 0 ? -a : a, b < 0 ? -b : b, 1e-300);
  if ((diff < 0 ? -diff : diff) <= m * REL) return NaN;
  return diff > 0 ? 1 : -1;
}
