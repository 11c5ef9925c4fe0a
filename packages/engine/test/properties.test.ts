// Property tests (fast-check): invariants the contract implies for every spec and data set.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, evaluateAll, parseSpec, type DataRow, type PeriodResult, type Spec, type UnitResult } from '../src/index.ts';
import { addD, cmpD, dec, eqD, mulD, negD, numD, parseD, strD, type D } from './support/decimal.ts';

const RUNS = { numRuns: 60 };
const SLOW = 60_000;

function mustSpec(text: string): Spec {
  const r = parseSpec(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n') + '\n' + text);
  return r.value;
}

function evalRows(spec: Spec, rows: Omit<DataRow, 'row'>[]): PeriodResult[] {
  const d = checkData(spec, rows.map((r, i) => ({ ...r, row: i + 2 })));
  if (!d.ok) throw new Error(d.issues.map((i) => i.message).join('\n'));
  return evaluateAll(spec, d.value);
}

// ---- a rich random campaign -------------------------------------------------------------------

interface World {
  n: number;
  groupOf: number[];
  ranking: 'competition' | 'dense';
  rows: Omit<DataRow, 'row'>[];
}

const VALUE_INDS = ['sch', 'bst', 'rng', 'rnk', 'cmp'] as const;
const MONTHS = ['2026-01', '2026-02', '2026-04'];

const figureArb = fc.tuple(fc.integer({ min: -300, max: 3000 }), fc.integer({ min: 0, max: 2 })).map(([m, s]) => dec(m, s));

const worldArb: fc.Arbitrary<World> = fc
  .record({
    n: fc.integer({ min: 2, max: 6 }),
    ranking: fc.constantFrom('competition' as const, 'dense' as const),
    seedGroups: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 6, maxLength: 6 }),
    cells: fc.array(
      fc.record({
        present: fc.integer({ min: 0, max: 9 }),
        fig: figureArb,
        score: fc.integer({ min: 0, max: 100 }),
        hon: fc.integer({ min: 0, max: 3 }),
        pen: fc.integer({ min: 0, max: 3 }),
        veto: fc.integer({ min: 0, max: 12 }),
      }),
      { minLength: 6 * 3 * 6, maxLength: 6 * 3 * 6 },
    ),
  })
  .map(({ n, ranking, seedGroups, cells }) => {
    const groupOf = seedGroups.slice(0, n);
    groupOf[0] = 0;
    const rows: Omit<DataRow, 'row'>[] = [];
    let k = 0;
    MONTHS.forEach((period) => {
      for (let u = 0; u < n; u++) {
        for (const ind of [...VALUE_INDS, 'sc']) {
          const c = cells[k++ % cells.length];
          if (c.present < 2) continue; // about 1 in 5 missing
          rows.push({ unit: `u${u}`, indicator: ind, period, value: ind === 'sc' ? dec(c.score, 1) : c.fig });
        }
        const c = cells[k++ % cells.length];
        if (c.hon) rows.push({ unit: `u${u}`, indicator: 'hon', period, value: String(c.hon) });
        if (c.pen) rows.push({ unit: `u${u}`, indicator: 'pen', period, value: String(c.pen) });
        if (c.veto === 0) rows.push({ unit: `u${u}`, indicator: 'vt', period, value: '1' });
      }
    });
    return { n, groupOf, ranking, rows };
  });

/** Units of one group paired in turn (a pair's units must share a group). */
function worldPairs(w: World): string[] {
  const out: string[] = [];
  for (const g of [0, 1]) {
    const members = [...Array(w.n).keys()].filter((u) => w.groupOf[u] === g);
    for (let k = 0; k + 1 < members.length; k += 2) out.push(`[u${members[k]}, u${members[k + 1]}]`);
  }
  return out;
}

