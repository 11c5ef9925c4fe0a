// Public commitments [公开承诺] (issue 16 item 1). The cycle counties use — 承诺 → 示诺 → 践诺 → 述诺 → 评诺 —
// as states of one row: draft (the committer edits it) → submitted → public (an organizer approved it;
// the public pages show it) → reported (述诺, the year-end report) → evaluated (评诺, a verdict per item).
// Every move is checked against the state it starts from (409 otherwise, nothing changed) and
// written with its audit entry in one transaction. An evaluation may feed the campaign: a penalty
// event per unfulfilled item, written and approved through the one figure path (services/figures.ts),
// its reason stored as the figure's explanation so the unit's total shows why.
import { createHash, randomUUID } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import {
  ballots, cases, commitmentItems, commitmentRemarks, commitments, commitmentUpdates, ledgerFiles, reviewMeetings, reviewMeetingUnits, users, type CommitmentStatus,
} from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, grantsIn, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign, type CampaignRow } from '../repositories/campaigns.ts';
import { findFigure, setFigureReview } from '../repositories/figures.ts';
import { periodInfos } from '../repositories/periods.ts';
import { findResult } from '../repositories/results.ts';
import type { RaterLinkDto, SubjectResultDto } from '../schemas/ballots.ts';
import type { CommitmentDto, PublicCommitmentDto } from '../schemas/commitments.ts';
import { openBallotTx, type StoredDefinition } from './ballots.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import { openCaseTx, type CaseActor } from './cases.ts';
import type { AuditActor, Ctx } from './context.ts';
import { safeFilename, sniffFileType } from './file-type.ts';
import { writeFiguresTx, type Writer } from './figures.ts';
import { recomputeStored } from './recompute.ts';

type Row = typeof commitments.$inferSelect;
type ItemRow = typeof commitmentItems.$inferSelect;
export type ItemInput = { text: string; benchmark: ItemRow['benchmark']; indicator?: string; target?: string; due?: string };

export const LEDGER_FILE_MAX_BYTES = 10 * 1024 * 1024;
const MAX_FILES = 20;
/** public remarks: per sender per hour, per commitment per hour, waiting for moderation at most */
export const REMARK_LIMITS = { perSenderHour: 3, perCommitmentHour: 30, waiting: 200 };
const SHOWN: CommitmentStatus[] = ['public', 'reported', 'evaluated'];

const notFound = (id: number) => AppError.notFound({ zh: `承诺（编号 ${id}）`, en: `Commitment ${id}` });
const STATUS_ZH: Record<CommitmentStatus, string> = { draft: '草稿', submitted: '待审核', public: '已公开', reported: '已述诺', evaluated: '已评诺' };
const refused = (c: Row, what: { zh: string; en: string }) =>
  new AppError('conflict', { zh: `承诺“${c.title}”当前为${STATUS_ZH[c.status]}，${what.zh}`, en: `Commitment "${c.title}" is ${c.status}: ${what.en}` });

/** Do the actor's grants make them the commitment's committer (its unit's reporter, or the leader)? */
function committer(actor: Actor, c: Pick<Row, 'campaignId' | 'unitId' | 'leaderId'>): boolean {
  if (c.leaderId !== null) return c.leaderId === actor.id;
  return grantsIn(actor, c.campaignId).some((g) => g.role === 'reporter' && g.unitId === c.unitId);
}
const decides = (actor: Actor, campaignId: string) => can(actor, 'commitment.decide', { campaignId });
/** A reporter only: sees their unit's own commitments and the public ones. */
const reporterOnly = (actor: Actor, campaignId: string) => grantsIn(actor, campaignId).every((g) => g.role === 'reporter');
const visibleTo = (actor: Actor, c: Row) => !reporterOnly(actor, c.campaignId) || committer(actor, c) || SHOWN.includes(c.status);

export function commitmentUrl(publicUrl: string, campaignId: string, id: number): string {
  return `${publicUrl.replace(/\/+$/, '')}/m/${encodeURIComponent(campaignId)}/commitments/${id}`;
}

async function findRow(ex: Executor, campaignId: string, id: number, lock = false): Promise<Row> {
  const q = ex.select().from(commitments).where(and(eq(commitments.id, id), eq(commitments.campaignId, campaignId)));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) throw notFound(id);
  return row;
}

function checkItems(spec: Spec, items: ItemInput[]): void {
  items.forEach((it, i) => {
    const where = { zh: `第 ${i + 1} 项`, en: `item ${i + 1}` };
    if (it.benchmark === 'indicator') {
      const ind = spec.indicators.find((d) => d.id === it.indicator);
      if (!ind) throw new AppError('validation_failed', { zh: `${where.zh}：对标指标“${it.indicator ?? ''}”不是本竞赛的指标`, en: `${where.en}: indicator "${it.indicator ?? ''}" is not one of the campaign's` });
      if (!it.target || !/^-?\d+(\.\d+)?$/.test(it.target)) throw new AppError('validation_failed', { zh: `${where.zh}：对标指标须填写目标数值`, en: `${where.en}: an indicator's item needs a numeric target` });
    } else if (it.indicator) {
      throw new AppError('validation_failed', { zh: `${where.zh}：只有“对标指标”的承诺项关联指标`, en: `${where.en}: only an indicator benchmark names an indicator` });
    }
  });
}

async function writeItems(tx: Executor, commitmentId: number, items: ItemInput[]): Promise<void> {
  await tx.delete(commitmentItems).where(eq(commitmentItems.commitmentId, commitmentId));
  await tx.insert(commitmentItems).values(items.map((it, i) => ({
    commitmentId, position: i + 1, text: it.text, benchmark: it.benchmark,
    indicatorId: it.benchmark === 'indicator' ? it.indicator ?? null : null, target: it.benchmark === 'indicator' ? it.target ?? null : null, due: it.due ?? null,
  })));
}

