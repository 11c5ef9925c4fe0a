// Accountability cases [问责事项]. A rule's match in a closed period (the engine's action) becomes a
// proposal; the organizer issues it (a numbered document of its kind, rendered to Word and sent to
// the unit's inbox), merges it into an open case of the unit, or dismisses it with a reason; a case
// may also be opened by hand, or by another part of the system through `openCase` (supervision
// findings, commitments, projects). Lifecycle: issued → signed (签收) → reported (整改报告) →
// closed (accepted, 销号) or returned (back to the unit) → reported …; the unit may ask for more
// time (granted: the due date moves, the old one kept; refused), an open case can be escalated to
// the next kind in one step. Every step is on the case's timeline and in the audit chain; a step
// the case's state does not allow is 409 and changes nothing.
import { createHash, randomUUID } from 'node:crypto';
import { periodKeys, type Spec } from '@leitai/engine';
import { and, asc, count, desc, eq, inArray, isNull, max, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import {
  caseExtensions, caseFiles, caseProposals, caseSettings, cases, caseSteps, users, type CaseKindSetting, type CaseState, type InboxParams, type InterviewRecord,
} from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign, type CampaignRow } from '../repositories/campaigns.ts';
import { insertReminders } from '../repositories/periods.ts';
import { findResult } from '../repositories/results.ts';
import type { CaseDetailDto, CaseDto, CaseSettingsDto, ProposalDto } from '../schemas/cases.ts';
import { allows, beijingDate, DEFAULT_KINDS, DEFAULT_NEARING_DAYS, dueAfter, dueStatus, endOfBeijingDay, formatNumber, isOpen, kindForAction, type CaseStep } from './case-rules.ts';
import { renderCaseDocx } from './case-docx.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES } from './evidence.ts';
import { safeFilename, sniffFileType } from './file-type.ts';
import { renderInbox } from './inbox-text.ts';

export type CaseActor = Actor & AuditActor;
type CaseRow = typeof cases.$inferSelect;

const CASE = { zh: '该问责事项', en: 'Case' };
const notFound = () => AppError.notFound(CASE);

// ---------------------------------------------------------------- settings

export async function settingsOf(ex: Executor, campaignId: string): Promise<CaseSettingsDto> {
  const [row] = await ex.select().from(caseSettings).where(eq(caseSettings.campaignId, campaignId));
  return row
    ? { kinds: row.kinds, nearingDays: row.nearingDays, publicAccountability: row.publicAccountability }
    : { kinds: DEFAULT_KINDS, nearingDays: DEFAULT_NEARING_DAYS, publicAccountability: false };
}

/** Whether public pages (public bulletins, the big screen, phone pages) show accountability (default: no). */
export async function showsAccountability(ex: Executor, campaignId: string): Promise<boolean> {
  return (await settingsOf(ex, campaignId)).publicAccountability;
}

export async function readSettings(ctx: Ctx, campaignId: string): Promise<CaseSettingsDto> {
  await requireCampaign(ctx.db, campaignId);
  return settingsOf(ctx.db, campaignId);
}

export async function updateSettings(ctx: Ctx, actor: CaseActor, campaignId: string, patch: Partial<CaseSettingsDto>): Promise<CaseSettingsDto> {
  return ctx.db.transaction(async (tx) => {
    const c = await lockCampaign(tx, campaignId);
    if (!c) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const before = await settingsOf(tx, campaignId);
    const after = { ...before, ...patch };
    const ids = after.kinds.map((k) => k.id);
    const dup = ids.find((k, i) => ids.indexOf(k) !== i);
    if (dup) throw new AppError('validation_failed', { zh: `问责文书种类“${dup}”重复`, en: `Case kind "${dup}" is given twice` });
    // a kind cases were issued as stays (its numbers and documents name it)
    const used = (await tx.selectDistinct({ kind: cases.kind }).from(cases).where(eq(cases.campaignId, campaignId))).map((r) => r.kind);
    const dropped = used.find((k) => !ids.includes(k));
    if (dropped) throw new AppError('conflict', { zh: `已有“${before.kinds.find((k) => k.id === dropped)?.name ?? dropped}”类问责事项，不能删除该种类`, en: `Cases of kind "${dropped}" exist; the kind cannot be removed` });
    const now = ctx.now();
    await tx.insert(caseSettings).values({ campaignId, ...after, updatedBy: actor.id, updatedAt: now })
      .onConflictDoUpdate({ target: caseSettings.campaignId, set: { ...after, updatedBy: actor.id, updatedAt: now } });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.settings', campaignId, subject: 'cases', before, after }]);
    return after;
  });
}

// ---------------------------------------------------------------- helpers

const unitName = (spec: Spec, unit: string) => spec.units.find((u) => u.id === unit)?.name ?? unit;
const kindOf = (kinds: CaseKindSetting[], id: string) => kinds.find((k) => k.id === id);
const kindName = (kinds: CaseKindSetting[], id: string) => kindOf(kinds, id)?.name ?? id;

