// Ballots [测评/投票] (issue 17 item 3). The organizer opens a ballot of a campaign: rater groups
// with weights, a one-time link per rater (the table keeps only the token's sha256), open and close
// times. A rater's phone page reads the questions with the token and casts once: the stored ballot
// carries the rater group and the content — never the token, the rater or the time — and the token
// is marked used in the same transaction, so a second use is refused (409). Nobody reads ballots one
// by one: the organizer sees counts while it runs and the engine's aggregate once it is closed.
// Closing with an indicator and a period enters each subject's figure through the figure path
// (services/figures.ts: audited, pending the section's verification, history kept).
import { createHash, randomBytes } from 'node:crypto';
import { aggregateBallots, checkBallotDef, checkCastBallot, periodKeys, weightOf, type BallotDef, type BallotResult, type CastBallot, type Spec } from '@leitai/engine';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { notify } from '../db/notify.ts';
import { ballots, ballotTokens, ballotVotes, campaigns, selections } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import type { Lang } from '../http/language.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { BallotCreateInput, BallotDto, RaterLinkDto, SubjectResultDto } from '../schemas/ballots.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { writeFiguresTx, type Writer } from './figures.ts';
import { qrSvg } from './qr.ts';
import { electFromBallot } from './selections.ts';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const NOT_FOUND = { zh: '测评', en: 'Ballot' };
const MAX_LINKS = 1000;

export interface BallotSubject {
  id: string;
  name: string;
  /** shown under the name on the phone page (a nominee's unit and reason) */
  detail?: string | null;
}

/** The stored definition: the engine's BallotDef with subject names. */
export interface StoredDefinition {
  subjects: BallotSubject[];
  groups: { id: string; name: string; weight: string }[];
  weight: string;
  precision: number;
  trim?: number;
  choose?: number;
  levels?: { id: string; name: string; points: string }[];
  outcomes?: BallotDef['outcomes'];
}

type BallotRow = typeof ballots.$inferSelect;

export function engineDef(kind: BallotRow['kind'], d: StoredDefinition): BallotDef {
  return {
    kind, subjects: d.subjects.map((s) => s.id), groups: d.groups, weight: d.weight, precision: d.precision,
    ...(d.trim !== undefined ? { trim: d.trim } : {}), ...(d.choose !== undefined ? { choose: d.choose } : {}),
    ...(d.levels ? { levels: d.levels } : {}), ...(d.outcomes ? { outcomes: d.outcomes } : {}),
  };
}

function invalid(issues: { zh: string; en: string }[]): AppError {
  return new AppError('validation_failed', { zh: `测评设置有误：${issues.map((i) => i.zh).join('；')}`, en: `The ballot is not valid: ${issues.map((i) => i.en).join('; ')}` });
}

export interface OpenBallot {
  title: string;
  kind: BallotRow['kind'];
  groups: { id?: string; name: string; weight: string; raters: number }[];
  subjects: BallotSubject[];
  weight: string;
  trim?: number;
  choose?: number;
  levels?: StoredDefinition['levels'];
  outcomes?: StoredDefinition['outcomes'];
  indicator?: string | null;
  period?: string | null;
  opensAt?: Date;
  closesAt?: Date | null;
}

