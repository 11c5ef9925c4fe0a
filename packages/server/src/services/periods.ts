// Reporting periods: not yet open (未开启) → open (开启: the units are told in their inboxes) →
// (deadline: later figures are marked late) → verification → closed. A period without a stored row
// is not yet open, with no deadline; it takes no figures. Organizers move periods along, see who
// has not reported (催报 list) and send reminders, which land in the unit's inbox.
import { periodKeys, type Spec } from '@leitai/engine';
import { isOpeningNotice, type PeriodState } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { listBulletins } from '../repositories/bulletins.ts';
import { campaignFigureStates } from '../repositories/figures.ts';
import { rollUpClosed } from './rollups.ts';
import { findReminder, infoOf, insertReminders, listReminders, markReminderRead, periodInfos, upsertPeriod, type PeriodInfo } from '../repositories/periods.ts';
import type { Lang } from '../http/language.ts';
import type { PeriodDto, ReminderDto } from '../schemas/periods.ts';
import { auditActor, campaignSpec, requireCampaign } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { renderInbox } from './inbox-text.ts';
import { proposeForPeriod } from './cases.ts';
import { recomputeStored } from './recompute.ts';


/** Which state changes an organizer may make. Closed is final: after it, only corrections change figures. */
const NEXT: Record<PeriodState, PeriodState[]> = { unopened: ['open'], open: ['verification'], verification: ['open', 'closed'], closed: [] };

/** Names a state in the error messages as the pages do. */
const STATE_WORDS: Record<PeriodState, { zh: string; en: string }> = {
  unopened: { zh: '未开启', en: 'not open yet' }, open: { zh: '填报中', en: 'open' },
  verification: { zh: '已截止（审核中）', en: 'in verification' }, closed: { zh: '已关闭', en: 'closed' },
};


function requirePeriod(spec: Spec, period: string): void {
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
}

const valueIndicators = (spec: Spec) => spec.indicators.filter((d) => d.input === 'value').map((d) => d.id);

/** What listPeriods and the overview need of a campaign's figures: which cell, in which state. */
export type FigureState = { unit: string; indicator: string; period: string; status: string; late: boolean };

/** The periods of a campaign with their state and counts, from rows already read (one campaign's). */
export function periodsOf(
  spec: Spec, infos: Map<string, PeriodInfo>, figures: readonly FigureState[], bulletins: readonly { period: string; status: string }[], now: Date,
): PeriodDto[] {
  const values = new Set(valueIndicators(spec));
  const units = new Set(spec.units.map((u) => u.id));
  const bulletinOf = (period: string) => {
    const mine = bulletins.filter((b) => b.period === period);
    return mine.some((b) => b.status === 'published') ? 'published' as const : mine.length > 0 ? 'draft' as const : 'none' as const;
  };
  const byPeriod = new Map<string, FigureState[]>();
  for (const f of figures) {
    const list = byPeriod.get(f.period);
    if (list) list.push(f); else byPeriod.set(f.period, [f]);
  }
  return periodKeys(spec).map((period) => {
    const info = infoOf(infos, period);
    const mine = byPeriod.get(period) ?? [];
    const reported = mine.filter((f) => values.has(f.indicator) && units.has(f.unit));
    return {
      period, state: info.state, deadline: info.deadline?.toISOString() ?? null,
      pastDeadline: info.deadline !== null && now > info.deadline,
      expected: values.size * units.size, reported: reported.length,
      late: mine.filter((f) => f.late).length,
      pending: mine.filter((f) => f.status === 'pending').length,
      returned: mine.filter((f) => f.status === 'returned').length,
      bulletin: bulletinOf(period),
    };
  });
}

/** The units with value figures missing for a period and which (催报), from rows already read. */
export function missingOf(spec: Spec, period: string, figures: readonly Pick<FigureState, 'unit' | 'indicator' | 'period'>[]): { unit: string; name: string; indicators: string[] }[] {
  const have = new Set(figures.filter((f) => f.period === period).map((f) => `${f.unit}\u0000${f.indicator}`));
  const values = valueIndicators(spec);
  return spec.units.flatMap((u) => {
    const missing = values.filter((d) => !have.has(`${u.id}\u0000${d}`));
    return missing.length === 0 ? [] : [{ unit: u.id, name: u.name, indicators: missing }];
  });
}

