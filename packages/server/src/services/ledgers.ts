// Leaders in charge [领办/包靠] and key-project ledgers [重点项目台账] (issue 16 items 2 and 3).
// What a leader leads comes from their existing leader grants (a grant naming a unit or an indicator
// of the campaign; an organization grant without one: every unit) and from the projects naming them
// as leader in charge — no second assignment table. Their page: standing and trend of each unit,
// flags won and lost, commitments, projects, visit logs (走访/过堂); the 同奖同惩 summary of every
// leader for the organizer, as JSON and Excel. Projects: owner unit, leader, team, milestones with
// due dates (overdue by the injectable clock), monthly progress; an indicator may take its figure
// from a project (share of milestones on time, investment to date) through the one figure path.
import ExcelJS from 'exceljs';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { createHash, randomUUID } from 'node:crypto';
import { cases, commitmentItems, commitments, leaderVisits, ledgerFiles, projectMilestones, projectProgress, projects, roleGrants, users } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, grantsIn, type Actor, type Grant, type Scope } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign, type CampaignRow } from '../repositories/campaigns.ts';
import { periodInfos } from '../repositories/periods.ts';
import { findResult, unitStandings } from '../repositories/results.ts';
import { grantsOf, loadScope } from '../repositories/users.ts';
import type { ProjectDto } from '../schemas/ledgers.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import { openCaseTx, type CaseActor } from './cases.ts';
import { commitmentCasesTx, commitmentsOf, LEDGER_FILE_MAX_BYTES, type CaseOptions } from './commitments.ts';
import type { AuditActor, Ctx } from './context.ts';
import { safeFilename, sniffFileType } from './file-type.ts';
import { writeFigures, type Writer } from './figures.ts';

type Who = Actor & AuditActor;
const manages = (actor: Actor, campaignId: string) => can(actor, 'ledger.manage', { campaignId });

/** Today's date (YYYY-MM-DD) in China, by the app's clock. */
export const today = (now: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);

async function userNames(ex: Executor, ids: (number | null)[]): Promise<Map<number, string>> {
  const want = [...new Set(ids.filter((x): x is number => x !== null))];
  if (want.length === 0) return new Map();
  const rows = await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, want));
  return new Map(rows.map((r) => [r.id, r.name]));
}

async function requireUserId(ex: Executor, id: number): Promise<string> {
  const [u] = await ex.select({ name: users.displayName }).from(users).where(eq(users.id, id));
  if (!u) throw new AppError('validation_failed', { zh: `领导（用户编号 ${id}）不存在`, en: `Leader (user ${id}) does not exist` });
  return u.name;
}

/** The leader grants of a user that apply in the campaign (campaign grants naming units/indicators, organization grants). */
function leaderGrants(userId: number, grants: Grant[], scope: Scope, campaignId: string): Grant[] {
  return grantsIn({ id: userId, grants, scope }, campaignId).filter((g) => g.role === 'leader');
}

function ledFrom(grants: Grant[], spec: Spec): { units: string[]; all: boolean; indicators: string[] } {
  const named = grants.filter((g) => g.unitId).map((g) => g.unitId as string);
  const indicators = grants.filter((g) => g.indicatorId).map((g) => g.indicatorId as string);
  const all = named.length === 0 && grants.length > 0;
  return { units: all ? spec.units.map((u) => u.id) : spec.units.map((u) => u.id).filter((u) => named.includes(u)), all, indicators };
}

// ——— projects ———