/** Opens a ballot inside the caller's transaction; returns its id and the rater links (shown once). */
export async function openBallotTx(tx: Executor, ctx: Ctx, actor: Writer, campaignId: string, spec: Spec, b: OpenBallot, publicUrl: string): Promise<{ id: number; links: RaterLinkDto[] }> {
  const now = ctx.now();
  const groups = b.groups.map((g, i) => ({ id: g.id ?? `g${i + 1}`, name: g.name, weight: g.weight, raters: g.raters }));
  const def: StoredDefinition = {
    subjects: b.subjects, groups: groups.map(({ raters: _r, ...g }) => g), weight: b.weight, precision: spec.campaign.precision,
    ...(b.trim ? { trim: b.trim } : {}), ...(b.kind === 'approval' && b.choose ? { choose: b.choose } : {}),
    ...(b.kind === 'levels' ? { levels: b.levels ?? [], outcomes: b.outcomes ?? [] } : {}),
  };
  const issues = checkBallotDef(engineDef(b.kind, def));
  if (issues.length > 0) throw invalid(issues);
  const total = groups.reduce((n, g) => n + g.raters, 0);
  if (total < 1 || total > MAX_LINKS) throw new AppError('validation_failed', { zh: `评议人数须在 1 到 ${MAX_LINKS} 之间：${total}`, en: `The number of raters must be 1 … ${MAX_LINKS}: ${total}` });
  if (b.closesAt && b.closesAt <= (b.opensAt ?? now)) throw new AppError('validation_failed', { zh: '截止时间须晚于开始时间', en: 'The closing time must be after the opening time' });
  const [row] = await tx.insert(ballots).values({
    campaignId, title: b.title, kind: b.kind, definition: def, indicatorId: b.indicator ?? null, period: b.period ?? null,
    opensAt: b.opensAt ?? now, closesAt: b.closesAt ?? null, createdBy: actor.id, createdAt: now,
  }).returning({ id: ballots.id });
  const links: RaterLinkDto[] = [];
  const base = publicUrl.replace(/\/+$/, '');
  for (const g of groups) {
    for (let i = 0; i < g.raters; i += 1) {
      const token = randomBytes(24).toString('base64url');
      const path = `/vote/${token}`;
      links.push({ group: g.id, groupName: g.name, token, path, url: `${base}${path}`, qrSvg: await qrSvg(`${base}${path}`) });
    }
  }
  // only the hashes are stored; the links exist once, in this answer
  for (let i = 0; i < links.length; i += 200) {
    await tx.insert(ballotTokens).values(links.slice(i, i + 200).map((l) => ({ ballotId: row.id, groupId: l.group, tokenHash: hashOf(l.token) })));
  }
  await appendAudit(tx, now, [{
    actor: auditActor(actor), action: 'ballot.create', campaignId, subject: `ballot ${row.id}`,
    after: { id: row.id, title: b.title, kind: b.kind, indicator: b.indicator ?? null, period: b.period ?? null, groups: groups.map((g) => ({ id: g.id, name: g.name, weight: g.weight, raters: g.raters })), subjects: b.subjects.map((s) => s.id) },
  }]);
  return { id: row.id, links };
}

/** POST /campaigns/:id/ballots: a ballot on the campaign's units (optionally for a score indicator and period). */
export async function createBallot(ctx: Ctx, actor: Writer, campaignId: string, input: BallotCreateInput, publicUrl: string): Promise<{ ballot: BallotDto; links: RaterLinkDto[] }> {
  const { id, links } = await ctx.db.transaction(async (tx) => {
    const campaign = await requireCampaign(tx, campaignId);
    if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档', en: 'The campaign is archived' });
    const spec = await campaignSpec(tx, ctx, campaign);
    const units = new Map(spec.units.map((u) => [u.id, u]));
    const subjectIds = input.subjects ?? spec.units.map((u) => u.id);
    const unknown = subjectIds.filter((s) => !units.has(s));
    if (unknown.length > 0) throw new AppError('validation_failed', { zh: `测评对象不是本竞赛的参赛对象：${unknown.join('、')}`, en: `Not competitors of the campaign: ${unknown.join(', ')}` });
    let weight = input.weight ?? '100';
    if (input.indicator !== undefined || input.period !== undefined) {
      const ind = spec.indicators.find((d) => d.id === input.indicator);
      if (!ind || ind.input !== 'score') throw new AppError('validation_failed', { zh: `测评须对应一个评分类指标：${input.indicator ?? '（未填）'}`, en: `A ballot enters a score-input indicator: ${input.indicator ?? '(none)'}` });
      if (!input.period || !periodKeys(spec).includes(input.period)) throw new AppError('validation_failed', { zh: `考核期不属于本竞赛：${input.period ?? '（未填）'}`, en: `Not a period of the campaign: ${input.period ?? '(none)'}` });
      const weights = new Set(subjectIds.map((s) => weightOf(ind, (units.get(s) as { group: string }).group).toString()));
      if (weights.size !== 1) throw new AppError('validation_failed', { zh: `指标“${ind.name}”对各测评对象的满分不同，请分组分别测评`, en: `Indicator "${ind.name}" has different weights for these subjects: open one ballot per group` });
      weight = [...weights][0];
    }
    return openBallotTx(tx, ctx, actor, campaignId, spec, {
      ...input, weight, subjects: subjectIds.map((s) => ({ id: s, name: (units.get(s) as { name: string }).name })),
      opensAt: input.opensAt ? new Date(input.opensAt) : undefined, closesAt: input.closesAt ? new Date(input.closesAt) : null,
    }, publicUrl);
  });
  return { ballot: await getBallot(ctx, campaignId, id), links };
}

