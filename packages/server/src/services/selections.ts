// Selections under a fixed quota [评选] (issue 17 items 4–5): model stars [模范星] and any honour.
// nominating: the campaign's units nominate persons with reasons → voting: an approval ballot
// (services/ballots.ts) → on closing it, elected = the top `quota` whose approval share reaches the
// threshold (the engine's selectQuota); a tie at the quota stops at `tie` until a recorded decision
// (never more than the quota without one) → elected → 公示 (publicity) until a deadline, objections
// from anyone, each upheld (the star is withdrawn with the reason) or dismissed → confirmed: the
// stars enter the honours register.
import { combineScores, Dec, Rat, selectQuota, type BallotResult, type CombineCandidate } from '@leitai/engine';
import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { ballots, campaigns, honours, nominations, objections, persons, selections, type SelectionState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { RaterLinkDto } from '../schemas/ballots.ts';
import type { CombinedRankingDto, PanelOpenInput, PanelSettingsDto, SelectionCreateInput, SelectionDto } from '../schemas/people.ts';
import { openBallotTx } from './ballots.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import type { Writer } from './figures.ts';
import { findResult } from '../repositories/results.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { personsOfSpec } from './people.ts';

type SelectionRow = typeof selections.$inferSelect;
const NOT_FOUND = { zh: '评选', en: 'Selection' };
export const subjectOf = (nominationId: number) => `n${nominationId}`;

const STATE_ZH: Record<SelectionState, string> = { nominating: '推荐中', voting: '投票中', tie: '待定并列', elected: '已产生', publicity: '公示中', confirmed: '已确认' };

function wrongState(row: SelectionRow, what: { zh: string; en: string }): AppError {
  return new AppError('conflict', { zh: `评选“${row.honour}${row.category ? `·${row.category}` : ''}”当前${STATE_ZH[row.state]}，不能${what.zh}`, en: `The selection "${row.honour}" is ${row.state}: cannot ${what.en}` });
}

async function lockSelection(tx: Executor, campaignId: string, id: number): Promise<SelectionRow> {
  const [row] = await tx.select().from(selections).where(and(eq(selections.id, id), eq(selections.campaignId, campaignId))).for('update');
  if (!row) throw AppError.notFound(NOT_FOUND);
  return row;
}

export async function selectionDto(ex: Executor, ctx: Ctx, row: SelectionRow, withObjections: boolean): Promise<SelectionDto> {
  const [c] = await ex.select().from(campaigns).where(eq(campaigns.id, row.campaignId));
  const spec = await campaignSpec(ex, ctx, c);
  const unitNames = new Map(spec.units.map((u) => [u.id, u.name]));
  const noms = await ex.select({ n: nominations, p: persons }).from(nominations).innerJoin(persons, eq(persons.id, nominations.personId))
    .where(eq(nominations.selectionId, row.id)).orderBy(asc(nominations.id));
  const names = new Map(noms.map(({ n, p }) => [n.id, p.name]));
  const objs = withObjections ? await ex.select().from(objections).where(eq(objections.selectionId, row.id)).orderBy(asc(objections.id)) : [];
  const tie = row.tie as { nominations: number[]; places: number } | null;
  const td = row.tieDecision as SelectionDto['tieDecision'];
  return {
    id: row.id, campaign: row.campaignId, honour: row.honour, category: row.category, year: row.year, quota: row.quota, threshold: row.threshold,
    state: row.state, method: row.method, panel: (row.panel as PanelSettingsDto | null) ?? null, ranking: (row.ranking as CombinedRankingDto | null) ?? null,
    ballotId: row.ballotId, tie, tieDecision: td, publicityUntil: row.publicityUntil?.toISOString() ?? null,
    nominations: noms.map(({ n, p }) => ({
      id: n.id, personId: p.id, personName: p.name, personUnit: p.unit, post: p.post, unit: n.unitId, unitName: unitNames.get(n.unitId) ?? n.unitId,
      reason: n.reason, status: n.status, share: n.share, withdrawnReason: n.withdrawnReason,
    })),
    objections: objs.map((o) => ({
      id: o.id, nominationId: o.nominationId, personName: o.nominationId ? (names.get(o.nominationId) ?? null) : null, text: o.text, contact: o.contact,
      status: o.status, reply: o.reply, createdAt: o.createdAt.toISOString(), decidedAt: o.decidedAt?.toISOString() ?? null,
    })),
  };
}

export async function listSelections(ctx: Ctx, actor: Actor, campaignId: string): Promise<SelectionDto[]> {
  await requireCampaign(ctx.db, campaignId);
  const rows = await ctx.db.select().from(selections).where(eq(selections.campaignId, campaignId)).orderBy(asc(selections.id));
  const manage = can(actor, 'selection.manage', { campaignId });
  const out: SelectionDto[] = [];
  for (const r of rows) out.push(await selectionDto(ctx.db, ctx, r, manage));
  return out;
}

export async function getSelection(ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<SelectionDto> {
  await requireCampaign(ctx.db, campaignId);
  const [row] = await ctx.db.select().from(selections).where(and(eq(selections.id, id), eq(selections.campaignId, campaignId)));
  if (!row) throw AppError.notFound(NOT_FOUND);
  return selectionDto(ctx.db, ctx, row, can(actor, 'selection.manage', { campaignId }));
}

export async function createSelection(ctx: Ctx, actor: Writer, campaignId: string, input: SelectionCreateInput): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const now = ctx.now();
    const method = input.method ?? 'approval';
    // a panel selection keeps its weights from the start; the rest is set when the panel opens
    const panel: PanelSettingsDto | null = method === 'panel' && input.weights
      ? { weights: { quantified: input.weights.quantified.trim(), panel: input.weights.panel.trim() }, period: null, fullMark: null, trim: 0, panelScale: 'top', quantified: [] }
      : null;
    const [row] = await tx.insert(selections).values({
      campaignId, honour: input.honour, category: input.category ?? '', year: input.year ?? c.year, quota: input.quota, threshold: input.threshold ?? '0', method, panel,
      createdBy: actor.id, createdAt: now,
    }).returning();
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.create', campaignId, subject: `selection ${row.id}`, after: { honour: row.honour, category: row.category, year: row.year, quota: row.quota, threshold: row.threshold, method, ...(panel ? { weights: panel.weights } : {}) } }]);
    return selectionDto(tx, ctx, row, true);
  });
}

