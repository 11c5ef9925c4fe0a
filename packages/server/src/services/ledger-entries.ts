// A person campaign's performance ledger [实绩台账] entered by reporters (issue 17 items 1–2): the
// reporter of a competitor linked to a person records what the person did, under which key work
// (an indicator of the campaign), with evidence files (the evidence limits); the section
// responsible for that indicator (its scorers, or an organizer) approves the entry or returns it
// with a reason; a returned entry is corrected and waits again. Every step is audited; a refused
// step changes nothing.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { ledgerEntries, ledgerEntryFiles, persons, users, type LedgerEntryState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { insertReminders } from '../repositories/periods.ts';
import type { LedgerEntryDto } from '../schemas/ledger-entries.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import { acceptFile } from './cases.ts';
import type { AuditActor, Ctx } from './context.ts';
import { EVIDENCE_MAX_FILES } from './evidence.ts';
import { renderInbox } from './inbox-text.ts';
import { personsOfSpec } from './people.ts';

type Who = Actor & AuditActor;
type EntryRow = typeof ledgerEntries.$inferSelect;
export interface EntryInput { unit: string; date: string; what: string; indicator: string; keyWork?: string; draft?: boolean }

const NOT_FOUND = { zh: '该台账记录', en: 'Ledger entry' };

/** The campaign's spec, refusing an archived campaign for a change. */
async function specOf(ex: Executor, ctx: Ctx, campaignId: string, forChange: boolean): Promise<Spec> {
  const c = await requireCampaign(ex, campaignId);
  if (forChange && c.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档', en: 'The campaign is archived' });
  return campaignSpec(ex, ctx, c);
}

/** Checks the entry's unit (a competitor linked to a person) and indicator; returns the person. */
function checkInput(spec: Spec, input: EntryInput): number {
  const unit = spec.units.find((u) => u.id === input.unit);
  if (!unit) throw new AppError('validation_failed', { zh: `unit：本竞赛没有参赛对象“${input.unit}”`, en: `unit: the campaign has no competitor "${input.unit}"` });
  const person = personsOfSpec(spec).get(unit.id);
  if (person === undefined) {
    throw new AppError('validation_failed', {
      zh: `unit：“${unit.name}”未关联人员名录（实绩台账只记人员竞赛中关联了人员的参赛对象）`,
      en: `unit: "${unit.name}" is not linked to a person (ledger entries are kept for the linked competitors of a person campaign)`,
    });
  }
  if (!spec.indicators.some((d) => d.id === input.indicator)) {
    throw new AppError('validation_failed', { zh: `indicator：本竞赛没有指标“${input.indicator}”（台账记录须注明对应的重点工作指标）`, en: `indicator: the campaign has no indicator "${input.indicator}"` });
  }
  return person;
}

function mayWrite(actor: Actor, campaignId: string, unit: string): void {
  if (!can(actor, 'ledger_entry.write', { campaignId, unitId: unit })) throw new AppError('forbidden', { zh: '只能为本单位（本人）记台账', en: 'You may keep the ledger of your own competitor only' });
}

/** Who may read an entry: whoever may read the competitor's figures; a draft, only who keeps the ledger. */
const mayRead = (actor: Actor, e: EntryRow) => e.campaignId !== null && can(actor, 'figure.read', { campaignId: e.campaignId, unitId: e.unitId ?? undefined })
  && (e.state !== 'draft' || can(actor, 'ledger_entry.write', { campaignId: e.campaignId, unitId: e.unitId ?? undefined }));

async function lockEntry(tx: Executor, campaignId: string, id: number): Promise<EntryRow> {
  const [e] = await tx.select().from(ledgerEntries).where(and(eq(ledgerEntries.id, id), eq(ledgerEntries.campaignId, campaignId))).for('update');
  if (!e) throw AppError.notFound(NOT_FOUND);
  return e;
}

function changeable(e: EntryRow): void {
  if (e.state === 'approved') throw new AppError('conflict', { zh: '该台账记录已审核通过，不能再修改', en: 'The entry is approved and can no longer be changed' });
}

async function toDtos(ex: Executor, spec: Spec, rows: EntryRow[]): Promise<LedgerEntryDto[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const files = await ex.select({ id: ledgerEntryFiles.id, entryId: ledgerEntryFiles.entryId, filename: ledgerEntryFiles.filename, contentType: ledgerEntryFiles.contentType, size: ledgerEntryFiles.size })
    .from(ledgerEntryFiles).where(inArray(ledgerEntryFiles.entryId, ids)).orderBy(asc(ledgerEntryFiles.uploadedAt), asc(ledgerEntryFiles.id));
  const userIds = [...new Set(rows.flatMap((r) => [r.createdBy, r.verifiedBy]).filter((x): x is number => x !== null))];
  const names = new Map(userIds.length ? (await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds))).map((u) => [u.id, u.name]) : []);
  const personIds = [...new Set(rows.map((r) => r.personId))];
  const personNames = new Map((await ex.select({ id: persons.id, name: persons.name }).from(persons).where(inArray(persons.id, personIds))).map((p) => [p.id, p.name]));
  return rows.map((e) => ({
    id: e.id, campaign: e.campaignId ?? '', unit: e.unitId ?? '', unitName: spec.units.find((u) => u.id === e.unitId)?.name ?? e.unitId ?? '',
    personId: e.personId, personName: personNames.get(e.personId) ?? '', date: e.date, what: e.what, keyWork: e.keyWork,
    indicator: e.indicatorId ?? '', indicatorName: spec.indicators.find((d) => d.id === e.indicatorId)?.name ?? e.indicatorId ?? '',
    state: e.state, returnReason: e.returnReason,
    createdBy: e.createdBy === null ? null : names.get(e.createdBy) ?? null, createdAt: e.createdAt.toISOString(),
    verifiedBy: e.verifiedBy === null ? null : names.get(e.verifiedBy) ?? null, verifiedAt: e.verifiedAt?.toISOString() ?? null,
    files: files.filter((f) => f.entryId === e.id).map(({ id, filename, contentType, size }) => ({ id, filename, contentType, size })),
  }));
}