export async function projectDtos(ex: Executor, ctx: Ctx, campaignId: string, rows: (typeof projects.$inferSelect)[]): Promise<ProjectDto[]> {
  if (rows.length === 0) return [];
  const spec = await campaignSpec(ex, ctx, await requireCampaign(ex, campaignId));
  const ids = rows.map((r) => r.id);
  const ms = await ex.select().from(projectMilestones).where(inArray(projectMilestones.projectId, ids)).orderBy(asc(projectMilestones.position));
  const pg = await ex.select().from(projectProgress).where(inArray(projectProgress.projectId, ids)).orderBy(asc(projectProgress.month), asc(projectProgress.id));
  const names = await userNames(ex, rows.map((r) => r.leaderId));
  const caseIds = ms.map((m) => m.caseId).filter((x): x is number => x !== null);
  const caseRows = new Map((caseIds.length ? await ex.select({ id: cases.id, number: cases.number, state: cases.state }).from(cases).where(inArray(cases.id, caseIds)) : []).map((c) => [c.id, c]));
  const files = await ex.select({ id: ledgerFiles.id, progressId: ledgerFiles.progressId, filename: ledgerFiles.filename, contentType: ledgerFiles.contentType, size: ledgerFiles.size })
    .from(ledgerFiles).where(inArray(ledgerFiles.projectId, ids)).orderBy(asc(ledgerFiles.uploadedAt));
  const day = today(ctx.now());
  return rows.map((p) => {
    const milestones = ms.filter((m) => m.projectId === p.id).map((m) => ({
      id: m.id, name: m.name, due: m.due, doneOn: m.doneOn, overdue: m.doneOn === null && m.due < day, onTime: m.doneOn !== null && m.doneOn <= m.due,
      case: m.caseId === null ? null : caseRows.get(m.caseId) ?? null,
    }));
    const due = milestones.filter((m) => m.due < day || m.doneOn !== null);
    const done = due.filter((m) => m.onTime).length;
    const progress = pg.filter((x) => x.projectId === p.id);
    const withInvestment = progress.filter((x) => x.investment !== null);
    return {
      id: p.id, campaign: p.campaignId, name: p.name, ownerUnit: p.ownerUnitId, ownerName: spec.units.find((u) => u.id === p.ownerUnitId)?.name ?? p.ownerUnitId,
      leader: p.leaderId, leaderName: p.leaderId === null ? null : names.get(p.leaderId) ?? null, team: p.team, plannedInvestment: p.plannedInvestment,
      milestones,
      progress: progress.map((x) => ({
        id: x.id, month: x.month, text: x.text, investment: x.investment, createdAt: x.createdAt.toISOString(),
        files: files.filter((f) => f.progressId === x.id).map((f) => ({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size })),
      })),
      onTime: { done, due: due.length, percent: due.length === 0 ? null : String(Math.round((done * 10000) / due.length) / 100) },
      investmentToDate: withInvestment.at(-1)?.investment ?? null,
      overdue: milestones.some((m) => m.overdue),
    };
  });
}

const projectNotFound = (id: number) => AppError.notFound({ zh: `项目（编号 ${id}）`, en: `Project ${id}` });

async function findProject(ex: Executor, campaignId: string, id: number) {
  const [p] = await ex.select().from(projects).where(and(eq(projects.id, id), eq(projects.campaignId, campaignId)));
  if (!p) throw projectNotFound(id);
  return p;
}

export async function listProjects(ctx: Ctx, campaignId: string, q: { overdue?: 'true' | 'false' }): Promise<ProjectDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await ctx.db.select().from(projects).where(eq(projects.campaignId, campaignId)).orderBy(asc(projects.id));
  const dtos = await projectDtos(ctx.db, ctx, campaignId, rows);
  return q.overdue === undefined ? dtos : dtos.filter((d) => d.overdue === (q.overdue === 'true'));
}

export async function getProject(ctx: Ctx, campaignId: string, id: number): Promise<ProjectDto> {
  return (await projectDtos(ctx.db, ctx, campaignId, [await findProject(ctx.db, campaignId, id)]))[0];
}

