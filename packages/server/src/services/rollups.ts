// Roll-up [上下联动]: an indicator of a higher campaign takes its figure from a lower campaign — for a
// town in the county's campaign, e.g. the mean village total of the town's own campaign, the share
// of its villages holding a flag, or the sum / mean of a chosen indicator's figures. Declared once
// per cell (which lower campaign, which unit of the higher campaign, which measure); computed when
// the lower campaign's period closes (and again when an accepted correction changes that closed
// period); entered through the normal figure path (writeFiguresTx: verification, audit and recompute
// apply). A rolled-up figure is not typed by hand: it changes only through a new computation or an
// accepted correction. When the higher period is already closed the value waits as a correction
// request for the higher campaign's organizer.
//
// The same links make an overall assessment [综合考核]: an assessment campaign is a normal campaign
// whose indicators are fed, unit by unit, from other campaigns' results (a unit's year summary
// score, or its mean total over the closed periods) — weights, ranking and grades are the
// assessment spec's, computed by the engine like any campaign's, each figure explained back to its
// source.
import { Dec, periodKeys, type PeriodResult, type Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import type { RollupMeasure } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, isWithin } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { findCampaign, type CampaignRow } from '../repositories/campaigns.ts';
import { findFigure, listFigures } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { insertRequest } from '../repositories/requests.ts';
import { findResult } from '../repositories/results.ts';
import { deleteLink, findLink, insertLink, linksFrom, linksOf, sourceCampaigns, upsertValue, valuesOf, type RollupLinkRow, type RollupValueRow } from '../repositories/rollups.ts';
import { loadScope } from '../repositories/users.ts';
import type { RollupLinkDto } from '../schemas/rollups.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { writeFiguresTx, type Writer } from './figures.ts';

const PER_YEAR = { month: 12, quarter: 4, half: 2, year: 1 } as const;

/** The last month a period key covers (2026-03 → 3, 2026-Q2 → 6, 2026-H1 → 6, 2026 → 12) and its year. */
function endOf(key: string): { year: number; month: number } | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) return { year: Number(m[1]), month: Number(m[2]) };
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return { year: Number(m[1]), month: Number(m[2]) * 3 };
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m) return { year: Number(m[1]), month: Number(m[2]) * 6 };
  m = /^(\d{4})$/.exec(key);
  if (m) return { year: Number(m[1]), month: 12 };
  return null;
}

/** The higher campaign's period that contains the lower campaign's period (null: none of its year). */
export function containingPeriod(target: Spec, sourceKey: string): string | null {
  const end = endOf(sourceKey);
  if (!end || end.year !== target.campaign.year) return null;
  const monthsPer = 12 / PER_YEAR[target.campaign.cadence];
  return periodKeys(target)[Math.ceil(end.month / monthsPer) - 1] ?? null;
}

/** May periods of `source` be rolled into `target`? (as fine or finer, the same year) */
function cadenceFits(source: Spec, target: Spec): boolean {
  return source.campaign.year === target.campaign.year && PER_YEAR[source.campaign.cadence] % PER_YEAR[target.campaign.cadence] === 0;
}

/** Measures taken unit by unit from the same unit of the source (an assessment's); the others feed one unit from a whole campaign. */
export const PER_UNIT: readonly RollupMeasure[] = ['unit_summary', 'unit_mean_total'];

function describe(link: Pick<RollupLinkRow, 'measure' | 'flagId' | 'sourceIndicatorId'>, source: Spec | undefined): string {
  const flag = source?.flags?.find((f) => f.id === link.flagId)?.name ?? link.flagId;
  const ind = source?.indicators.find((d) => d.id === link.sourceIndicatorId)?.name ?? link.sourceIndicatorId;
  switch (link.measure) {
    case 'mean_total': return '下级单位平均总分';
    case 'flag_share': return `获“${flag}”单位占比（%）`;
    case 'indicator_mean': return `“${ind}”平均值`;
    case 'indicator_sum': return `“${ind}”合计`;
    case 'unit_summary': return '年度汇总得分';
    case 'unit_mean_total': return '各期平均总分';
    default: return link.measure;
  }
}

export const sourceLabel = (sourceName: string, sourcePeriod: string) => `来自 ${sourceName} ${sourcePeriod}`;

/** Exact a / n rounded half away from zero to `prec` decimals, as text. */
function divide(sum: Dec, n: number, prec: number): string {
  return sum.toRat().div(Dec.of(n).toRat()).round(prec).toString();
}

/**
 * The measure of one closed period of the lower campaign, per unit of the higher campaign fed:
 * from the stored results (totals, flags, summaries) or the stored figures (a chosen indicator).
 * Units with nothing to measure are left out.
 */