const audit = (tx: Executor, ctx: Ctx, actor: AuditActor, c: Row, action: string, after: unknown, reason: string | null = null, before: unknown = null) =>
  appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action, campaignId: c.campaignId, subject: `commitment/${c.id} ${c.title}`, before, after, reason }]);

// ——— reading ———

interface Loaded {
  rows: Row[]; items: ItemRow[]; updates: (typeof commitmentUpdates.$inferSelect)[]; files: Omit<typeof ledgerFiles.$inferSelect, 'data'>[]; users: Map<number, string>;
  cases: Map<number, { id: number; number: string; state: string }>; ratings: Map<number, typeof ballots.$inferSelect>;
  meetings: Map<number, string>;
}

async function load(ex: Executor, rows: Row[]): Promise<Loaded> {
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { rows, items: [], updates: [], files: [], users: new Map(), cases: new Map(), ratings: new Map(), meetings: new Map() };
  const items = await ex.select().from(commitmentItems).where(inArray(commitmentItems.commitmentId, ids)).orderBy(asc(commitmentItems.position));
  const updates = await ex.select().from(commitmentUpdates).where(inArray(commitmentUpdates.commitmentId, ids)).orderBy(asc(commitmentUpdates.quarter), asc(commitmentUpdates.id));
  const files = await ex.select({
    id: ledgerFiles.id, campaignId: ledgerFiles.campaignId, kind: ledgerFiles.kind, commitmentId: ledgerFiles.commitmentId, updateId: ledgerFiles.updateId,
    projectId: ledgerFiles.projectId, progressId: ledgerFiles.progressId, filename: ledgerFiles.filename, contentType: ledgerFiles.contentType, size: ledgerFiles.size,
    sha256: ledgerFiles.sha256, uploadedBy: ledgerFiles.uploadedBy, uploadedAt: ledgerFiles.uploadedAt,
  }).from(ledgerFiles).where(inArray(ledgerFiles.commitmentId, ids)).orderBy(asc(ledgerFiles.uploadedAt));
  const userIds = [...new Set([...rows.map((r) => r.leaderId), ...updates.map((u) => u.createdBy)].filter((x): x is number => x !== null))];
  const names = userIds.length ? await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, userIds)) : [];
  const caseIds = rows.map((r) => r.caseId).filter((x): x is number => x !== null);
  const caseRows = caseIds.length ? await ex.select({ id: cases.id, number: cases.number, state: cases.state }).from(cases).where(inArray(cases.id, caseIds)) : [];
  const ballotIds = rows.map((r) => r.ratingBallotId).filter((x): x is number => x !== null);
  const ballotRows = ballotIds.length ? await ex.select().from(ballots).where(inArray(ballots.id, ballotIds)) : [];
  const meetingIds = [...new Set(rows.map((r) => r.meetingId).filter((x): x is number => x !== null))];
  const meetingRows = meetingIds.length ? await ex.select({ id: reviewMeetings.id, title: reviewMeetings.title }).from(reviewMeetings).where(inArray(reviewMeetings.id, meetingIds)) : [];
  return {
    meetings: new Map(meetingRows.map((m) => [m.id, m.title])),
    rows, items, updates, files, users: new Map(names.map((n) => [n.id, n.name])),
    cases: new Map(caseRows.map((c) => [c.id, c])), ratings: new Map(ballotRows.map((b) => [b.id, b])),
  };
}

/** A commitment's subject id in its rating ballot. */
const ratingSubject = (id: number) => `c${id}`;

/** The rating of a commitment from its ballot: while open, that it runs; once closed, the engine's aggregate (satisfaction). */
function ratingOf(l: Loaded, c: Row): CommitmentDto['rating'] {
  const b = c.ratingBallotId === null ? undefined : l.ratings.get(c.ratingBallotId);
  if (!b) return null;
  const def = b.definition as StoredDefinition;
  const r = (b.result as SubjectResultDto[] | null)?.find((x) => x.subject === ratingSubject(c.id));
  return {
    ballot: b.id, title: b.title, state: b.state, outOf: def.weight, score: r?.figure ?? null,
    groups: def.groups.map((g) => {
      const rg = r?.groups.find((x) => x.group === g.id);
      return { name: g.name, weight: g.weight, cast: rg?.cast ?? null, mean: rg?.mean ?? null };
    }),
  };
}

/** The unit's figure of an indicator in the latest closed period (what a progress bar shows), from the stored results. */
async function progressOf(ex: Executor, campaignId: string): Promise<(unit: string, indicator: string, target: string | null) => CommitmentDto['items'][number]['progress']> {
  const infos = await periodInfos(ex, campaignId);
  const closed = [...infos.entries()].filter(([, i]) => i.state === 'closed').map(([p]) => p).sort();
  const last = closed.at(-1);
  const result = last ? await findResult(ex, campaignId, last) : undefined;
  return (unit, indicator, target) => {
    if (!result || !last) return null;
    const r = result.units.find((u) => u.unit === unit)?.indicators[indicator] as { value?: number | null; ytd?: number | null } | undefined;
    if (!r) return null;
    const v = r.ytd ?? r.value ?? null;
    const t = target === null ? null : Number(target);
    return { period: last, value: v === null ? null : String(v), ratio: v !== null && t ? Math.round((v / t) * 1000) / 1000 : null };
  };
}

const fileDto = (f: Pick<Loaded['files'][number], 'id' | 'kind' | 'filename' | 'contentType' | 'size' | 'sha256' | 'uploadedAt' | 'updateId'>) => ({
  id: f.id, kind: f.kind, filename: f.filename, contentType: f.contentType, size: f.size, sha256: f.sha256, uploadedAt: f.uploadedAt.toISOString(), updateId: f.updateId,
});