export async function createProject(ctx: Ctx, actor: Who, campaignId: string, input: {
  name: string; ownerUnit: string; leader?: number; team?: string; plannedInvestment?: string; milestones: { name: string; due: string }[];
}): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const spec = await campaignSpec(tx, ctx, await requireCampaign(tx, campaignId));
    if (!spec.units.some((u) => u.id === input.ownerUnit)) throw new AppError('validation_failed', { zh: `责任单位“${input.ownerUnit}”不是本竞赛的单位`, en: `Owner unit "${input.ownerUnit}" is not one of the campaign's` });
    if (input.leader !== undefined) await requireUserId(tx, input.leader);
    const [p] = await tx.insert(projects).values({
      campaignId, name: input.name, ownerUnitId: input.ownerUnit, leaderId: input.leader ?? null, team: input.team || null,
      plannedInvestment: input.plannedInvestment ?? null, createdBy: actor.id, createdAt: ctx.now(),
    }).returning();
    await tx.insert(projectMilestones).values(input.milestones.map((m, i) => ({ projectId: p.id, position: i + 1, name: m.name, due: m.due })));
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'project.create', campaignId, subject: `project/${p.id} ${p.name}`, after: input }]);
    return p.id;
  });
}

/** Who may report a project's progress: organizers, the owner unit's reporters, its leader in charge. */
function mayProgress(actor: Actor, p: typeof projects.$inferSelect): boolean {
  return manages(actor, p.campaignId) || p.leaderId === actor.id || grantsIn(actor, p.campaignId).some((g) => g.role === 'reporter' && g.unitId === p.ownerUnitId);
}

export async function addProgress(ctx: Ctx, actor: Who, campaignId: string, id: number, input: { month: string; text: string; investment?: string }): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const p = await findProject(tx, campaignId, id);
    if (!mayProgress(actor, p)) throw new AppError('forbidden', { zh: '只有责任单位、领办领导或组织部门可以报告项目进展', en: 'Only the owner unit, the leader in charge or an organizer report a project\'s progress' });
    const [row] = await tx.insert(projectProgress).values({ projectId: id, month: input.month, text: input.text, investment: input.investment ?? null, createdBy: actor.id, createdAt: ctx.now() }).returning();
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'project.progress', campaignId, subject: `project/${id} ${p.name}`, after: { progress: row.id, ...input } }]);
    return row.id;
  });
}

const MAX_PROGRESS_FILES = 20;

/**
 * Evidence of a month's progress (the same limits and file types as a commitment's files: ≤ 10 MB,
 * PDF, images, .docx, .xlsx, OFD, sniffed): who may report the progress may attach to it.
 */
export async function addProgressFile(ctx: Ctx, actor: Who, campaignId: string, id: number, progressId: number, read: () => Promise<{ data: Uint8Array; filename: string }>) {
  // who may attach, and to what, is known before the file is read
  const p = await findProject(ctx.db, campaignId, id);
  if (!mayProgress(actor, p)) throw new AppError('forbidden', { zh: '只有责任单位、领办领导或组织部门可以上传项目佐证材料', en: 'Only the owner unit, the leader in charge or an organizer attach a project\'s evidence' });
  const [pg] = await ctx.db.select().from(projectProgress).where(and(eq(projectProgress.id, progressId), eq(projectProgress.projectId, id)));
  if (!pg) throw AppError.notFound({ zh: `项目进展（编号 ${progressId}）`, en: `Progress report ${progressId}` });
  const file = await read();
  if (file.data.length === 0) throw new AppError('validation_failed', { zh: '文件是空的', en: 'The file is empty' });
  if (file.data.length > LEDGER_FILE_MAX_BYTES) throw new AppError('validation_failed', { zh: '文件超过 10 MB 的上限', en: 'The file is larger than the limit of 10 MB' }, undefined, undefined, 413);
  const type = sniffFileType(file.data);
  if (!type) throw new AppError('validation_failed', { zh: '不支持的文件类型：只能是 PDF、PNG、JPEG、Word（.docx）、Excel（.xlsx）或 OFD 文件', en: 'Unsupported file type: PDF, PNG, JPEG, .docx, .xlsx or OFD only' }, undefined, undefined, 415);
  return ctx.db.transaction(async (tx) => {
    await tx.select({ id: projectProgress.id }).from(projectProgress).where(eq(projectProgress.id, progressId)).for('update');
    const [{ n }] = await tx.select({ n: sql<number>`count(*)::int` }).from(ledgerFiles).where(eq(ledgerFiles.progressId, progressId));
    if (n >= MAX_PROGRESS_FILES) throw new AppError('conflict', { zh: `每次进展最多 ${MAX_PROGRESS_FILES} 个文件`, en: `At most ${MAX_PROGRESS_FILES} files a progress report` });
    const sha256 = createHash('sha256').update(file.data).digest('hex');
    const row = {
      id: randomUUID(), campaignId, kind: 'progress' as const, commitmentId: null, updateId: null, projectId: id, progressId, filename: safeFilename(file.filename, type),
      contentType: type.contentType, size: file.data.length, sha256, data: file.data, uploadedBy: actor.id, uploadedAt: ctx.now(),
    };
    await tx.insert(ledgerFiles).values(row);
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'project.file', campaignId, subject: `project/${id} ${p.name}`, after: { progress: progressId, id: row.id, filename: row.filename, size: row.size, sha256 } }]);
    return { id: row.id, filename: row.filename, contentType: row.contentType, size: row.size };
  });
}