export async function measuresOf(
  ex: Executor, link: Pick<RollupLinkRow, 'sourceCampaignId' | 'unitId' | 'measure' | 'flagId' | 'sourceIndicatorId'>,
  source: Spec, target: Spec, period: string,
): Promise<{ unit: string; value: string }[]> {
  const prec = source.campaign.precision ?? 2;
  if (link.measure === 'unit_summary' || link.measure === 'unit_mean_total') {
    const result = await findResult(ex, link.sourceCampaignId, period);
    if (!result) return [];
    const targetUnits = new Set(target.units.map((u) => u.id));
    if (link.measure === 'unit_summary') {
      return result.units.filter((u) => targetUnits.has(u.unit) && u.summary).map((u) => ({ unit: u.unit, value: Dec.of(u.summary?.score ?? 0).toString() }));
    }
    // the unit's mean total over the source's closed periods that fall in the same period of the higher campaign
    const targetPeriod = containingPeriod(target, period);
    const infos = await periodInfos(ex, link.sourceCampaignId);
    const periods = periodKeys(source).filter((p) => infoOf(infos, p).state === 'closed' && containingPeriod(target, p) === targetPeriod && p <= period);
    const totals = new Map<string, Dec[]>();
    for (const p of periods) {
      const r = p === period ? result : await findResult(ex, link.sourceCampaignId, p);
      for (const u of r?.units ?? []) if (targetUnits.has(u.unit)) totals.set(u.unit, [...(totals.get(u.unit) ?? []), Dec.of(u.total)]);
    }
    return [...totals].map(([unit, list]) => ({ unit, value: divide(list.reduce((a, b) => a.add(b), Dec.ZERO), list.length, prec) }));
  }
  const one = (value: string | null) => (value === null || link.unitId === null ? [] : [{ unit: link.unitId, value }]);
  if (link.measure === 'indicator_mean' || link.measure === 'indicator_sum') {
    const rows = await listFigures(ex, link.sourceCampaignId, { period, indicators: [link.sourceIndicatorId ?? ''] });
    const values = rows.map((r) => Dec.parse(r.value.trim())).filter((d): d is Dec => d !== null);
    if (values.length === 0) return [];
    const sum = values.reduce((a, b) => a.add(b), Dec.ZERO);
    return one(link.measure === 'indicator_sum' ? sum.toString() : divide(sum, values.length, Math.max(prec, 2)));
  }
  const result: PeriodResult | undefined = await findResult(ex, link.sourceCampaignId, period);
  const units = result?.units ?? [];
  if (units.length === 0) return [];
  if (link.measure === 'mean_total') {
    return one(divide(units.reduce((a, u) => a.add(Dec.of(u.total)), Dec.ZERO), units.length, prec));
  }
  // flag_share: per cent of the units holding the flag in that period
  const holders = units.filter((u) => u.flags.includes(link.flagId ?? '')).length;
  return one(divide(Dec.of(holders * 100), units.length, 2));
}

async function toDtos(ex: Executor, ctx: Ctx, links: RollupLinkRow[]): Promise<RollupLinkDto[]> {
  const values = await valuesOf(ex, links.map((l) => l.id));
  // the sources in one query (not one per link); their specs come from the cache
  const sources = new Map((await sourceCampaigns(ex, [...new Set(links.map((l) => l.sourceCampaignId))])).map((c) => [c.id, c]));
  const out: RollupLinkDto[] = [];
  for (const l of links) {
    const src = sources.get(l.sourceCampaignId);
    const spec = src ? await campaignSpec(ex, ctx, src) : undefined;
    const name = src?.name ?? l.sourceCampaignId;
    out.push({
      id: l.id, unit: l.unitId, indicator: l.indicatorId, sourceCampaign: { id: l.sourceCampaignId, name }, measure: l.measure,
      flag: l.flagId, sourceIndicator: l.sourceIndicatorId, description: describe(l, spec),
      values: values.filter((v) => v.linkId === l.id).map((v: RollupValueRow) => ({
        unit: v.unitId, period: v.period, sourcePeriod: v.sourcePeriod, value: v.value, outcome: v.outcome, requestId: v.requestId,
        computedAt: v.computedAt.toISOString(), label: sourceLabel(name, v.sourcePeriod),
      })),
    });
  }
  return out;
}

export async function listRollups(ctx: Ctx, campaignId: string): Promise<RollupLinkDto[]> {
  await requireCampaign(ctx.db, campaignId);
  return toDtos(ctx.db, ctx, await linksOf(ctx.db, campaignId));
}

const invalid = (zh: string, en: string) => new AppError('validation_failed', { zh, en });