/** The nominations of a selection that still stand (a withdrawn one takes no further part), in order. */
function standingNominations(tx: Executor, id: number) {
  return tx.select({ n: nominations, p: persons }).from(nominations).innerJoin(persons, eq(persons.id, nominations.personId))
    .where(and(eq(nominations.selectionId, id), ne(nominations.status, 'withdrawn'))).orderBy(asc(nominations.id));
}

/**
 * The organizer withdraws a nomination while nominations are open (e.g. a nominee vetoed [一票否决]
 * in the period, or nominated by mistake), with a reason; it stays listed as withdrawn.
 */
export async function withdrawNomination(ctx: Ctx, actor: Writer, campaignId: string, id: number, nominationId: number, input: { reason: string }): Promise<SelectionDto> {
  const reason = input.reason.trim();
  if (!reason) throw new AppError('validation_failed', { zh: 'reason：撤回推荐须写明原因', en: 'reason: a withdrawal needs a reason' });
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'nominating') throw wrongState(row, { zh: '撤回推荐', en: 'withdraw a nomination' });
    const [n] = await tx.select({ n: nominations, name: persons.name }).from(nominations).innerJoin(persons, eq(persons.id, nominations.personId))
      .where(and(eq(nominations.id, nominationId), eq(nominations.selectionId, id)));
    if (!n) throw AppError.notFound({ zh: '该推荐', en: 'Nomination' });
    if (n.n.status === 'withdrawn') throw new AppError('conflict', { zh: `${n.name} 的推荐已撤回`, en: `The nomination of ${n.name} is withdrawn already` });
    await tx.update(nominations).set({ status: 'withdrawn', withdrawnReason: reason }).where(eq(nominations.id, nominationId));
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'selection.withdraw', campaignId, subject: `selection ${id}`, before: { nomination: nominationId, person: n.name, status: n.n.status }, after: { status: 'withdrawn' }, reason }]);
    return selectionDto(tx, ctx, row, true);
  });
}