export async function progressFile(ctx: Ctx, campaignId: string, id: number, fileId: string) {
  await findProject(ctx.db, campaignId, id);
  const [f] = await ctx.db.select().from(ledgerFiles).where(and(eq(ledgerFiles.id, fileId), eq(ledgerFiles.projectId, id)));
  if (!f) throw AppError.notFound({ zh: '该文件', en: 'File' });
  return f;
}

export async function markMilestone(ctx: Ctx, actor: Who, campaignId: string, id: number, milestoneId: number, doneOn: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const p = await findProject(tx, campaignId, id);
    if (!mayProgress(actor, p)) throw new AppError('forbidden');
    const [m] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, id))).for('update');
    if (!m) throw AppError.notFound({ zh: `节点（编号 ${milestoneId}）`, en: `Milestone ${milestoneId}` });
    if (m.doneOn !== null) throw new AppError('conflict', { zh: `节点“${m.name}”已于 ${m.doneOn} 完成`, en: `Milestone "${m.name}" was done on ${m.doneOn}` });
    if (doneOn > today(ctx.now())) throw new AppError('validation_failed', { zh: '完成日期不能晚于今天', en: 'The date done cannot be in the future' });
    await tx.update(projectMilestones).set({ doneOn }).where(eq(projectMilestones.id, milestoneId));
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'project.milestone', campaignId, subject: `project/${id} ${p.name}`, before: { milestone: m.name, doneOn: null }, after: { milestone: m.name, doneOn } }]);
  });
}

/**
 * An indicator's figure from the ledger: the owner unit's share of milestones done on time (per cent)
 * or its investment to date, written through the figure path (pending verification like any figure,
 * audited with the project as its reason; the source is the figure's explanation).
 */
export async function feedFromProject(ctx: Ctx, actor: Who & Writer, campaignId: string, id: number, input: { indicator: string; period: string; measure: 'milestones_on_time' | 'investment' }) {
  const p = await getProject(ctx, campaignId, id);
  const spec = await campaignSpec(ctx.db, ctx, await requireCampaign(ctx.db, campaignId));
  const ind = spec.indicators.find((d) => d.id === input.indicator);
  if (!ind || ind.input !== 'value') throw new AppError('validation_failed', { zh: `指标“${input.indicator}”须是本竞赛的填报数值指标`, en: `Indicator "${input.indicator}" must be one of the campaign's value indicators` });
  let value: string | null;
  let source: string;
  if (input.measure === 'milestones_on_time') {
    value = p.onTime.percent;
    source = `来源：重点项目台账“${p.name}”按期完成节点 ${p.onTime.done}/${p.onTime.due}（${p.onTime.percent ?? '—'}%）`;
  } else {
    value = p.investmentToDate;
    source = `来源：重点项目台账“${p.name}”累计完成投资 ${p.investmentToDate ?? '—'} 万元`;
  }
  if (value === null) throw new AppError('conflict', { zh: `项目“${p.name}”尚无可取的数（${input.measure === 'investment' ? '未报投资' : '尚无到期节点'}）`, en: `Project "${p.name}" has no figure to give yet` });
  await writeFigures(ctx, actor, campaignId, [{ unit: p.ownerUnit, indicator: input.indicator, period: input.period, value, row: 2, explanation: source }], [], { reason: `项目台账：${p.name}（${p.id}）` });
  return { unit: p.ownerUnit, indicator: input.indicator, period: input.period, value, source };
}