/** Declares a cell of `campaignId` fed from a lower campaign, then rolls up the periods of it already closed. */
export async function createRollup(
  ctx: Ctx, actor: Writer, campaignId: string,
  body: { unit?: string; indicator: string; sourceCampaign: string; measure: RollupMeasure; flag?: string; sourceIndicator?: string },
): Promise<RollupLinkDto> {
  return ctx.db.transaction(async (tx) => {
    const target = await requireCampaign(tx, campaignId);
    const targetSpec = await campaignSpec(tx, ctx, target);
    const perUnit = PER_UNIT.includes(body.measure);
    if (perUnit && body.unit !== undefined) throw invalid('按单位取数的方式不指定单位：每个单位取自来源竞赛中的同一单位', 'A per-unit measure names no unit: each unit is fed from the same unit of the source');
    if (!perUnit && !targetSpec.units.some((u) => u.id === body.unit)) throw invalid(`竞赛中没有单位“${body.unit ?? ''}”`, `The campaign has no unit "${body.unit ?? ''}"`);
    const ind = targetSpec.indicators.find((d) => d.id === body.indicator);
    if (!ind) throw invalid(`竞赛中没有指标“${body.indicator}”`, `The campaign has no indicator "${body.indicator}"`);
    if (ind.input === 'event') throw invalid(`指标“${ind.name}”是加减分事项，不能取自下级竞赛`, `Indicator "${ind.name}" is an event; it cannot be rolled up`);
    const source = await findCampaign(tx, body.sourceCampaign);
    const scope = actor.scope ?? (await loadScope(tx));
    const who = { ...actor, scope };
    if (!source || !can(who, 'campaign.read', { campaignId: source.id })) throw AppError.notFound({ zh: `竞赛“${body.sourceCampaign}”`, en: `Campaign "${body.sourceCampaign}"` });
    if (source.id === campaignId || !isWithin(scope, source.organizationId, target.organizationId)) {
      throw invalid('只能取自本组织或下级组织的其他竞赛', 'The source must be another campaign of this organization or one below it');
    }
    if (perUnit && !(await campaignSpec(tx, ctx, source)).units.some((u) => targetSpec.units.some((t) => t.id === u.id))) {
      throw invalid(`“${source.name}”中没有与本竞赛相同的单位`, `"${source.name}" has no unit of this campaign`);
    }
    const sourceSpec = await campaignSpec(tx, ctx, source);
    if (!cadenceFits(sourceSpec, targetSpec)) {
      throw invalid(`“${source.name}”的考核期不能归入本竞赛的考核期（须同一年度，周期相同或更短）`, `The periods of "${source.name}" do not fit this campaign's (same year, same or shorter cadence)`);
    }
    if (body.measure === 'flag_share' && !(sourceSpec.flags ?? []).some((f) => f.id === body.flag)) {
      throw invalid(`“${source.name}”中没有旗帜“${body.flag ?? ''}”`, `"${source.name}" has no flag "${body.flag ?? ''}"`);
    }
    if ((body.measure === 'indicator_mean' || body.measure === 'indicator_sum')
      && !sourceSpec.indicators.some((d) => d.id === body.sourceIndicator && d.input !== 'event')) {
      throw invalid(`“${source.name}”中没有指标“${body.sourceIndicator ?? ''}”`, `"${source.name}" has no indicator "${body.sourceIndicator ?? ''}"`);
    }
    if (body.measure === 'unit_summary' && !sourceSpec.summary) {
      throw invalid(`“${source.name}”没有年度汇总`, `"${source.name}" has no year summary`);
    }
    if ((await linksOf(tx, campaignId)).some((l) => l.indicatorId === body.indicator && (l.unitId === null || perUnit || l.unitId === body.unit))) {
      throw new AppError('conflict', { zh: '该单位的该指标已设置上下联动', en: 'That cell is rolled up already' });
    }
    const now = ctx.now();
    const link = await insertLink(tx, {
      campaignId, unitId: perUnit ? null : body.unit ?? null, indicatorId: body.indicator, sourceCampaignId: source.id, measure: body.measure,
      flagId: body.measure === 'flag_share' ? body.flag ?? null : null,
      sourceIndicatorId: body.measure === 'indicator_mean' || body.measure === 'indicator_sum' ? body.sourceIndicator ?? null : null,
      createdBy: actor.id, createdAt: now,
    });
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'rollup.create', campaignId, subject: `${body.unit ?? '*'}/${body.indicator}`,
      after: { id: link.id, sourceCampaign: source.id, measure: link.measure, flag: link.flagId, sourceIndicator: link.sourceIndicatorId },
    }]);
    // the periods of the source closed already are rolled up now, in order
    const infos = await periodInfos(tx, source.id);
    for (const p of periodKeys(sourceSpec)) {
      if (infoOf(infos, p).state === 'closed') await applyLink(tx, ctx, link, source, sourceSpec, p, actor);
    }
    return (await toDtos(tx, ctx, [link]))[0];
  });
}