async function toDtos(ex: Executor, ctx: Ctx, actor: Actor | null, campaign: CampaignRow, rows: Row[], publicUrl: string): Promise<CommitmentDto[]> {
  const l = await load(ex, rows);
  const spec = await campaignSpec(ex, ctx, campaign);
  const unitName = (u: string) => spec.units.find((x) => x.id === u)?.name ?? u;
  const indName = (i: string) => spec.indicators.find((x) => x.id === i)?.name ?? i;
  const progress = await progressOf(ex, campaign.id);
  return rows.map((c) => ({
    id: c.id, campaign: c.campaignId, campaignName: campaign.name, unit: c.unitId,
    owner: c.unitId !== null ? unitName(c.unitId) : l.users.get(c.leaderId as number) ?? '',
    leader: c.leaderId, post: c.post, title: c.title, status: c.status, returnReason: c.returnReason, report: c.report,
    reportedAt: c.reportedAt?.toISOString() ?? null, approvedAt: c.approvedAt?.toISOString() ?? null, evaluatedAt: c.evaluatedAt?.toISOString() ?? null,
    penalty: c.penalty ? { ...c.penalty, indicatorName: indName(c.penalty.indicator) } : null,
    items: l.items.filter((i) => i.commitmentId === c.id).map((i) => ({
      id: i.id, text: i.text, benchmark: i.benchmark, indicator: i.indicatorId, indicatorName: i.indicatorId ? indName(i.indicatorId) : null, target: i.target, due: i.due,
      progress: i.indicatorId && c.unitId ? progress(c.unitId, i.indicatorId, i.target) : null, verdict: i.verdict, verdictReason: i.verdictReason,
    })),
    updates: l.updates.filter((u) => u.commitmentId === c.id).map((u) => ({
      id: u.id, quarter: u.quarter, text: u.text, createdAt: u.createdAt.toISOString(), createdBy: u.createdBy ? l.users.get(u.createdBy) ?? null : null,
      files: l.files.filter((f) => f.updateId === u.id).map(fileDto),
    })),
    files: l.files.filter((f) => f.commitmentId === c.id && f.updateId === null).map(fileDto),
    case: c.caseId === null ? null : l.cases.get(c.caseId) ?? null,
    rating: ratingOf(l, c),
    meeting: c.meetingId === null ? null : { id: c.meetingId, title: l.meetings.get(c.meetingId) ?? '' },
    canEdit: !!actor && c.status === 'draft' && (decides(actor, c.campaignId) || committer(actor, c)),
    canDecide: !!actor && decides(actor, c.campaignId),
    mine: !!actor && committer(actor, c),
    publicUrl: SHOWN.includes(c.status) ? commitmentUrl(publicUrl, c.campaignId, c.id) : null,
  }));
}

export async function listCommitments(ctx: Ctx, actor: Actor, campaignId: string, q: { unit?: string; status?: CommitmentStatus }, publicUrl: string): Promise<CommitmentDto[]> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const rows = (await ctx.db.select().from(commitments).where(eq(commitments.campaignId, campaignId)).orderBy(asc(commitments.id)))
    .filter((r) => (q.unit === undefined || r.unitId === q.unit) && (q.status === undefined || r.status === q.status) && visibleTo(actor, r));
  return toDtos(ctx.db, ctx, actor, campaign, rows, publicUrl);
}

export async function getCommitment(ctx: Ctx, actor: Actor, campaignId: string, id: number, publicUrl: string): Promise<CommitmentDto> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const row = await findRow(ctx.db, campaignId, id);
  if (!visibleTo(actor, row)) throw notFound(id);
  return (await toDtos(ctx.db, ctx, actor, campaign, [row], publicUrl))[0];
}

/** Commitments of the given units and leaders (the leader page), as the actor may see them. */
export async function commitmentsOf(ctx: Ctx, actor: Actor, campaignId: string, units: string[] | null, leaderId: number, publicUrl: string): Promise<CommitmentDto[]> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const rows = (await ctx.db.select().from(commitments).where(eq(commitments.campaignId, campaignId)).orderBy(asc(commitments.id)))
    .filter((r) => (r.leaderId === leaderId || (r.unitId !== null && (units === null || units.includes(r.unitId)))) && visibleTo(actor, r));
  return toDtos(ctx.db, ctx, actor, campaign, rows, publicUrl);
}

// ——— the lifecycle ———

type Who = Actor & AuditActor;

/** Opens a transaction with the campaign locked and the commitment row locked; `fn` decides. */
async function change<T>(ctx: Ctx, actor: Who, campaignId: string, id: number, fn: (tx: Executor, c: Row, campaign: CampaignRow, spec: Spec) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const c = await findRow(tx, campaignId, id, true);
    if (!visibleTo(actor, c)) throw notFound(id);
    return fn(tx, c, campaign, await campaignSpec(tx, ctx, campaign));
  });
}

const mustEdit = (actor: Actor, c: Row) => {
  if (!decides(actor, c.campaignId) && !committer(actor, c)) throw new AppError('forbidden', { zh: '只能修改本单位（本人）的承诺', en: 'You may change only your own unit\'s (or your own) commitment' });
};
const mustDecide = (actor: Actor, c: Row) => {
  if (!decides(actor, c.campaignId)) throw new AppError('forbidden');
};