/** A unit nominates a person (its reporters, or an organizer for it) while nominations are open. */
export async function nominate(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { personId: number; unit: string; reason: string }): Promise<SelectionDto> {
  if (!can(actor, 'nomination.create', { campaignId, unitId: input.unit })) throw new AppError('forbidden', { zh: '只能以本单位名义推荐', en: 'You may nominate for your own unit only' });
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'nominating') throw wrongState(row, { zh: '再推荐', en: 'take nominations' });
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    if (!spec.units.some((u) => u.id === input.unit)) throw new AppError('validation_failed', { zh: `推荐单位不是本竞赛的参赛单位：${input.unit}`, en: `Not a unit of the campaign: ${input.unit}` });
    const [p] = await tx.select().from(persons).where(eq(persons.id, input.personId));
    if (!p) throw AppError.notFound({ zh: '该人员', en: 'Person' });
    const [dup] = await tx.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.selectionId, id), eq(nominations.personId, input.personId)));
    if (dup) throw new AppError('conflict', { zh: `${p.name} 已被推荐`, en: `${p.name} is nominated already` });
    const now = ctx.now();
    const [n] = await tx.insert(nominations).values({ selectionId: id, personId: p.id, unitId: input.unit, reason: input.reason, createdBy: actor.id, createdAt: now }).returning({ id: nominations.id });
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.nominate', campaignId, subject: `selection ${id}`, after: { nomination: n.id, person: p.name, unit: input.unit, reason: input.reason } }]);
    return selectionDto(tx, ctx, row, true);
  });
}

/** A competitor vetoed [一票否决] in the period (or in the summary, when the spec has one) may not be honoured. */
const isVetoed = (u: { vetoed: boolean; summary?: { vetoed: boolean } }): boolean => u.vetoed || u.summary?.vetoed === true;

/**
 * The quantified ranking as the selection's first step: the competitors of a person campaign ranked
 * within the top `top` of a closed period (those tied at the edge share the rank and come along: this
 * is the shortlist, the quota applies to the election) are nominated, the reason naming the rank and
 * the score.
 */
export async function nominateFromRanking(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { period: string; top: number }): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'nominating') throw wrongState(row, { zh: '再推荐', en: 'take nominations' });
    const info = infoOf(await periodInfos(tx, campaignId), input.period);
    if (info.state !== 'closed') throw new AppError('conflict', { zh: `考核期 ${input.period} 尚未关闭：量化排名须以关闭后的结果为准`, en: `Period ${input.period} is not closed: a quantified ranking uses closed results` });
    const result = await findResult(tx, campaignId, input.period);
    if (!result) throw AppError.notFound({ zh: `考核期 ${input.period} 的结果`, en: `Results of ${input.period}` });
    const shortlist = result.units.filter((u) => u.rank.all <= input.top && !isVetoed(u));
    const leftOut = result.units.filter((u) => u.rank.all <= input.top && isVetoed(u));
    const spec = await campaignSpec(tx, ctx, await requireCampaign(tx, campaignId));
    const linked = personsOfSpec(spec);
    const nameOf = (unit: string) => spec.units.find((x) => x.id === unit)?.name ?? unit;
    const notPersons = shortlist.filter((u) => !linked.has(u.unit)).map((u) => nameOf(u.unit));
    if (notPersons.length > 0) throw new AppError('validation_failed', { zh: `排名对象未关联人员（人员竞赛的参赛对象须写明 person: <人员编号>）：${notPersons.join('、')}`, en: `Not linked to persons (a person campaign's units name person: <id>): ${notPersons.join(', ')}` });
    const now = ctx.now();
    const existing = new Set((await tx.select({ p: nominations.personId }).from(nominations).where(eq(nominations.selectionId, id))).map((r) => r.p));
    const added: number[] = [];
    for (const u of shortlist) {
      const personId = linked.get(u.unit) as number;
      const [p] = await tx.select({ id: persons.id }).from(persons).where(eq(persons.id, personId));
      if (!p) throw AppError.notFound({ zh: `人员“${nameOf(u.unit)}”`, en: `Person "${nameOf(u.unit)}"` });
      if (existing.has(personId)) continue;
      await tx.insert(nominations).values({ selectionId: id, personId, unitId: u.unit, reason: `${input.period} 量化排名第 ${u.rank.all} 名（总分 ${u.total}）`, createdBy: actor.id, createdAt: now });
      added.push(personId);
    }
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.nominate', campaignId, subject: `selection ${id}`, after: { fromRanking: input.period, top: input.top, persons: added, ...(leftOut.length > 0 ? { vetoed: leftOut.map((u) => nameOf(u.unit)) } : {}) } }]);
    return selectionDto(tx, ctx, row, true);
  });
}