export async function listEntries(ctx: Ctx, actor: Actor, campaignId: string, q: { unit?: string; state?: LedgerEntryState }): Promise<LedgerEntryDto[]> {
  const spec = await specOf(ctx.db, ctx, campaignId, false);
  const where = [eq(ledgerEntries.campaignId, campaignId)];
  if (q.unit !== undefined) where.push(eq(ledgerEntries.unitId, q.unit));
  if (q.state !== undefined) where.push(eq(ledgerEntries.state, q.state));
  const rows = await ctx.db.select().from(ledgerEntries).where(and(...where)).orderBy(desc(ledgerEntries.date), desc(ledgerEntries.id));
  return toDtos(ctx.db, spec, rows.filter((e) => mayRead(actor, e)));
}

export async function getEntry(ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<LedgerEntryDto> {
  const spec = await specOf(ctx.db, ctx, campaignId, false);
  const [e] = await ctx.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.id, id), eq(ledgerEntries.campaignId, campaignId)));
  if (!e || !mayRead(actor, e)) throw AppError.notFound(NOT_FOUND);
  return (await toDtos(ctx.db, spec, [e]))[0];
}

export async function createEntry(ctx: Ctx, actor: Who, campaignId: string, input: EntryInput): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const spec = await specOf(tx, ctx, campaignId, true);
    const personId = checkInput(spec, input);
    mayWrite(actor, campaignId, input.unit);
    const now = ctx.now();
    const state = input.draft ? 'draft' as const : 'pending' as const;
    const [e] = await tx.insert(ledgerEntries).values({
      personId, date: input.date, what: input.what, keyWork: input.keyWork || null, createdBy: actor.id, createdAt: now,
      campaignId, unitId: input.unit, indicatorId: input.indicator, state,
    }).returning({ id: ledgerEntries.id });
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'ledger_entry.create', campaignId, subject: `${input.unit}/ledger ${e.id}`,
      after: { person: personId, date: input.date, what: input.what, indicator: input.indicator, keyWork: input.keyWork ?? null, state },
    }]);
    return e.id;
  });
}

/** Corrects an entry (pending or returned): it waits for the section again. */
export async function updateEntry(ctx: Ctx, actor: Who, campaignId: string, id: number, input: Omit<EntryInput, 'unit'>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const spec = await specOf(tx, ctx, campaignId, true);
    const e = await lockEntry(tx, campaignId, id);
    if (!mayRead(actor, e)) throw AppError.notFound(NOT_FOUND);
    mayWrite(actor, campaignId, e.unitId as string);
    changeable(e);
    checkInput(spec, { ...input, unit: e.unitId as string });
    const now = ctx.now();
    // saved as a draft it waits for no one (a pending one is taken back); saved without, it waits for the section
    const state = input.draft ? 'draft' as const : 'pending' as const;
    await tx.update(ledgerEntries).set({ date: input.date, what: input.what, indicatorId: input.indicator, keyWork: input.keyWork || null, state, returnReason: state === 'draft' ? e.returnReason : null, verifiedBy: null, verifiedAt: null })
      .where(eq(ledgerEntries.id, id));
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'ledger_entry.update', campaignId, subject: `${e.unitId}/ledger ${id}`,
      before: { date: e.date, what: e.what, indicator: e.indicatorId, keyWork: e.keyWork, state: e.state, returnReason: e.returnReason },
      after: { date: input.date, what: input.what, indicator: input.indicator, keyWork: input.keyWork ?? null, state },
    }]);
  });
}