function worldSpec(w: World, order: number[] = [...Array(w.n).keys()]): string {
  const units = order.map((u) => `  - {id: u${u}, name: 单位${u}, group: g${w.groupOf[u]}}`).join('\n');
  return `version: 1
campaign: {id: p, name: P, year: 2026, cadence: month, ranking: ${w.ranking}, tie_break: [sc, rnk]}
groups: [{id: g0, name: G0}, {id: g1, name: G1}]
units:
${units}
pairs: [${worldPairs(w).join(', ')}]
indicators:
  - {id: sch, name: SCH, input: value, weight: 30, method: schedule, target: {default: 10, u0: 7.5}, cap: 1.2}
  - {id: bst, name: BST, input: value, weight: 20, method: best, cumulative: false}
  - {id: rng, name: RNG, input: value, weight: 15, method: range, direction: lower, scope: all}
  - {id: rnk, name: RNK, input: value, weight: 10, method: rank}
  - {id: cmp, name: CMP, input: value, weight: 10, method: completion, target: 3.3, direction: lower, cap: 1.5}
  - {id: sc, name: SC, input: score, weight: 10}
  - {id: hon, name: HON, input: event, effect: bonus, points: 1.5, cap: 3}
  - {id: pen, name: PEN, input: event, effect: penalty, points: 0.25}
  - {id: vt, name: VT, input: event, effect: veto}
flags:
  - {id: red, name: R, award: top, count: 1}
  - {id: yellow, name: Y, award: bottom, scope: all}
  - {id: mob, name: M, award: top, scope: all, indicator: bst, mobile: true}
  - {id: two, name: T, award: top, count: 2, indicator: rng, min_total: 3}
  - {id: mobl, name: ML, award: bottom, scope: all, indicator: bst}
  - {id: lag, name: LG, award: bottom, scope: group, indicator: sch}
  - {id: pr, name: PR, award: top, scope: pair, indicator: sch, max_total: 25}
  - {id: pl, name: PL, award: bottom, scope: pair, indicator: sch}
summary:
  method: mean
  grades: [{id: ex, name: EX, share: 0.3}, {id: ok, name: OK, min_total: 20}, {id: no, name: NO}]
rules:
  - {id: low, name: L, action: supervision, when: {rank: bottom, consecutive: 2}}
  - {id: miss, name: M, action: reminder, when: {missing: true}}
  - {id: behind, name: B, action: reminder, when: {behind_schedule: [sch]}}
  - {id: v, name: V, action: review, when: {vetoed: true}}
  - {id: lg2, name: LG2, action: interview, when: {flag: lag, consecutive: 2}}
`;
}

const permutation = (n: number) =>
  fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: n, maxLength: n }).map((keys) => [...keys.keys()].sort((a, b) => keys[a] - keys[b]));

// ---- helpers for the ranking properties ---------------------------------------------------------

function aheadCount(units: UnitResult[], u: UnitResult, key: (x: UnitResult) => D, dense: boolean): number {
  const ahead = units.filter((v) => {
    if (v.vetoed !== u.vetoed) return !v.vetoed;
    const a = key(v);
    const b = key(u);
    const s = Math.max(a.s, b.s);
    return a.m * 10n ** BigInt(s - a.s) > b.m * 10n ** BigInt(s - b.s);
  });
  if (!dense) return ahead.length;
  return new Set(ahead.map((v) => `${v.vetoed}|${strD(key(v))}`)).size;
}

