// Review meetings [双月表态会 / 季度过堂会 / 述职会] (issue 15 item 4). A meeting belongs to one
// period of a campaign (one of each kind per period): its title, date, place and agenda; the units
// called — preselected from the period's laggards as the engine's stored results name them (bottom
// ranks of each group, holders of bottom flags such as 黄旗, the rules' actions; never recomputed
// here) and editable; each called unit's statement [表态] and commitments; follow-ups for a unit,
// each a due-dated item or a case opened through the case service. Minutes go to Word in the
// bulletins' official layout. planned → held → closed (archived: nothing but follow-ups' progress
// changes); every change is audited; a reporter reads only its own unit's part, leaders the units
// they lead; public pages never show meetings.
import { periodKeys, type PeriodResult, type Spec } from '@leitai/engine';
import { AlignmentType, Paragraph } from 'docx';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { commitments, reviewFollowUps, reviewMeetings, reviewMeetingUnits, users, cases, type MeetingKind, type MeetingState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign, type CampaignRow } from '../repositories/campaigns.ts';
import { findResult } from '../repositories/results.ts';
import { xmlSafe } from '../text/clean.ts';
import { blank, bodyParagraph, chineseDate, font, FONTS, heading1, officialDocx, run, SIZE, table } from './bulletin-docx.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import { openCaseTx, type CaseActor } from './cases.ts';
import type { Ctx } from './context.ts';
import type { FollowUpInput, Laggard, MeetingDto, MeetingInput, MeetingPatchInput, StatementInput } from '../schemas/meetings.ts';
import { periodLabel } from './period-label.ts';

export const MEETING_KIND_NAMES: Record<MeetingKind, string> = { bimonthly: '双月表态会', quarterly: '季度过堂会', report: '述职会' };
const STATE_NAMES: Record<MeetingState, string> = { planned: '筹备中', held: '已召开', closed: '已归档' };
const MEETING = { zh: '该会议', en: 'Meeting' };
const notFound = () => AppError.notFound(MEETING);
const campaignNotFound = (id: string) => AppError.notFound({ zh: `竞赛“${id}”`, en: `Campaign "${id}"` });
const unitNotFound = (id: string) => AppError.notFound({ zh: `单位“${id}”`, en: `Unit "${id}"` });

const unitName = (spec: Spec, unit: string) => spec.units.find((u) => u.id === unit)?.name ?? unit;

/**
 * The period's laggards from its stored result: the last in each group (ties included), the
 * holders of bottom flags, and the units a rule matched (its action and reason). In the spec's
 * unit order; empty when the period has no result yet.
 */
export function laggardsOf(spec: Spec, result: PeriodResult | undefined): Laggard[] {
  if (!result) return [];
  const reasons = new Map<string, string[]>();
  const add = (unit: string, reason: string) => {
    const list = reasons.get(unit) ?? [];
    if (!list.includes(reason)) list.push(reason);
    reasons.set(unit, list);
  };
  const byGroup = new Map<string, number>();
  for (const u of result.units) byGroup.set(u.group, Math.max(byGroup.get(u.group) ?? 0, u.rank.group));
  for (const u of result.units) {
    const last = byGroup.get(u.group) ?? 0;
    const size = result.units.filter((x) => x.group === u.group).length;
    if (size > 1 && u.rank.group === last) add(u.unit, `${spec.groups.find((g) => g.id === u.group)?.name ?? u.group}末位（第${u.rank.group}名）`);
  }
  const bottomFlags = new Map(spec.flags.filter((f) => f.award === 'bottom').map((f) => [f.id, f.name]));
  for (const f of result.flags) {
    const name = bottomFlags.get(f.flag);
    if (name) for (const h of f.holders) add(h, name);
  }
  for (const a of result.actions) add(a.unit, `${spec.rules.find((r) => r.id === a.rule)?.name ?? a.rule}：${a.reason}`);
  return spec.units.filter((u) => reasons.has(u.id)).map((u) => ({ unit: u.id, unitName: u.name, reasons: reasons.get(u.id) ?? [] }));
}

