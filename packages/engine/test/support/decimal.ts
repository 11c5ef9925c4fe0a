// Exact decimal helpers for tests (BigInt mantissa + scale), independent of the engine's own Dec.
export interface D {
  m: bigint;
  s: number;
}

export function parseD(text: string): D {
  const t = text.trim();
  const match = /^(-?)(\d+)(?:\.(\d+))?$/.exec(t);
  if (!match) throw new Error(`not a plain decimal: ${text}`);
  const frac = match[3] ?? '';
  const m = BigInt(match[2] + frac);
  return { m: match[1] ? -m : m, s: frac.length };
}

/** a JS number that holds an already-rounded decimal (≤ 15 significant digits) as an exact decimal */
export function numD(n: number): D {
  let t = String(n);
  if (/e/i.test(t)) t = n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
  return parseD(t);
}

export function at(d: D, s: number): bigint {
  if (s < d.s) throw new Error('scale down');
  return d.m * 10n ** BigInt(s - d.s);
}

export function addD(a: D, b: D): D {
  const s = Math.max(a.s, b.s);
  return { m: at(a, s) + at(b, s), s };
}

export function mulD(a: D, b: D): D {
  return { m: a.m * b.m, s: a.s + b.s };
}

export function eqD(a: D, b: D): boolean {
  const s = Math.max(a.s, b.s);
  return at(a, s) === at(b, s);
}

export function strD(d: D): string {
  const neg = d.m < 0n;
  let digits = (neg ? -d.m : d.m).toString();
  if (d.s > 0) {
    digits = digits.padStart(d.s + 1, '0');
    digits = `${digits.slice(0, digits.length - d.s)}.${digits.slice(digits.length - d.s)}`;
  }
  return (neg ? '-' : '') + digits;
}

/** integer mantissa m at scale s as a decimal text: (1234, 2) → "12.34" */
export function dec(m: number, s: number): string {
  return strD({ m: BigInt(m), s });
}

export function cmpD(a: D, b: D): number {
  const s = Math.max(a.s, b.s);
  const x = at(a, s);
  const y = at(b, s);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function negD(a: D): D {
  return { m: -a.m, s: a.s };
}
