// Verification: each indicator's responsible section (the scorers assigned to it; organizers may
// act for any) approves the figures of its indicators or returns them to the unit with a reason.
// A returned figure can be fixed by the unit even while the period is in verification, and the
// unit's inbox says why it came back. Once a period is in verification, results count approved
// figures only (services/recompute.ts).
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit, type AuditInput } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { campaignFigureStates, figureKey, listFigures, setFigureReview } from '../repositories/figures.ts';
import { infoOf, insertReminders, periodInfos } from '../repositories/periods.ts';
import type { FigureDto } from '../schemas/figures.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { figureDtos } from './figure-dto.ts';
import { renderInbox } from './inbox-text.ts';
import { recomputeStored } from './recompute.ts';
import { jumpOf, previousPeriodOf } from './explanation-rule.ts';
import { findResult } from '../repositories/results.ts';
import type { ValueIndicator } from '@leitai/engine';

/** What a section weighs at a glance: the figure of the period before, and whether it jumps or is behind schedule. */
export interface ReviewFacts {
  previous: string | null;
  jump: boolean;
  behind: boolean;
}

export interface DecisionInput {
  unit: string;
  indicator: string;
  period: string;
  version: number;
  decision: 'approve' | 'return';
  reason?: string;
}

/** The figures this actor verifies (a scorer: those of their indicators). */
export async function verificationQueue(ctx: Ctx, actor: Actor, campaignId: string, filter: { period?: string; status?: FigureDto['status'] }): Promise<(FigureDto & { review: ReviewFacts })[]> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const rows = await listFigures(ctx.db, campaignId, { period: filter.period });
  const dtos = await figureDtos(ctx.db, campaignId, rows.filter((r) => (filter.status === undefined || r.status === filter.status) && can(actor, 'figure.verify', { campaignId, indicatorId: r.indicator })));
  if (dtos.length === 0) return [];
  // the facts beside each figure: its previous figure, a jump (the explanation rule's), behind schedule (the stored result's)
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const all = new Map((await listFigures(ctx.db, campaignId, { units: [...new Set(dtos.map((d) => d.unit))] })).map((r) => [figureKey(r), r.value]));
  const results = new Map<string, Awaited<ReturnType<typeof findResult>>>();
  for (const p of new Set(dtos.map((d) => d.period))) results.set(p, await findResult(ctx.db, campaignId, p));
  return dtos.map((d) => {
    const ind = spec.indicators.find((x) => x.id === d.indicator);
    const prevPeriod = previousPeriodOf(spec, d.period);
    const previous = prevPeriod ? all.get(figureKey({ unit: d.unit, indicator: d.indicator, period: prevPeriod })) ?? null : null;
    const valueOf = (p: string) => all.get(figureKey({ unit: d.unit, indicator: d.indicator, period: p }));
    const jump = ind?.input === 'value' ? jumpOf(spec, ind as ValueIndicator, d.period, valueOf) !== null : false;
    const r = results.get(d.period)?.units.find((u) => u.unit === d.unit)?.indicators[d.indicator];
    const behind = !!r && 'ahead' in r && r.ahead === false;
    return { ...d, review: { previous, jump, behind } };
  });
}

export async function decide(ctx: Ctx, actor: Actor & AuditActor, campaignId: string, decisions: DecisionInput[]): Promise<FigureDto[]> {
  await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档', en: 'The campaign is archived' });
    const spec = await campaignSpec(tx, ctx, campaign);
    const infos = await periodInfos(tx, campaignId);
    const byKey = new Map((await campaignFigureStates(tx, campaignId)).map((f) => [figureKey(f), f]));
    const now = ctx.now();
    const audit: AuditInput[] = [];
    const notes: { unit: string; period: string; params: { indicator: string; value: string; reason: string } }[] = [];
    for (const d of decisions) {
      const where = `${d.unit} / ${d.indicator} / ${d.period}`;
      if (!can(actor, 'figure.verify', { campaignId, indicatorId: d.indicator })) {
        throw new AppError('forbidden', { zh: `无权审核 ${where}`, en: `You may not verify ${where}` });
      }
      if (infoOf(infos, d.period).state === 'closed') throw new AppError('period_locked');
      const current = byKey.get(figureKey(d));
      if (!current) throw AppError.notFound({ zh: `数据 ${where}`, en: `Figure ${where}` });
      if (current.version !== d.version) {
        throw new AppError('conflict', { zh: `${where} 已被修改，请重新审核`, en: `${where} changed since you looked at it; review it again` });
      }
      if (d.decision === 'return' && !d.reason) {
        throw new AppError('validation_failed', { zh: `退回 ${where} 须说明理由`, en: `Returning ${where} needs a reason` });
      }
      const status = d.decision === 'approve' ? 'approved' : 'returned';
      await setFigureReview(tx, campaignId, d, { status, reason: d.reason ?? null, by: actor.id, at: now });
      audit.push({
        actor: auditActor(actor), action: d.decision === 'approve' ? 'figure.approve' : 'figure.return', campaignId,
        subject: `${d.unit}/${d.indicator}/${d.period}`,
        before: { status: current.status, value: current.value, version: current.version }, after: { status }, reason: d.reason ?? null,
      });
      if (status === 'returned') {
        notes.push({ unit: d.unit, period: d.period, params: { indicator: d.indicator, value: current.value, reason: d.reason ?? '' } });
      }
    }
    await insertReminders(tx, notes.map((n) => ({
      campaignId, period: n.period, unitId: n.unit, kind: 'returned' as const,
      message: renderInbox(spec, 'returned', n.period, n.params, 'zh'), params: n.params, sentBy: actor.id, sentAt: now,
    })));
    await recomputeStored(tx, ctx, campaign, spec, now, new Set(decisions.map((d) => d.period)));
    await appendAudit(tx, now, audit);
  });
  const wanted = new Set(decisions.map(figureKey));
  const rows = await listFigures(ctx.db, campaignId, {});
  return figureDtos(ctx.db, campaignId, rows.filter((r) => wanted.has(figureKey(r))));
}