async function displayNames(ex: Executor, ids: (number | null | undefined)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function parseDue(date: string, now: Date): Date {
  const at = endOfBeijingDay(date);
  if (at.getTime() < now.getTime()) throw new AppError('validation_failed', { zh: `办理期限 ${date} 已过`, en: `The due date ${date} is in the past` });
  return at;
}

function toDto(row: CaseRow, spec: Spec, settings: CaseSettingsDto, names: Map<number, string>, now: Date, escalatedTo: number | null): CaseDto {
  const name = (id: number | null) => (id === null ? null : names.get(id) ?? null);
  return {
    id: row.id, campaign: row.campaignId, kind: row.kind, kindName: kindName(settings.kinds, row.kind), number: row.number,
    unit: row.unitId, unitName: unitName(spec, row.unitId), period: row.period, title: row.title, reason: row.reason, requirement: row.requirement,
    persons: row.persons, state: row.state, due: beijingDate(row.dueAt), dueAt: row.dueAt.toISOString(),
    dueStatus: dueStatus(row.state, row.dueAt, now, settings.nearingDays),
    source: row.source, sourceRef: row.sourceRef, escalatedFrom: row.escalatedFrom, escalatedTo, interview: row.interview ?? null,
    issuedBy: name(row.issuedBy), issuedAt: row.issuedAt.toISOString(), signedBy: name(row.signedBy), signedAt: row.signedAt?.toISOString() ?? null,
    closedBy: name(row.closedBy), closedAt: row.closedAt?.toISOString() ?? null,
  };
}

const caseColumns = {
  id: cases.id, campaignId: cases.campaignId, kind: cases.kind, year: cases.year, seq: cases.seq, number: cases.number, unitId: cases.unitId,
  period: cases.period, title: cases.title, reason: cases.reason, requirement: cases.requirement, persons: cases.persons, state: cases.state,
  dueAt: cases.dueAt, source: cases.source, sourceRef: cases.sourceRef, proposalId: cases.proposalId, escalatedFrom: cases.escalatedFrom,
  interview: cases.interview, nearingRemindedAt: cases.nearingRemindedAt, issuedBy: cases.issuedBy, issuedAt: cases.issuedAt,
  signedBy: cases.signedBy, signedAt: cases.signedAt, closedBy: cases.closedBy, closedAt: cases.closedAt,
};
type CaseMeta = Omit<CaseRow, 'docx'>;

async function lockCase(tx: Executor, campaignId: string, caseId: number): Promise<CaseMeta | undefined> {
  const [row] = await tx.select(caseColumns).from(cases).where(and(eq(cases.campaignId, campaignId), eq(cases.id, caseId))).for('update');
  return row;
}

async function addStep(tx: Executor, caseId: number, actor: AuditActor | null, at: Date, action: string, text: string | null, data: unknown = null, fileIds: string[] = []): Promise<void> {
  await tx.insert(caseSteps).values({ caseId, action, actorId: actor?.id ?? null, at, text, data, fileIds });
}

async function toInbox(tx: Executor, spec: Spec, row: CaseMeta, kinds: CaseKindSetting[], event: Extract<InboxParams, { case: number }>['event'], sentBy: number | null, at: Date, reason?: string): Promise<void> {
  const params: InboxParams = { case: row.id, number: row.number, kindName: kindName(kinds, row.kind), event, due: beijingDate(row.dueAt), ...(reason ? { reason } : {}) };
  await insertReminders(tx, [{
    campaignId: row.campaignId, period: row.period ?? String(row.year), unitId: row.unitId, kind: 'case',
    message: renderInbox(spec, 'case', row.period ?? '', params, 'zh'), params, sentBy, sentAt: at,
  }]);
}

/** 409 naming the step and the state. */
function refuse(step: CaseStep, state: CaseState): AppError {
  const zh: Record<CaseState, string> = { issued: '已下发', signed: '已签收', reported: '已报送整改报告', returned: '已退回', closed: '已销号', escalated: '已升级' };
  const steps: Record<CaseStep, string> = { sign: '签收', report: '报送整改报告', review: '审核', extension: '申请延期', escalate: '升级', interview: '记录约谈', file: '上传材料', merge: '合并' };
  return new AppError('conflict', { zh: `该问责事项${zh[state]}，不能${steps[step]}`, en: `The case is ${state}: it cannot take the step "${step}"` });
}

function require(step: CaseStep, row: CaseMeta): void {
  if (!allows(step, row.state)) throw refuse(step, row.state);
}

// ---------------------------------------------------------------- opening and issuing

export interface OpenCaseInput {
  unit: string;
  kind: string;
  period?: string | null;
  title?: string;
  reason: string;
  requirement?: string;
  /** YYYY-MM-DD (Beijing); default: the kind's days from now */
  due?: string;
  persons?: string[];
  /** rule | manual | supervision | commitment | project | escalation */
  source: string;
  /** what it came from, shown on the case (a finding, a commitment, the case escalated) */
  sourceRef?: string | null;
  proposalId?: number | null;
  escalatedFrom?: number | null;
}

/**
 * Opens (issues) a case inside the caller's transaction: numbered, rendered to Word, on the unit's
 * inbox, its first step on the timeline and in the audit chain. Checks that the actor manages the
 * campaign (403), the unit is the campaign's (404) and the kind is one of its kinds (400).
 */
export async function openCaseTx(tx: Executor, ctx: Ctx, actor: CaseActor, campaign: CampaignRow, input: OpenCaseInput): Promise<number> {
  const campaignId = campaign.id;
  if (!can(actor, 'case.manage', { campaignId })) throw new AppError('forbidden', { zh: '只有组织者可以下发问责事项', en: 'Only organizers issue cases' });
  const spec = await campaignSpec(tx, ctx, campaign);
  if (!spec.units.some((u) => u.id === input.unit)) throw AppError.notFound({ zh: `单位“${input.unit}”`, en: `Unit "${input.unit}"` });
  if (input.period != null && !periodKeys(spec).includes(input.period)) throw AppError.notFound({ zh: `考核期“${input.period}”`, en: `Period "${input.period}"` });
  const settings = await settingsOf(tx, campaignId);
  const kind = kindOf(settings.kinds, input.kind);
  if (!kind) throw new AppError('validation_failed', { zh: `没有问责文书种类“${input.kind}”`, en: `There is no case kind "${input.kind}"` });
  const now = ctx.now();
  const dueAt = input.due ? parseDue(input.due, now) : dueAfter(now, kind.dueDays);
  // numbers per kind and year, without gaps: the campaign row is locked by the caller or here
  await lockCampaign(tx, campaignId);
  const [last] = await tx.select({ n: max(cases.seq) }).from(cases).where(and(eq(cases.campaignId, campaignId), eq(cases.kind, kind.id), eq(cases.year, campaign.year)));
  const seq = (last?.n ?? 0) + 1;
  const number = formatNumber(kind.numberFormat, campaign.year, seq);
  const title = input.title || `关于${unitName(spec, input.unit)}的${kind.name}`;
  const docx = await renderCaseDocx({
    number, kindName: kind.name, title, unitName: unitName(spec, input.unit), reason: input.reason, requirement: input.requirement ?? '',
    persons: input.persons ?? [], dueAt, issuedAt: now, organizer: spec.campaign.organizer ?? spec.campaign.name, campaignName: spec.campaign.name,
  });
  const [row] = await tx.insert(cases).values({
    campaignId, kind: kind.id, year: campaign.year, seq, number, unitId: input.unit, period: input.period ?? null, title, reason: input.reason,
    requirement: input.requirement ?? '', persons: input.persons ?? [], state: 'issued', dueAt, source: input.source, sourceRef: input.sourceRef ?? null,
    proposalId: input.proposalId ?? null, escalatedFrom: input.escalatedFrom ?? null, docx, issuedBy: actor.id, issuedAt: now,
  }).returning(caseColumns);
  await addStep(tx, row.id, actor, now, 'issue', input.reason, { number, kind: kind.id, due: beijingDate(dueAt), source: input.source, sourceRef: input.sourceRef ?? null });
  await toInbox(tx, spec, row, settings.kinds, 'issued', actor.id, now);
  await appendAudit(tx, now, [{
    actor: auditActor(actor), action: 'case.issue', campaignId, subject: `${input.unit}/case ${row.id}`,
    after: { id: row.id, number, kind: kind.id, unit: input.unit, period: input.period ?? null, due: beijingDate(dueAt), source: input.source, sourceRef: input.sourceRef ?? null }, reason: input.reason,
  }]);
  return row.id;
}

/**
 * Opens a case in its own transaction — what other parts of the system call (supervision findings,
 * commitments, projects): `openCase(ctx, actor, campaignId, { unit, kind, reason, source: 'commitment', sourceRef })`.
 */
export async function openCase(ctx: Ctx, actor: CaseActor, campaignId: string, input: OpenCaseInput): Promise<CaseDetailDto> {
  const id = await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    return openCaseTx(tx, ctx, actor, campaign, input);
  });
  return readCase(ctx, actor, campaignId, id);
}