/** Opens the approval ballot on the nominees (each rater approves up to `quota`). */
export async function openVoting(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { groups: { name: string; weight: string; raters: number }[]; closesAt?: string }, publicUrl: string): Promise<{ selection: SelectionDto; links: RaterLinkDto[] }> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'nominating') throw wrongState(row, { zh: '开始投票', en: 'open voting' });
    if (row.method !== 'approval') throw new AppError('conflict', { zh: `评选“${row.honour}”为述比排序：请开始评委评分，而不是投票`, en: `The selection "${row.honour}" ranks by a panel: open the panel, not a vote` });
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    const unitNames = new Map(spec.units.map((u) => [u.id, u.name]));
    const noms = await standingNominations(tx, id);
    if (noms.length === 0) throw new AppError('conflict', { zh: '还没有推荐对象，不能开始投票', en: 'Nobody is nominated yet' });
    const { id: ballotId, links } = await openBallotTx(tx, ctx, actor, campaignId, spec, {
      title: `${row.honour}${row.category ? `·${row.category}` : ''}`, kind: 'approval', weight: '1', choose: row.quota,
      groups: input.groups, subjects: noms.map(({ n, p }) => ({ id: subjectOf(n.id), name: p.name, detail: `${unitNames.get(n.unitId) ?? n.unitId}：${n.reason}` })),
      closesAt: input.closesAt ? new Date(input.closesAt) : null,
    }, publicUrl);
    await tx.update(selections).set({ state: 'voting', ballotId }).where(eq(selections.id, id));
    return { selection: await selectionDto(tx, ctx, { ...row, state: 'voting', ballotId }, true), links };
  });
}

/**
 * 述比排序: the nominees present before a panel of judges. Takes each nominee's quantified score
 * from the closed period's results (the summary score when the spec has a summary, else the period
 * total) of the competitor linked to the person, and opens a `marks` ballot on the nominees (the
 * judges' one-time links, returned once). The combination is computed when the panel closes.
 */