export async function createCommitment(ctx: Ctx, actor: Who, campaignId: string, input: { unit?: string; leader?: number; post?: string; title: string; items: ItemInput[] }): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    if ((input.unit === undefined) === (input.leader === undefined)) {
      throw new AppError('validation_failed', { zh: '承诺须属于一个单位（unit）或一位领导（leader），二者选一', en: 'A commitment belongs to a unit (unit) or to a leader (leader): name exactly one' });
    }
    const spec = await campaignSpec(tx, ctx, campaign);
    if (input.unit !== undefined && !spec.units.some((u) => u.id === input.unit)) {
      throw new AppError('validation_failed', { zh: `单位“${input.unit}”不是本竞赛的单位`, en: `Unit "${input.unit}" is not one of the campaign's` });
    }
    if (input.leader !== undefined) {
      const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.id, input.leader));
      if (!u) throw new AppError('validation_failed', { zh: `领导（用户编号 ${input.leader}）不存在`, en: `Leader (user ${input.leader}) does not exist` });
    }
    const owner = { campaignId, unitId: input.unit ?? null, leaderId: input.leader ?? null };
    if (!decides(actor, campaignId) && !committer(actor, owner)) throw new AppError('forbidden', { zh: '只能为本单位或本人起草承诺', en: 'You may draft commitments only for your own unit or yourself' });
    checkItems(spec, input.items);
    const [row] = await tx.insert(commitments).values({ ...owner, post: input.post || null, title: input.title, createdBy: actor.id, createdAt: ctx.now(), updatedAt: ctx.now() }).returning();
    await writeItems(tx, row.id, input.items);
    await audit(tx, ctx, actor, row, 'commitment.create', { unit: row.unitId, leader: row.leaderId, title: row.title, items: input.items });
    return row.id;
  });
}

/**
 * A called unit's 表态 at a review meeting as a draft commitment of that unit (issue 16: commitments
 * made at a review meeting are the same thing): the meeting's commitment items become its items,
 * aiming at no 第一 (benchmark 'none'; the committer may edit the draft). By an organizer or the unit's
 * reporter. Once per meeting and unit: asked again, it answers with the one made (`created: false`).
 */
export async function commitmentFromMeeting(ctx: Ctx, actor: Who, campaignId: string, meetingId: number, unit: string): Promise<{ id: number; created: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const owner = { campaignId, unitId: unit, leaderId: null };
    if (!decides(actor, campaignId) && !committer(actor, owner)) throw new AppError('forbidden', { zh: '只能为本单位起草承诺', en: 'You may draft commitments only for your own unit' });
    const [m] = await tx.select().from(reviewMeetings).where(and(eq(reviewMeetings.id, meetingId), eq(reviewMeetings.campaignId, campaignId)));
    if (!m) throw AppError.notFound({ zh: `会议（编号 ${meetingId}）`, en: `Meeting ${meetingId}` });
    const spec = await campaignSpec(tx, ctx, campaign);
    const name = spec.units.find((u) => u.id === unit)?.name ?? unit;
    const [called] = await tx.select().from(reviewMeetingUnits).where(and(eq(reviewMeetingUnits.meetingId, meetingId), eq(reviewMeetingUnits.unitId, unit)));
    if (!called) throw AppError.notFound({ zh: `“${m.title}”通知参会的单位“${name}”`, en: `Unit "${unit}" called to "${m.title}"` });
    const [made] = await tx.select({ id: commitments.id }).from(commitments).where(and(eq(commitments.meetingId, meetingId), eq(commitments.unitId, unit)));
    if (made) return { id: made.id, created: false };
    if (called.commitments.length === 0) {
      throw new AppError('conflict', { zh: `${name}在“${m.title}”上还没有记录承诺事项`, en: `${unit} has no commitments recorded at "${m.title}" yet` });
    }
    const now = ctx.now();
    const [row] = await tx.insert(commitments).values({
      campaignId, unitId: unit, leaderId: null, post: null, title: `${m.title} · 表态承诺`, meetingId, createdBy: actor.id, createdAt: now, updatedAt: now,
    }).returning();
    const items: ItemInput[] = called.commitments.map((text) => ({ text, benchmark: 'none' }));
    await writeItems(tx, row.id, items);
    await audit(tx, ctx, actor, row, 'commitment.create', { unit, title: row.title, items, meeting: { id: m.id, title: m.title } });
    return { id: row.id, created: true };
  });
}

export async function editCommitment(ctx: Ctx, actor: Who, campaignId: string, id: number, input: { post?: string; title: string; items: ItemInput[] }): Promise<void> {
  await change(ctx, actor, campaignId, id, async (tx, c, _campaign, spec) => {
    mustEdit(actor, c);
    if (c.status !== 'draft') throw refused(c, { zh: '只有草稿可以修改', en: 'only a draft can be edited' });
    checkItems(spec, input.items);
    await tx.update(commitments).set({ post: input.post || null, title: input.title, updatedAt: ctx.now() }).where(eq(commitments.id, id));
    await writeItems(tx, id, input.items);
    await audit(tx, ctx, actor, c, 'commitment.update', { title: input.title, items: input.items }, null, { title: c.title });
  });
}

export async function submitCommitment(ctx: Ctx, actor: Who, campaignId: string, id: number): Promise<void> {
  await change(ctx, actor, campaignId, id, async (tx, c) => {
    mustEdit(actor, c);
    if (c.status !== 'draft') throw refused(c, { zh: '只有草稿可以提交', en: 'only a draft can be submitted' });
    await tx.update(commitments).set({ status: 'submitted', returnReason: null, updatedAt: ctx.now() }).where(eq(commitments.id, id));
    await audit(tx, ctx, actor, c, 'commitment.submit', { status: 'submitted' }, null, { status: c.status });
  });
}