// ---------------------------------------------------------------- proposals

/** The period's actions as proposals (a match already proposed is left as it is). Inside the caller's transaction. */
export async function proposeForPeriod(tx: Executor, ctx: Ctx, actor: AuditActor | null, campaign: CampaignRow, period: string): Promise<number> {
  const result = await findResult(tx, campaign.id, period);
  if (!result || result.actions.length === 0) return 0;
  const spec = await campaignSpec(tx, ctx, campaign);
  const settings = await settingsOf(tx, campaign.id);
  const now = ctx.now();
  const rows = result.actions.map((a) => ({
    campaignId: campaign.id, period, unitId: a.unit, ruleId: a.rule, ruleName: spec.rules.find((r) => r.id === a.rule)?.name ?? a.rule,
    action: a.action, reason: a.reason, kind: kindForAction(settings.kinds, a.action).id, createdAt: now,
  }));
  const inserted = await tx.insert(caseProposals).values(rows).onConflictDoNothing().returning({ id: caseProposals.id, unit: caseProposals.unitId, rule: caseProposals.ruleId });
  if (inserted.length > 0) {
    await appendAudit(tx, now, [{ actor, action: 'case.propose', campaignId: campaign.id, subject: period, after: { proposals: inserted.map((p) => ({ id: p.id, unit: p.unit, rule: p.rule })) } }]);
  }
  return inserted.length;
}

export async function generateProposals(ctx: Ctx, actor: CaseActor, campaignId: string, period: string): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const spec = await campaignSpec(tx, ctx, campaign);
    if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
    if (!(await findResult(tx, campaignId, period))) throw new AppError('conflict', { zh: `考核期“${period}”还没有计算结果`, en: `Period "${period}" has no results yet` });
    return proposeForPeriod(tx, ctx, actor, campaign, period);
  });
}

export async function listProposals(ctx: Ctx, campaignId: string, f: { period?: string; status?: ProposalDto['status'] }): Promise<ProposalDto[]> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const settings = await settingsOf(ctx.db, campaignId);
  const conds = [eq(caseProposals.campaignId, campaignId)];
  if (f.period) conds.push(eq(caseProposals.period, f.period));
  if (f.status) conds.push(eq(caseProposals.status, f.status));
  const rows = await ctx.db.select({ p: caseProposals, number: cases.number }).from(caseProposals).leftJoin(cases, eq(cases.id, caseProposals.caseId))
    .where(and(...conds)).orderBy(desc(caseProposals.period), asc(caseProposals.id));
  const names = await displayNames(ctx.db, rows.map((r) => r.p.decidedBy));
  return rows.map(({ p, number }) => ({
    id: p.id, period: p.period, unit: p.unitId, unitName: unitName(spec, p.unitId), rule: p.ruleId, ruleName: p.ruleName, action: p.action, reason: p.reason,
    kind: p.kind, kindName: kindName(settings.kinds, p.kind), status: p.status, caseId: p.caseId, caseNumber: number ?? null, decisionReason: p.decisionReason,
    decidedBy: p.decidedBy === null ? null : names.get(p.decidedBy) ?? null, decidedAt: p.decidedAt?.toISOString() ?? null,
  }));
}