describe('properties', () => {
  it('reordering units in the spec or rows in the data changes no unit\'s result', () => {
    fc.assert(
      fc.property(
        worldArb.chain((w) => fc.tuple(fc.constant(w), permutation(w.n), permutation(w.rows.length))),
        ([w, unitOrder, rowOrder]) => {
          const base = evalRows(mustSpec(worldSpec(w)), w.rows);
          const moved = evalRows(mustSpec(worldSpec(w, unitOrder)), rowOrder.map((i) => w.rows[i]));
          expect(moved).toEqual(base);
        },
      ),
      RUNS,
    );
  }, SLOW);

  it('scaling all figures of a best (and range) indicator by a positive decimal changes no score', () => {
    const spec = (n: number) =>
      mustSpec(`version: 1
campaign: {id: p, name: P, year: 2026, cadence: quarter, precision: 4}
groups: [{id: g, name: G}]
units: [${[...Array(n).keys()].map((u) => `{id: u${u}, name: U, group: g}`).join(', ')}]
indicators:
  - {id: b, name: B, input: value, weight: 37, method: best}
  - {id: r, name: R, input: value, weight: 13, method: range}
`);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 7 }).chain((n) =>
          fc.tuple(
            fc.constant(n),
            fc.array(fc.option(figureArb, { freq: 5 }), { minLength: n, maxLength: n }),
            fc.tuple(fc.integer({ min: 1, max: 99999 }), fc.integer({ min: 0, max: 4 })).map(([m, s]) => dec(m, s)),
          ),
        ),
        ([n, figs, factor]) => {
          const rows = (k: D) =>
            figs.flatMap((f, u) => (f === null ? [] : ['b', 'r'].map((indicator) => ({ unit: `u${u}`, indicator, period: '2026-Q1', value: strD(mulD(parseD(f), k)) }))));
          if (figs.every((f) => f === null)) return;
          const s = spec(n);
          const before = evalRows(s, rows(parseD('1')))[0];
          const after = evalRows(s, rows(parseD(factor)))[0];
          for (let u = 0; u < n; u++) {
            const id = `u${u}`;
            const a = before.units.find((x) => x.unit === id) as UnitResult;
            const b = after.units.find((x) => x.unit === id) as UnitResult;
            expect(b.indicators.b.score).toBe(a.indicators.b.score);
            expect(b.indicators.r.score).toBe(a.indicators.r.score);
          }
        },
      ),
      RUNS,
    );
  }, SLOW);

  it('a unit that raises a figure never drops in that indicator\'s rank', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('completion', 'schedule', 'best', 'range', 'rank'),
        fc.constantFrom('higher', 'lower'),
        fc.boolean(),
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.tuple(fc.array(figureArb, { minLength: n, maxLength: n }), fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 1, max: 2000 })),
        ),
        (method, direction, dense, [figs, who, raise]) => {
          if (method === 'best' && direction === 'lower') direction = 'higher';
          const target = method === 'completion' || method === 'schedule' ? ', target: {default: 5, u0: 2.5}, cap: 1.3' : '';
          const s = mustSpec(`version: 1
campaign: {id: p, name: P, year: 2026, cadence: month, ranking: ${dense ? 'dense' : 'competition'}}
groups: [{id: g, name: G}]
units: [${figs.map((_, u) => `{id: u${u}, name: U, group: g}`).join(', ')}]
indicators: [{id: x, name: X, input: value, weight: 10, method: ${method}, direction: ${direction}${target}}]
`);
          // "raising" means getting better: up for higher, down for lower
          const better = dec(direction === 'higher' ? raise : -raise, 2);
          const rows = (f: string[]) => f.map((value, u) => ({ unit: `u${u}`, indicator: 'x', period: '2026-03', value }));
          const before = evalRows(s, rows(figs))[0];
          const moved = figs.map((f, u) => (u === who ? strD(addD(parseD(f), parseD(better))) : f));
          const after = evalRows(s, rows(moved))[0];
          const rankOf = (r: PeriodResult) => {
            const ind = (r.units.find((x) => x.unit === `u${who}`) as UnitResult).indicators.x;
            return 'rank' in ind ? ind.rank.all : NaN;
          };
          expect(rankOf(after)).toBeLessThanOrEqual(rankOf(before));
        },
      ),
      { numRuns: 150 },
    );
  }, SLOW);

  it('vetoed units never hold a top flag', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const spec = mustSpec(worldSpec(w));
        const topFlags = new Set(spec.flags.filter((f) => f.award === 'top').map((f) => f.id));
        for (const p of evalRows(spec, w.rows)) {
          const vetoed = new Set(p.units.filter((u) => u.vetoed).map((u) => u.unit));
          for (const u of p.units) if (u.vetoed) expect(u.flags.filter((f) => topFlags.has(f))).toEqual([]);
          for (const f of p.flags) if (topFlags.has(f.flag)) for (const h of f.holders) expect(vetoed.has(h)).toBe(false);
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('ranks are a valid competition or dense ranking', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        // no tie_break here, so "strictly ahead" is: not vetoed over vetoed, then a higher total
        const spec = mustSpec(worldSpec(w).replace(', tie_break: [sc, rnk]', ''));
        const dense = w.ranking === 'dense';
        for (const p of evalRows(spec, w.rows)) {
          const total = (x: UnitResult) => numD(x.total);
          for (const u of p.units) {
            expect(u.rank.all).toBe(1 + aheadCount(p.units, u, total, dense));
            const group = p.units.filter((v) => v.group === u.group);
            expect(u.rank.group).toBe(1 + aheadCount(group, u, total, dense));
            for (const id of ['sch', 'bst', 'rng', 'rnk', 'cmp', 'sc']) {
              const score = (x: UnitResult) => numD(x.indicators[id].score);
              const r = u.indicators[id];
              if (!('rank' in r)) throw new Error('value indicator without rank');
              expect(r.rank.all).toBe(1 + aheadCount(p.units, u, score, dense));
              expect(r.rank.group).toBe(1 + aheadCount(group, u, score, dense));
            }
          }
          // units are listed by rank.all, then id
          const order = [...p.units].sort((a, b) => a.rank.all - b.rank.all || (a.unit < b.unit ? -1 : 1)).map((u) => u.unit);
          expect(p.units.map((u) => u.unit)).toEqual(order);
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('totals equal the exact sum of the rounded scores (BigInt on the decimal strings)', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 0, max: 4 }), (w, precision) => {
        const spec = mustSpec(worldSpec(w).replace('ranking:', `precision: ${precision}, ranking:`));
        for (const p of evalRows(spec, w.rows)) {
          for (const u of p.units) {
            let sum: D = { m: 0n, s: 0 };
            for (const r of Object.values(u.indicators)) {
              const d = numD(r.score);
              // each score carries at most `precision` decimals
              expect(d.s).toBeLessThanOrEqual(precision);
              sum = addD(sum, d);
            }
            expect(eqD(sum, numD(u.total)), `${u.unit}: Σ ${strD(sum)} vs total ${u.total}`).toBe(true);
          }
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('exactness: figures like 0.1, 0.2, 0.3 that tie in exact arithmetic tie in results', () => {
    const pieces = ['0.1', '0.2', '0.3', '0.7', '1.1', '2.2', '3.3', '0.01', '0.05', '0.15', '4.35'];
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }).chain((n) =>
          fc.tuple(
            fc.array(fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 4 }), { minLength: n, maxLength: n }),
            fc.constantFrom('0.3', '0.7', '1.1', '0.33', '2.5'),
            fc.array(fc.constantFrom('0.1', '0.3', '0.7', '1.1', '3.3', '0.9'), { minLength: n, maxLength: n }),
          ),
        ),
        ([parts, ratio, targets]) => {
          const n = parts.length;
          // score indicators: unit u reports its pieces in s1…s4 and the rest up to a common T in s5
          const sums = parts.map((ps) => ps.reduce((acc, x) => addD(acc, parseD(x)), { m: 0n, s: 0 } as D));
          const T = sums.reduce((a, b) => (cmpD(a, b) >= 0 ? a : b));
          const rows: Omit<DataRow, 'row'>[] = [];
          for (let u = 0; u < n; u++) {
            parts[u].forEach((x, i) => rows.push({ unit: `u${u}`, indicator: `s${i + 1}`, period: '2026-01', value: x }));
            const rest = addD(T, negD(sums[u]));
            rows.push({ unit: `u${u}`, indicator: 's5', period: '2026-01', value: strD(rest) });
            // completion, non-cumulative: ytd = target × ratio, reported as two monthly halves
            const ytd = mulD(parseD(targets[u]), parseD(ratio));
            const jan = mulD(ytd, parseD('0.3'));
            const feb = addD(ytd, negD(jan));
            rows.push({ unit: `u${u}`, indicator: 'c', period: '2026-01', value: strD(jan) });
            rows.push({ unit: `u${u}`, indicator: 'c', period: '2026-02', value: strD(feb) });
            for (let i = parts[u].length + 1; i <= 4; i++) rows.push({ unit: `u${u}`, indicator: `s${i}`, period: '2026-01', value: '0' });
          }
          const s = mustSpec(`version: 1
campaign: {id: p, name: P, year: 2026, cadence: month, precision: 4}
groups: [{id: g, name: G}]
units: [${parts.map((_, u) => `{id: u${u}, name: U, group: g}`).join(', ')}]
indicators:
  - {id: c, name: C, input: value, weight: 7, method: completion, cumulative: false, cap: 10, target: {default: 1, ${targets.map((t, u) => `u${u}: ${t}`).join(', ')}}}
${[1, 2, 3, 4, 5].map((i) => `  - {id: s${i}, name: S, input: score, weight: 100}`).join('\n')}
flags: [{id: top, name: TOP, award: top}]
`);
          const [jan, feb] = evalRows(s, rows);
          for (const p of [jan, feb]) {
            // every unit's s-total is T in January; every completion ratio is `ratio` in February
            expect(new Set(p.units.map((u) => u.total)).size).toBe(1);
            expect(p.units.every((u) => u.rank.all === 1)).toBe(true);
            expect(p.flags[0].holders).toHaveLength(n);
          }
          const r = Number(ratio);
          for (const u of feb.units) {
            const c = u.indicators.c;
            expect('ratio' in c && c.ratio).toBe(r);
          }
        },
      ),
      RUNS,
    );
  }, SLOW);
});