async function specOf(ex: Executor, ctx: Ctx, campaignId: string): Promise<{ campaign: CampaignRow; spec: Spec }> {
  const campaign = await requireCampaign(ex, campaignId);
  return { campaign, spec: await campaignSpec(ex, ctx, campaign) };
}

function checkPeriod(spec: Spec, period: string): void {
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
}

/** The candidates a new meeting of `period` would call (the organizer edits them before saving). */
export async function periodLaggards(ctx: Ctx, campaignId: string, period: string): Promise<{ laggards: Laggard[]; hasResult: boolean }> {
  const { spec } = await specOf(ctx.db, ctx, campaignId);
  checkPeriod(spec, period);
  const result = await findResult(ctx.db, campaignId, period);
  return { laggards: laggardsOf(spec, result), hasResult: !!result };
}

// ---------------------------------------------------------------- reading

async function names(ex: Executor, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((x): x is number => typeof x === 'number'))];
  if (wanted.length === 0) return new Map();
  const rows = await ex.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}

type MeetingRow = typeof reviewMeetings.$inferSelect;

async function build(ex: Executor, spec: Spec, actor: Actor, m: MeetingRow): Promise<MeetingDto> {
  const called = await ex.select().from(reviewMeetingUnits).where(eq(reviewMeetingUnits.meetingId, m.id)).orderBy(asc(reviewMeetingUnits.position));
  const follow = await ex.select({ f: reviewFollowUps, number: cases.number }).from(reviewFollowUps).leftJoin(cases, eq(cases.id, reviewFollowUps.caseId))
    .where(eq(reviewFollowUps.meetingId, m.id)).orderBy(asc(reviewFollowUps.id));
  const reads = (unit: string) => can(actor, 'case.read', { campaignId: m.campaignId, unitId: unit });
  const made = new Map((await ex.select({ id: commitments.id, unit: commitments.unitId }).from(commitments).where(eq(commitments.meetingId, m.id))).map((c) => [c.unit, c.id]));
  const shown = called.filter((u) => reads(u.unitId));
  const who = await names(ex, [m.createdBy, ...shown.map((u) => u.statedBy)]);
  return {
    id: m.id, kind: m.kind, kindName: MEETING_KIND_NAMES[m.kind], period: m.period, periodLabel: periodLabel(m.period).zh, title: m.title, heldOn: m.heldOn,
    place: m.place, agenda: m.agenda, state: m.state, createdBy: m.createdBy === null ? null : who.get(m.createdBy) ?? null, createdAt: m.createdAt.toISOString(),
    complete: shown.length === called.length,
    units: shown.map((u) => ({
      unit: u.unitId, unitName: unitName(spec, u.unitId), reasons: u.reasons, statement: u.statement, commitments: u.commitments,
      statedBy: u.statedBy === null ? null : who.get(u.statedBy) ?? null, statedAt: u.statedAt?.toISOString() ?? null,
      commitment: made.get(u.unitId) ?? null,
    })),
    followUps: follow.filter(({ f }) => reads(f.unitId)).map(({ f, number }) => ({
      id: f.id, unit: f.unitId, unitName: unitName(spec, f.unitId), text: f.text, due: f.due, done: f.done, doneAt: f.doneAt?.toISOString() ?? null,
      caseId: f.caseId, caseNumber: number ?? null, createdAt: f.createdAt.toISOString(),
    })),
  };
}

/** A meeting the actor may read: organizers and sections every one, others those calling a unit they read; else 404. */
async function readableMeeting(ex: Executor, actor: Actor, campaignId: string, id: number, lock = false): Promise<MeetingRow> {
  const q = ex.select().from(reviewMeetings).where(and(eq(reviewMeetings.campaignId, campaignId), eq(reviewMeetings.id, id)));
  const [m] = lock ? await q.for('update') : await q;
  if (!m) throw notFound();
  if (!can(actor, 'case.manage', { campaignId })) {
    const called = await ex.select({ unit: reviewMeetingUnits.unitId }).from(reviewMeetingUnits).where(eq(reviewMeetingUnits.meetingId, id));
    if (!called.some((u) => can(actor, 'case.read', { campaignId, unitId: u.unit }))) throw notFound();
  }
  return m;
}