export interface ProposalDecisionInput {
  decision: 'issue' | 'merge' | 'dismiss';
  caseId?: number;
  reason?: string;
  kind?: string;
  due?: string;
  requirement?: string;
  persons?: string[];
}

/**
 * Issue, merge or dismiss a proposal. Two organizers issuing the same proposal get the same case:
 * the proposal row is locked, the second finds it issued and is answered with that case (and the
 * unique index on cases.proposal_id stands behind it). Another decision after one was made: 409.
 */
export async function decideProposal(ctx: Ctx, actor: CaseActor, campaignId: string, proposalId: number, body: ProposalDecisionInput): Promise<{ proposal: ProposalDto; caseId: number | null }> {
  const caseId = await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const [p] = await tx.select().from(caseProposals).where(and(eq(caseProposals.campaignId, campaignId), eq(caseProposals.id, proposalId))).for('update');
    if (!p) throw AppError.notFound({ zh: '该问责建议', en: 'Proposal' });
    if (p.status !== 'pending') {
      if (body.decision === 'issue' && p.status === 'issued') return p.caseId;
      throw new AppError('conflict', { zh: '该问责建议已处理', en: 'The proposal has been decided already' });
    }
    const now = ctx.now();
    const who = auditActor(actor);
    if (body.decision === 'dismiss') {
      if (!body.reason) throw new AppError('validation_failed', { zh: '不予下发须填写理由', en: 'Dismissing a proposal needs a reason' });
      await tx.update(caseProposals).set({ status: 'dismissed', decisionReason: body.reason, decidedBy: actor.id, decidedAt: now }).where(eq(caseProposals.id, p.id));
      await appendAudit(tx, now, [{ actor: who, action: 'case.dismiss', campaignId, subject: `${p.unitId}/${p.period}`, before: { proposal: p.id, status: 'pending' }, after: { status: 'dismissed' }, reason: body.reason }]);
      return null;
    }
    if (body.decision === 'merge') {
      if (body.caseId === undefined) throw new AppError('validation_failed', { zh: '合并须指定问责事项', en: 'Merging needs the case to merge into' });
      const target = await lockCase(tx, campaignId, body.caseId);
      if (!target) throw notFound();
      if (target.unitId !== p.unitId) throw new AppError('validation_failed', { zh: '只能合并到同一单位的问责事项', en: 'A proposal merges only into a case of the same unit' });
      require('merge', target);
      await tx.update(caseProposals).set({ status: 'merged', caseId: target.id, decisionReason: body.reason ?? null, decidedBy: actor.id, decidedAt: now }).where(eq(caseProposals.id, p.id));
      await addStep(tx, target.id, actor, now, 'merge', p.reason, { proposal: p.id, period: p.period, rule: p.ruleName });
      await appendAudit(tx, now, [{ actor: who, action: 'case.merge', campaignId, subject: `${p.unitId}/case ${target.id}`, before: { proposal: p.id, status: 'pending' }, after: { status: 'merged', case: target.id }, reason: body.reason ?? null }]);
      return target.id;
    }
    const id = await openCaseTx(tx, ctx, actor, campaign, {
      unit: p.unitId, kind: body.kind ?? p.kind, period: p.period, reason: `${p.ruleName}：${p.reason}`, requirement: body.requirement, due: body.due,
      persons: body.persons, source: 'rule', sourceRef: p.ruleName, proposalId: p.id,
    });
    await tx.update(caseProposals).set({ status: 'issued', caseId: id, decidedBy: actor.id, decidedAt: now }).where(eq(caseProposals.id, p.id));
    return id;
  });
  const [proposal] = (await listProposals(ctx, campaignId, {})).filter((x) => x.id === proposalId);
  return { proposal, caseId };
}

// ---------------------------------------------------------------- reading

/** Sends the unit's inbox a reminder once for each case that came within `nearingDays` of its due date. */
export async function remindNearingDue(ctx: Ctx, campaignId: string): Promise<number> {
  const settings = await settingsOf(ctx.db, campaignId);
  const now = ctx.now();
  const limit = new Date(now.getTime() + settings.nearingDays * 24 * 3600 * 1000);
  return ctx.db.transaction(async (tx) => {
    const due = await tx.select(caseColumns).from(cases).where(and(
      eq(cases.campaignId, campaignId), inArray(cases.state, ['issued', 'signed', 'returned']), isNull(cases.nearingRemindedAt),
      sql`${cases.dueAt} <= ${limit.toISOString()}::timestamptz`, sql`${cases.dueAt} >= ${now.toISOString()}::timestamptz`,
    )).for('update', { skipLocked: true });
    if (due.length === 0) return 0;
    const campaign = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, campaign);
    for (const row of due) {
      await tx.update(cases).set({ nearingRemindedAt: now }).where(eq(cases.id, row.id));
      await addStep(tx, row.id, null, now, 'nearing', null, { due: beijingDate(row.dueAt) });
      await toInbox(tx, spec, row, settings.kinds, 'nearing', null, now);
    }
    return due.length;
  });
}

