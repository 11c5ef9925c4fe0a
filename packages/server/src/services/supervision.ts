// Supervision records [督查记录] (issue 15 item 3): dated field checks of a unit with their findings,
// photos and files and who checked. A finding proposes a penalty or bonus through one of the
// campaign's event indicators: it becomes that period's figure through the one figure path (checked
// by the engine, pending verification, audited with the record as its reason, results recomputed)
// — never a side channel; and it can open a case (source: supervision).
import { periodKeys } from '@leitai/engine';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { supervisionFiles, supervisionRecords, users, type SUPERVISION_KINDS } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { findFigure } from '../repositories/figures.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import { acceptFile, openCaseTx, readCase, type CaseActor } from './cases.ts';
import type { Ctx } from './context.ts';
import { EVIDENCE_MAX_FILES } from './evidence.ts';
import { writeFiguresTx } from './figures.ts';

export type SupervisionKind = (typeof SUPERVISION_KINDS)[number];
const KIND_NAMES: Record<SupervisionKind, string> = { weekly: '周督查', unannounced: '明察暗访', four_nots: '四不两直', special: '专项督查' };
const notFound = () => AppError.notFound({ zh: '该督查记录', en: 'Supervision record' });

export interface SupervisionInput {
  kind: SupervisionKind;
  unit: string;
  checkedOn: string;
  findings: string;
  checkers: string[];
}

async function dto(ex: Executor, ctx: Ctx, campaignId: string, id: number) {
  const [r] = await ex.select({ r: supervisionRecords, by: users.displayName }).from(supervisionRecords).leftJoin(users, eq(users.id, supervisionRecords.createdBy))
    .where(and(eq(supervisionRecords.campaignId, campaignId), eq(supervisionRecords.id, id)));
  if (!r) throw notFound();
  const spec = await campaignSpec(ex, ctx, await requireCampaign(ex, campaignId));
  const files = await ex.select({ id: supervisionFiles.id, filename: supervisionFiles.filename, contentType: supervisionFiles.contentType, size: supervisionFiles.size })
    .from(supervisionFiles).where(eq(supervisionFiles.recordId, id)).orderBy(asc(supervisionFiles.uploadedAt));
  return {
    id: r.r.id, kind: r.r.kind, kindName: KIND_NAMES[r.r.kind], unit: r.r.unitId, unitName: spec.units.find((u) => u.id === r.r.unitId)?.name ?? r.r.unitId,
    checkedOn: r.r.checkedOn, findings: r.r.findings, checkers: r.r.checkers, createdBy: r.by, createdAt: r.r.createdAt.toISOString(), files,
  };
}
export type SupervisionDto = Awaited<ReturnType<typeof dto>>;

export async function createRecord(ctx: Ctx, actor: CaseActor, campaignId: string, input: SupervisionInput): Promise<SupervisionDto> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const spec = await campaignSpec(tx, ctx, campaign);
    if (!spec.units.some((u) => u.id === input.unit)) throw AppError.notFound({ zh: `单位“${input.unit}”`, en: `Unit "${input.unit}"` });
    const now = ctx.now();
    const [row] = await tx.insert(supervisionRecords).values({ campaignId, kind: input.kind, unitId: input.unit, checkedOn: input.checkedOn, findings: input.findings, checkers: input.checkers, createdBy: actor.id, createdAt: now }).returning({ id: supervisionRecords.id });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'supervision.create', campaignId, subject: `${input.unit}/supervision ${row.id}`, after: { id: row.id, ...input }, reason: input.findings }]);
    return dto(tx, ctx, campaignId, row.id);
  });
}

/** The records the actor may read: organizers and sections all, a reporter their unit's, a leader the units they lead. */
export async function listRecords(ctx: Ctx, actor: Actor, campaignId: string, unit?: string): Promise<SupervisionDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await ctx.db.select({ id: supervisionRecords.id, unit: supervisionRecords.unitId }).from(supervisionRecords)
    .where(eq(supervisionRecords.campaignId, campaignId)).orderBy(desc(supervisionRecords.checkedOn), desc(supervisionRecords.id));
  const mine = rows.filter((r) => (unit === undefined || r.unit === unit) && can(actor, 'case.read', { campaignId, unitId: r.unit }));
  return Promise.all(mine.map((r) => dto(ctx.db, ctx, campaignId, r.id)));
}