// ——— accountability: an overdue milestone opens a case (services/cases.ts openCaseTx) ———

/**
 * Opens the case of an overdue milestone inside the caller's transaction (the campaign locked): the
 * owner unit's, source "project". The milestone row is locked, so two calls open one case; once
 * opened, asking again answers with it and opens nothing.
 */
async function caseForMilestoneTx(tx: Executor, ctx: Ctx, actor: CaseActor, campaign: CampaignRow, p: typeof projects.$inferSelect, milestoneId: number, opts: CaseOptions): Promise<{ caseId: number; opened: boolean }> {
  const [m] = await tx.select().from(projectMilestones).where(and(eq(projectMilestones.id, milestoneId), eq(projectMilestones.projectId, p.id))).for('update');
  if (!m) throw AppError.notFound({ zh: `节点（编号 ${milestoneId}）`, en: `Milestone ${milestoneId}` });
  if (m.caseId !== null) return { caseId: m.caseId, opened: false };
  if (m.doneOn !== null || m.due >= today(ctx.now())) {
    throw new AppError('conflict', { zh: `项目“${p.name}”的节点“${m.name}”${m.doneOn !== null ? `已于 ${m.doneOn} 完成` : `尚未逾期（${m.due} 到期）`}，不需立案`, en: `Milestone "${m.name}" of "${p.name}" is not overdue` });
  }
  const caseId = await openCaseTx(tx, ctx, actor, campaign, {
    unit: p.ownerUnitId, kind: opts.kind, due: opts.due, requirement: opts.requirement, period: null,
    reason: `重点项目“${p.name}”的节点“${m.name}”应于 ${m.due} 完成，逾期未完成`, source: 'project', sourceRef: `项目“${p.name}”节点“${m.name}”`,
  });
  await tx.update(projectMilestones).set({ caseId }).where(eq(projectMilestones.id, m.id));
  await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'project.case', campaignId: campaign.id, subject: `project/${p.id} ${p.name}`, after: { milestone: m.name, case: caseId, kind: opts.kind } }]);
  return { caseId, opened: true };
}

export async function caseForMilestone(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, milestoneId: number, opts: CaseOptions): Promise<{ caseId: number; opened: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const p = await findProject(tx, campaignId, id);
    return caseForMilestoneTx(tx, ctx, actor, campaign, p, milestoneId, opts);
  });
}

/**
 * 年底交账 — the accounting: one case for every evaluated commitment with items not kept and every
 * overdue milestone that has none yet, all in one transaction (a bad kind or due date: nothing is
 * opened). Run again, it opens only what has become due since.
 */
