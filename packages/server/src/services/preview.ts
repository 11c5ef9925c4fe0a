// The reporter's form preview: the engine over every stored figure of the campaign with the values
// being typed in place of the unit's stored ones, for one period. Nothing is stored. Only the
// unit's own result comes back (with its figures of the period before and whether each value
// needs an explanation), so a preview shows nothing of other units beyond the published ranks.
//
// Every stored figure counts, whatever its verification status: the form shows what the figures
// will score once they count (in an open period they count at once, later once approved).
import { evaluate, periodKeys, type EventIndicatorResult, type IndicatorResult, type ValueIndicator, type ValueIndicatorResult } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, roleIn, type Actor } from '../policy.ts';
import { figureKey } from '../repositories/figures.ts';
import type { PreviewDto } from '../schemas/preview.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { jumpOf, mustExplain, needOf, previousPeriodOf } from './explanation-rule.ts';
import { figureSnapshot } from './figure-store.ts';
import { mergeFigures } from './figures.ts';

export interface PreviewInput {
  unit: string;
  period: string;
  values: Record<string, string | null>;
}

const isEvent = (r: IndicatorResult): r is EventIndicatorResult => 'events' in r;

export async function previewFigures(ctx: Ctx, actor: Actor, campaignId: string, input: PreviewInput): Promise<PreviewDto> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const { unit, period } = input;
  if (!spec.units.some((u) => u.id === unit)) throw AppError.notFound({ zh: `单位“${unit}”`, en: `Unit "${unit}"` });
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
  if (!can(actor, 'figure.enter', { campaignId, unitId: unit })) {
    throw new AppError('forbidden', { zh: `无权填报 ${unit} 的数据`, en: `You may not enter figures for ${unit}` });
  }

  // the typed values over the stored figures (a blank one clears), merged as a write would merge them
  const candidates = Object.entries(input.values);
  const blank = (v: string | null) => v === null || v.trim() === '';
  const typed = candidates.flatMap(([indicator, value], i) => (blank(value) ? [] : [{ unit, indicator, period, value: (value as string).trim(), row: i + 2 }]));
  const cleared = candidates.filter(([, value]) => blank(value)).map(([indicator]) => ({ unit, indicator, period }));
  const { after, issues } = mergeFigures(spec, await figureSnapshot(ctx, campaignId), typed, cleared);
  if (issues.length > 0) throw new AppError('data_invalid', undefined, issues);

  const result = evaluate(spec, ctx.figures.dataset(after, spec, () => true), { period, explain: true }).units.find((u) => u.unit === unit);
  if (!result) throw new AppError('internal');
  const valueOf = { get: (k: string) => after.get(k)?.value };
  const previousPeriod = previousPeriodOf(spec, period);
  const indicators: PreviewDto['indicators'] = {};
  for (const ind of spec.indicators) {
    const r = result.indicators[ind.id];
    if (!r) continue;
    const previous = previousPeriod === null ? null : (valueOf.get(figureKey({ unit, indicator: ind.id, period: previousPeriod })) ?? null);
    if (isEvent(r)) {
      indicators[ind.id] = { ...r, previous, needsExplanation: null, jump: null };
      continue;
    }
    const v = r as ValueIndicatorResult;
    const jump = ind.input === 'value' && !v.missing
      ? jumpOf(spec, ind as ValueIndicator, period, (p) => valueOf.get(figureKey({ unit, indicator: ind.id, period: p })))
      : null;
    indicators[ind.id] = { ...v, previous, needsExplanation: ind.input === 'value' ? needOf({ ahead: v.ahead, jump }) : null, jump };
  }
  return {
    unit, period, previousPeriod, total: result.total, vetoed: result.vetoed, rank: result.rank,
    explanationRequired: mustExplain(roleIn(actor as Actor, campaignId)), indicators,
  };
}