export async function openPanel(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: PanelOpenInput, publicUrl: string): Promise<{ selection: SelectionDto; links: RaterLinkDto[] }> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.method !== 'panel' || !row.panel) throw new AppError('conflict', { zh: `评选“${row.honour}”不是述比排序评选`, en: `The selection "${row.honour}" does not rank by a panel` });
    if (row.state !== 'nominating') throw wrongState(row, { zh: '开始评委评分', en: 'open the panel' });
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    const noms = await standingNominations(tx, id);
    if (noms.length === 0) throw new AppError('conflict', { zh: '还没有推荐对象，不能开始述比排序', en: 'Nobody is nominated yet' });
    const info = infoOf(await periodInfos(tx, campaignId), input.period);
    if (info.state !== 'closed') throw new AppError('conflict', { zh: `考核期 ${input.period} 尚未关闭：量化考核得分须以关闭后的结果为准`, en: `Period ${input.period} is not closed: the quantified part uses closed results` });
    const result = await findResult(tx, campaignId, input.period);
    if (!result) throw AppError.notFound({ zh: `考核期 ${input.period} 的结果`, en: `Results of ${input.period}` });
    // the competitor linked to each nominee's person record
    const competitorOf = new Map<number, string>();
    for (const [unit, personId] of personsOfSpec(spec)) if (!competitorOf.has(personId)) competitorOf.set(personId, unit);
    const standing = new Map(result.units.map((u) => [u.unit, u]));
    const missing = noms.filter(({ p }) => !standing.has(competitorOf.get(p.id) ?? '')).map(({ p }) => p.name);
    if (missing.length > 0) throw new AppError('validation_failed', { zh: `以下推荐对象在本竞赛 ${input.period} 没有量化考核结果（须为本人员竞赛的参赛对象）：${missing.join('、')}`, en: `No quantified result in ${input.period} for: ${missing.join(', ')} (they must compete in this person campaign)` });
    const vetoedNominees = noms.filter(({ p }) => {
      const u = standing.get(competitorOf.get(p.id) as string);
      return u !== undefined && isVetoed(u);
    }).map(({ p }) => p.name);
    if (vetoedNominees.length > 0) throw new AppError('conflict', { zh: `以下推荐对象在 ${input.period} 被一票否决，不能参加述比排序，请先撤回其推荐：${vetoedNominees.join('、')}`, en: `Vetoed in ${input.period}, so they may not be ranked by the panel (withdraw their nominations first): ${vetoedNominees.join(', ')}` });
    const quantified: PanelSettingsDto['quantified'] = noms.map(({ n, p }) => {
      const u = standing.get(competitorOf.get(p.id) as string) as (typeof result.units)[number];
      const fromSummary = u.summary !== undefined;
      return { nomination: n.id, competitor: u.unit, score: Dec.fromNumber(fromSummary ? (u.summary as { score: number }).score : u.total).toString(), rank: fromSummary ? (u.summary as { rank: { all: number } }).rank.all : u.rank.all, source: fromSummary ? 'summary' : 'total' };
    });
    const unitNames = new Map(spec.units.map((u) => [u.id, u.name]));
    const fullMark = input.fullMark ?? '100';
    const { id: ballotId, links } = await openBallotTx(tx, ctx, actor, campaignId, spec, {
      title: `${row.honour}${row.category ? `·${row.category}` : ''} 述比排序`, kind: 'marks', weight: fullMark, ...(input.trim ? { trim: input.trim } : {}),
      groups: input.groups, subjects: noms.map(({ n, p }) => ({ id: subjectOf(n.id), name: p.name, detail: `${unitNames.get(n.unitId) ?? n.unitId}：${n.reason}` })),
      closesAt: input.closesAt ? new Date(input.closesAt) : null,
    }, publicUrl);
    const panel: PanelSettingsDto = { ...(row.panel as PanelSettingsDto), period: input.period, fullMark, trim: input.trim ?? 0, panelScale: input.panelScale ?? 'top', quantified };
    await tx.update(selections).set({ state: 'voting', ballotId, panel }).where(eq(selections.id, id));
    await appendAudit(tx, ctx.now(), [{ actor: auditActor(actor), action: 'selection.panel_open', campaignId, subject: `selection ${id}`, after: { ballot: ballotId, period: input.period, fullMark, trim: panel.trim, panelScale: panel.panelScale, weights: panel.weights, quantified } }]);
    return { selection: await selectionDto(tx, ctx, { ...row, state: 'voting', ballotId, panel }, true), links };
  });
}