export async function decideCommitment(ctx: Ctx, actor: Who, campaignId: string, id: number, d: { decision: 'approve' | 'return'; reason?: string }): Promise<void> {
  await change(ctx, actor, campaignId, id, async (tx, c) => {
    mustDecide(actor, c);
    if (c.status !== 'submitted') throw refused(c, { zh: '只有待审核的承诺可以审核', en: 'only a submitted commitment can be approved or returned' });
    if (d.decision === 'return' && !d.reason) throw new AppError('validation_failed', { zh: '退回须说明理由', en: 'Returning needs a reason' });
    const now = ctx.now();
    const set = d.decision === 'approve'
      ? { status: 'public' as const, approvedBy: actor.id, approvedAt: now, updatedAt: now }
      : { status: 'draft' as const, returnReason: d.reason ?? null, updatedAt: now };
    await tx.update(commitments).set(set).where(eq(commitments.id, id));
    await audit(tx, ctx, actor, c, d.decision === 'approve' ? 'commitment.approve' : 'commitment.return', { status: set.status }, d.reason ?? null, { status: c.status });
  });
}

/** 示诺/践诺: a quarterly progress update of a public commitment. */
export async function addUpdate(ctx: Ctx, actor: Who, campaignId: string, id: number, input: { quarter: string; text: string }): Promise<number> {
  return change(ctx, actor, campaignId, id, async (tx, c) => {
    mustEdit(actor, c);
    if (c.status !== 'public') throw refused(c, { zh: '只有已公开、尚未述诺的承诺可以报告进展', en: 'progress is reported on a public commitment before its year-end report' });
    const [u] = await tx.insert(commitmentUpdates).values({ commitmentId: id, quarter: input.quarter, text: input.text, createdBy: actor.id, createdAt: ctx.now() }).returning();
    await audit(tx, ctx, actor, c, 'commitment.progress', { update: u.id, quarter: input.quarter, text: input.text });
    return u.id;
  });
}

/** 述诺: the year-end report. */
export async function reportCommitment(ctx: Ctx, actor: Who, campaignId: string, id: number, input: { report: string }): Promise<void> {
  await change(ctx, actor, campaignId, id, async (tx, c) => {
    mustEdit(actor, c);
    if (c.status !== 'public') throw refused(c, { zh: '只有已公开的承诺可以述诺', en: 'only a public commitment can be reported on' });
    await tx.update(commitments).set({ status: 'reported', report: input.report, reportedAt: ctx.now(), updatedAt: ctx.now() }).where(eq(commitments.id, id));
    await audit(tx, ctx, actor, c, 'commitment.report', { status: 'reported', report: input.report }, null, { status: c.status });
  });
}

/**
 * 评诺: a verdict per item. With `penalty`, the items not fulfilled become a penalty event figure of the
 * committer's unit (added to what the figure holds), written and approved through the figure path with
 * the reasons as its explanation, in the same transaction.
 */
export async function evaluateCommitment(ctx: Ctx, actor: Who & Writer, campaignId: string, id: number, input: {
  verdicts: { item: number; verdict: 'fulfilled' | 'partly' | 'not'; reason: string }[]; penalty?: { indicator: string; period: string }; case?: CaseOptions;
}): Promise<void> {
  await change(ctx, actor, campaignId, id, async (tx, c, campaign, spec) => {
    mustDecide(actor, c);
    if (c.status !== 'reported') throw refused(c, { zh: '须先述诺才能评诺', en: 'it is evaluated after its year-end report' });
    const items = await tx.select().from(commitmentItems).where(eq(commitmentItems.commitmentId, id)).orderBy(asc(commitmentItems.position));
    const given = new Map(input.verdicts.map((v) => [v.item, v]));
    const missing = items.filter((i) => !given.has(i.id));
    if (missing.length > 0 || given.size !== items.length || input.verdicts.length !== items.length) {
      throw new AppError('validation_failed', { zh: `每一项承诺都须评定且只评定一次（缺：${missing.map((i) => i.text).join('；') || '—'}）`, en: 'Every item needs exactly one verdict' });
    }
    for (const i of items) {
      const v = given.get(i.id)!;
      await tx.update(commitmentItems).set({ verdict: v.verdict, verdictReason: v.reason }).where(eq(commitmentItems.id, i.id));
    }
    const failed = items.filter((i) => given.get(i.id)!.verdict === 'not');
    let penalty: Row['penalty'] = null;
    if (input.penalty && failed.length > 0) {
      const { indicator, period } = input.penalty;
      if (c.unitId === null) throw new AppError('validation_failed', { zh: '领导的承诺不计入单位得分：不能扣分', en: 'A leader\'s commitment does not count in a unit\'s score: no penalty' });
      const ind = spec.indicators.find((d) => d.id === indicator);
      if (!ind || ind.input !== 'event' || (ind as { effect?: string }).effect !== 'penalty') {
        throw new AppError('validation_failed', { zh: `扣分指标“${indicator}”须是本竞赛的扣分事件指标`, en: `The penalty indicator "${indicator}" must be one of the campaign's penalty event indicators` });
      }
      const key = { unit: c.unitId, indicator, period };
      const stored = await findFigure(tx, campaignId, key);
      const value = String(Number(stored?.value ?? '0') + failed.length);
      const why = `承诺“${c.title}”未兑现 ${failed.length} 项：${failed.map((i) => `${i.text}（${given.get(i.id)!.reason}）`).join('；')}`;
      const note = why.length > 500 ? `${why.slice(0, 499)}…` : why;
      await writeFiguresTx(tx, ctx, actor, campaignId, [{ ...key, value, row: 2, version: stored?.version ?? null, explanation: note }], [], { reason: `评诺：承诺 ${c.id}` });
      // verified at once: the organization's verdict is the verification
      const now = ctx.now();
      const locked = await lockCampaign(tx, campaignId);
      const written = await findFigure(tx, campaignId, key);
      await setFigureReview(tx, campaignId, key, { status: 'approved', reason: null, by: actor.id, at: now });
      await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'figure.approve', campaignId, subject: `${key.unit}/${key.indicator}/${key.period}`, before: { status: 'pending', value, version: written?.version ?? null }, after: { status: 'approved' }, reason: `评诺：承诺 ${c.id}` }]);
      await recomputeStored(tx, ctx, locked!, spec, now, new Set([period]));
      penalty = { indicator, period, count: failed.length };
    }
    await tx.update(commitments).set({ status: 'evaluated', evaluatedBy: actor.id, evaluatedAt: ctx.now(), penalty, updatedAt: ctx.now() }).where(eq(commitments.id, id));
    await audit(tx, ctx, actor, c, 'commitment.evaluate', { status: 'evaluated', verdicts: input.verdicts, penalty }, null, { status: c.status });
    // a case for the items not kept, in the same transaction: the evaluation and its case stand or fall together
    if (input.case && failed.length > 0) await caseForCommitmentTx(tx, ctx, actor, campaign, { ...c, status: 'evaluated' }, input.case);
  });
}