describe('properties: evaluate and evaluateAll agree', () => {
  it('evaluate(period) equals that period in evaluateAll', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const spec = mustSpec(worldSpec(w));
        const d = checkData(spec, w.rows.map((r, i) => ({ ...r, row: i + 2 })));
        if (!d.ok) throw new Error('bad data');
        for (const p of evaluateAll(spec, d.value)) expect(evaluate(spec, d.value, { period: p.period })).toEqual(p);
      }),
      { numRuns: 25 },
    );
  }, SLOW);

  it('a year computed up to one period gives its tallies and streaks as evaluateAll does (flags on totals feeding the summary and rules)', () => {
    // evaluate(period) ranks only that period and the one before it; earlier periods award flags
    // on totals and move the rules' streaks on from each instance's best and worst ranking keys
    fc.assert(
      fc.property(worldArb, (w) => {
        const text = worldSpec(w)
          .replace('  method: mean\n', '  method: flags\n  points: {red: 2, yellow: -1, pt: 0.5}\n')
          .replace('flags:\n', 'flags:\n  - {id: pt, name: PT, award: top, scope: pair}\n')
          .replace('rules:\n', 'rules:\n  - {id: y2, name: Y2, action: interview, when: {flag: yellow, consecutive: 2}}\n  - {id: pb, name: PB, action: reminder, repeat: false, when: {rank: bottom, scope: pair, consecutive: 3}}\n');
        const spec = mustSpec(text);
        const d = checkData(spec, w.rows.map((r, i) => ({ ...r, row: i + 2 })));
        if (!d.ok) throw new Error('bad data');
        for (const p of evaluateAll(spec, d.value, { explain: true })) expect(evaluate(spec, d.value, { period: p.period, explain: true })).toEqual(p);
      }),
      { numRuns: 25 },
    );
  }, SLOW);
});