/** The panel's combination (engine combineScores): 量化考核 and 述职评议 on 100, weighted, ranked. */
function combinePanel(row: SelectionRow, noms: { id: number; name: string }[], result: BallotResult, precision: number): CombinedRankingDto {
  const panel = row.panel as PanelSettingsDto;
  const quantified = new Map(panel.quantified.map((q) => [q.nomination, q.score]));
  const marks = new Map(result.subjects.map((s) => [s.subject, s.exact]));
  const candidates: CombineCandidate[] = noms.map((n) => ({ id: String(n.id), scores: { quantified: quantified.get(n.id) ?? null, panel: marks.get(subjectOf(n.id)) ?? null } }));
  const r = combineScores(candidates, {
    precision,
    parts: [
      { id: 'quantified', name: '量化考核', weight: panel.weights.quantified, scale: 'top' },
      { id: 'panel', name: '述职评议', weight: panel.weights.panel, scale: panel.panelScale === 'full' ? { full: panel.fullMark ?? '100' } : 'top' },
    ],
  });
  const names = new Map(noms.map((n) => [String(n.id), n.name]));
  return {
    parts: r.parts.map((p) => ({ id: p.id as 'quantified' | 'panel', name: p.name, weight: p.weight, scale: p.scale, top: p.top, unscaled: p.unscaled })),
    rows: r.candidates.map((c) => ({
      nomination: Number(c.id), personName: names.get(c.id) ?? c.id, score: c.score, rank: c.rank, explain: c.explain,
      parts: c.parts.map((x) => ({ part: x.part as 'quantified' | 'panel', score: x.score, scaled: x.scaled, weight: x.weight })),
    })),
  };
}

/** Called when a ballot closes: elects the top `quota` of its selection, or stops at a tie. */
export async function electFromBallot(tx: Executor, ctx: Ctx, actor: Writer, ballot: typeof ballots.$inferSelect, result: BallotResult): Promise<void> {
  const [row] = await tx.select().from(selections).where(eq(selections.ballotId, ballot.id)).for('update');
  if (!row) return;
  const shares = new Map(result.subjects.map((s) => [s.subject, s]));
  const noms = (await standingNominations(tx, row.id)).map(({ n, p }) => ({ n, name: p.name }));
  let ranking: CombinedRankingDto | null = null;
  let scores: { id: string; score: string | Rat }[];
  if (row.method === 'panel') {
    const [c] = await tx.select().from(campaigns).where(eq(campaigns.id, row.campaignId));
    const spec = await campaignSpec(tx, ctx, c);
    ranking = combinePanel(row, noms.map(({ n, name }) => ({ id: n.id, name })), result, spec.campaign.precision);
    // the quota goes by the rounded combined score, as shown and ranked
    scores = ranking.rows.map((r) => ({ id: String(r.nomination), score: r.score }));
  } else {
    scores = noms.map(({ n }) => ({ id: String(n.id), score: (shares.get(subjectOf(n.id))?.shareExact ?? Rat.ZERO) }));
  }
  const sel = selectQuota(scores, { quota: row.quota, threshold: row.threshold });
  for (const { n } of noms) {
    const s = shares.get(subjectOf(n.id));
    const status = sel.selected.includes(String(n.id)) ? 'elected' : 'not_elected';
    await tx.update(nominations).set({ status, share: row.method === 'panel' ? null : (s?.share ?? '0') }).where(eq(nominations.id, n.id));
  }
  const tie = sel.tie ? { nominations: sel.tie.candidates.map(Number), places: sel.tie.places } : null;
  const state: SelectionState = tie ? 'tie' : 'elected';
  await tx.update(selections).set({ state, tie, ...(ranking ? { ranking } : {}) }).where(eq(selections.id, row.id));
  await appendAudit(tx, ctx.now(), [{
    actor: auditActor(actor), action: 'selection.elect', campaignId: row.campaignId, subject: `selection ${row.id}`,
    after: {
      elected: sel.selected.map(Number), tie, belowThreshold: sel.belowThreshold.map(Number), quota: row.quota, threshold: row.threshold,
      ...(ranking ? { ranking: ranking.rows.map((r) => ({ nomination: r.nomination, score: r.score, rank: r.rank, formula: r.explain.formula })) } : {}),
    },
  }]);
}

/**
 * The recorded decision on a tie at the quota: which of the tied are chosen, and why. At most the
 * places left, unless `exceed` says the quota is exceeded by this decision (recorded as such).
 */
