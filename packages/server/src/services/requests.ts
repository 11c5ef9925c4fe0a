// Corrections and appeals (申诉). After a period is closed a figure changes only through a
// correction request with a reason, accepted by an organizer; a unit may appeal a published score
// with a reason, and the organizer accepts it (optionally with a correction) or rejects it with a
// reply. The request keeps the earlier value; the audit log keeps every step.
import { checkData } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit, listAudit } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { campaignFigureStates, figureKey, findFigure } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { insertRequest, listRequests, lockRequest, updateRequest, type RequestRow } from '../repositories/requests.ts';
import { findResult } from '../repositories/results.ts';
import type { RequestDto } from '../schemas/requests.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { writeFiguresTx, type Writer } from './figures.ts';
import { rollUpClosed } from './rollups.ts';

function toDto(r: { request: RequestRow; requestedBy: string | null; decidedBy: string | null }): RequestDto {
  const q = r.request;
  return {
    id: q.id, kind: q.kind, unit: q.unitId, period: q.period, indicator: q.indicatorId, value: q.value, previousValue: q.previousValue,
    reason: q.reason, status: q.status, reply: q.reply, requestedBy: r.requestedBy, requestedAt: q.requestedAt.toISOString(),
    decidedBy: r.decidedBy, decidedAt: q.decidedAt?.toISOString() ?? null,
  };
}

async function readOne(ex: Parameters<typeof listRequests>[0], campaignId: string, id: number): Promise<RequestDto> {
  const [row] = await listRequests(ex, campaignId, { id });
  if (!row) throw AppError.notFound({ zh: '该申请', en: 'Request' });
  return toDto(row);
}

export async function requestCorrection(ctx: Ctx, actor: Writer, campaignId: string, input: { unit: string; indicator: string; period: string; value: string; reason: string }): Promise<RequestDto> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const spec = await campaignSpec(tx, ctx, campaign);
    const where = `${input.unit} / ${input.indicator} / ${input.period}`;
    const input_ = spec.indicators.find((d) => d.id === input.indicator)?.input;
    if (!can(actor, 'figure.enter', { campaignId, unitId: input.unit, indicatorId: input.indicator, input: input_ })) {
      throw new AppError('forbidden', { zh: `无权申请更正 ${where}`, en: `You may not request a correction of ${where}` });
    }
    if (infoOf(await periodInfos(tx, campaignId), input.period).state !== 'closed') {
      throw new AppError('conflict', { zh: `考核期 ${input.period} 尚未锁定，请直接修改数据`, en: `Period ${input.period} is not closed; change the figure directly` });
    }
    // the value must be one the engine accepts in place of the stored one
    const stored = await campaignFigureStates(tx, campaignId);
    const k = figureKey(input);
    const rows = [{ ...input, row: 2 }, ...stored.filter((s) => figureKey(s) !== k).map((s, i) => ({ unit: s.unit, indicator: s.indicator, period: s.period, value: s.value, row: 3 + i }))];
    const checked = checkData(spec, rows.map(({ unit, indicator, period, value, row }) => ({ unit, indicator, period, value, row })));
    if (!checked.ok) throw new AppError('data_invalid', undefined, checked.issues);
    const previous = stored.find((s) => figureKey(s) === k)?.value ?? null;
    const now = ctx.now();
    const row = await insertRequest(tx, {
      campaignId, kind: 'correction', unitId: input.unit, period: input.period, indicatorId: input.indicator, value: input.value,
      previousValue: previous, reason: input.reason, requestedBy: actor.id, requestedAt: now,
    });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'correction.request', campaignId, subject: `${input.unit}/${input.indicator}/${input.period}`, before: { value: previous }, after: { request: row.id, value: input.value }, reason: input.reason }]);
    return readOne(tx, campaignId, row.id);
  });
}

export async function fileAppeal(ctx: Ctx, actor: Writer, campaignId: string, input: { unit: string; period: string; indicator?: string; reason: string }): Promise<RequestDto> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, campaign);
    if (!spec.units.some((u) => u.id === input.unit)) throw AppError.notFound({ zh: `单位“${input.unit}”`, en: `Unit "${input.unit}"` });
    if (!can(actor, 'appeal.create', { campaignId, unitId: input.unit })) {
      throw new AppError('forbidden', { zh: '只能为本单位申诉', en: 'You may appeal only for your own unit' });
    }
    if (input.indicator !== undefined && !spec.indicators.some((d) => d.id === input.indicator)) {
      throw AppError.notFound({ zh: `指标“${input.indicator}”`, en: `Indicator "${input.indicator}"` });
    }
    const result = await findResult(tx, campaignId, input.period);
    const score = result?.units.find((u) => u.unit === input.unit);
    if (!score) throw new AppError('conflict', { zh: `${input.period} 还没有公布的得分`, en: `There is no published score for ${input.period}` });
    const previous = input.indicator === undefined ? null : (await findFigure(tx, campaignId, { unit: input.unit, indicator: input.indicator, period: input.period }))?.value ?? null;
    const now = ctx.now();
    const row = await insertRequest(tx, {
      campaignId, kind: 'appeal', unitId: input.unit, period: input.period, indicatorId: input.indicator ?? null, value: null,
      previousValue: previous, reason: input.reason, requestedBy: actor.id, requestedAt: now,
    });
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'appeal.submit', campaignId, subject: `${input.unit}/${input.period}`,
      before: { total: score.total, rank: score.rank.all, ...(input.indicator ? { indicator: input.indicator, value: previous } : {}) },
      after: { request: row.id }, reason: input.reason,
    }]);
    return readOne(tx, campaignId, row.id);
  });
}