async function turnoutOf(ex: Executor, ballotId: number): Promise<Map<string, { issued: number; cast: number }>> {
  const issued = await ex.select({ group: ballotTokens.groupId, n: sql<number>`count(*)::int` }).from(ballotTokens).where(eq(ballotTokens.ballotId, ballotId)).groupBy(ballotTokens.groupId);
  const cast = await ex.select({ group: ballotVotes.groupId, n: sql<number>`count(*)::int` }).from(ballotVotes).where(eq(ballotVotes.ballotId, ballotId)).groupBy(ballotVotes.groupId);
  const out = new Map<string, { issued: number; cast: number }>();
  for (const r of issued) out.set(r.group, { issued: r.n, cast: 0 });
  for (const r of cast) out.set(r.group, { issued: out.get(r.group)?.issued ?? 0, cast: r.n });
  return out;
}

function resultDto(def: StoredDefinition, result: BallotResult): SubjectResultDto[] {
  const names = new Map(def.subjects.map((s) => [s.id, s.name]));
  return result.subjects.map((s) => ({
    subject: s.subject, name: names.get(s.subject) ?? s.subject, figure: s.figure,
    ...(s.share !== undefined ? { share: s.share } : {}), ...(s.levelShares ? { levelShares: s.levelShares } : {}), ...(s.outcome !== undefined ? { outcome: s.outcome } : {}),
    groups: s.groups.map((g) => ({
      group: g.group, cast: g.cast, marked: g.marked, mean: g.mean, dropped: g.dropped, counted: g.counted,
      ...(g.approvals !== undefined ? { approvals: g.approvals } : {}), ...(g.share !== undefined ? { share: g.share } : {}),
      ...(g.levelCounts ? { levelCounts: g.levelCounts } : {}), ...(g.levelShares ? { levelShares: g.levelShares } : {}),
    })),
    explain: s.explain,
  }));
}

async function toDto(ex: Executor, ctx: Ctx, row: BallotRow): Promise<BallotDto> {
  const def = row.definition as StoredDefinition;
  const turnout = await turnoutOf(ex, row.id);
  const [sel] = await ex.select({ id: selections.id }).from(selections).where(eq(selections.ballotId, row.id));
  let indicatorName: string | null = null;
  if (row.indicatorId) {
    const [c] = await ex.select().from(campaigns).where(eq(campaigns.id, row.campaignId));
    if (c) indicatorName = (await campaignSpec(ex, ctx, c)).indicators.find((d) => d.id === row.indicatorId)?.name ?? null;
  }
  return {
    id: row.id, campaign: row.campaignId, title: row.title, kind: row.kind, indicator: row.indicatorId, indicatorName, period: row.period,
    weight: def.weight, trim: def.trim ?? 0, choose: def.choose ?? null, levels: def.levels ?? [], outcomes: def.outcomes ?? [], subjects: def.subjects.map((s) => ({ id: s.id, name: s.name })),
    opensAt: row.opensAt.toISOString(), closesAt: row.closesAt?.toISOString() ?? null, state: row.state, closedAt: row.closedAt?.toISOString() ?? null,
    turnout: def.groups.map((g) => ({ group: g.id, name: g.name, weight: g.weight, issued: turnout.get(g.id)?.issued ?? 0, cast: turnout.get(g.id)?.cast ?? 0 })),
    result: row.result ? (row.result as SubjectResultDto[]) : null,
    selection: sel?.id ?? null,
  };
}

