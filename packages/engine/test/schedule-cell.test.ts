// scheduleFacts (src/schedule-cell.ts): a few cells' schedule facts equal the whole campaign's
// evaluation of them — for random campaigns with groups, applies_to, group weights, per-unit
// targets and bases, summed and cumulative amounts, rates, both directions, long figures, pairs,
// flags, rules and tie-breaks naming the indicators, vetoes, and figures missing here and there.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkData, evaluate, parseSpec, periodKeys, scheduleCellKey, scheduleFacts, type DataRow, type Spec, type ValueIndicatorResult } from '../src/index.ts';

const GROUPS = ['g1', 'g2', 'g3'];

interface SchedInd {
  direction: 'higher' | 'lower';
  kind: 'summed' | 'cumulative' | 'rate';
  target: number;
  own: (number | null)[];
  base: number | null;
  appliesTo: string[] | null;
  groupWeights: boolean;
}

interface World {
  cadence: 'month' | 'quarter';
  groupOf: number[];
  inds: SchedInd[];
  /** per unit, indicator (the schedule ones, then best `bst`), period: the figure or null */
  figures: (string | null)[];
  veto: boolean[];
  long: boolean;
}

const N_MAX = 6;
const I = 3;
const T_MAX = 12;

const figure = fc.oneof(
  { weight: 6, arbitrary: fc.tuple(fc.integer({ min: -50, max: 4000 }), fc.integer({ min: 0, max: 2 })).map(([m, s]) => (m / 10 ** s).toFixed(s)) },
  { weight: 1, arbitrary: fc.constant(null) },
);

const indArb: fc.Arbitrary<SchedInd> = fc.record({
  direction: fc.constantFrom('higher' as const, 'lower' as const),
  kind: fc.constantFrom('summed' as const, 'cumulative' as const, 'rate' as const),
  target: fc.integer({ min: 1, max: 3000 }),
  own: fc.array(fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }), { minLength: N_MAX, maxLength: N_MAX }),
  base: fc.option(fc.integer({ min: 1, max: 2000 }), { nil: null }),
  appliesTo: fc.option(fc.subarray(GROUPS, { minLength: 1 }), { nil: null }),
  groupWeights: fc.boolean(),
});

const worldArb: fc.Arbitrary<World> = fc.record({
  cadence: fc.constantFrom('month' as const, 'quarter' as const),
  groupOf: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 2, maxLength: N_MAX }),
  inds: fc.array(indArb, { minLength: I, maxLength: I }),
  figures: fc.array(figure, { minLength: N_MAX * (I + 1) * T_MAX, maxLength: N_MAX * (I + 1) * T_MAX }),
  veto: fc.array(fc.boolean(), { minLength: N_MAX, maxLength: N_MAX }),
  long: fc.boolean(),
});

function specOf(w: World): Spec {
  const n = w.groupOf.length;
  const units = w.groupOf.map((g, u) => `{id: u${u}, name: U${u}, group: ${GROUPS[g]}}`).join(', ');
  const inds = w.inds.map((d, i) => {
    const applies = (u: number) => d.appliesTo === null || d.appliesTo.includes(GROUPS[w.groupOf[u]]);
    const own = d.own.slice(0, n).map((t, u) => (t === null || !applies(u) ? '' : `, u${u}: ${t}`)).join('');
    const weight = d.groupWeights ? `{default: 10, ${(d.appliesTo ?? GROUPS)[0]}: 25}` : '20';
    const kind = d.kind === 'summed' ? ', cumulative: false' : d.kind === 'rate' ? ', quantity: rate' : '';
    const base = d.base === null ? '' : `, base: ${d.base}`;
    const appliesTo = d.appliesTo === null ? '' : `, applies_to: [${d.appliesTo.join(', ')}]`;
    return `  - {id: s${i}, name: S${i}, input: value, weight: ${weight}, method: schedule, direction: ${d.direction}, target: {default: ${d.target}${own}}${base}${kind}${appliesTo}, cap: 1.2}`;
  });
  const pairs: string[] = [];
  for (const g of [0, 1, 2]) {
    const members = w.groupOf.map((x, u) => (x === g ? u : -1)).filter((u) => u >= 0);
    for (let k = 0; k + 1 < members.length; k += 2) pairs.push(`{id: p${g}${k}, units: [u${members[k]}, u${members[k + 1]}]}`);
  }
  const text = `version: 1
campaign: {id: t, name: T, year: 2026, cadence: ${w.cadence}, tie_break: [s0, bst]}
groups: [{id: g1, name: G1}, {id: g2, name: G2}, {id: g3, name: G3}]
units: [${units}]
pairs: [${pairs.join(', ')}]
indicators:
${inds.join('\n')}
  - {id: bst, name: B, input: value, weight: 10, method: best}
  - {id: vt, name: V, input: event, effect: veto}
flags:
  - {id: lag, name: L, award: bottom, scope: group, indicator: s1}
  - {id: top, name: TP, award: top, count: 1}
rules:
  - {id: behind, name: BH, action: reminder, when: {behind_schedule: [s0, s2]}}
  - {id: low, name: LO, action: interview, when: {rank: bottom, consecutive: 2}}
`;
  const r = parseSpec(text);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n') + '\n' + text);
  return r.value;
}