export async function ledgerAccounting(ctx: Ctx, actor: CaseActor, campaignId: string, opts: CaseOptions) {
  return ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    const fromCommitments = await commitmentCasesTx(tx, ctx, actor, campaign, opts);
    const day = today(ctx.now());
    const projectRows = await tx.select().from(projects).where(eq(projects.campaignId, campaignId)).orderBy(asc(projects.id));
    const due = projectRows.length ? await tx.select().from(projectMilestones)
      .where(inArray(projectMilestones.projectId, projectRows.map((p) => p.id))).orderBy(asc(projectMilestones.projectId), asc(projectMilestones.position)) : [];
    const fromMilestones = [];
    for (const m of due.filter((x) => x.doneOn === null && x.due < day)) {
      const p = projectRows.find((x) => x.id === m.projectId)!;
      fromMilestones.push({ project: p.id, milestone: m.id, name: `${p.name} · ${m.name}`, ...(await caseForMilestoneTx(tx, ctx, actor, campaign, p, m.id, opts)) });
    }
    const all = [
      ...fromCommitments.map((c) => ({ source: 'commitment' as const, ref: c.commitment, name: c.title, caseId: c.caseId, opened: c.opened })),
      ...fromMilestones.map((m) => ({ source: 'project' as const, ref: m.milestone, name: m.name, caseId: m.caseId, opened: m.opened })),
    ];
    const numbers = all.length ? new Map((await tx.select({ id: cases.id, number: cases.number }).from(cases).where(inArray(cases.id, all.map((a) => a.caseId)))).map((c) => [c.id, c.number])) : new Map<number, string>();
    return { cases: all.map((a) => ({ ...a, number: numbers.get(a.caseId) ?? '' })), opened: all.filter((a) => a.opened).length };
  });
}

// ——— visits (走访/过堂) ———

export async function addVisit(ctx: Ctx, actor: Who, campaignId: string, input: {
  kind: 'visit' | 'hearing'; date: string; unit?: string; project?: number; findings: string; followUps?: string; leader?: number;
}): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const spec = await campaignSpec(tx, ctx, await requireCampaign(tx, campaignId));
    const leaderId = input.leader ?? actor.id;
    if (leaderId !== actor.id && !manages(actor, campaignId)) throw new AppError('forbidden', { zh: '领导只能记录本人的走访', en: 'A leader logs their own visits only' });
    if (input.leader !== undefined) await requireUserId(tx, input.leader);
    if ((input.unit === undefined) === (input.project === undefined)) throw new AppError('validation_failed', { zh: '走访须指明一个单位或一个项目', en: 'A visit names one unit or one project' });
    if (input.unit !== undefined && !spec.units.some((u) => u.id === input.unit)) throw new AppError('validation_failed', { zh: `单位“${input.unit}”不是本竞赛的单位`, en: `Unit "${input.unit}" is not one of the campaign's` });
    if (input.project !== undefined) await findProject(tx, campaignId, input.project);
    const [v] = await tx.insert(leaderVisits).values({
      campaignId, leaderId, kind: input.kind, date: input.date, unitId: input.unit ?? null, projectId: input.project ?? null, findings: input.findings,
      followUps: input.followUps || null, createdBy: actor.id, createdAt: ctx.now(),
    }).returning();
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'visit.create', campaignId, subject: `visit/${v.id}`, after: { ...input, leader: leaderId } }]);
    return v.id;
  });
}

export async function listVisits(ctx: Ctx, actor: Actor, campaignId: string, leader: number | undefined) {
  const all = manages(actor, campaignId);
  if (!all && leader !== undefined && leader !== actor.id) throw new AppError('forbidden', { zh: '只能查看本人的走访记录', en: 'You may see only your own visits' });
  return visitsOf(ctx, campaignId, all ? leader : actor.id);
}