export async function decideTie(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { chosen: number[]; reason: string; exceed?: boolean }): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'tie' || !row.tie) throw wrongState(row, { zh: '裁定并列', en: 'decide a tie' });
    const tie = row.tie as { nominations: number[]; places: number };
    const chosen = [...new Set(input.chosen)];
    const strangers = chosen.filter((c) => !tie.nominations.includes(c));
    if (strangers.length > 0) throw new AppError('validation_failed', { zh: '只能从并列者中选择', en: 'Only the tied nominees may be chosen' });
    if (chosen.length > tie.places && !input.exceed) {
      throw new AppError('conflict', { zh: `并列 ${tie.nominations.length} 人争 ${tie.places} 个名额：选 ${chosen.length} 人将超出名额 ${row.quota}，须明确决定超额（exceed）并记录理由`, en: `${tie.nominations.length} tied for ${tie.places} places: choosing ${chosen.length} exceeds the quota of ${row.quota}; say exceed and record why` });
    }
    const now = ctx.now();
    if (chosen.length > 0) await tx.update(nominations).set({ status: 'elected' }).where(inArray(nominations.id, chosen));
    const decision = { chosen, reason: input.reason, by: actor.username, at: now.toISOString(), exceeded: chosen.length > tie.places };
    await tx.update(selections).set({ state: 'elected', tieDecision: decision }).where(eq(selections.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.tie_decision', campaignId, subject: `selection ${id}`, before: tie, after: decision, reason: input.reason }]);
    return selectionDto(tx, ctx, { ...row, state: 'elected', tieDecision: decision }, true);
  });
}

export async function startPublicity(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { until: string }): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'elected') throw wrongState(row, { zh: '开始公示', en: 'start its publicity period' });
    const now = ctx.now();
    const until = new Date(input.until);
    if (until <= now) throw new AppError('validation_failed', { zh: '公示截止时间须晚于现在', en: 'The end of the publicity period must be in the future' });
    await tx.update(selections).set({ state: 'publicity', publicityUntil: until }).where(eq(selections.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.publicity', campaignId, subject: `selection ${id}`, after: { until: until.toISOString() } }]);
    return selectionDto(tx, ctx, { ...row, state: 'publicity', publicityUntil: until }, true);
  });
}

export async function decideObjection(ctx: Ctx, actor: Writer, campaignId: string, id: number, objectionId: number, input: { decision: 'uphold' | 'dismiss'; reply: string }): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    const [o] = await tx.select().from(objections).where(and(eq(objections.id, objectionId), eq(objections.selectionId, id)));
    if (!o) throw AppError.notFound({ zh: '该异议', en: 'Objection' });
    if (o.status !== 'open') throw new AppError('conflict', { zh: '该异议已处理', en: 'The objection has been decided already' });
    if (row.state !== 'publicity') throw wrongState(row, { zh: '处理异议', en: 'decide objections' });
    const now = ctx.now();
    await tx.update(objections).set({ status: input.decision === 'uphold' ? 'upheld' : 'dismissed', reply: input.reply, decidedBy: actor.id, decidedAt: now }).where(eq(objections.id, objectionId));
    if (input.decision === 'uphold' && o.nominationId) {
      await tx.update(nominations).set({ status: 'withdrawn', withdrawnReason: input.reply }).where(eq(nominations.id, o.nominationId));
    }
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: `selection.objection_${input.decision}`, campaignId, subject: `selection ${id}`, after: { objection: objectionId, nomination: o.nominationId, reply: input.reply }, reason: input.reply }]);
    return selectionDto(tx, ctx, row, true);
  });
}

