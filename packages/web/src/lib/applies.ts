// Spec 1.1 on the pages: which indicators a unit is assessed on (applies_to by group), its weight
// w(u) and its base target, read from the campaign model the server sends (never computed anew).
import type { CampaignModel, ModelIndicator } from '../api/types.ts';

/** Does the indicator apply to units of this group? (no applies_to: every group) */
export function appliesToGroup(ind: Pick<ModelIndicator, 'appliesTo'>, group: string | undefined): boolean {
  return !ind.appliesTo || group === undefined || ind.appliesTo.includes(group);
}

/** Does the indicator apply to this unit of the model? */
export function appliesToUnit(model: Pick<CampaignModel, 'units'>, ind: Pick<ModelIndicator, 'appliesTo'>, unitId: string): boolean {
  if (!ind.appliesTo) return true;
  const unit = model.units.find((u) => u.id === unitId);
  return unit !== undefined && ind.appliesTo.includes(unit.group);
}

/** The indicators a unit is assessed on, in the spec's order. */
export function indicatorsOfUnit(model: Pick<CampaignModel, 'units' | 'indicators'>, unitId: string): ModelIndicator[] {
  return model.indicators.filter((ind) => appliesToUnit(model, ind, unitId));
}

/** w(u): the unit's own weight when weights differ by group, else the indicator's. */
export function weightOfUnit(ind: Pick<ModelIndicator, 'weight' | 'weights'>, unitId: string): number | undefined {
  return ind.weights?.[unitId] ?? ind.weight ?? undefined;
}