// ——— accountability: a commitment not kept opens a case (services/cases.ts openCaseTx) ———

export interface CaseOptions { kind: string; due?: string; requirement?: string }

/**
 * Opens the case of an evaluated commitment with items not kept, inside the caller's transaction (the
 * campaign and the commitment row locked by the caller). Once opened, the case is the commitment's:
 * asking again answers with it and opens nothing.
 */
export async function caseForCommitmentTx(tx: Executor, ctx: Ctx, actor: CaseActor, campaign: CampaignRow, c: Row, opts: CaseOptions): Promise<{ caseId: number; opened: boolean }> {
  if (c.caseId !== null) return { caseId: c.caseId, opened: false };
  if (c.status !== 'evaluated') throw refused(c, { zh: '评诺后才能对未兑现的承诺立案问责', en: 'a case is opened for items not kept, after the evaluation' });
  if (c.unitId === null) throw new AppError('validation_failed', { zh: `承诺“${c.title}”是领导个人的承诺：问责事项须针对一个单位`, en: `Commitment "${c.title}" is a leader's own: a case is opened against a unit` });
  const failed = await tx.select().from(commitmentItems).where(and(eq(commitmentItems.commitmentId, c.id), eq(commitmentItems.verdict, 'not'))).orderBy(asc(commitmentItems.position));
  if (failed.length === 0) throw new AppError('conflict', { zh: `承诺“${c.title}”没有未兑现的项目，不需立案`, en: `Commitment "${c.title}" has no item not kept: no case` });
  const reason = `承诺“${c.title}”经评诺未兑现 ${failed.length} 项：${failed.map((i) => `${i.text}（${i.verdictReason ?? ''}）`).join('；')}`;
  const caseId = await openCaseTx(tx, ctx, actor, campaign, {
    unit: c.unitId, kind: opts.kind, due: opts.due, requirement: opts.requirement, period: null,
    reason: reason.length > 2000 ? `${reason.slice(0, 1999)}…` : reason, source: 'commitment', sourceRef: `承诺“${c.title}”`,
  });
  await tx.update(commitments).set({ caseId, updatedAt: ctx.now() }).where(eq(commitments.id, c.id));
  await audit(tx, ctx, actor, c, 'commitment.case', { case: caseId, kind: opts.kind });
  return { caseId, opened: true };
}

/** POST …/commitments/:commitmentId/case: the commitment's case (opened now, or the one opened before). */
export async function caseForCommitment(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, opts: CaseOptions): Promise<{ caseId: number; opened: boolean }> {
  return change(ctx, actor, campaignId, id, async (tx, c, campaign) => {
    mustDecide(actor, c);
    return caseForCommitmentTx(tx, ctx, actor, campaign, c, opts);
  });
}

/** The year-end accounting's commitments part: a case for every evaluated unit commitment with items not kept and no case yet. */
export async function commitmentCasesTx(tx: Executor, ctx: Ctx, actor: CaseActor, campaign: CampaignRow, opts: CaseOptions): Promise<{ commitment: number; title: string; caseId: number; opened: boolean }[]> {
  const rows = await tx.select().from(commitments).where(and(eq(commitments.campaignId, campaign.id), eq(commitments.status, 'evaluated'))).orderBy(asc(commitments.id)).for('update');
  const notKept = rows.length ? new Set((await tx.selectDistinct({ id: commitmentItems.commitmentId }).from(commitmentItems)
    .where(and(inArray(commitmentItems.commitmentId, rows.map((r) => r.id)), eq(commitmentItems.verdict, 'not')))).map((r) => r.id)) : new Set<number>();
  const out = [];
  for (const c of rows.filter((r) => r.unitId !== null && notKept.has(r.id))) {
    const r = await caseForCommitmentTx(tx, ctx, actor, campaign, c, opts);
    out.push({ commitment: c.id, title: c.title, ...r });
  }
  return out;
}

// ——— rating by members and the public (党员评、群众评、组织评) through a ballot (services/ballots.ts) ———

/**
 * Opens one marks ballot rating the given commitments (public or later; none rated before): rater
 * groups with weights and one-time links, the engine's aggregate once an organizer closes it (the
 * ballots' own route) is each commitment's satisfaction score. Returns the ballot and the links (shown once).
 */