/**
 * The nearing-due reminders of every campaign, as the periodic job sends them (services/case-timer.ts):
 * each case is reminded once (its `nearing_reminded_at` mark, taken under FOR UPDATE SKIP LOCKED), so
 * several processes running the job at once send each reminder once.
 */
export async function remindAllNearingDue(ctx: Ctx): Promise<number> {
  const now = ctx.now();
  // no campaign's nearing window is longer than the settings allow (60 days)
  const horizon = new Date(now.getTime() + 60 * 24 * 3600 * 1000);
  const rows = await ctx.db.selectDistinct({ campaignId: cases.campaignId }).from(cases).where(and(
    inArray(cases.state, ['issued', 'signed', 'returned']), isNull(cases.nearingRemindedAt),
    sql`${cases.dueAt} <= ${horizon.toISOString()}::timestamptz`, sql`${cases.dueAt} >= ${now.toISOString()}::timestamptz`,
  ));
  let sent = 0;
  for (const r of rows) sent += await remindNearingDue(ctx, r.campaignId);
  return sent;
}

/** Per campaign: its open cases and how many of them are overdue (the county overview's 问责事项 column), in one query. */
export async function caseCountsOf(ex: Executor, campaignIds: string[], now: Date): Promise<Map<string, { open: number; overdue: number }>> {
  if (campaignIds.length === 0) return new Map();
  const rows = await ex.select({
    campaignId: cases.campaignId,
    open: sql<number>`count(*) filter (where ${cases.state} in ('issued', 'signed', 'reported', 'returned'))`.mapWith(Number),
    overdue: sql<number>`count(*) filter (where ${cases.state} in ('issued', 'signed', 'returned') and ${cases.dueAt} < ${now.toISOString()}::timestamptz)`.mapWith(Number),
  }).from(cases).where(inArray(cases.campaignId, campaignIds)).groupBy(cases.campaignId);
  return new Map(rows.map((r) => [r.campaignId, { open: r.open, overdue: r.overdue }]));
}

/** A case the actor may read, else 404 (its existence is not told). */
async function readableRow(ex: Executor, actor: Actor, campaignId: string, caseId: number): Promise<CaseMeta> {
  const [row] = await ex.select(caseColumns).from(cases).where(and(eq(cases.campaignId, campaignId), eq(cases.id, caseId)));
  if (!row || !can(actor, 'case.read', { campaignId, unitId: row.unitId })) throw notFound();
  return row;
}

async function escalatedTo(ex: Executor, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.select({ id: cases.id, from: cases.escalatedFrom }).from(cases).where(inArray(cases.escalatedFrom, ids));
  return new Map(rows.map((r) => [r.from as number, r.id]));
}

export async function readCase(ctx: Ctx, actor: Actor, campaignId: string, caseId: number): Promise<CaseDetailDto> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const row = await readableRow(ctx.db, actor, campaignId, caseId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const settings = await settingsOf(ctx.db, campaignId);
  const steps = await ctx.db.select().from(caseSteps).where(eq(caseSteps.caseId, caseId)).orderBy(asc(caseSteps.at), asc(caseSteps.id));
  const exts = await ctx.db.select().from(caseExtensions).where(eq(caseExtensions.caseId, caseId)).orderBy(asc(caseExtensions.id));
  const files = await ctx.db.select({ id: caseFiles.id, filename: caseFiles.filename, contentType: caseFiles.contentType, size: caseFiles.size, uploadedBy: caseFiles.uploadedBy, uploadedAt: caseFiles.uploadedAt })
    .from(caseFiles).where(eq(caseFiles.caseId, caseId)).orderBy(asc(caseFiles.uploadedAt));
  const names = await displayNames(ctx.db, [row.issuedBy, row.signedBy, row.closedBy, ...steps.map((s) => s.actorId), ...exts.flatMap((e) => [e.requestedBy, e.decidedBy]), ...files.map((f) => f.uploadedBy)]);
  const name = (id: number | null) => (id === null ? null : names.get(id) ?? null);
  const fileDto = (f: (typeof files)[number]) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size, uploadedBy: name(f.uploadedBy), uploadedAt: f.uploadedAt.toISOString() });
  const used = new Set(steps.flatMap((s) => s.fileIds));
  return {
    ...toDto({ ...row, docx: new Uint8Array() }, spec, settings, names, ctx.now(), (await escalatedTo(ctx.db, [row.id])).get(row.id) ?? null),
    steps: steps.map((s) => ({ id: s.id, action: s.action, actor: name(s.actorId), at: s.at.toISOString(), text: s.text, data: s.data ?? null, files: files.filter((f) => s.fileIds.includes(f.id)).map(fileDto) })),
    extensions: exts.map((e) => ({
      id: e.id, reason: e.reason, progress: e.progress, proposedDue: beijingDate(e.proposedDue), previousDue: beijingDate(e.previousDue), status: e.status, reply: e.reply,
      requestedBy: name(e.requestedBy), requestedAt: e.requestedAt.toISOString(), decidedBy: name(e.decidedBy), decidedAt: e.decidedAt?.toISOString() ?? null,
    })),
    pendingFiles: files.filter((f) => !used.has(f.id)).map(fileDto),
  };
}

export interface CaseFilter {
  period?: string;
  kind?: string;
  state?: CaseState | 'open';
  unit?: string;
  overdue?: 'true' | 'false';
  year?: number;
}