/** After 公示 and every objection decided: the stars still elected enter the honours register. */
export async function confirmSelection(ctx: Ctx, actor: Writer, campaignId: string, id: number, input: { citation?: string }): Promise<SelectionDto> {
  return ctx.db.transaction(async (tx) => {
    const row = await lockSelection(tx, campaignId, id);
    if (row.state !== 'publicity') throw wrongState(row, { zh: '确认', en: 'be confirmed' });
    const now = ctx.now();
    if (row.publicityUntil && now < row.publicityUntil) throw new AppError('conflict', { zh: `公示期至 ${row.publicityUntil.toISOString()}，公示结束后才能确认`, en: `The publicity period runs until ${row.publicityUntil.toISOString()}: confirm after it` });
    const [open] = await tx.select({ n: sql<number>`count(*)::int` }).from(objections).where(and(eq(objections.selectionId, id), eq(objections.status, 'open')));
    if (open.n > 0) throw new AppError('conflict', { zh: `还有 ${open.n} 条异议未处理`, en: `${open.n} objection(s) are not decided yet` });
    const c = await requireCampaign(tx, campaignId);
    const elected = await tx.select().from(nominations).where(and(eq(nominations.selectionId, id), eq(nominations.status, 'elected')));
    for (const n of elected) {
      await tx.update(nominations).set({ status: 'confirmed' }).where(eq(nominations.id, n.id));
      await tx.insert(honours).values({ organizationId: c.organizationId, honour: row.honour, category: row.category, year: row.year, personId: n.personId, citation: input.citation?.trim() || n.reason, selectionId: id, createdBy: actor.id, createdAt: now });
    }
    await tx.update(selections).set({ state: 'confirmed' }).where(eq(selections.id, id));
    await appendAudit(tx, now, [{ actor: auditActor(actor), action: 'selection.confirm', campaignId, subject: `selection ${id}`, after: { confirmed: elected.map((n) => n.id) } }]);
    return selectionDto(tx, ctx, { ...row, state: 'confirmed' }, true);
  });
}

// ---- public 公示 page ------------------------------------------------------------------------------

async function publicRow(ctx: Ctx, id: number): Promise<SelectionRow> {
  const [row] = await ctx.db.select().from(selections).where(eq(selections.id, id));
  if (!row || (row.state !== 'publicity' && row.state !== 'confirmed')) throw AppError.notFound({ zh: '公示', en: 'Publicity notice' });
  return row;
}

export async function publicSelection(ctx: Ctx, id: number) {
  const row = await publicRow(ctx, id);
  const [c] = await ctx.db.select().from(campaigns).where(eq(campaigns.id, row.campaignId));
  const spec = await campaignSpec(ctx.db, ctx, c);
  const unitNames = new Map(spec.units.map((u) => [u.id, u.name]));
  const shown = row.state === 'confirmed' ? ['confirmed'] : ['elected'];
  const noms = await ctx.db.select({ n: nominations, p: persons }).from(nominations).innerJoin(persons, eq(persons.id, nominations.personId))
    .where(and(eq(nominations.selectionId, id), inArray(nominations.status, shown as ('elected' | 'confirmed')[]))).orderBy(asc(nominations.id));
  const open = row.state === 'publicity' && (!row.publicityUntil || ctx.now() < row.publicityUntil);
  return {
    id: row.id, campaignName: c.name, organizer: c.organizer, honour: row.honour, category: row.category, year: row.year,
    state: row.state as 'publicity' | 'confirmed', publicityUntil: row.publicityUntil?.toISOString() ?? null, open,
    elected: noms.map(({ n, p }) => ({ nomination: n.id, name: p.name, unit: p.unit, post: p.post, nominatedBy: unitNames.get(n.unitId) ?? n.unitId, reason: n.reason })),
  };
}

/** Anyone may object during 公示 (before its deadline); afterwards, or before it, 409. */
export async function fileObjection(ctx: Ctx, id: number, input: { nomination?: number; text: string; contact: string }): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [row] = await tx.select().from(selections).where(eq(selections.id, id)).for('share');
    if (!row || (row.state !== 'publicity' && row.state !== 'confirmed')) throw AppError.notFound({ zh: '公示', en: 'Publicity notice' });
    if (row.state !== 'publicity' || (row.publicityUntil && ctx.now() >= row.publicityUntil)) {
      throw new AppError('conflict', { zh: '公示期已结束，不再受理异议', en: 'The publicity period is over: objections are no longer taken' });
    }
    if (input.nomination !== undefined) {
      const [n] = await tx.select({ id: nominations.id }).from(nominations).where(and(eq(nominations.id, input.nomination), eq(nominations.selectionId, id), eq(nominations.status, 'elected')));
      if (!n) throw new AppError('validation_failed', { zh: '异议对象不在公示名单中', en: 'The objection names someone not on the list' });
    }
    await tx.insert(objections).values({ selectionId: id, nominationId: input.nomination ?? null, text: input.text, contact: input.contact, createdAt: ctx.now() });
  });
}