async function visitsOf(ctx: Ctx, campaignId: string, who: number | undefined) {
  const spec = await campaignSpec(ctx.db, ctx, await requireCampaign(ctx.db, campaignId));
  const rows = await ctx.db.select().from(leaderVisits)
    .where(who === undefined ? eq(leaderVisits.campaignId, campaignId) : and(eq(leaderVisits.campaignId, campaignId), eq(leaderVisits.leaderId, who)))
    .orderBy(desc(leaderVisits.date), desc(leaderVisits.id));
  const names = await userNames(ctx.db, rows.map((r) => r.leaderId));
  const projectRows = rows.some((r) => r.projectId !== null) ? await ctx.db.select({ id: projects.id, name: projects.name }).from(projects).where(eq(projects.campaignId, campaignId)) : [];
  return rows.map((v) => ({
    id: v.id, kind: v.kind, date: v.date, leader: v.leaderId, leaderName: names.get(v.leaderId) ?? '', unit: v.unitId,
    unitName: v.unitId === null ? null : spec.units.find((u) => u.id === v.unitId)?.name ?? v.unitId,
    project: v.projectId, projectName: v.projectId === null ? null : projectRows.find((p) => p.id === v.projectId)?.name ?? null,
    findings: v.findings, followUps: v.followUps, createdAt: v.createdAt.toISOString(),
  }));
}

// ——— a leader's page ———