export async function openRating(ctx: Ctx, actor: Who & Writer, campaignId: string, input: {
  title?: string; commitments: number[]; groups: { id?: string; name: string; weight: string; raters: number }[]; trim?: number; closesAt?: string;
}, publicUrl: string): Promise<{ ballot: number; links: RaterLinkDto[] }> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    if (!decides(actor, campaignId)) throw new AppError('forbidden');
    const ids = [...new Set(input.commitments)];
    const rows = await tx.select().from(commitments).where(and(eq(commitments.campaignId, campaignId), inArray(commitments.id, ids))).orderBy(asc(commitments.id)).for('update');
    const missing = ids.filter((i) => !rows.some((r) => r.id === i));
    if (missing.length > 0) throw AppError.notFound({ zh: `承诺（编号 ${missing.join('、')}）`, en: `Commitment ${missing.join(', ')}` });
    for (const c of rows) {
      if (!SHOWN.includes(c.status)) throw refused(c, { zh: '公开后才能组织评议', en: 'it is rated once public' });
      if (c.ratingBallotId !== null) throw new AppError('conflict', { zh: `承诺“${c.title}”已有评议（测评 ${c.ratingBallotId}）`, en: `Commitment "${c.title}" has a rating already (ballot ${c.ratingBallotId})` });
    }
    const spec = await campaignSpec(tx, ctx, campaign);
    const l = await load(tx, rows);
    const unitName = (u: string) => spec.units.find((x) => x.id === u)?.name ?? u;
    const owner = (c: Row) => (c.unitId !== null ? unitName(c.unitId) : l.users.get(c.leaderId as number) ?? '');
    const title = input.title || (rows.length === 1 ? `承诺评议：${owner(rows[0])}“${rows[0].title}”` : `承诺评议（${rows.length} 份）`);
    const { id, links } = await openBallotTx(tx, ctx, actor, campaignId, spec, {
      title, kind: 'marks', weight: '100', groups: input.groups, trim: input.trim,
      subjects: rows.map((c) => ({ id: ratingSubject(c.id), name: `${owner(c)}：${c.title}`, detail: l.items.filter((i) => i.commitmentId === c.id).map((i) => i.text).join('；').slice(0, 300) })),
      closesAt: input.closesAt ? new Date(input.closesAt) : null,
    }, publicUrl);
    await tx.update(commitments).set({ ratingBallotId: id, updatedAt: ctx.now() }).where(inArray(commitments.id, rows.map((r) => r.id)));
    for (const c of rows) await audit(tx, ctx, actor, c, 'commitment.rating', { ballot: id, title });
    return { ballot: id, links };
  });
}

// ——— files: the signed scan, the report's and the updates' evidence ———

export async function addCommitmentFile(ctx: Ctx, actor: Who, campaignId: string, id: number, kind: 'scan' | 'report' | 'update', updateId: number | undefined, read: () => Promise<{ data: Uint8Array; filename: string }>) {
  // who may attach is known before the file is read
  const before = await findRow(ctx.db, campaignId, id);
  if (!visibleTo(actor, before)) throw notFound(id);
  mustEdit(actor, before);
  const file = await read();
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件是空的', en: 'The file is empty' });
  if (file.data.length > LEDGER_FILE_MAX_BYTES) throw new AppError('validation_failed', { zh: '文件超过 10 MB 的上限', en: 'The file is larger than the limit of 10 MB' }, undefined, undefined, 413);
  const type = sniffFileType(file.data);
  if (!type) throw new AppError('validation_failed', { zh: '不支持的文件类型：只能是 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 OFD 文件', en: 'Unsupported file type: PDF, PNG, JPEG, .docx, .xlsx or OFD only' }, undefined, undefined, 415);
  return change(ctx, actor, campaignId, id, async (tx, c) => {
    if (kind === 'update') {
      if (updateId === undefined) throw new AppError('validation_failed', { zh: '须指明进展（update）', en: 'Name the progress update (update)' });
      const [u] = await tx.select().from(commitmentUpdates).where(and(eq(commitmentUpdates.id, updateId), eq(commitmentUpdates.commitmentId, id)));
      if (!u) throw AppError.notFound({ zh: `进展（编号 ${updateId}）`, en: `Progress update ${updateId}` });
      if (c.status !== 'public') throw refused(c, { zh: '述诺后不能再补充进展材料', en: 'progress evidence is closed after the year-end report' });
    }
    if (kind === 'report' && c.status !== 'public' && c.status !== 'reported') throw refused(c, { zh: '述诺材料在公开后、评诺前上传', en: 'report files are added between publication and evaluation' });
    if (kind === 'scan' && c.status === 'evaluated') throw refused(c, { zh: '评诺后不能再更换扫描件', en: 'the signed scan cannot change after evaluation' });
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ledgerFiles).where(eq(ledgerFiles.commitmentId, id));
    if (n >= MAX_FILES) throw new AppError('conflict', { zh: `每份承诺最多 ${MAX_FILES} 个文件`, en: `At most ${MAX_FILES} files a commitment` });
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const row = {
      id: randomUUID(), campaignId, kind, commitmentId: id, projectId: null, progressId: null, updateId: kind === 'update' ? updateId ?? null : null, filename: safeFilename(file.filename, type),
      contentType: type.contentType, size: file.data.length, sha256, data: file.data, uploadedBy: actor.id, uploadedAt: ctx.now(),
    };
    await tx.insert(ledgerFiles).values(row);
    await audit(tx, ctx, actor, c, 'commitment.file', { id: row.id, kind, filename: row.filename, size: row.size, sha256 });
    return fileDto(row);
  });
}

export async function commitmentFile(ctx: Ctx, actor: Actor, campaignId: string, id: number, fileId: string) {
  const c = await findRow(ctx.db, campaignId, id);
  if (!visibleTo(actor, c)) throw notFound(id);
  const [f] = await ctx.db.select().from(ledgerFiles).where(and(eq(ledgerFiles.id, fileId), eq(ledgerFiles.commitmentId, id)));
  if (!f) throw AppError.notFound({ zh: '该文件', en: 'File' });
  return f;
}

// ——— remarks from the public ———

export async function listRemarks(ctx: Ctx, actor: Actor, campaignId: string, id: number) {
  const c = await findRow(ctx.db, campaignId, id);
  mustDecide(actor, c);
  const rows = await ctx.db.select().from(commitmentRemarks).where(eq(commitmentRemarks.commitmentId, id)).orderBy(desc(commitmentRemarks.createdAt));
  return rows.map((r) => ({ id: r.id, text: r.text, state: r.state, answer: r.answer, createdAt: r.createdAt.toISOString(), moderatedAt: r.moderatedAt?.toISOString() ?? null }));
}

