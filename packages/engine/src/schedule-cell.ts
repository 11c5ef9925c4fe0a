// The schedule facts of a few cells (a unit on a schedule indicator) at one period: the unit's year
// to date, its expected figure, whether it is ahead of schedule — what the server's explanation
// rule asks on every reporter's save — at the cost of those cells, not of the whole campaign.
//
// Why this is the whole campaign's answer: a unit's facts on a schedule indicator are read from
// its own figures of that indicator (the year to date, summed or cumulative, amount or rate), its
// own target (its own or the default), the indicator's direction, the unit's group (applies_to)
// and the period's share of the year. No other unit, indicator, pair, flag, rule or weight enters
// them (weights and caps change the score, not the ratio or `ahead`; scopes are for best, range
// and rank). So the engine's own evaluation of the campaign reduced to the cells' units (with
// their groups) and indicators gives the same facts as the whole campaign's evaluation; the
// property test in test/schedule-cell.test.ts checks that it does.
import { checkData, type DataRow } from './data.ts';
import { evaluate } from './evaluate.ts';
import type { Result } from './issues.ts';
import type { Spec } from './model.ts';
import type { ValueIndicatorResult } from './results.ts';

export interface ScheduleCell {
  unit: string;
  indicator: string;
}

/** A cell's facts, as `evaluate` gives them for the unit and indicator (without its rank or score). */
export type ScheduleFacts = Pick<ValueIndicatorResult, 'value' | 'ytd' | 'target' | 'expected' | 'base' | 'below_base' | 'ratio' | 'ahead' | 'missing'>;

export const scheduleCellKey = (c: ScheduleCell) => `${c.unit}\u0000${c.indicator}`;

/**
 * The facts of each cell (keyed by scheduleCellKey) at `period`, from `rows`: the cells' figures
 * (other rows are ignored). A cell that is not a unit on a schedule value indicator of the spec,
 * or whose indicator does not apply to the unit, has none (undefined), as in `evaluate`. The rows
 * are checked as `checkData` checks them: not ok, its issues. Throws EvaluateError for a period
 * the campaign does not have, as `evaluate` does.
 */
export function scheduleFacts(spec: Spec, cells: readonly ScheduleCell[], rows: readonly DataRow[], period: string): Result<Map<string, ScheduleFacts | undefined>> {
  const wantedUnits = new Set(cells.map((c) => c.unit));
  const wantedIndicators = new Set(cells.map((c) => c.indicator));
  const units = spec.units.filter((u) => wantedUnits.has(u.id));
  const indicators = spec.indicators.filter((d) => wantedIndicators.has(d.id) && d.input === 'value' && d.method === 'schedule');
  const out = new Map<string, ScheduleFacts | undefined>(cells.map((c) => [scheduleCellKey(c), undefined]));
  if (units.length === 0 || indicators.length === 0) return { ok: true, value: out };
  const groups = new Set(units.map((u) => u.group));
  const reduced: Spec = {
    ...spec,
    // nothing that ranks, flags or names other units or indicators: none of it enters the facts
    campaign: { ...spec.campaign, tieBreak: [] },
    groups: spec.groups.filter((g) => groups.has(g.id)),
    units,
    pairs: [],
    indicators,
    flags: [],
    summary: undefined,
    rules: [],
  };
  const unitIds = new Set(units.map((u) => u.id));
  const indicatorIds = new Set(indicators.map((d) => d.id));
  const own = rows.filter((r) => unitIds.has(r.unit.trim()) && indicatorIds.has(r.indicator.trim()));
  const data = checkData(reduced, own);
  if (!data.ok) return data;
  const result = evaluate(reduced, data.value, { period });
  const byUnit = new Map(result.units.map((u) => [u.unit, u]));
  for (const c of cells) {
    const r = byUnit.get(c.unit)?.indicators[c.indicator] as ValueIndicatorResult | undefined;
    if (!r || !indicatorIds.has(c.indicator)) continue;
    const facts: ScheduleFacts = { value: r.value, ytd: r.ytd, target: r.target, expected: r.expected, ratio: r.ratio, ahead: r.ahead, missing: r.missing };
    if (r.base !== undefined) facts.base = r.base;
    if (r.below_base !== undefined) facts.below_base = r.below_base;
    out.set(scheduleCellKey(c), facts);
  }
  return { ok: true, value: out };
}