/** The board: the cases the actor may read, filtered; and the year's counts (份, 人次) per unit and kind. */
export async function listCases(ctx: Ctx, actor: Actor, campaignId: string, f: CaseFilter) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  await remindNearingDue(ctx, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const settings = await settingsOf(ctx.db, campaignId);
  const year = f.year ?? campaign.year;
  const all = (await ctx.db.select(caseColumns).from(cases).where(eq(cases.campaignId, campaignId)).orderBy(desc(cases.issuedAt), desc(cases.id)))
    .filter((r) => can(actor, 'case.read', { campaignId, unitId: r.unitId }));
  const now = ctx.now();
  const names = await displayNames(ctx.db, all.flatMap((r) => [r.issuedBy, r.signedBy, r.closedBy]));
  const up = await escalatedTo(ctx.db, all.map((r) => r.id));
  const dtos = all.map((r) => toDto({ ...r, docx: new Uint8Array() }, spec, settings, names, now, up.get(r.id) ?? null));
  const shown = dtos.filter((c) => (f.period === undefined || c.period === f.period) && (f.kind === undefined || c.kind === f.kind)
    && (f.unit === undefined || c.unit === f.unit)
    && (f.state === undefined || (f.state === 'open' ? isOpen(c.state) : c.state === f.state))
    && (f.overdue === undefined || (c.dueStatus === 'overdue') === (f.overdue === 'true')));
  const counts = new Map<string, { unit: string; unitName: string; kind: string; kindName: string; documents: number; persons: number }>();
  for (const r of all) {
    if (r.year !== year) continue;
    const key = `${r.unitId}\u0000${r.kind}`;
    const c = counts.get(key) ?? { unit: r.unitId, unitName: unitName(spec, r.unitId), kind: r.kind, kindName: kindName(settings.kinds, r.kind), documents: 0, persons: 0 };
    c.documents += 1;
    c.persons += Math.max(1, r.interview?.interviewees.length ?? r.persons.length);
    counts.set(key, c);
  }
  const unitOrder = new Map(spec.units.map((u, i) => [u.id, i]));
  const kindOrder = new Map(settings.kinds.map((k, i) => [k.id, i]));
  const countRows = [...counts.values()].sort((a, b) => (unitOrder.get(a.unit) ?? 0) - (unitOrder.get(b.unit) ?? 0) || (kindOrder.get(a.kind) ?? 0) - (kindOrder.get(b.kind) ?? 0));
  return { cases: shown, counts: countRows, year, kinds: settings.kinds.map((k) => ({ id: k.id, name: k.name })) };
}

export async function caseDocx(ctx: Ctx, actor: Actor, campaignId: string, caseId: number): Promise<{ data: Uint8Array; filename: string }> {
  const row = await readableRow(ctx.db, actor, campaignId, caseId);
  const [d] = await ctx.db.select({ docx: cases.docx }).from(cases).where(eq(cases.id, row.id));
  return { data: d.docx, filename: `${row.number}${row.title}.docx` };
}

// ---------------------------------------------------------------- the unit's steps

/** Locks a case for a step: 404 unless readable, 403 unless `action` is allowed on its unit, 409 unless its state allows `step`. */
async function forStep(tx: Executor, actor: Actor, campaignId: string, caseId: number, action: 'case.respond' | 'case.manage', step: CaseStep): Promise<CaseMeta> {
  await lockCampaign(tx, campaignId);
  const row = await lockCase(tx, campaignId, caseId);
  if (!row || !can(actor, 'case.read', { campaignId, unitId: row.unitId })) throw notFound();
  if (!can(actor, action, { campaignId, unitId: row.unitId })) throw new AppError('forbidden');
  require(step, row);
  return row;
}

async function context(tx: Executor, ctx: Ctx, campaignId: string) {
  const campaign = await requireCampaign(tx, campaignId);
  return { spec: await campaignSpec(tx, ctx, campaign), settings: await settingsOf(tx, campaignId) };
}

const subject = (row: CaseMeta) => `${row.unitId}/case ${row.id}`;

export async function signCase(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, note?: string): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.respond', 'sign');
    const now = ctx.now();
    await tx.update(cases).set({ state: 'signed', signedBy: actor.id, signedAt: now }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'sign', note ?? null);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.sign', campaignId, subject: subject(row), before: { state: row.state }, after: { state: 'signed' }, reason: note ?? null }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}

/** A file checked as evidence files are (the same limits and types), with its id, safe name and sha256. */
export function acceptFile(file: { data: Uint8Array; filename: string }) {
  if (file.data.length > EVIDENCE_MAX_BYTES) throw new AppError('validation_failed', { zh: '文件超过 10 MB 的上限', en: 'The file is larger than the limit of 10 MB' }, undefined, undefined, 413);
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件是空的', en: 'The file is empty' });
  const type = sniffFileType(file.data);
  if (!type) {
    throw new AppError('validation_failed', {
      zh: '不支持的文件类型：材料只能是 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 OFD 文件',
      en: 'Unsupported file type: files must be PDF, PNG, JPEG, Word (.docx), Excel (.xlsx) or OFD',
    }, undefined, undefined, 415);
  }
  return { id: randomUUID(), filename: safeFilename(file.filename, type), sha256: createHash('sha256').update(file.data).digest('hex'), type, data: file.data };
}