// ---- revision 1.1: the same random worlds on a spec with indicators per group, weights per
// group, bases, categories, flag tie-breaks, grades by count and rules with at / repeat ---------

/** indicator → the groups it applies to (others: every group) */
const APPLIES_11: Record<string, number[]> = { bst: [0], rnk: [1], vt: [0] };

function rows11(w: World): Omit<DataRow, 'row'>[] {
  return w.rows.filter((r) => {
    const g = APPLIES_11[r.indicator];
    return g === undefined || g.includes(w.groupOf[Number(r.unit.slice(1))]);
  });
}

function worldSpec11(w: World): string {
  const units = [...Array(w.n).keys()].map((u) => `  - {id: u${u}, name: 单位${u}, group: g${w.groupOf[u]}}`).join('\n');
  return `version: 1
campaign: {id: p, name: P, year: 2026, cadence: month, ranking: ${w.ranking}, tie_break: [sc, rnk]}
groups: [{id: g0, name: G0}, {id: g1, name: G1}]
units:
${units}
pairs: [${worldPairs(w).join(', ')}]
indicators:
  - {id: sch, name: SCH, input: value, weight: {default: 30, g1: 20}, method: schedule, target: {default: 10, u0: 7.5}, base: 5, cap: 1.2, category: A}
  - {id: bst, name: BST, input: value, weight: 20, method: best, cumulative: false, applies_to: [g0], category: A}
  - {id: rng, name: RNG, input: value, weight: {g0: 15, g1: 25}, method: range, direction: lower, scope: all, category: B}
  - {id: rnk, name: RNK, input: value, weight: 10, method: rank, applies_to: [g1], category: B}
  - {id: cmp, name: CMP, input: value, weight: 10, method: completion, target: 3.3, base: {default: 4, u1: 2}, direction: lower, cap: 1.5, category: B}
  - {id: sc, name: SC, input: score, weight: {default: 10, g1: 12}, category: A}
  - {id: hon, name: HON, input: event, effect: bonus, points: 1.5, cap: 3}
  - {id: pen, name: PEN, input: event, effect: penalty, points: 0.25}
  - {id: vt, name: VT, input: event, effect: veto, applies_to: [g0]}
flags:
  - {id: red, name: R, award: top, count: 1}
  - {id: yellow, name: Y, award: bottom, scope: all}
  - {id: own, name: O, award: top, scope: all, tie_break: [rng]}
  - {id: mob, name: M, award: top, scope: all, indicator: bst, mobile: true, tie_break: [sc]}
  - {id: two, name: T, award: top, count: 2, indicator: rng, min_total: 3}
  - {id: lag, name: LG, award: bottom, scope: group, indicator: sch, tie_break: []}
  - {id: pr, name: PR, award: top, scope: pair, indicator: rnk}
  - {id: pl, name: PL, award: bottom, scope: pair, indicator: sch, tie_break: [cmp]}
summary:
  method: mean
  grades: [{id: ex, name: EX, share: 0.5, count: 2}, {id: ok, name: OK, min_total: 20}, {id: no, name: NO}]
rules:
  - {id: low, name: L, action: supervision, repeat: false, when: {rank: bottom, consecutive: 2}}
  - {id: lowr, name: LR, action: supervision, when: {rank: bottom, consecutive: 2}}
  - {id: miss, name: M, action: reminder, when: {missing: true}}
  - {id: behind, name: B, action: reminder, at: [2026-02], when: {behind_schedule: [sch]}}
  - {id: v, name: V, action: review, when: {vetoed: true}}
  - {id: lg1, name: LG1, action: reminder, repeat: false, when: {flag: lag}}
  - {id: lg1r, name: LG1R, action: reminder, when: {flag: lag}}
  - {id: bb, name: BB, action: suspension, when: {below_base: true}}
  - {id: bb2, name: BB2, action: suspension, repeat: false, when: {below_base: [cmp]}}
  - {id: bb2r, name: BB2R, action: suspension, when: {below_base: [cmp]}}
`;
}

