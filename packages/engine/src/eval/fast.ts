// The fast path of exact arithmetic. Scores are computed in doubles; a double result is used only
// when it provably rounds the same way as the true rational value, i.e. when it is not within a
// generous error bound of a rounding boundary (a .5 of the last kept decimal) or of a comparison's
// tie. Otherwise the caller recomputes exactly with BigInt rationals. The error of the few
// operations involved is below 1e-15 relative, so a 1e-12 margin leaves room to spare.

const REL = 1e-12;

// Speed: the functions here return `0 / 0` rather than `NaN`. They are inlined into the scoring
// loops, and V8 (Node 20) reads the global `NaN` with a property load (LoadGlobalIC) when that
// path had not run before the loop was optimized; its result has no known type, so every value
// merged with it (a score) became a boxed number in the loop — a heap allocation or a small-integer
// tag and check per unit. `0 / 0` is folded by V8's parser into a number constant. The scoring
// kernels (score-*.ts, rank-places.ts) do the same.
//
// BOOLEANS: a kernel's boolean parameters (`full`, `acc`, `higher`, …) are compared with `true`
// once, before the loop. V8 does not know a parameter's type, so each `if (full)` in the loop was
// compiled to the generic truthiness test (false, '', undetectable, number, BigInt) at every use,
// every unit; the comparison's result is known to be a boolean, tested with one instruction.
//
// RARE CALLS: a call on a rare path (the integer or exact fallback of a rounding, `+roundRatio(…)`)
// is not inlined, and V8 takes its result for any value: merged with the loop's own score it made
// that score a boxed number on the common path too (a small-integer tag, or a heap allocation,
// per unit). The unary plus checks the result is a number there, on the rare path, so the score
// stays an unboxed double in the loop.
//
// SCALARS: a kernel's number parameters that are not small integers (weights, scales, bounds) are
// unboxed once, before the loop (`wp = +wp`). V8 keeps a parameter as it was passed, a boxed
// number, and unboxed it again — a type check and a load — at every use in the loop, every unit
// (a standalone loop with three such parameters: 5 → 2.4 ns per element).

/**
 * Half-away-from-zero rounding of x (≈ true value × 10^precision) to an integer, or NaN when x is
 * too close to a rounding boundary for floating point to decide.
 */
export function roundOrNaN(x: number): number {
  const a = x < 0 ? -x : x;
  const f = Math.floor(a);
  const d = a - f - 0.5;
  const tol = a > 1 ? a * REL : REL;
  if (d < tol && d > -tol) return 0 / 0;
  const r = d > 0 ? f + 1 : f;
  return x < 0 ? -r : r;
}

/**
 * The hot loops' form of roundOrNaN, without data-dependent branches (with real figures the
 * rounding direction is a coin toss, and a mispredicted branch per unit costs more than the
 * arithmetic): `fl = Math.floor(x + 0.5)` is the half-away-from-zero rounding of the true value
 * unless `nearHalfAt(x, fl)`, i.e. unless x is within (1 + |x|) × 1e-12 of a rounding boundary.
 * d = x + 0.5 − fl is x's distance above the boundary below (the sum's own rounding error is
 * below |x| × 1.2e-16); where d ≥ tol and 1 − d ≥ tol, the true value, within 1e-15 relative of
 * x, lies strictly between the same two boundaries, so it rounds to fl as well (a tie rounds away
 * from zero, which floor(x + 0.5) does not do for negative ties — but ties are never decided
 * here).
 */
export function nearHalfAt(x: number, fl: number): boolean {
  const d = x + 0.5 - fl;
  const tol = (1 + Math.abs(x)) * REL;
  return d < tol || d > 1 - tol;
}

/** True when r is too close to 1 for floating point to say which side it is on. */
export function nearOne(r: number): boolean {
  return Math.abs(r - 1) <= (1 + Math.abs(r)) * REL;
}

/** Sign of a − b, or NaN when the two are too close for floating point to decide. */
export function cmpOrNaN(a: number, b: number): number {
  const diff = a - b;
  const m = Math.max(a < 0 ? -a : a, b < 0 ? -b : b, 1e-300);
  if ((diff < 0 ? -diff : diff) <= m * REL) return 0 / 0;
  return diff > 0 ? 1 : -1;
}

const LIMIT = 2 ** 52;

/**
 * Half-away-from-zero rounding of N / D, exactly, for non-negative integers N and positive
 * integers D below 2^52 held in doubles (a product of integer factors is exact when the product
 * is below 2^53, so checking the result suffices); NaN when they are too large.
 * This settles the near-.5 cases of the fast path without BigInts.
 */
export function roundRatio(N: number, D: number): number {
  if (!(N >= 0 && N < LIMIT && D > 0 && D < LIMIT)) return 0 / 0;
  let q = Math.floor(N / D);
  let r = N - q * D;
  // the float quotient may be one off; the remainder says which way
  if (r < 0) {
    q -= 1;
    r += D;
  } else if (r >= D) {
    q += 1;
    r -= D;
  }
  return 2 * r >= D ? q + 1 : q;
}

/** Sign of A/B − C/D for non-negative integers below 2^26 each side's product; NaN when too large. */
export function cmpRatio(A: number, B: number, C: number, D: number): number {
  const l = A * D;
  const r = C * B;
  if (!(l < LIMIT && r < LIMIT)) return 0 / 0;
  return l > r ? 1 : l < r ? -1 : 0;
}

function gcdNum(a: number, b: number): number {
  while (b !== 0) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/**
 * roundRatio of (c × yN) / (d × yD), with the constant factors c / d reduced first so that the
 * products stay below 2^52 for realistic figures (c and d must be exact integers themselves).
 */
export function roundScaledRatio(c: number, d: number, yN: number, yD: number): number {
  if (!(c < LIMIT && d < LIMIT)) return 0 / 0;
  const g = gcdNum(c, d);
  return roundRatio((c / g) * yN, (d / g) * yD);
}
