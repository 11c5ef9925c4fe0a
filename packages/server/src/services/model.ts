// The campaign model the web app draws forms and tables from: the spec's structure with numbers
// as plain JSON numbers. Display only; scores always come from stored engine results.
import { periodKeys, type Dec, type Spec, type ValueIndicator } from '@leitai/engine';
import type { ModelDto } from '../schemas/campaigns.ts';

export function campaignModel(spec: Spec, reportedPeriods: string[]): ModelDto {
  return {
    precision: spec.campaign.precision,
    groups: spec.groups.map((g) => ({ id: g.id, name: g.name })),
    units: spec.units.map((u) => ({ id: u.id, name: u.name, group: u.group })),
    pairs: spec.pairs.map((p) => ({ id: p.id, units: [...p.units] })),
    indicators: spec.indicators.map((d) => {
      const base = { id: d.id, name: d.name, input: d.input, category: d.category, measure: d.measure };
      if (d.input === 'event') return { ...base, effect: d.effect, points: d.points?.toNumber() };
      if (d.input === 'score') return { ...base, weight: d.weight.toNumber() };
      const targets = d.target ? targetsOf(spec, d.target) : undefined;
      return { ...base, method: d.method, weight: d.weight.toNumber(), direction: d.direction, cumulative: d.cumulative, targets };
    }),
    flags: spec.flags.map((f) => ({ id: f.id, name: f.name, color: f.color, award: f.award, scope: f.scope, indicator: f.indicator, mobile: f.mobile })),
    rules: spec.rules.map((r) => ({ id: r.id, name: r.name, action: r.action })),
    grades: (spec.summary?.grades ?? []).map((g) => ({ id: g.id, name: g.name })),
    periods: periodKeys(spec),
    reportedPeriods,
    latestPeriod: reportedPeriods.at(-1) ?? null,
  };
}

/** Every unit's target: its own, else the indicator's default (the contract's rule, section 3). */
export function targetsOf(spec: Spec, target: NonNullable<ValueIndicator['target']>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of spec.units) {
    const t: Dec | undefined = Object.prototype.hasOwnProperty.call(target.units, u.id) ? target.units[u.id] : target.default;
    if (t) out[u.id] = t.toNumber();
  }
  return out;
}