export async function listPeriods(ctx: Ctx, campaignId: string): Promise<PeriodDto[]> {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    const infos = await periodInfos(tx, campaignId);
    const figures = await campaignFigureStates(tx, campaignId);
    const bulletins = await listBulletins(tx, campaignId);
    return periodsOf(spec, infos, figures, bulletins, ctx.now());
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function updatePeriod(
  ctx: Ctx, actor: AuditActor, campaignId: string, period: string, change: { state?: PeriodState; deadline?: string | null; reason?: string },
  /** notify: opening tells the units in their inboxes (off only for history loaded after the fact, e.g. the demo's past months) */
  opts: { notify?: boolean } = {},
): Promise<PeriodDto> {
  await ctx.db.transaction(async (tx) => {
    const campaign = await lockCampaign(tx, campaignId);
    if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
    if (campaign.status === 'archived') throw new AppError('conflict', { zh: '竞赛已归档', en: 'The campaign is archived' });
    const spec = await campaignSpec(tx, ctx, campaign);
    requirePeriod(spec, period);
    const before = infoOf(await periodInfos(tx, campaignId), period);
    const state = change.state ?? before.state;
    if (state !== before.state && !NEXT[before.state].includes(state)) {
      throw new AppError('conflict', {
        zh: `考核期 ${period} 不能从“${STATE_WORDS[before.state].zh}”改为“${STATE_WORDS[state].zh}”`,
        en: `Period ${period} cannot go from "${STATE_WORDS[before.state].en}" to "${STATE_WORDS[state].en}"`,
      });
    }
    if (change.deadline !== undefined && before.state === 'closed') throw new AppError('period_locked');
    const deadline = change.deadline === undefined ? before.deadline : change.deadline === null ? null : new Date(change.deadline);
    const now = ctx.now();
    await upsertPeriod(tx, { campaignId, period, state, deadline, updatedBy: actor.id, updatedAt: now });
    const entries = [];
    if (state !== before.state) {
      entries.push({ actor: auditActor(actor), action: 'period.state', campaignId, subject: period, before: { state: before.state }, after: { state }, reason: change.reason ?? null });
    }
    if ((deadline?.getTime() ?? null) !== (before.deadline?.getTime() ?? null)) {
      entries.push({
        actor: auditActor(actor), action: 'period.deadline', campaignId, subject: period,
        before: { deadline: before.deadline?.toISOString() ?? null }, after: { deadline: deadline?.toISOString() ?? null }, reason: change.reason ?? null,
      });
    }
    // entering or leaving verification changes which figures the results count
    if (state !== before.state) await recomputeStored(tx, ctx, campaign, spec, now, [period]);
    // a closed period feeds the higher campaigns' cells declared on it (上下联动), in this transaction
    if (state === 'closed' && before.state !== 'closed') await rollUpClosed(tx, ctx, campaignId, period, actor);
    // the closed period's accountability actions become proposals for the organizer (issue 15)
    if (state === 'closed' && before.state !== 'closed') await proposeForPeriod(tx, ctx, auditActor(actor), campaign, period);
    // 开启: every unit's inbox says the period takes figures now (and until when)
    if (state === 'open' && before.state === 'unopened' && opts.notify !== false) {
      const params = { opened: true as const, deadline: deadline?.toISOString() ?? null };
      const notices = spec.units.map((u) => ({
        campaignId, period, unitId: u.id, kind: 'reminder' as const, message: renderInbox(spec, 'reminder', period, params, 'zh'), params, sentBy: actor.id, sentAt: now,
      }));
      await insertReminders(tx, notices);
    }
    await appendAudit(tx, now, entries);
  });
  const all = await listPeriods(ctx, campaignId);
  const found = all.find((p) => p.period === period);
  if (!found) throw new AppError('internal');
  return found;
}

/**
 * The 开启 step for several periods at once (every period not yet open, or those listed), without
 * inbox notices: for history loaded after the fact and for tests' setup, never for a live period.
 */
export async function openPeriodsQuietly(ctx: Ctx, actor: AuditActor, campaignId: string, periods: 'all' | string[] = 'all'): Promise<void> {
  const list = periods === 'all' ? (await listPeriods(ctx, campaignId)).filter((p) => p.state === 'unopened').map((p) => p.period) : periods;
  for (const period of list) await updatePeriod(ctx, actor, campaignId, period, { state: 'open' }, { notify: false });
}

/** 催报: units with value figures missing for the period, and how often they were reminded. */
export async function missingReports(ctx: Ctx, campaignId: string, period: string) {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    requirePeriod(spec, period);
    const figures = await campaignFigureStates(tx, campaignId);
    const sent = (await listReminders(tx, campaignId, undefined)).filter((r) => r.period === period && !isOpeningNotice(r.params));
    return missingOf(spec, period, figures).map((m) => ({ ...m, reminded: sent.filter((r) => r.unit === m.unit).length }));
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function sendReminders(ctx: Ctx, actor: AuditActor, campaignId: string, period: string, input: { units?: string[]; message?: string }): Promise<number> {
  const missing = await missingReports(ctx, campaignId, period);
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    if (infoOf(await periodInfos(tx, campaignId), period).state === 'unopened') {
      throw new AppError('period_not_open', {
        zh: `考核期 ${period} 尚未开启填报，不能催报：请先开启`,
        en: `Period ${period} is not open for reporting yet; open it before sending reminders`,
      });
    }
    const known = new Set(spec.units.map((u) => u.id));
    const unknown = (input.units ?? []).filter((u) => !known.has(u));
    if (unknown.length > 0) throw new AppError('validation_failed', { zh: `竞赛中没有单位“${unknown[0]}”`, en: `The campaign has no unit "${unknown[0]}"` });
    const targets = input.units ?? missing.map((m) => m.unit);
    const now = ctx.now();
    const byUnit = new Map(missing.map((m) => [m.unit, m]));
    const rows = targets.map((unit) => {
      const m = byUnit.get(unit);
      const params = input.message === undefined ? { indicators: m?.indicators ?? [] } : null;
      const message = input.message ?? renderInbox(spec, 'reminder', period, params ?? { indicators: [] }, 'zh');
      return { campaignId, period, unitId: unit, kind: 'reminder' as const, message, params, sentBy: actor.id, sentAt: now };
    });
    const stored = await insertReminders(tx, rows);
    await appendAudit(tx, now, stored.map((r) => ({ actor: auditActor(actor), action: 'reminder.send', campaignId, subject: `${r.unitId}/${period}`, after: { id: r.id, message: r.message } })));
    return stored.length;
  });
}

