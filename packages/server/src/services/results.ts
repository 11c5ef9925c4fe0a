// Reading stored results. Nothing here computes a score except `explainUnit`, which asks the engine
// to explain one unit's result when someone looks (explanations are not stored).
//
// What a reporter sees of other units (docs/api-plan.md, "What a reporter sees"): ranks, totals,
// flags, grades and each indicator's score and rank — what the public pages publish — but no raw
// figures (value, ytd, target, expected, ratio, ahead) and no list of figures awaiting verification;
// the figures of their own unit, with their states, come from /figures and the unit's explanation.
import { periodKeys } from '@leitai/engine';
import type { ActionResult } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { bodyInRows, findBody, findEtagFresh, resultOfBody, resultPeriods, unitStandings, type StoredBody } from '../repositories/results.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';
import { dataVersionOf, type StoredFigure } from './figure-store.ts';

/** How the results route sends a result: as the engine's rows (default), or in columns (engine resultColumns, the web's leaderboard). */
export type ResultShape = 'rows' | 'columns';

export interface UnverifiedFigure {
  unit: string;
  indicator: string;
  status: 'pending' | 'returned';
  /** false once the period is in verification: the result leaves the figure out */
  counted: boolean;
}

/** Whether the actor reads every unit's figures (not only a reporter's own unit's). */
export const readsAllFigures = (actor: Actor, campaignId: string): boolean => can(actor, 'figure.read', { campaignId, unitId: '\u0000' });

/** The empty response of a campaign with no stored results yet. */
const EMPTY = '{"period":null,"periods":[],"result":null,"state":null,"unverified":[],"counts":{},"movement":{}}';

/**
 * The stored response of a period (default: the latest with results): JSON text and its etag.
 * Only the etag is read first: when the client has that version (`ifNoneMatch`), or `cached` says
 * this process can send it without the text, the body is not read (null).
 */
export async function readResultsBody(
  ctx: Ctx, actor: Actor, campaignId: string, period: string | undefined, ifNoneMatch?: string, cached?: (etag: string) => boolean, shape: ResultShape = 'rows',
  /** the etag of what is sent made from the stored body's (a page of it) */
  tagOf: (etag: string) => string = (e) => e,
): Promise<Omit<StoredBody, 'body'> & { body: string | null }> {
  const full = readsAllFigures(actor, campaignId);
  // the result's shape is part of the version: the same result in rows and in columns are different bytes
  const suffix = shape === 'rows' ? '-rows' : '';
  // one query: the period's etag and whether the results caught up with the figures (read your
  // writes: the route does not wait in the campaign hook, app.ts, it waits here when behind)
  // or none: this process knows the etag while the results are caught up (services/results-version.ts)
  let tag: { period: string; etag: string | null; behind?: boolean } | undefined = ctx.etags?.get(campaignId, period);
  // read your writes in any process: every change committed before this request was heard (and
  // dropped what it changed) before the etag is trusted
  if (tag && !(await ctx.etags?.heard())) tag = undefined;
  tag &&= ctx.etags?.get(campaignId, period);
  if (!tag) {
    const stamp = ctx.etags?.stamp(campaignId) ?? '';
    tag = await findEtagFresh(ctx.db, campaignId, period);
    if (tag?.behind) {
      await ctx.results.fresh(campaignId);
      tag = await findEtagFresh(ctx.db, campaignId, period);
    } else if (tag?.etag) {
      ctx.etags?.set(campaignId, period, { period: tag.period, etag: tag.etag }, stamp);
    }
  }
  if (tag?.etag) {
    const etag = tagOf(`${full ? tag.etag : `${tag.etag}-r`}${suffix}`);
    const has = ifNoneMatch?.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(`"${etag}"`);
    if (has || cached?.(etag)) return { period: tag.period, body: null, etag };
  }
  const stored = await findBody(ctx.db, campaignId, period, full);
  if (stored) return { period: stored.period, body: shape === 'rows' ? bodyInRows(stored.body) : stored.body, etag: tagOf(`${stored.etag}${suffix}`) };
  // nothing stored: the campaign or period may not exist at all
  const c = await requireCampaign(ctx.db, campaignId);
  if (period === undefined) return { period: '', body: EMPTY, etag: tagOf('empty') };
  const spec = await campaignSpec(ctx.db, ctx, c);
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
  const state = infoOf(await periodInfos(ctx.db, campaignId), period).state;
  const periods = JSON.stringify(await resultPeriods(ctx.db, campaignId));
  const body = `{"period":${JSON.stringify(period)},"periods":${periods},"result":null,"state":${JSON.stringify(state)},"unverified":[],"counts":{},"movement":{}}`;
  return { period, body, etag: tagOf(`none-${state}-${periods.length}`) };
}

export async function unitHistory(ctx: Ctx, campaignId: string, unitId: string) {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    if (!spec.units.some((u) => u.id === unitId)) throw AppError.notFound({ zh: `单位“${unitId}”`, en: `Unit "${unitId}"` });
    const infos = await periodInfos(tx, campaignId);
    const history = (await unitStandings(tx, campaignId, unitId)).flatMap(({ period, standing: s }) => (s ? [{ period, state: infoOf(infos, period).state, total: s.total, rank: s.rank, delta: s.delta, flags: s.flags, vetoed: s.vetoed }] : []));
    return { unit: unitId, history };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function readActions(ctx: Ctx, actor: Actor, campaignId: string, period: string | undefined): Promise<ActionResult[]> {
  const stored = await readResultsBody(ctx, actor, campaignId, period);
  return stored.body === null ? [] : ((JSON.parse(stored.body) as { result: { actions: ActionResult[] } | null }).result?.actions ?? []);
}

/**
 * One unit's result of a period with every explanation (how each indicator was scored, why it
 * ranks where it does, its flags, pairs and actions): the engine over the figures that count now,
 * in one snapshot. A reporter may ask for their own unit only.
 */
export async function explainUnit(ctx: Ctx, actor: Actor, campaignId: string, period: string, unitId: string): Promise<string> {
  if (!can(actor, 'figure.read', { campaignId, unitId })) {
    throw new AppError('forbidden', { zh: '只能查看本单位的得分说明', en: 'You may see the explanations of your own unit only' });
  }
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
    if (!spec.units.some((u) => u.id === unitId)) throw AppError.notFound({ zh: `单位“${unitId}”`, en: `Unit "${unitId}"` });
    const figs = await ctx.figures.get(tx, campaignId, (await dataVersionOf(tx, campaignId)) ?? 0);
    const infos = await periodInfos(tx, campaignId);
    let counted = 0;
    const counts = (f: StoredFigure) => infoOf(infos, f.period).state === 'open' || f.status === 'approved';
    for (const [, f] of figs.values()) if (counts(f)) counted++;
    const dataset = ctx.figures.dataset(figs, spec, counts);
    const out = await ctx.evaluator.explain({ kind: 'explain', specKey: `${c.id}@${c.currentVersion}`, specText: await ctx.specs.text(tx, c.id, c.currentVersion), dataset, period, unit: unitId }, counted);
    return out.json;
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export { resultOfBody };