function rowsOf(w: World, spec: Spec): DataRow[] {
  const n = w.groupOf.length;
  const keys = periodKeys(spec);
  const rows: DataRow[] = [];
  const ids = [...w.inds.map((_, i) => `s${i}`), 'bst'];
  for (let u = 0; u < n; u++) {
    ids.forEach((id, i) => {
      // an indicator that does not apply to the unit's group takes no figures
      const d = w.inds[i];
      if (d && d.appliesTo && !d.appliesTo.includes(GROUPS[w.groupOf[u]])) return;
      keys.forEach((period, t) => {
        let v = w.figures[(u * (I + 1) + i) * T_MAX + t];
        if (v === null) return;
        // now and then a figure of 15 digits beside others with decimals: the column's mantissas
        // outgrow a double (the engine's exact path)
        if (w.long && u === 0 && i === 0) v = `${v.startsWith('-') ? '-' : ''}98765432101234${v.slice(-1)}`;
        rows.push({ unit: `u${u}`, indicator: id, period, value: v, row: rows.length + 2 });
      });
    });
    if (w.veto[u]) rows.push({ unit: `u${u}`, indicator: 'vt', period: keys[0], value: '1', row: rows.length + 2 });
  }
  return rows;
}

const FACTS = ['value', 'ytd', 'target', 'expected', 'base', 'below_base', 'ratio', 'ahead', 'missing'] as const;
// (-0 as 0: a ratio that rounds to 0 from below is -0 where the engine decides it in doubles and
// 0 where it decides it exactly — a column with a long figure elsewhere — and both are 0 in JSON)
const zero = (v: unknown) => (Object.is(v, -0) ? 0 : v);
const factsOf = (r: ValueIndicatorResult | undefined) => (r === undefined ? undefined : Object.fromEntries(FACTS.filter((k) => r[k] !== undefined).map((k) => [k, zero(r[k])])));

describe('scheduleFacts', () => {
  it('gives every cell the facts the whole campaign\'s evaluation gives it, in every period, asked alone or with others', () => {
    fc.assert(
      fc.property(worldArb, fc.integer({ min: 0, max: 11 }), fc.integer({ min: 1, max: 63 }), (w, tPick, unitMask) => {
        const spec = specOf(w);
        const rows = rowsOf(w, spec);
        const checked = checkData(spec, rows);
        if (!checked.ok) throw new Error(checked.issues.map((i) => i.message).join('\n'));
        const keys = periodKeys(spec);
        const period = keys[tPick % keys.length];
        const full = evaluate(spec, checked.value, { period });
        const cells = spec.units.flatMap((u) => w.inds.map((_, i) => ({ unit: u.id, indicator: `s${i}` })));
        const expected = (c: { unit: string; indicator: string }) =>
          factsOf(full.units.find((x) => x.unit === c.unit)?.indicators[c.indicator] as ValueIndicatorResult | undefined);
        // one cell at a time, from its own figures only (as a save asks)
        for (const c of cells) {
          const own = rows.filter((r) => r.unit === c.unit && r.indicator === c.indicator);
          const got = scheduleFacts(spec, [c], own, period);
          if (!got.ok) throw new Error(got.issues.map((i) => i.message).join('\n'));
          expect(factsOf(got.value.get(scheduleCellKey(c)) as ValueIndicatorResult | undefined), `${c.unit} ${c.indicator} ${period}`).toEqual(expected(c));
        }
        // several units' cells at once, given every row of the campaign
        const some = cells.filter((c) => (unitMask >> Number(c.unit.slice(1))) & 1);
        const got = scheduleFacts(spec, some, rows, period);
        if (!got.ok) throw new Error(got.issues.map((i) => i.message).join('\n'));
        for (const c of some) expect(factsOf(got.value.get(scheduleCellKey(c)) as ValueIndicatorResult | undefined), `${c.unit} ${c.indicator} ${period} (with others)`).toEqual(expected(c));
      }),
      { numRuns: 80 },
    );
  }, 120_000);

  it('has no facts for a cell that is not a unit on a schedule indicator, and names a bad figure', () => {
    const spec = specOf({ cadence: 'month', groupOf: [0, 1], inds: [0, 1, 2].map(() => ({ direction: 'higher', kind: 'summed', target: 12, own: [], base: null, appliesTo: ['g1'], groupWeights: false })), figures: [], veto: [], long: false });
    const cells = [{ unit: 'u0', indicator: 'bst' }, { unit: 'nobody', indicator: 's0' }, { unit: 'u1', indicator: 's0' }, { unit: 'u0', indicator: 's0' }];
    const r = scheduleFacts(spec, cells, [{ unit: 'u0', indicator: 's0', period: '2026-03', value: '1', row: 2 }], '2026-03');
    expect(r.ok && [...r.value.values()]).toEqual([undefined, undefined, undefined, { value: 1, ytd: 1, target: 12, expected: 3, ratio: 0.3333, ahead: false, missing: false }]);
    const bad = scheduleFacts(spec, [{ unit: 'u0', indicator: 's0' }], [{ unit: 'u0', indicator: 's0', period: '2026-03', value: 'x', row: 7 }], '2026-03');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.issues[0].row).toBe(7);
  });
});