/** The units whose inbox this actor reads; undefined = all (organizers, and scorers: see inboxItemFor). */
function inboxUnits(actor: Actor, campaignId: string): string[] | undefined {
  if (can(actor, 'period.manage', { campaignId }) || actor.grants.some((a) => a.role === 'scorer' && a.campaignId === campaignId)) return undefined;
  return actor.grants.filter((a) => a.role === 'reporter' && a.campaignId === campaignId && a.unitId).map((a) => a.unitId as string);
}

/**
 * Whether an inbox item is for this actor. A returned figure goes to whoever may enter it: a value
 * figure to the unit's reporters, a score to the scoring sections of its indicator (never to the
 * unit, which cannot change it), anything else to the organizers; reminders go to the units.
 */
function inboxItemFor(actor: Actor, campaignId: string, spec: Spec, r: { kind: string; unit: string; params: unknown }): boolean {
  if (can(actor, 'period.manage', { campaignId })) return true;
  const indicator = r.kind === 'returned' && r.params && typeof r.params === 'object' && 'indicator' in r.params ? String(r.params.indicator) : undefined;
  const input = indicator === undefined ? undefined : spec.indicators.find((d) => d.id === indicator)?.input;
  const mine = actor.grants.filter((a) => a.campaignId === campaignId);
  if (input === 'score' && mine.some((a) => a.role === 'scorer' && a.indicatorId === indicator)) return true;
  return mine.some((a) => a.role === 'reporter' && a.unitId === r.unit) && (indicator === undefined || input === 'value' || input === undefined);
}

export async function readInbox(ctx: Ctx, actor: Actor, campaignId: string, lang: Lang = 'zh'): Promise<ReminderDto[]> {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    const rows = (await listReminders(tx, campaignId, inboxUnits(actor, campaignId))).filter((r) => inboxItemFor(actor, campaignId, spec, r));
    return rows.map(({ params, ...r }) => ({
      ...r,
      ...(params && 'ledger' in params ? { ledgerEntry: params.ledger } : {}),
      message: params ? renderInbox(spec, r.kind, r.period, params, lang) : r.message,
      sentAt: r.sentAt.toISOString(), readAt: r.readAt?.toISOString() ?? null,
    }));
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function markRead(ctx: Ctx, actor: Actor, campaignId: string, id: number): Promise<void> {
  const r = await findReminder(ctx.db, campaignId, id);
  const c = r ? await requireCampaign(ctx.db, campaignId) : undefined;
  const spec = c ? await campaignSpec(ctx.db, ctx, c) : undefined;
  if (!r || !spec || !can(actor, 'inbox.read', { campaignId }) || !inboxItemFor(actor, campaignId, spec, { kind: r.kind, unit: r.unitId, params: r.params })) {
    throw AppError.notFound({ zh: '该提醒', en: 'Reminder' });
  }
  await markReminderRead(ctx.db, id, ctx.now());
}