export async function removeRollup(ctx: Ctx, actor: AuditActor, campaignId: string, linkId: number): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const link = await findLink(tx, campaignId, linkId);
    if (!link) throw AppError.notFound({ zh: '该上下联动设置', en: 'Roll-up link' });
    await deleteLink(tx, link.id);
    // the figures it carried stay as they are (they went through the figure path); they may be typed again
    await appendAudit(tx, ctx.now(), [{
      actor: auditActor(actor), action: 'rollup.delete', campaignId, subject: `${link.unitId ?? '*'}/${link.indicatorId}`,
      before: { id: link.id, sourceCampaign: link.sourceCampaignId, measure: link.measure },
    }]);
  });
}

/**
 * After a period of `sourceCampaignId` closed (or an accepted correction changed a closed period),
 * inside that transaction: every cell fed from it gets the new measure.
 */
export async function rollUpClosed(tx: Executor, ctx: Ctx, sourceCampaignId: string, period: string, by: AuditActor): Promise<void> {
  const links = await linksFrom(tx, sourceCampaignId);
  if (links.length === 0) return;
  if (infoOf(await periodInfos(tx, sourceCampaignId), period).state !== 'closed') return;
  const source = await findCampaign(tx, sourceCampaignId);
  if (!source) return;
  const sourceSpec = await campaignSpec(tx, ctx, source);
  for (const link of links) await applyLink(tx, ctx, link, source, sourceSpec, period, by);
}

async function applyLink(tx: Executor, ctx: Ctx, link: RollupLinkRow, source: CampaignRow, sourceSpec: Spec, sourcePeriod: string, by: AuditActor): Promise<void> {
  const target = await findCampaign(tx, link.campaignId);
  if (!target || target.status === 'archived') return;
  const targetSpec = await campaignSpec(tx, ctx, target);
  const period = containingPeriod(targetSpec, sourcePeriod);
  if (!period) return;
  const measured = await measuresOf(tx, link, sourceSpec, targetSpec, sourcePeriod);
  if (measured.length === 0) return;
  const reason = `${PER_UNIT.includes(link.measure) ? '综合考核' : '上下联动'}：${sourceLabel(source.name, sourcePeriod)}（${describe(link, sourceSpec)}）`;
  const now = ctx.now();
  const closed = infoOf(await periodInfos(tx, target.id), period).state === 'closed';
  const writes: { unit: string; indicator: string; period: string; value: string; row: number }[] = [];
  const audit = [];
  for (const m of measured) {
    const key = { unit: m.unit, indicator: link.indicatorId, period };
    const current = await findFigure(tx, target.id, key);
    if (current?.value === m.value) {
      await upsertValue(tx, { linkId: link.id, unitId: m.unit, period, sourcePeriod, value: m.value, outcome: 'written', requestId: null, computedAt: now });
      continue;
    }
    let outcome: 'written' | 'correction' = 'written';
    let requestId: number | null = null;
    if (closed) {
      // a closed period changes only through an accepted correction: the value waits for the organizer
      const req = await insertRequest(tx, {
        campaignId: target.id, kind: 'correction', unitId: m.unit, period, indicatorId: link.indicatorId, value: m.value,
        previousValue: current?.value ?? null, reason, requestedBy: by.id, requestedAt: now,
      });
      audit.push({ actor: auditActor(by), action: 'correction.request', campaignId: target.id, subject: `${m.unit}/${link.indicatorId}/${period}`, before: { value: current?.value ?? null }, after: { request: req.id, value: m.value }, reason });
      outcome = 'correction';
      requestId = req.id;
    } else {
      writes.push({ ...key, value: m.value, row: writes.length + 2 });
    }
    await upsertValue(tx, { linkId: link.id, unitId: m.unit, period, sourcePeriod, value: m.value, outcome, requestId, computedAt: now });
    audit.push({
      actor: auditActor(by), action: 'rollup.apply', campaignId: target.id, subject: `${m.unit}/${link.indicatorId}/${period}`,
      before: { value: current?.value ?? null }, after: { value: m.value, source: source.id, sourcePeriod, measure: link.measure, outcome }, reason,
    });
  }
  // the system writes on behalf of whoever closed the source period, through the one figure path
  if (writes.length > 0) {
    const writer: Writer = { id: by.id, username: by.username, grants: [{ role: 'admin' }] };
    await writeFiguresTx(tx, ctx, writer, target.id, writes, [], { now, reason, rollup: true });
  }
  if (audit.length > 0) await appendAudit(tx, now, audit);
}