export async function readMeeting(ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<MeetingDto> {
  const { spec } = await specOf(ctx.db, ctx, campaignId);
  return build(ctx.db, spec, actor, await readableMeeting(ctx.db, actor, campaignId, id));
}

export async function listMeetings(ctx: Ctx, actor: Actor, campaignId: string, f: { period?: string; kind?: MeetingKind }): Promise<MeetingDto[]> {
  const { spec } = await specOf(ctx.db, ctx, campaignId);
  const conds = [eq(reviewMeetings.campaignId, campaignId)];
  if (f.period) conds.push(eq(reviewMeetings.period, f.period));
  if (f.kind) conds.push(eq(reviewMeetings.kind, f.kind));
  const rows = await ctx.db.select().from(reviewMeetings).where(and(...conds)).orderBy(desc(reviewMeetings.heldOn), desc(reviewMeetings.id));
  const all = await Promise.all(rows.map((m) => build(ctx.db, spec, actor, m)));
  // someone who reads only some units sees the meetings that called one of them
  return can(actor, 'case.manage', { campaignId }) ? all : all.filter((m) => m.units.length > 0);
}

// ---------------------------------------------------------------- writing

function requireManager(actor: Actor, campaignId: string): void {
  if (!can(actor, 'case.manage', { campaignId })) throw new AppError('forbidden', { zh: '只有组织者可以安排会议', en: 'Only organizers arrange meetings' });
}

function refuseClosed(m: MeetingRow, what: { zh: string; en: string }): void {
  if (m.state === 'closed') throw new AppError('conflict', { zh: `会议已归档，不能${what.zh}`, en: `The meeting is closed: ${what.en} is not possible` });
}

function checkUnits(spec: Spec, units: string[]): void {
  const bad = units.find((u) => !spec.units.some((x) => x.id === u));
  if (bad !== undefined) throw unitNotFound(bad);
  const dup = units.find((u, i) => units.indexOf(u) !== i);
  if (dup !== undefined) throw new AppError('validation_failed', { zh: `单位“${unitName(spec, dup)}”重复`, en: `Unit "${dup}" is given twice` });
}

const meetingSubject = (m: { id: number; period: string }) => `${m.period}/meeting ${m.id}`;

export async function createMeeting(ctx: Ctx, actor: CaseActor, campaignId: string, input: MeetingInput): Promise<MeetingDto> {
  requireManager(actor, campaignId);
  const id = await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    const spec = await campaignSpec(tx, ctx, campaign);
    checkPeriod(spec, input.period);
    const laggards = laggardsOf(spec, await findResult(tx, campaignId, input.period));
    const units = input.units ?? laggards.map((l) => l.unit);
    checkUnits(spec, units);
    const [dup] = await tx.select({ id: reviewMeetings.id }).from(reviewMeetings)
      .where(and(eq(reviewMeetings.campaignId, campaignId), eq(reviewMeetings.kind, input.kind), eq(reviewMeetings.period, input.period)));
    if (dup) throw new AppError('conflict', { zh: `${periodLabel(input.period).zh}已有${MEETING_KIND_NAMES[input.kind]}`, en: `There is a ${input.kind} meeting for ${input.period} already` });
    const now = ctx.now();
    const title = input.title || `${spec.campaign.name}${periodLabel(input.period).zh}${MEETING_KIND_NAMES[input.kind]}`;
    const [row] = await tx.insert(reviewMeetings).values({
      campaignId, kind: input.kind, period: input.period, title, heldOn: input.heldOn, place: input.place, agenda: input.agenda, state: 'planned',
      createdBy: actor.id, createdAt: now, updatedAt: now,
    }).returning({ id: reviewMeetings.id });
    if (units.length > 0) {
      await tx.insert(reviewMeetingUnits).values(units.map((unit, position) => ({
        meetingId: row.id, unitId: unit, position, reasons: laggards.find((l) => l.unit === unit)?.reasons ?? [], commitments: [],
      })));
    }
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'meeting.create', campaignId, subject: meetingSubject({ id: row.id, period: input.period }),
      after: { id: row.id, kind: input.kind, period: input.period, title, heldOn: input.heldOn, place: input.place, agenda: input.agenda, units },
    }]);
    return row.id;
  });
  return readMeeting(ctx, actor, campaignId, id);
}