export async function decideRequest(
  ctx: Ctx, actor: Writer, campaignId: string, id: number,
  body: { decision: 'accept' | 'reject'; reply?: string; correction?: { indicator: string; value: string } },
): Promise<RequestDto> {
  return ctx.db.transaction(async (tx) => {
    const req = await lockRequest(tx, campaignId, id);
    if (!req) throw AppError.notFound({ zh: '该申请', en: 'Request' });
    if (req.status !== 'pending') throw new AppError('conflict', { zh: '该申请已处理', en: 'The request has been decided already' });
    const now = ctx.now();
    const who = auditActor(actor);
    // a correction is about one figure; an appeal about a unit's score in a period
    const subject = req.kind === 'correction' ? `${req.unitId}/${req.indicatorId ?? ''}/${req.period}` : `${req.unitId}/${req.period}`;
    if (body.decision === 'reject') {
      if (!body.reply) throw new AppError('validation_failed', { zh: '驳回须填写答复', en: 'A rejection needs a reply' });
      await updateRequest(tx, id, { status: 'rejected', reply: body.reply, decidedBy: actor.id, decidedAt: now });
      await appendAudit(tx, now, [{ actor: who, action: `${req.kind}.reject`, campaignId, subject, before: { request: id, status: 'pending' }, after: { status: 'rejected' }, reason: body.reply }]);
      return readOne(tx, campaignId, id);
    }
    if (req.kind === 'correction' && body.correction) {
      throw new AppError('validation_failed', { zh: '更正申请按申请的值执行', en: 'A correction request applies the value it asked for' });
    }
    const change = req.kind === 'correction' ? { indicator: req.indicatorId ?? '', value: req.value ?? '' } : body.correction;
    let previous = req.previousValue;
    if (change) {
      const key = { unit: req.unitId, indicator: change.indicator, period: req.period };
      previous = (await findFigure(tx, campaignId, key))?.value ?? null;
      await writeFiguresTx(tx, ctx, actor, campaignId, [{ ...key, value: change.value, row: 2 }], [], { now, correction: true, reason: `${req.kind} #${id}: ${req.reason}` });
      // a corrected closed period feeds the higher campaigns again (上下联动)
      await rollUpClosed(tx, ctx, campaignId, req.period, actor);
    }
    await updateRequest(tx, id, {
      status: 'accepted', reply: body.reply ?? null, decidedBy: actor.id, decidedAt: now,
      ...(change ? { indicatorId: change.indicator, value: change.value, previousValue: previous } : {}),
    });
    await appendAudit(tx, now, [{
      actor: who, action: `${req.kind}.accept`, campaignId, subject,
      before: { request: id, status: 'pending', ...(change ? { indicator: change.indicator, value: previous } : {}) },
      after: { status: 'accepted', ...(change ? { indicator: change.indicator, value: change.value } : {}) }, reason: body.reply ?? null,
    }]);
    return readOne(tx, campaignId, id);
  });
}

export async function readRequests(ctx: Ctx, actor: Actor, campaignId: string, f: { kind?: RequestRow['kind']; status?: RequestRow['status'] }): Promise<RequestDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await listRequests(ctx.db, campaignId, f);
  return rows.filter((r) => can(actor, 'request.read', { campaignId, unitId: r.request.unitId })).map(toDto);
}

/** A figure's history from the audit log: every value it had, who set it, when and why. */
export async function figureHistory(ctx: Ctx, actor: Actor, campaignId: string, k: { unit: string; indicator: string; period: string }) {
  await requireCampaign(ctx.db, campaignId);
  if (!can(actor, 'figure.read', { campaignId, unitId: k.unit })) throw new AppError('forbidden');
  const entries = await listAudit(ctx.db, { campaignId, subject: `${k.unit}/${k.indicator}/${k.period}` }, 10_000, 'asc');
  return entries.map((e) => ({ at: e.at.toISOString(), action: e.action, actor: e.actor, before: e.before ?? null, after: e.after ?? null, reason: e.reason }));
}