export async function moderateRemark(ctx: Ctx, actor: Who, campaignId: string, id: number, remarkId: number, input: { decision: 'publish' | 'hide'; answer?: string }) {
  await change(ctx, actor, campaignId, id, async (tx, c) => {
    mustDecide(actor, c);
    const [r] = await tx.select().from(commitmentRemarks).where(and(eq(commitmentRemarks.id, remarkId), eq(commitmentRemarks.commitmentId, id)));
    if (!r) throw AppError.notFound({ zh: `留言（编号 ${remarkId}）`, en: `Remark ${remarkId}` });
    const state = input.decision === 'publish' ? 'published' as const : 'hidden' as const;
    await tx.update(commitmentRemarks).set({ state, answer: input.answer || null, moderatedBy: actor.id, moderatedAt: ctx.now() }).where(eq(commitmentRemarks.id, remarkId));
    await audit(tx, ctx, actor, c, 'commitment.remark', { remark: remarkId, state, answer: input.answer ?? null }, null, { state: r.state });
  });
  return (await listRemarks(ctx, actor, campaignId, id)).find((r) => r.id === remarkId)!;
}

// ——— public ———

async function publicRow(ex: Executor, id: number): Promise<Row> {
  const [row] = await ex.select().from(commitments).where(eq(commitments.id, id));
  if (!row || !SHOWN.includes(row.status)) throw AppError.notFound({ zh: `公开承诺（编号 ${id}）`, en: `Public commitment ${id}` });
  return row;
}

async function toPublic(ctx: Ctx, campaign: CampaignRow, rows: Row[], publicUrl: string): Promise<PublicCommitmentDto[]> {
  const dtos = await toDtos(ctx.db, ctx, null, campaign, rows, publicUrl);
  const ids = rows.map((r) => r.id);
  const remarks = ids.length ? await ctx.db.select().from(commitmentRemarks).where(and(inArray(commitmentRemarks.commitmentId, ids), eq(commitmentRemarks.state, 'published'))).orderBy(asc(commitmentRemarks.createdAt)) : [];
  return dtos.map((d) => ({
    id: d.id, campaign: d.campaign, campaignName: d.campaignName, unit: d.unit, owner: d.owner, post: d.post, title: d.title, status: d.status,
    approvedAt: d.approvedAt, report: d.report, items: d.items,
    updates: d.updates.map((u) => ({ id: u.id, quarter: u.quarter, text: u.text, createdAt: u.createdAt, files: u.files.map((f) => f.filename) })),
    remarks: remarks.filter((r) => r.commitmentId === d.id).map((r) => ({ id: r.id, text: r.text, answer: r.answer, createdAt: r.createdAt.toISOString() })),
    satisfaction: d.rating?.state === 'closed' ? { score: d.rating.score, outOf: d.rating.outOf } : null,
    url: commitmentUrl(publicUrl, d.campaign, d.id),
  }));
}

/** The public commitments of a campaign (of one unit with `unit`); the campaign's name with them. */
export async function publicCommitments(ctx: Ctx, campaignId: string, unit: string | undefined, publicUrl: string) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const all = await ctx.db.select().from(commitments).where(and(eq(commitments.campaignId, campaignId), inArray(commitments.status, SHOWN))).orderBy(asc(commitments.id));
  // like the published results: a campaign with no public commitment is not there for the public
  if (all.length === 0) throw AppError.notFound({ zh: `竞赛“${campaignId}”的公开承诺`, en: `Public commitments of campaign "${campaignId}"` });
  const rows = all.filter((r) => unit === undefined || r.unitId === unit);
  return { campaign: { id: campaign.id, name: campaign.name, year: campaign.year }, commitments: await toPublic(ctx, campaign, rows, publicUrl) };
}

export async function publicCommitment(ctx: Ctx, id: number, publicUrl: string): Promise<PublicCommitmentDto> {
  const row = await publicRow(ctx.db, id);
  return (await toPublic(ctx, await requireCampaign(ctx.db, row.campaignId), [row], publicUrl))[0];
}

/** A remark from the public: stored for the organizer, never shown until moderated; rate-limited per sender and per commitment. */
export async function postRemark(ctx: Ctx, id: number, text: string, sender: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await publicRow(tx, id);
    await tx.select({ id: commitments.id }).from(commitments).where(eq(commitments.id, row.id)).for('update');
    const senderHash = createHash('sha256').update(`leitai-remark\n${sender}`).digest('hex');
    const now = ctx.now();
    const hourAgo = new Date(now.getTime() - 3600_000);
    const [{ mine }] = await tx.select({ mine: sql<number>`count(*)::int` }).from(commitmentRemarks).where(and(eq(commitmentRemarks.senderHash, senderHash), gte(commitmentRemarks.createdAt, hourAgo)));
    const [{ recent }] = await tx.select({ recent: sql<number>`count(*)::int` }).from(commitmentRemarks).where(and(eq(commitmentRemarks.commitmentId, id), gte(commitmentRemarks.createdAt, hourAgo)));
    const [{ waiting }] = await tx.select({ waiting: sql<number>`count(*)::int` }).from(commitmentRemarks).where(and(eq(commitmentRemarks.commitmentId, id), eq(commitmentRemarks.state, 'new')));
    if (mine >= REMARK_LIMITS.perSenderHour || recent >= REMARK_LIMITS.perCommitmentHour || waiting >= REMARK_LIMITS.waiting) {
      throw new AppError('locked_out', { zh: '留言过于频繁，请稍后再试', en: 'Too many remarks; try again later' }, undefined, { retryAfter: 3600 });
    }
    await tx.insert(commitmentRemarks).values({ commitmentId: id, text, senderHash, createdAt: now });
  });
}