export async function addCaseFile(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, read: () => Promise<{ data: Uint8Array; filename: string }>) {
  // permission and state first: nobody else gets to send us 10 MB
  const row = await readableRow(ctx.db, actor, campaignId, caseId);
  if (!can(actor, 'case.respond', { campaignId, unitId: row.unitId })) throw new AppError('forbidden');
  require('file', row);
  const { id, filename, sha256, type, data } = acceptFile(await read());
  const file = { data };
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const locked = await forStep(tx, actor, campaignId, caseId, 'case.respond', 'file');
    const steps = await tx.select({ fileIds: caseSteps.fileIds }).from(caseSteps).where(eq(caseSteps.caseId, caseId));
    const used = new Set(steps.flatMap((s) => s.fileIds));
    const all = await tx.select({ id: caseFiles.id }).from(caseFiles).where(eq(caseFiles.caseId, caseId));
    if (all.filter((f) => !used.has(f.id)).length >= EVIDENCE_MAX_FILES) {
      throw new AppError('conflict', { zh: `一次最多附 ${EVIDENCE_MAX_FILES} 个材料，请先删除不需要的`, en: `At most ${EVIDENCE_MAX_FILES} files at a time; remove one first` });
    }
    await tx.insert(caseFiles).values({ id, caseId, filename, contentType: type.contentType, size: file.data.length, sha256, data: file.data, uploadedBy: actor.id, uploadedAt: now });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.file_add', campaignId, subject: subject(locked), after: { id, filename, contentType: type.contentType, size: file.data.length, sha256 } }]);
  });
  return { id, filename, contentType: type.contentType, size: file.data.length, uploadedBy: actor.username, uploadedAt: now.toISOString() };
}

export async function removeCaseFile(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, fileId: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.respond', 'file');
    const steps = await tx.select({ fileIds: caseSteps.fileIds }).from(caseSteps).where(eq(caseSteps.caseId, caseId));
    if (steps.some((s) => s.fileIds.includes(fileId))) throw new AppError('conflict', { zh: '已报送的材料不能删除', en: 'A file that was part of a report cannot be removed' });
    const gone = await tx.delete(caseFiles).where(and(eq(caseFiles.caseId, caseId), eq(caseFiles.id, fileId))).returning({ filename: caseFiles.filename });
    if (gone.length === 0) throw AppError.notFound({ zh: '该材料', en: 'File' });
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'case.file_remove', campaignId, subject: subject(row), before: { id: fileId, filename: gone[0].filename } }]);
  });
}

export async function downloadCaseFile(ctx: Ctx, actor: Actor, campaignId: string, caseId: number, fileId: string) {
  await readableRow(ctx.db, actor, campaignId, caseId);
  const [f] = await ctx.db.select().from(caseFiles).where(and(eq(caseFiles.caseId, caseId), eq(caseFiles.id, fileId)));
  if (!f) throw AppError.notFound({ zh: '该材料', en: 'File' });
  return f;
}

export async function reportCase(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, body: { text: string; measures: string; files: string[] }): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.respond', 'report');
    const steps = await tx.select({ fileIds: caseSteps.fileIds }).from(caseSteps).where(eq(caseSteps.caseId, caseId));
    const used = new Set(steps.flatMap((s) => s.fileIds));
    const mine = new Set((await tx.select({ id: caseFiles.id }).from(caseFiles).where(eq(caseFiles.caseId, caseId))).map((f) => f.id));
    const bad = body.files.find((f) => !mine.has(f) || used.has(f));
    if (bad) throw new AppError('validation_failed', { zh: `材料“${bad}”不是本事项待报送的材料`, en: `File "${bad}" is not an unreported file of this case` });
    const now = ctx.now();
    await tx.update(cases).set({ state: 'reported' }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'report', body.text, { measures: body.measures }, body.files);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.report', campaignId, subject: subject(row), before: { state: row.state }, after: { state: 'reported', files: body.files, measures: body.measures }, reason: body.text }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}

export async function reviewCase(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, body: { decision: 'accept' | 'return'; reason?: string }): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.manage', 'review');
    const now = ctx.now();
    if (body.decision === 'return') {
      if (!body.reason) throw new AppError('validation_failed', { zh: '退回须填写理由', en: 'Returning a report needs a reason' });
      await tx.update(cases).set({ state: 'returned', nearingRemindedAt: null }).where(eq(cases.id, row.id));
      await addStep(tx, row.id, actor, now, 'return', body.reason);
      const { spec, settings } = await context(tx, ctx, campaignId);
      await toInbox(tx, spec, row, settings.kinds, 'returned', actor.id, now, body.reason);
      await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.return', campaignId, subject: subject(row), before: { state: row.state }, after: { state: 'returned' }, reason: body.reason }]);
      return;
    }
    await tx.update(cases).set({ state: 'closed', closedBy: actor.id, closedAt: now }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'accept', body.reason ?? null);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.close', campaignId, subject: subject(row), before: { state: row.state }, after: { state: 'closed' }, reason: body.reason ?? null }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}

export async function requestExtension(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, body: { reason: string; progress: string; proposedDue: string }): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.respond', 'extension');
    const now = ctx.now();
    if (now.getTime() > row.dueAt.getTime()) throw new AppError('conflict', { zh: '已过办理期限，不能再申请延期', en: 'The due date has passed: an extension can no longer be asked for' });
    const [pending] = await tx.select({ n: count() }).from(caseExtensions).where(and(eq(caseExtensions.caseId, caseId), eq(caseExtensions.status, 'pending')));
    if ((pending?.n ?? 0) > 0) throw new AppError('conflict', { zh: '已有待审批的延期申请', en: 'An extension request is already waiting for a decision' });
    const proposed = endOfBeijingDay(body.proposedDue);
    if (proposed.getTime() <= row.dueAt.getTime()) throw new AppError('validation_failed', { zh: `申请的期限须晚于现在的办理期限 ${beijingDate(row.dueAt)}`, en: `The date asked for must be after the current due date ${beijingDate(row.dueAt)}` });
    const [ext] = await tx.insert(caseExtensions).values({ caseId, reason: body.reason, progress: body.progress, proposedDue: proposed, previousDue: row.dueAt, requestedBy: actor.id, requestedAt: now }).returning({ id: caseExtensions.id });
    await addStep(tx, row.id, actor, now, 'extension_request', body.reason, { extension: ext.id, progress: body.progress, proposedDue: body.proposedDue, due: beijingDate(row.dueAt) });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.extension_request', campaignId, subject: subject(row), after: { extension: ext.id, proposedDue: body.proposedDue, due: beijingDate(row.dueAt) }, reason: body.reason }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}