/** Locks the meeting for a change by an organizer (404 unknown, 403 not an organizer). */
async function forChange(tx: Executor, actor: Actor, campaignId: string, id: number): Promise<MeetingRow> {
  requireManager(actor, campaignId);
  if (!(await lockCampaign(tx, campaignId))) throw campaignNotFound(campaignId);
  return readableMeeting(tx, actor, campaignId, id, true);
}

export async function updateMeeting(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, patch: MeetingPatchInput): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await forChange(tx, actor, campaignId, id);
    refuseClosed(m, { zh: '修改', en: 'a change' });
    const before = { title: m.title, heldOn: m.heldOn, place: m.place, agenda: m.agenda };
    const after = { ...before, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
    const now = ctx.now();
    await tx.update(reviewMeetings).set({ ...after, updatedAt: now }).where(eq(reviewMeetings.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'meeting.update', campaignId, subject: meetingSubject(m), before, after }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

/** Replaces the called units (in order). A unit with a statement or follow-ups stays (409 if dropped). */
export async function setCalledUnits(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, units: string[]): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await forChange(tx, actor, campaignId, id);
    refuseClosed(m, { zh: '调整参会单位', en: 'changing the units called' });
    const spec = await campaignSpec(tx, ctx, await requireCampaign(tx, campaignId));
    checkUnits(spec, units);
    const current = await tx.select().from(reviewMeetingUnits).where(eq(reviewMeetingUnits.meetingId, id));
    const follow = await tx.select({ unit: reviewFollowUps.unitId }).from(reviewFollowUps).where(eq(reviewFollowUps.meetingId, id));
    const dropped = current.filter((u) => !units.includes(u.unitId));
    const kept = dropped.find((u) => u.statement !== null || follow.some((f) => f.unit === u.unitId));
    if (kept) throw new AppError('conflict', { zh: `${unitName(spec, kept.unitId)}已有表态或跟进事项，不能移出`, en: `${kept.unitId} has a statement or follow-ups: it cannot be removed` });
    const laggards = laggardsOf(spec, await findResult(tx, campaignId, m.period));
    if (dropped.length > 0) await tx.delete(reviewMeetingUnits).where(and(eq(reviewMeetingUnits.meetingId, id), inArray(reviewMeetingUnits.unitId, dropped.map((u) => u.unitId))));
    for (const [position, unit] of units.entries()) {
      const had = current.find((u) => u.unitId === unit);
      if (had) await tx.update(reviewMeetingUnits).set({ position }).where(and(eq(reviewMeetingUnits.meetingId, id), eq(reviewMeetingUnits.unitId, unit)));
      else await tx.insert(reviewMeetingUnits).values({ meetingId: id, unitId: unit, position, reasons: laggards.find((l) => l.unit === unit)?.reasons ?? [], commitments: [] });
    }
    const now = ctx.now();
    await tx.update(reviewMeetings).set({ updatedAt: now }).where(eq(reviewMeetings.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'meeting.units', campaignId, subject: meetingSubject(m), before: { units: current.sort((a, b) => a.position - b.position).map((u) => u.unitId) }, after: { units } }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

/** A called unit's statement and commitments: recorded by an organizer, or sent beforehand by the unit. */
export async function recordStatement(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, unit: string, body: StatementInput): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    if (!(await lockCampaign(tx, campaignId))) throw campaignNotFound(campaignId);
    const m = await readableMeeting(tx, actor, campaignId, id, true);
    const spec = await campaignSpec(tx, ctx, await requireCampaign(tx, campaignId));
    if (!spec.units.some((u) => u.id === unit)) throw unitNotFound(unit);
    if (!can(actor, 'case.read', { campaignId, unitId: unit })) throw unitNotFound(unit);
    if (!can(actor, 'case.respond', { campaignId, unitId: unit })) throw new AppError('forbidden');
    const [row] = await tx.select().from(reviewMeetingUnits).where(and(eq(reviewMeetingUnits.meetingId, id), eq(reviewMeetingUnits.unitId, unit))).for('update');
    if (!row) throw new AppError('conflict', { zh: `${unitName(spec, unit)}不在本次会议的参会单位中`, en: `${unit} is not called to this meeting` });
    refuseClosed(m, { zh: '记录表态', en: 'recording a statement' });
    const now = ctx.now();
    await tx.update(reviewMeetingUnits).set({ statement: body.statement, commitments: body.commitments, statedBy: actor.id, statedAt: now })
      .where(and(eq(reviewMeetingUnits.meetingId, id), eq(reviewMeetingUnits.unitId, unit)));
    await appendAudit(tx, now, [{
      actor: auditActor(actor), action: 'meeting.statement', campaignId, subject: `${unit}/meeting ${id}`,
      before: row.statement === null ? null : { statement: row.statement, commitments: row.commitments }, after: body,
    }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

const NEXT: Record<MeetingState, MeetingState | null> = { planned: 'held', held: 'closed', closed: null };

/** planned → held → closed, one step at a time (else 409, nothing changed). */
export async function moveMeeting(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, state: MeetingState): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await forChange(tx, actor, campaignId, id);
    if (NEXT[m.state] !== state) {
      throw new AppError('conflict', { zh: `会议${STATE_NAMES[m.state]}，不能改为${STATE_NAMES[state]}`, en: `The meeting is ${m.state}: it cannot become ${state}` });
    }
    const now = ctx.now();
    await tx.update(reviewMeetings).set({ state, updatedAt: now }).where(eq(reviewMeetings.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: `meeting.${state}`, campaignId, subject: meetingSubject(m), before: { state: m.state }, after: { state } }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

async function caseFor(tx: Executor, ctx: Ctx, actor: CaseActor, campaign: CampaignRow, m: MeetingRow, f: { unit: string; text: string; due: string }, kind: string): Promise<number> {
  return openCaseTx(tx, ctx, actor, campaign, {
    unit: f.unit, kind, period: m.period, reason: f.text, requirement: `${m.title}（${m.heldOn}）跟进事项`, due: f.due, source: 'meeting', sourceRef: m.title,
  });
}

/** A follow-up for a called unit: a due-dated item, or (caseKind) a case opened with it in one transaction. */
export async function addFollowUp(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, input: FollowUpInput): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await forChange(tx, actor, campaignId, id);
    const campaign = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, campaign);
    if (!spec.units.some((u) => u.id === input.unit)) throw unitNotFound(input.unit);
    const [called] = await tx.select({ unit: reviewMeetingUnits.unitId }).from(reviewMeetingUnits).where(and(eq(reviewMeetingUnits.meetingId, id), eq(reviewMeetingUnits.unitId, input.unit)));
    if (!called) throw new AppError('conflict', { zh: `${unitName(spec, input.unit)}不在本次会议的参会单位中`, en: `${input.unit} is not called to this meeting` });
    refuseClosed(m, { zh: '增加跟进事项', en: 'adding a follow-up' });
    const now = ctx.now();
    const caseId = input.caseKind ? await caseFor(tx, ctx, actor, campaign, m, input, input.caseKind) : null;
    const [row] = await tx.insert(reviewFollowUps).values({ meetingId: id, unitId: input.unit, text: input.text, due: input.due, caseId, createdBy: actor.id, createdAt: now }).returning({ id: reviewFollowUps.id });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'meeting.follow_up', campaignId, subject: `${input.unit}/meeting ${id}`, after: { id: row.id, text: input.text, due: input.due, case: caseId } }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

/** Turns an item into a case (once: a follow-up with a case already is 409). */
export async function followUpCase(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, followUpId: number, kind: string): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    const m = await forChange(tx, actor, campaignId, id);
    const [f] = await tx.select().from(reviewFollowUps).where(and(eq(reviewFollowUps.meetingId, id), eq(reviewFollowUps.id, followUpId))).for('update');
    if (!f) throw AppError.notFound({ zh: '该跟进事项', en: 'Follow-up' });
    if (f.caseId !== null) throw new AppError('conflict', { zh: '该跟进事项已转为问责事项', en: 'The follow-up is a case already' });
    const caseId = await caseFor(tx, ctx, actor, await requireCampaign(tx, campaignId), m, { unit: f.unitId, text: f.text, due: f.due }, kind);
    const now = ctx.now();
    await tx.update(reviewFollowUps).set({ caseId }).where(eq(reviewFollowUps.id, f.id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'meeting.follow_up_case', campaignId, subject: `${f.unitId}/meeting ${id}`, before: { id: f.id, case: null }, after: { id: f.id, case: caseId } }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

/** Marks an item done or not (also once the meeting is closed: follow-ups are tracked after it). */
export async function markFollowUp(ctx: Ctx, actor: CaseActor, campaignId: string, id: number, followUpId: number, done: boolean): Promise<MeetingDto> {
  await ctx.db.transaction(async (tx) => {
    await forChange(tx, actor, campaignId, id);
    const [f] = await tx.select().from(reviewFollowUps).where(and(eq(reviewFollowUps.meetingId, id), eq(reviewFollowUps.id, followUpId))).for('update');
    if (!f) throw AppError.notFound({ zh: '该跟进事项', en: 'Follow-up' });
    if (f.done === done) return;
    const now = ctx.now();
    await tx.update(reviewFollowUps).set({ done, doneAt: done ? now : null }).where(eq(reviewFollowUps.id, f.id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'meeting.follow_up_done', campaignId, subject: `${f.unitId}/meeting ${id}`, before: { id: f.id, done: f.done }, after: { id: f.id, done } }]);
  });
  return readMeeting(ctx, actor, campaignId, id);
}

// ---------------------------------------------------------------- minutes

/** The minutes [会议纪要] in Word (the bulletins' official layout), with the parts the actor may read. */
export async function meetingMinutes(ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<{ data: Uint8Array; filename: string }> {
  const { spec } = await specOf(ctx.db, ctx, campaignId);
  const m = await readMeeting(ctx, actor, campaignId, id);
  const c = xmlSafe(m);
  const organizer = xmlSafe(spec.campaign.organizer ?? spec.campaign.name);
  const right = { alignment: AlignmentType.RIGHT, indent: { right: 1280 } } as const;
  const called = c.units.map((u) => u.unitName).join('、') || '无';
  const children = [
    new Paragraph({ children: [run(`${c.title}纪要`, { font: font(FONTS.title), size: SIZE.title })], alignment: AlignmentType.CENTER }),
    blank(),
    bodyParagraph(`时间：${chineseDate(new Date(`${c.heldOn}T04:00:00Z`))}`),
    bodyParagraph(`地点：${c.place}`),
    bodyParagraph(`考核期：${c.periodLabel}`),
    bodyParagraph(`参会单位：${called}`),
    heading1(0, '会议议程'),
    ...(c.agenda.length > 0 ? c.agenda.map((a, i) => bodyParagraph(`${i + 1}. ${a}`)) : [bodyParagraph('无')]),
    heading1(1, '单位表态'),
    ...c.units.flatMap((u) => [
      new Paragraph({ children: [run(`${u.unitName}`, { font: font(FONTS.heading2) })], indent: { firstLine: 640 }, keepNext: true }),
      ...(u.reasons.length > 0 ? [bodyParagraph(`列入原因：${u.reasons.join('；')}`)] : []),
      bodyParagraph(`表态：${u.statement ?? '未表态'}`),
      ...u.commitments.map((x, i) => bodyParagraph(`承诺${i + 1}：${x}`)),
    ]),
    heading1(2, '跟进事项'),
    c.followUps.length > 0
      ? table(['单位', '事项', '期限', '问责事项'], c.followUps.map((f) => [f.unitName, f.text, f.due, f.caseNumber ?? '—']), [2, 5, 2, 3])
      : bodyParagraph('无'),
    blank(),
    new Paragraph({ children: [run(organizer)], ...right }),
    new Paragraph({ children: [run(chineseDate(new Date(`${c.heldOn}T04:00:00Z`)))], ...right }),
  ];
  const data = await officialDocx(`${c.title}纪要`, `${spec.campaign.name} ${c.kindName}`, children);
  return { data, filename: `${m.title}纪要.docx` };
}