export async function addEntryFile(ctx: Ctx, actor: Who, campaignId: string, id: number, read: () => Promise<{ data: Uint8Array; filename: string }>) {
  // permission and state first: nobody else gets to send us 10 MB
  const [pre] = await ctx.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.id, id), eq(ledgerEntries.campaignId, campaignId)));
  if (!pre || !mayRead(actor, pre)) throw AppError.notFound(NOT_FOUND);
  mayWrite(actor, campaignId, pre.unitId as string);
  changeable(pre);
  const f = acceptFile(await read());
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const e = await lockEntry(tx, campaignId, id);
    changeable(e);
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ledgerEntryFiles).where(eq(ledgerEntryFiles.entryId, id));
    if (n >= EVIDENCE_MAX_FILES) throw new AppError('conflict', { zh: `每条台账记录最多附 ${EVIDENCE_MAX_FILES} 个佐证材料，请先删除不需要的`, en: `An entry takes at most ${EVIDENCE_MAX_FILES} evidence files` });
    await tx.insert(ledgerEntryFiles).values({ id: f.id, entryId: id, filename: f.filename, contentType: f.type.contentType, size: f.data.length, sha256: f.sha256, data: f.data, uploadedBy: actor.id, uploadedAt: now });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'ledger_entry.file_add', campaignId, subject: `${e.unitId}/ledger ${id}`, after: { id: f.id, filename: f.filename, size: f.data.length, sha256: f.sha256 } }]);
  });
  return { id: f.id, filename: f.filename, contentType: f.type.contentType, size: f.data.length };
}

/** Removes an evidence file from an entry not yet approved (its reporter, or an organizer). */
export async function removeEntryFile(ctx: Ctx, actor: Who, campaignId: string, id: number, fileId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const e = await lockEntry(tx, campaignId, id);
    if (!mayRead(actor, e)) throw AppError.notFound(NOT_FOUND);
    mayWrite(actor, campaignId, e.unitId as string);
    changeable(e);
    const gone = await tx.delete(ledgerEntryFiles).where(and(eq(ledgerEntryFiles.entryId, id), eq(ledgerEntryFiles.id, fileId)))
      .returning({ filename: ledgerEntryFiles.filename, size: ledgerEntryFiles.size, sha256: ledgerEntryFiles.sha256 });
    if (gone.length === 0) throw AppError.notFound({ zh: '该佐证材料', en: 'Evidence file' });
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'ledger_entry.file_remove', campaignId, subject: `${e.unitId}/ledger ${id}`, before: { id: fileId, ...gone[0] }, after: null }]);
  });
}

export async function downloadEntryFile(ctx: Ctx, actor: Actor, campaignId: string, id: number, fileId: string) {
  const [e] = await ctx.db.select().from(ledgerEntries).where(and(eq(ledgerEntries.id, id), eq(ledgerEntries.campaignId, campaignId)));
  if (!e || !mayRead(actor, e)) throw AppError.notFound(NOT_FOUND);
  const [f] = await ctx.db.select().from(ledgerEntryFiles).where(and(eq(ledgerEntryFiles.entryId, id), eq(ledgerEntryFiles.id, fileId)));
  if (!f) throw AppError.notFound({ zh: '该佐证材料', en: 'Evidence file' });
  return f;
}

/** The responsible section approves a pending entry, or returns it with a reason. */
export async function verifyEntry(ctx: Ctx, actor: Who, campaignId: string, id: number, body: { decision: 'approve' | 'return'; reason?: string }): Promise<void> {
  const reason = body.reason?.trim() || null;
  if (body.decision === 'return' && !reason) throw new AppError('validation_failed', { zh: 'reason：退回须写明原因', en: 'reason: a returned entry needs a reason' });
  await ctx.db.transaction(async (tx) => {
    await specOf(tx, ctx, campaignId, true);
    const e = await lockEntry(tx, campaignId, id);
    if (!mayRead(actor, e)) throw AppError.notFound(NOT_FOUND);
    if (!can(actor, 'ledger_entry.verify', { campaignId, indicatorId: e.indicatorId ?? undefined })) {
      throw new AppError('forbidden', { zh: '只有该项重点工作的责任科室（评分科室）或组织部可以审核', en: 'Only the section responsible for the key work (its scorers) or an organizer may verify it' });
    }
    if (e.state !== 'pending') throw new AppError('conflict', { zh: `该台账记录${e.state === 'approved' ? '已审核通过' : e.state === 'draft' ? '尚未提交审核' : '已退回，待修改后再审'}`, en: `The entry is ${e.state}, not waiting for verification` });
    const now = ctx.now();
    const state = body.decision === 'approve' ? 'approved' : 'returned';
    await tx.update(ledgerEntries).set({ state, returnReason: state === 'returned' ? reason : null, verifiedBy: actor.id, verifiedAt: now }).where(eq(ledgerEntries.id, id));
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: `ledger_entry.${body.decision}`, campaignId, subject: `${e.unitId}/ledger ${id}`,
      before: { state: e.state }, after: { state }, reason,
    }]);
    if (state === 'returned') {
      // the reporter's inbox: the entry, the reason (the period shown is the entry's date)
      const params = { ledger: id, date: e.date, what: e.what, reason: reason as string };
      await insertReminders(tx, [{
        campaignId, period: e.date, unitId: e.unitId as string, kind: 'returned', message: renderInbox(undefined, 'returned', e.date, params, 'zh'), params, sentBy: actor.id, sentAt: now,
      }]);
    }
  });
}