async function findBallot(ex: Executor, campaignId: string, id: number): Promise<BallotRow> {
  const [row] = await ex.select().from(ballots).where(and(eq(ballots.id, id), eq(ballots.campaignId, campaignId)));
  if (!row) throw AppError.notFound(NOT_FOUND);
  return row;
}

export async function getBallot(ctx: Ctx, campaignId: string, id: number): Promise<BallotDto> {
  await requireCampaign(ctx.db, campaignId);
  return toDto(ctx.db, ctx, await findBallot(ctx.db, campaignId, id));
}

export async function listBallots(ctx: Ctx, campaignId: string): Promise<BallotDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await ctx.db.select().from(ballots).where(eq(ballots.campaignId, campaignId)).orderBy(asc(ballots.id));
  const out: BallotDto[] = [];
  for (const r of rows) out.push(await toDto(ctx.db, ctx, r));
  return out;
}

/**
 * Closes the ballot inside the caller's transaction: aggregates the ballots cast (the engine), keeps
 * the aggregate, and enters the figures of an indicator ballot through the figure path.
 */
export async function closeBallotTx(tx: Executor, ctx: Ctx, actor: Writer, campaignId: string, id: number): Promise<{ row: BallotRow; result: BallotResult }> {
  const now = ctx.now();
  // the row lock orders a close after every vote in flight (votes lock it too)
  const [row] = await tx.select().from(ballots).where(and(eq(ballots.id, id), eq(ballots.campaignId, campaignId))).for('update');
  if (!row) throw AppError.notFound(NOT_FOUND);
  if (row.state === 'closed') throw new AppError('conflict', { zh: `测评“${row.title}”已结束`, en: `Ballot "${row.title}" is closed already` });
  const def = row.definition as StoredDefinition;
  const votes = await tx.select({ group: ballotVotes.groupId, content: ballotVotes.content }).from(ballotVotes).where(eq(ballotVotes.ballotId, id));
  const result = aggregateBallots(engineDef(row.kind, def), votes.map((v) => ({ group: v.group, ...(v.content as Omit<CastBallot, 'group'>) })));
  const dto = resultDto(def, result);
  await tx.update(ballots).set({ state: 'closed', closedAt: now, result: dto }).where(eq(ballots.id, id));
  const cast = Object.values(result.turnout).reduce((a, b) => a + b, 0);
  await notify(tx, 'ballot', { campaign: campaignId, ballot: id });
  await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'ballot.close', campaignId, subject: `ballot ${id}`, after: { id, title: row.title, turnout: result.turnout, cast, figures: Object.fromEntries(result.subjects.map((s) => [s.subject, s.figure])) } }]);
  if (row.indicatorId && row.period) {
    const rows = result.subjects.filter((s) => s.figure !== null).map((s, i) => ({ unit: s.subject, indicator: row.indicatorId as string, period: row.period as string, value: s.figure as string, row: i + 2 }));
    if (rows.length > 0) await writeFiguresTx(tx, ctx, actor, campaignId, rows, [], { reason: `测评结果 ballot ${id}（${row.title}）：${cast} 张有效票` });
  }
  return { row: { ...row, state: 'closed', closedAt: now, result: dto }, result };
}

export async function closeBallot(ctx: Ctx, actor: Writer, campaignId: string, id: number): Promise<BallotDto> {
  await ctx.db.transaction(async (tx) => {
    const { row, result } = await closeBallotTx(tx, ctx, actor, campaignId, id);
    await electFromBallot(tx, ctx, actor, row, result);
  });
  // the figure cache of this process is refreshed by the data version on the next read
  return getBallot(ctx, campaignId, id);
}

