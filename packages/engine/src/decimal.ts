// Exact arithmetic. A reported figure or a number in a spec is a decimal as written (`33.3` is
// exactly 33.3), so it is kept as an integer mantissa and a power of ten. Scores are quotients of
// such decimals; they are computed exactly as rationals of BigInts whenever floating point could
// be wrong (see fast.ts), and rounded half away from zero.

const PLAIN_DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

function gcd(a: bigint, b: bigint): bigint {
  if (a < 0n) a = -a;
  if (b < 0n) b = -b;
  while (b !== 0n) {
    const t = a % b;
    a = b;
    b = t;
  }
  return a;
}

/** An exact decimal: mant × 10^-scale. */
export class Dec {
  readonly mant: bigint;
  readonly scale: number;

  constructor(mant: bigint, scale: number) {
    // normalise trailing zeros away so that equal values have equal representations
    while (scale > 0 && mant % 10n === 0n) {
      mant /= 10n;
      scale -= 1;
    }
    this.mant = mant;
    this.scale = scale;
  }

  /** A plain decimal such as `-12` or `3.275`: no exponent, no thousands separators. */
  static parse(text: string): Dec | null {
    const m = PLAIN_DECIMAL.exec(text);
    if (!m) return null;
    const frac = m[3] ?? '';
    let mant = BigInt(m[2] + frac);
    if (m[1] === '-') mant = -mant;
    return new Dec(mant, frac.length);
  }

  /**
   * The decimal a JavaScript number was written as. The shortest round-trip representation of
   * a double is the decimal that produced it for every literal of up to 15 significant digits.
   */
  static fromNumber(n: number): Dec {
    if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
    const s = String(n);
    const e = s.indexOf('e');
    if (e < 0) return Dec.parse(s) as Dec;
    const base = Dec.parse(s.slice(0, e)) as Dec;
    const exp = Number(s.slice(e + 1));
    return exp >= 0 ? new Dec(base.mant * pow10(exp), base.scale) : new Dec(base.mant, base.scale - exp);
  }

  static of(n: number | string): Dec {
    return typeof n === 'number' ? Dec.fromNumber(n) : (Dec.parse(n) ?? Dec.fromNumber(Number(n)));
  }

  static readonly ZERO = new Dec(0n, 0);
  static readonly ONE = new Dec(1n, 0);

  toNumber(): number {
    return Number(this.toString());
  }

  toString(): string {
    return scaledToText(this.mant, this.scale);
  }

  toRat(): Rat {
    return Rat.of(this.mant, pow10(this.scale));
  }

  isInteger(): boolean {
    return this.scale === 0;
  }

  sign(): number {
    return this.mant > 0n ? 1 : this.mant < 0n ? -1 : 0;
  }

  cmp(o: Dec): number {
    const s = Math.max(this.scale, o.scale);
    const a = this.mant * pow10(s - this.scale);
    const b = o.mant * pow10(s - o.scale);
    return a < b ? -1 : a > b ? 1 : 0;
  }

  add(o: Dec): Dec {
    const s = Math.max(this.scale, o.scale);
    return new Dec(this.mant * pow10(s - this.scale) + o.mant * pow10(s - o.scale), s);
  }

  mul(o: Dec): Dec {
    return new Dec(this.mant * o.mant, this.scale + o.scale);
  }

  /** The mantissa at a given (larger or equal) scale. */
  mantAt(scale: number): bigint {
    return this.mant * pow10(scale - this.scale);
  }
}

/** An exact rational n/d with d > 0, in lowest terms. */
export class Rat {
  readonly n: bigint;
  readonly d: bigint;

  private constructor(n: bigint, d: bigint) {
    this.n = n;
    this.d = d;
  }

  static of(n: bigint, d: bigint = 1n): Rat {
    if (d === 0n) throw new RangeError('division by zero');
    if (d < 0n) {
      n = -n;
      d = -d;
    }
    const g = gcd(n, d);
    return g > 1n ? new Rat(n / g, d / g) : new Rat(n, d);
  }

  static int(n: number | bigint): Rat {
    return new Rat(BigInt(n), 1n);
  }

  static readonly ZERO = Rat.int(0);
  static readonly ONE = Rat.int(1);

  add(o: Rat): Rat {
    return Rat.of(this.n * o.d + o.n * this.d, this.d * o.d);
  }
  sub(o: Rat): Rat {
    return Rat.of(this.n * o.d - o.n * this.d, this.d * o.d);
  }
  mul(o: Rat): Rat {
    return Rat.of(this.n * o.n, this.d * o.d);
  }
  div(o: Rat): Rat {
    return Rat.of(this.n * o.d, this.d * o.n);
  }
  cmp(o: Rat): number {
    const a = this.n * o.d;
    const b = o.n * this.d;
    return a < b ? -1 : a > b ? 1 : 0;
  }
  sign(): number {
    return this.n > 0n ? 1 : this.n < 0n ? -1 : 0;
  }
  isZero(): boolean {
    return this.n === 0n;
  }
  min(o: Rat): Rat {
    return this.cmp(o) <= 0 ? this : o;
  }
  max(o: Rat): Rat {
    return this.cmp(o) >= 0 ? this : o;
  }
  clamp(lo: Rat, hi: Rat): Rat {
    return this.max(lo).min(hi);
  }
  toNumber(): number {
    return Number(this.n) / Number(this.d);
  }

  /** Rounded half away from zero to `prec` decimals, as an integer count of 10^-prec. */
  roundScaled(prec: number): bigint {
    const num = this.n * pow10(prec);
    const neg = num < 0n;
    const a = neg ? -num : num;
    const q = (2n * a + this.d) / (2n * this.d);
    return neg ? -q : q;
  }

  round(prec: number): Dec {
    return new Dec(this.roundScaled(prec), prec);
  }
}

/** Scaled integer (count of 10^-prec) as a plain decimal with exactly prec decimals: 920, 1 → "92.0". */
export function scaledToText(scaled: number | bigint, prec: number): string {
  const neg = scaled < 0;
  let digits = (neg ? -scaled : scaled).toString();
  if (prec === 0) return (neg ? '-' : '') + digits;
  if (digits.length <= prec) digits = '0'.repeat(prec - digits.length + 1) + digits;
  const cut = digits.length - prec;
  return (neg ? '-' : '') + digits.slice(0, cut) + '.' + digits.slice(cut);
}

/** Scaled integer (count of 10^-prec) to the JSON number that carries that rounded value. */
export function scaledToNumber(scaled: number | bigint, prec: number): number {
  if (prec === 0) return Number(scaled);
  // Division of two exactly representable integers is correctly rounded, so it yields the very
  // double that parsing the decimal text would.
  if (typeof scaled === 'number' && Number.isSafeInteger(scaled) && prec <= 22) return scaled / 10 ** prec;
  return Number(new Dec(BigInt(scaled), prec).toString());
}

export { pow10 };
