// 3.5 exactness, checked against an independent reference: random figures and weights with short
// decimals (the kind that land exactly on a .5 of the last kept decimal), every value method, and
// each score compared with the same formula computed in BigInt rationals here. The engine decides
// most scores in floating point and falls back to exact arithmetic near rounding boundaries; this
// test is what keeps that shortcut honest.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, parseSpec, type DataRow, type ValueIndicatorResult } from '../src/index.ts';

/** a decimal as [mantissa, scale] → exact rational [n, d] */
function rat(text: string): [bigint, bigint] {
  const neg = text.startsWith('-');
  const t = neg ? text.slice(1) : text;
  const [i, f = ''] = t.split('.');
  const n = BigInt(i + f) * (neg ? -1n : 1n);
  return [n, 10n ** BigInt(f.length)];
}

/** half away from zero, to `prec` decimals, of n/d (d > 0), as the decimal's JSON number */
function round(n: bigint, d: bigint, prec: number): number {
  const s = n * 10n ** BigInt(prec);
  const neg = s < 0n;
  const a = neg ? -s : s;
  const q = (2n * a + d) / (2n * d);
  const v = Number(neg ? -q : q) / 10 ** prec;
  return v === 0 ? 0 : v;
}

const mul = (a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] => [a[0] * b[0], a[1] * b[1]];
const div = (a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] => (b[0] < 0n ? [-a[0] * b[1], -a[1] * b[0]] : [a[0] * b[1], a[1] * b[0]]);
const sub = (a: [bigint, bigint], b: [bigint, bigint]): [bigint, bigint] => [a[0] * b[1] - b[0] * a[1], a[1] * b[1]];
const cmp = (a: [bigint, bigint], b: [bigint, bigint]) => {
  const x = a[0] * b[1];
  const y = b[0] * a[1];
  return x < y ? -1 : x > y ? 1 : 0;
};
const min = (a: [bigint, bigint], b: [bigint, bigint]) => (cmp(a, b) <= 0 ? a : b);
const max = (a: [bigint, bigint], b: [bigint, bigint]) => (cmp(a, b) >= 0 ? a : b);
const ZERO: [bigint, bigint] = [0n, 1n];

const decimal = (maxInt: number, scale: number) =>
  fc.tuple(fc.integer({ min: 0, max: maxInt }), fc.integer({ min: 0, max: 10 ** scale - 1 })).map(([i, f]) => (scale === 0 ? String(i) : `${i}.${String(f).padStart(scale, '0')}`));

const UNITS = ['a', 'b', 'c', 'd'];

describe('3.5 every score equals the exact rational rounded half away from zero', () => {
  it('completion and schedule, both directions, with cap', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('completion', 'schedule'),
        fc.constantFrom('higher', 'lower'),
        decimal(60, 1).filter((w) => Number(w) > 0),
        decimal(20, 2).filter((t) => Number(t) > 0),
        fc.constantFrom('1', '1.2', '1.5'),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(decimal(30, 3), { minLength: 4, maxLength: 4 }),
        (method, direction, weight, target, cap, precision, month, figures) => {
          const spec = parseSpec(`version: 1
campaign: {id: t, name: T, year: 2026, cadence: month, precision: ${precision}}
groups: [{id: g, name: G}]
units: [${UNITS.map((u) => `{id: ${u}, name: ${u}, group: g}`).join(', ')}]
indicators: [{id: x, name: X, input: value, weight: ${weight}, method: ${method}, direction: ${direction}, target: ${target}, cap: ${cap}}]`);
          if (!spec.ok) throw new Error(spec.issues[0].message);
          const period = `2026-${String(month).padStart(2, '0')}`;
          const rows: DataRow[] = UNITS.map((u, i) => ({ unit: u, indicator: 'x', period, value: figures[i], row: i + 2 }));
          const data = checkData(spec.value, rows);
          if (!data.ok) throw new Error(data.issues[0].message);
          const result = evaluate(spec.value, data.value, { period });
          UNITS.forEach((u, i) => {
            const y = rat(figures[i]);
            let goal = rat(target);
            if (method === 'schedule') goal = mul(goal, [BigInt(month), 12n]);
            const capR = rat(cap);
            const r = direction === 'higher' ? div(y, goal) : y[0] <= 0n ? capR : div(goal, y);
            const s = mul(rat(weight), min(max(r, ZERO), capR));
            const got = (result.units.find((x) => x.unit === u)?.indicators.x as ValueIndicatorResult).score;
            expect(got).toBe(round(s[0], s[1], precision));
          });
        },
      ),
      { numRuns: 400 },
    );
    // hundreds of evaluations: room for a loaded machine
  }, 60_000);

  it('best and range, both directions', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('best', 'range'),
        fc.constantFrom('higher', 'lower'),
        decimal(60, 1).filter((w) => Number(w) > 0),
        fc.integer({ min: 0, max: 4 }),
        fc.array(decimal(30, 3), { minLength: 4, maxLength: 4 }),
        (method, direction, weight, precision, figures) => {
          if (method === 'best' && direction === 'lower') return;
          const spec = parseSpec(`version: 1
campaign: {id: t, name: T, year: 2026, cadence: month, precision: ${precision}}
groups: [{id: g, name: G}]
units: [${UNITS.map((u) => `{id: ${u}, name: ${u}, group: g}`).join(', ')}]
indicators: [{id: x, name: X, input: value, weight: ${weight}, method: ${method}, direction: ${direction}}]`);
          if (!spec.ok) throw new Error(spec.issues[0].message);
          const rows: DataRow[] = UNITS.map((u, i) => ({ unit: u, indicator: 'x', period: '2026-01', value: figures[i], row: i + 2 }));
          const data = checkData(spec.value, rows);
          if (!data.ok) throw new Error(data.issues[0].message);
          const result = evaluate(spec.value, data.value);
          const ys = figures.map(rat);
          const hi = ys.reduce((a, b) => max(a, b));
          const lo = ys.reduce((a, b) => min(a, b));
          const w = rat(weight);
          UNITS.forEach((u, i) => {
            let s: [bigint, bigint];
            if (method === 'best') s = hi[0] > 0n ? div(mul(w, max(ys[i], ZERO)), hi) : ZERO;
            else if (cmp(hi, lo) === 0) s = w;
            else s = div(mul(w, direction === 'higher' ? sub(ys[i], lo) : sub(hi, ys[i])), sub(hi, lo));
            const got = (result.units.find((x) => x.unit === u)?.indicators.x as ValueIndicatorResult).score;
            expect(got).toBe(round(s[0], s[1], precision));
          });
        },
      ),
      { numRuns: 400 },
    );
    // hundreds of evaluations: room for a loaded machine
  }, 60_000);
});