function eval11(w: World, rows = rows11(w)): PeriodResult[] {
  return evalRows(mustSpec(worldSpec11(w)), rows);
}

describe('properties: revision 1.1', () => {
  it('evaluate(period) equals that period in evaluateAll (1.1 features)', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const spec = mustSpec(worldSpec11(w));
        const d = checkData(spec, rows11(w).map((r, i) => ({ ...r, row: i + 2 })));
        if (!d.ok) throw new Error(d.issues.map((i) => i.message).join('\n'));
        for (const p of evaluateAll(spec, d.value, { explain: true })) expect(evaluate(spec, d.value, { period: p.period, explain: true })).toEqual(p);
      }),
      { numRuns: 25 },
    );
  }, SLOW);

  it('a unit\'s total never depends on an indicator that does not apply to it', () => {
    fc.assert(
      fc.property(worldArb, fc.array(figureArb, { minLength: 18, maxLength: 18 }), (w, figs) => {
        // move every g0 unit's figures of bst (applies to g0 only): no g1 unit's total may change
        let k = 0;
        const moved = rows11(w).map((r) => (r.indicator === 'bst' ? { ...r, value: figs[k++ % figs.length] } : r));
        const before = eval11(w);
        const after = eval11(w, moved);
        before.forEach((p, i) => {
          for (const u of p.units) {
            if (u.group !== 'g1') continue;
            expect('bst' in u.indicators).toBe(false);
            expect(after[i].units.find((x) => x.unit === u.unit)?.total).toBe(u.total);
          }
        });
      }),
      RUNS,
    );
  }, SLOW);

  it('repeat: false fires at most once per streak: exactly where the repeating rule fires and did not the period before', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        const res = eval11(w);
        for (const [once, every] of [['low', 'lowr'], ['lg1', 'lg1r'], ['bb2', 'bb2r']]) {
          for (let u = 0; u < w.n; u++) {
            const id = `u${u}`;
            const fires = (rule: string) => res.map((p) => p.actions.some((a) => a.rule === rule && a.unit === id));
            const f1 = fires(once);
            const fr = fires(every);
            f1.forEach((f, i) => expect(f).toBe(fr[i] && (i === 0 || !fr[i - 1])));
          }
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('category scores sum to the total minus the events', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        for (const p of eval11(w)) {
          for (const u of p.units) {
            let sum: D = { m: 0n, s: 0 };
            for (const c of Object.values(u.categories ?? {})) sum = addD(sum, numD(c.score));
            // every value and score indicator has a category here: what is left of the total is the events
            for (const r of Object.values(u.indicators)) if ('events' in r) sum = addD(sum, numD(r.score));
            expect(eqD(sum, numD(u.total)), `${u.unit}: Σ ${strD(sum)} vs total ${u.total}`).toBe(true);
            // a unit has an entry for a category exactly when one of its indicators is of it
            const b = Object.keys(u.indicators).some((id) => ['rng', 'rnk', 'cmp'].includes(id));
            expect('B' in (u.categories ?? {})).toBe(b);
          }
        }
      }),
      RUNS,
    );
  }, SLOW);

  it('totals equal the exact sum of the rounded scores (1.1 features)', () => {
    fc.assert(
      fc.property(worldArb, (w) => {
        for (const p of eval11(w)) {
          for (const u of p.units) {
            let sum: D = { m: 0n, s: 0 };
            for (const r of Object.values(u.indicators)) sum = addD(sum, numD(r.score));
            expect(eqD(sum, numD(u.total))).toBe(true);
          }
        }
      }),
      RUNS,
    );
  }, SLOW);
});
