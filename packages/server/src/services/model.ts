// The campaign model the web app draws forms and tables from: the spec's structure with numbers
// as plain JSON numbers. Display only; scores always come from stored engine results.
import { isApplicable, periodKeys, weightOf, type Dec, type Indicator, type PerUnit, type ScoreIndicator, type Spec, type ValueIndicator } from '@leitai/engine';
import type { ModelDto } from '../schemas/campaigns.ts';

export function campaignModel(spec: Spec, reportedPeriods: string[]): ModelDto {
  return {
    precision: spec.campaign.precision,
    groups: spec.groups.map((g) => ({ id: g.id, name: g.name })),
    units: spec.units.map((u) => (u.person === undefined ? { id: u.id, name: u.name, group: u.group } : { id: u.id, name: u.name, group: u.group, person: u.person })),
    subject: spec.campaign.subject ?? 'unit',
    pairs: spec.pairs.map((p) => ({ id: p.id, units: [...p.units] })),
    indicators: spec.indicators.map((d) => {
      const base = {
        id: d.id, name: d.name, input: d.input, category: d.category, measure: d.measure,
        appliesTo: d.appliesTo ? [...d.appliesTo] : undefined, standard: d.standard, description: d.description,
      };
      if (d.input === 'event') return { ...base, effect: d.effect, points: d.points?.toNumber() };
      if (d.input === 'score') return { ...base, weight: d.weight.toNumber(), weights: unitWeights(spec, d) };
      const targets = d.target ? targetsOf(spec, d.target, d) : undefined;
      const bases = d.base ? targetsOf(spec, d.base, d) : undefined;
      return {
        ...base, method: d.method, weight: d.weight.toNumber(), weights: unitWeights(spec, d), direction: d.direction, cumulative: d.cumulative,
        quantity: d.quantity, min: d.min?.toNumber(), max: d.max?.toNumber(), whole: d.whole, targets, bases,
      };
    }),
    flags: spec.flags.map((f) => ({ id: f.id, name: f.name, color: f.color, award: f.award, scope: f.scope, indicator: f.indicator, mobile: f.mobile, description: f.description })),
    rules: spec.rules.map((r) => ({ id: r.id, name: r.name, action: r.action, at: r.at ? [...r.at] : undefined, repeat: r.repeat, description: r.description })),
    categories: [...new Set(spec.indicators.flatMap((d) => (d.input !== 'event' && d.category !== undefined ? [d.category] : [])))],
    description: spec.campaign.description,
    grades: (spec.summary?.grades ?? []).map((g) => ({ id: g.id, name: g.name })),
    periods: periodKeys(spec),
    reportedPeriods,
    latestPeriod: reportedPeriods.at(-1) ?? null,
  };
}

/**
 * Every unit's target (or base): its own, else the indicator's default (the contract's rule,
 * section 3); (1.1) only for the units the indicator applies to.
 */
export function targetsOf(spec: Spec, target: PerUnit, ind?: Indicator): Record<string, number> {
  const out: Record<string, number> = {};
  for (const u of spec.units) {
    if (ind && !isApplicable(ind, u.group)) continue;
    const t: Dec | undefined = Object.prototype.hasOwnProperty.call(target.units, u.id) ? target.units[u.id] : target.default;
    if (t) out[u.id] = t.toNumber();
  }
  return out;
}

/** (1.1) w(u) of every unit the indicator applies to, when the spec gives weights per group. */
function unitWeights(spec: Spec, ind: ValueIndicator | ScoreIndicator): Record<string, number> | undefined {
  if (Object.keys(ind.groupWeights).length === 0) return undefined;
  const out: Record<string, number> = {};
  for (const u of spec.units) if (isApplicable(ind, u.group)) out[u.id] = weightOf(ind, u.group).toNumber();
  return out;
}