export async function decideExtension(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, extensionId: number, body: { decision: 'grant' | 'refuse'; reply?: string }): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    await lockCampaign(tx, campaignId);
    const row = await lockCase(tx, campaignId, caseId);
    if (!row || !can(actor, 'case.read', { campaignId, unitId: row.unitId })) throw notFound();
    if (!can(actor, 'case.manage', { campaignId })) throw new AppError('forbidden');
    const [ext] = await tx.select().from(caseExtensions).where(and(eq(caseExtensions.caseId, caseId), eq(caseExtensions.id, extensionId))).for('update');
    if (!ext) throw AppError.notFound({ zh: '该延期申请', en: 'Extension request' });
    if (ext.status !== 'pending') throw new AppError('conflict', { zh: '该延期申请已处理', en: 'The extension request has been decided already' });
    if (!isOpen(row.state)) throw refuse('extension', row.state);
    const now = ctx.now();
    const { spec, settings } = await context(tx, ctx, campaignId);
    if (body.decision === 'refuse') {
      if (!body.reply) throw new AppError('validation_failed', { zh: '不同意延期须填写理由', en: 'Refusing an extension needs a reason' });
      await tx.update(caseExtensions).set({ status: 'refused', reply: body.reply, decidedBy: actor.id, decidedAt: now }).where(eq(caseExtensions.id, ext.id));
      await addStep(tx, row.id, actor, now, 'extension_refuse', body.reply, { extension: ext.id });
      await toInbox(tx, spec, row, settings.kinds, 'extension_refused', actor.id, now, body.reply);
      await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.extension_refuse', campaignId, subject: subject(row), after: { extension: ext.id }, reason: body.reply }]);
      return;
    }
    await tx.update(caseExtensions).set({ status: 'granted', reply: body.reply ?? null, decidedBy: actor.id, decidedAt: now }).where(eq(caseExtensions.id, ext.id));
    await tx.update(cases).set({ dueAt: ext.proposedDue, nearingRemindedAt: null }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'extension_grant', body.reply ?? null, { extension: ext.id, previousDue: beijingDate(row.dueAt), due: beijingDate(ext.proposedDue) });
    await toInbox(tx, spec, { ...row, dueAt: ext.proposedDue }, settings.kinds, 'extension_granted', actor.id, now);
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.extension_grant', campaignId, subject: subject(row), before: { due: beijingDate(row.dueAt) }, after: { extension: ext.id, due: beijingDate(ext.proposedDue) }, reason: body.reply ?? null }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}

/** Escalates an open case to the next kind in one step: a new case of that kind is issued, the old one ends as escalated. */
export async function escalateCase(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, body: { reason: string; due?: string }): Promise<CaseDetailDto> {
  const id = await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.manage', 'escalate');
    const campaign = await requireCampaign(tx, campaignId);
    const settings = await settingsOf(tx, campaignId);
    const at = settings.kinds.findIndex((k) => k.id === row.kind);
    const next = at < 0 ? undefined : settings.kinds[at + 1];
    if (!next) throw new AppError('conflict', { zh: '已是最高一级的问责文书，不能再升级', en: 'This is the last kind: the case cannot be escalated further' });
    const now = ctx.now();
    const newId = await openCaseTx(tx, ctx, actor, campaign, {
      unit: row.unitId, kind: next.id, period: row.period, reason: body.reason, due: body.due, persons: row.persons, source: 'escalation', sourceRef: row.number, escalatedFrom: row.id,
    });
    await tx.update(cases).set({ state: 'escalated', closedBy: actor.id, closedAt: now }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'escalate', body.reason, { to: newId, kind: next.id });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.escalate', campaignId, subject: subject(row), before: { state: row.state, kind: row.kind }, after: { state: 'escalated', to: newId, kind: next.id }, reason: body.reason }]);
    return newId;
  });
  return readCase(ctx, actor, campaignId, id);
}

/** Records an interview (约谈) as held: time, place, who talked with whom, minutes, promises and follow-ups. */
export async function recordInterview(ctx: Ctx, actor: CaseActor, campaignId: string, caseId: number, body: InterviewRecord): Promise<CaseDetailDto> {
  await ctx.db.transaction(async (tx) => {
    const row = await forStep(tx, actor, campaignId, caseId, 'case.manage', 'interview');
    const now = ctx.now();
    await tx.update(cases).set({ interview: body }).where(eq(cases.id, row.id));
    await addStep(tx, row.id, actor, now, 'interview', body.minutes, { at: body.at, place: body.place, interviewers: body.interviewers, interviewees: body.interviewees, promises: body.promises, followUps: body.followUps });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'case.interview', campaignId, subject: subject(row), before: row.interview ?? null, after: body }]);
  });
  return readCase(ctx, actor, campaignId, caseId);
}