export async function leadership(ctx: Ctx, actor: Actor & { scope?: Scope }, campaignId: string, leaderIn: number | undefined, publicUrl: string) {
  const leaderId = leaderIn ?? actor.id;
  if (leaderId !== actor.id && !manages(actor, campaignId)) throw new AppError('forbidden', { zh: '只能查看本人的分管情况', en: 'You may see only what you lead yourself' });
  const campaign = await requireCampaign(ctx.db, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const scope = actor.scope ?? (await loadScope(ctx.db));
  const grants = (await grantsOf(ctx.db, [leaderId])).map((g) => ({ role: g.role, organizationId: g.organizationId, campaignId: g.campaignId, unitId: g.unitId, indicatorId: g.indicatorId }));
  const led = ledFrom(leaderGrants(leaderId, grants, scope, campaignId), spec);
  const infos = await periodInfos(ctx.db, campaignId);
  const flagName = (f: string) => spec.flags?.find((x) => x.id === f)?.name ?? f;
  const units = [];
  for (const u of led.units) {
    const trend = (await unitStandings(ctx.db, campaignId, u)).filter((s) => s.standing !== null).map((s) => ({
      period: s.period, state: infos.get(s.period)?.state ?? 'open', total: s.standing!.total, rank: s.standing!.rank.all, flags: s.standing!.flags.map(flagName),
    }));
    const closed = trend.filter((p) => p.state === 'closed');
    const [before, last] = [closed.at(-2), closed.at(-1)];
    units.push({
      id: u, name: spec.units.find((x) => x.id === u)?.name ?? u, trend,
      won: last ? last.flags.filter((f) => !(before?.flags ?? []).includes(f)) : [],
      lost: last && before ? before.flags.filter((f) => !last.flags.includes(f)) : [],
    });
  }
  const projectRows = await ctx.db.select().from(projects).where(and(eq(projects.campaignId, campaignId), eq(projects.leaderId, leaderId))).orderBy(asc(projects.id));
  return {
    leader: { id: leaderId, name: (await userNames(ctx.db, [leaderId])).get(leaderId) ?? '' },
    units, allUnits: led.all,
    indicators: led.indicators.map((i) => ({ id: i, name: spec.indicators.find((d) => d.id === i)?.name ?? i })),
    commitments: await commitmentsOf(ctx, actor, campaignId, led.units, leaderId, publicUrl),
    projects: await projectDtos(ctx.db, ctx, campaignId, projectRows),
    visits: await visitsOf(ctx, campaignId, leaderId),
  };
}

// ——— 同奖同惩: what the units each leader leads won, and what they were held to account for ———

export async function leaderSummary(ctx: Ctx, actor: Actor & { scope?: Scope }, campaignId: string) {
  if (!manages(actor, campaignId)) throw new AppError('forbidden');
  const campaign = await requireCampaign(ctx.db, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  const scope = actor.scope ?? (await loadScope(ctx.db));
  const leaderRows = await ctx.db.select({ userId: roleGrants.userId }).from(roleGrants).where(eq(roleGrants.role, 'leader'));
  const ids = [...new Set(leaderRows.map((r) => r.userId))].sort((a, b) => a - b);
  const all = await grantsOf(ctx.db, ids);
  const names = await userNames(ctx.db, ids);
  const infos = await periodInfos(ctx.db, campaignId);
  const closed = [...infos.entries()].filter(([, i]) => i.state === 'closed').map(([p]) => p).sort();
  const results = (await Promise.all(closed.map((p) => findResult(ctx.db, campaignId, p)))).filter((r) => r !== undefined);
  const flagName = (f: string) => spec.flags?.find((x) => x.id === f)?.name ?? f;
  const ruleName = (r: string) => spec.rules?.find((x) => x.id === r)?.name ?? r;
  const cs = await ctx.db.select().from(commitments).where(and(eq(commitments.campaignId, campaignId), eq(commitments.status, 'evaluated')));
  const items = cs.length ? await ctx.db.select().from(commitmentItems).where(inArray(commitmentItems.commitmentId, cs.map((c) => c.id))) : [];
  const projectList = await listProjects(ctx, campaignId, {});
  const rows = [];
  for (const id of ids) {
    const grants = all.filter((g) => g.userId === id).map((g) => ({ role: g.role, organizationId: g.organizationId, campaignId: g.campaignId, unitId: g.unitId, indicatorId: g.indicatorId }));
    const lg = leaderGrants(id, grants, scope, campaignId);
    if (lg.length === 0) continue;
    for (const u of ledFrom(lg, spec).units) {
      const flags: Record<string, number> = {};
      const actions: Record<string, number> = {};
      for (const r of results) {
        for (const f of r.units.find((x) => x.unit === u)?.flags ?? []) flags[flagName(f)] = (flags[flagName(f)] ?? 0) + 1;
        for (const a of r.actions.filter((x) => x.unit === u)) actions[ruleName(a.rule)] = (actions[ruleName(a.rule)] ?? 0) + 1;
      }
      const mine = items.filter((i) => cs.some((c) => c.id === i.commitmentId && c.unitId === u));
      rows.push({
        leader: names.get(id) ?? '', unit: spec.units.find((x) => x.id === u)?.name ?? u, flags, actions,
        commitmentsFulfilled: mine.filter((i) => i.verdict === 'fulfilled').length, commitmentsNot: mine.filter((i) => i.verdict === 'not').length,
        overdueMilestones: projectList.filter((p) => p.ownerUnit === u).reduce((n, p) => n + p.milestones.filter((m) => m.overdue).length, 0),
      });
    }
  }
  return { campaign: campaign.name, periods: closed, rows };
}

export async function leaderSummaryXlsx(ctx: Ctx, actor: Actor & { scope?: Scope }, campaignId: string): Promise<{ data: Uint8Array; filename: string }> {
  const s = await leaderSummary(ctx, actor, campaignId);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai';
  const ws = wb.addWorksheet('同奖同惩');
  ws.addRow(['分管领导', '单位', '获旗（期数）', '问责措施（期数）', '承诺兑现项', '承诺未兑现项', '项目逾期节点']);
  ws.getRow(1).font = { bold: true };
  const list = (r: Record<string, number>) => Object.entries(r).map(([k, n]) => `${k}×${n}`).join('、') || '—';
  for (const r of s.rows) ws.addRow([r.leader, r.unit, list(r.flags), list(r.actions), r.commitmentsFulfilled, r.commitmentsNot, r.overdueMilestones]);
  ws.columns.forEach((c, i) => { c.width = [12, 14, 28, 28, 12, 12, 12][i]; });
  const info = wb.addWorksheet('说明');
  info.addRow(['竞赛', s.campaign]);
  info.addRow(['统计期', s.periods.join('、') || '（尚无关账考核期）']);
  info.addRow(['口径', '已关账考核期的获旗与问责措施；已评诺承诺的兑现情况；重点项目逾期未完成节点']);
  return { data: new Uint8Array(await wb.xlsx.writeBuffer()), filename: `${s.campaign}同奖同惩汇总.xlsx` };
}