// ---- the rater's phone page ---------------------------------------------------------------------

async function tokenRow(ex: Executor, token: string) {
  const [t] = await ex.select().from(ballotTokens).where(eq(ballotTokens.tokenHash, hashOf(token)));
  if (!t) throw AppError.notFound({ zh: '投票链接', en: 'Voting link' });
  return t;
}

function statusOf(row: BallotRow, used: boolean, now: Date): 'open' | 'used' | 'closed' | 'notYet' {
  if (used) return 'used';
  if (row.state === 'closed' || (row.closesAt !== null && now >= row.closesAt)) return 'closed';
  if (now < row.opensAt) return 'notYet';
  return 'open';
}

export async function voteForm(ctx: Ctx, token: string, _lang: Lang) {
  const t = await tokenRow(ctx.db, token);
  const [row] = await ctx.db.select().from(ballots).where(eq(ballots.id, t.ballotId));
  const [c] = await ctx.db.select({ name: campaigns.name }).from(campaigns).where(eq(campaigns.id, row.campaignId));
  const def = row.definition as StoredDefinition;
  return {
    title: row.title, campaignName: c?.name ?? '', kind: row.kind, group: def.groups.find((g) => g.id === t.groupId)?.name ?? t.groupId,
    weight: def.weight, choose: def.choose ?? null, levels: (def.levels ?? []).map((l) => ({ id: l.id, name: l.name })),
    subjects: def.subjects.map((s) => ({ id: s.id, name: s.name, detail: s.detail ?? null })),
    status: statusOf(row, t.used, ctx.now()), closesAt: row.closesAt?.toISOString() ?? null,
  };
}

/** Casts the token's one ballot: stored without the token, the token used in the same transaction. */
export async function castVote(ctx: Ctx, token: string, input: Omit<CastBallot, 'group'>): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const t = await tokenRow(tx, token);
    // shares the ballot's row lock with closing: a vote commits before a close reads the votes, or is refused after it
    const [row] = await tx.select().from(ballots).where(eq(ballots.id, t.ballotId)).for('share');
    const status = statusOf(row, t.used, ctx.now());
    if (status === 'used') throw new AppError('conflict', { zh: '此链接已投过票，每人只能投一次', en: 'This link has voted already: one ballot per rater' });
    if (status === 'closed') throw new AppError('conflict', { zh: `测评“${row.title}”已结束，不能再投票`, en: `Ballot "${row.title}" is closed: no more votes` });
    if (status === 'notYet') throw new AppError('conflict', { zh: `测评“${row.title}”尚未开始`, en: `Ballot "${row.title}" has not opened yet` });
    const def = row.definition as StoredDefinition;
    const ballot: CastBallot = { group: t.groupId, ...input };
    const issues = checkCastBallot(engineDef(row.kind, def), ballot);
    if (issues.length > 0) throw new AppError('validation_failed', { zh: `选票有误：${issues.map((i) => i.zh).join('；')}`, en: `The ballot is not valid: ${issues.map((i) => i.en).join('; ')}` });
    const used = await tx.update(ballotTokens).set({ used: true }).where(and(eq(ballotTokens.id, t.id), eq(ballotTokens.used, false))).returning({ id: ballotTokens.id });
    if (used.length === 0) throw new AppError('conflict', { zh: '此链接已投过票，每人只能投一次', en: 'This link has voted already: one ballot per rater' });
    const content: Omit<CastBallot, 'group'> = row.kind === 'marks' ? { marks: input.marks ?? {} } : row.kind === 'approval' ? { approvals: input.approvals ?? [] } : { levels: input.levels ?? {} };
    await tx.insert(ballotVotes).values({ ballotId: row.id, groupId: t.groupId, content });
    // the organizer's turnout view refreshes (from whichever process serves it)
    await notify(tx, 'ballot', { campaign: row.campaignId, ballot: row.id });
  });
}