async function readable(ex: Executor, ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<SupervisionDto> {
  const d = await dto(ex, ctx, campaignId, id);
  if (!can(actor, 'case.read', { campaignId, unitId: d.unit })) throw notFound();
  return d;
}

export async function readRecord(ctx: Ctx, actor: Actor, campaignId: string, id: number) {
  return readable(ctx.db, ctx, actor, campaignId, id);
}

export async function addRecordFile(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, read: () => Promise<{ data: Uint8Array; filename: string }>) {
  await readable(ctx.db, ctx, actor, campaignId, id);
  const f = acceptFile(await read());
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const n = await tx.select({ id: supervisionFiles.id }).from(supervisionFiles).where(eq(supervisionFiles.recordId, id));
    if (n.length >= EVIDENCE_MAX_FILES * 2) throw new AppError('conflict', { zh: `每条督查记录最多附 ${EVIDENCE_MAX_FILES * 2} 个材料`, en: `A record takes at most ${EVIDENCE_MAX_FILES * 2} files` });
    await tx.insert(supervisionFiles).values({ id: f.id, recordId: id, filename: f.filename, contentType: f.type.contentType, size: f.data.length, sha256: f.sha256, data: f.data, uploadedBy: actor.id, uploadedAt: now });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'supervision.file_add', campaignId, subject: `supervision ${id}`, after: { id: f.id, filename: f.filename, size: f.data.length, sha256: f.sha256 } }]);
  });
  return { id: f.id, filename: f.filename, contentType: f.type.contentType, size: f.data.length };
}

export async function downloadRecordFile(ctx: Ctx, actor: Actor, campaignId: string, id: number, fileId: string) {
  await readable(ctx.db, ctx, actor, campaignId, id);
  const [f] = await ctx.db.select().from(supervisionFiles).where(and(eq(supervisionFiles.recordId, id), eq(supervisionFiles.id, fileId)));
  if (!f) throw AppError.notFound({ zh: '该材料', en: 'File' });
  return f;
}

/**
 * A finding's penalty or bonus: `count` more events of the event indicator for the record's unit in
 * `period`, written through the figure path with the record as its reason (pending verification
 * like any figure; a closed period refuses it: ask for a correction).
 */
export async function proposeEvent(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, body: { indicator: string; period: string; count: number }) {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const rec = await readable(tx, ctx, actor, campaignId, id);
    const spec = await campaignSpec(tx, ctx, campaign);
    const ind = spec.indicators.find((d) => d.id === body.indicator);
    if (!ind || ind.input !== 'event') throw new AppError('validation_failed', { zh: `“${ind?.name ?? body.indicator}”不是加减分事项指标`, en: `"${body.indicator}" is not an event indicator` });
    if (!periodKeys(spec).includes(body.period)) throw AppError.notFound({ zh: `考核期“${body.period}”`, en: `Period "${body.period}"` });
    const key = { unit: rec.unit, indicator: body.indicator, period: body.period };
    const before = (await findFigure(tx, campaignId, key))?.value;
    const value = String((before === undefined ? 0 : Number(before)) + body.count);
    await writeFiguresTx(tx, ctx, actor, campaignId, [{ ...key, value, row: 2 }], [], { reason: `${rec.kindName} ${rec.checkedOn}（督查记录 ${id}）：${rec.findings}` });
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'supervision.event', campaignId, subject: `${rec.unit}/supervision ${id}`, after: { ...key, count: body.count, value }, reason: rec.findings }]);
    return { unit: rec.unit, indicator: body.indicator, period: body.period, value };
  });
}

/** Opens a case from a finding (source: supervision). */
export async function caseFromRecord(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, body: { kind: string; reason?: string; requirement?: string; due?: string; period?: string }) {
  const caseId = await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const rec = await readable(tx, ctx, actor, campaignId, id);
    return openCaseTx(tx, ctx, actor, campaign, {
      unit: rec.unit, kind: body.kind, reason: body.reason ?? rec.findings, requirement: body.requirement, due: body.due, period: body.period ?? null,
      source: 'supervision', sourceRef: `${rec.kindName} ${rec.checkedOn}`,
    });
  });
  return readCase(ctx, actor, campaignId, caseId);
}
