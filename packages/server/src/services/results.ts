// Reading stored results. Nothing here computes a score: it reads what the last write stored.
import { periodKeys } from '@leitai/engine';
import type { ActionResult, PeriodResult } from '@leitai/engine';
import { AppError } from '../errors.ts';
import type { PeriodState } from '../db/schema.ts';
import { listFigures } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { allResults, findResult, previousResult, resultPeriods } from '../repositories/results.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';

export interface UnverifiedFigure {
  unit: string;
  indicator: string;
  status: 'pending' | 'returned';
  /** false once the period is in verification: the result leaves the figure out */
  counted: boolean;
}

export interface ResultsView {
  period: string | null;
  periods: string[];
  result: PeriodResult | null;
  /** the period's reporting state (open without a stored state) */
  state: PeriodState | null;
  /** the period's figures not (yet) approved by their section */
  unverified: UnverifiedFigure[];
  /**
   * per unit of the result: how many of its figures are stored for the period and how many of them
   * the result counts (all while open; the approved ones once in verification or closed). A unit
   * with nothing counted is not reported (未报) or waiting for verification (待审核), not a score of 0.
   */
  counts: Record<string, { reported: number; counted: number }>;
  /**
   * per unit: the movement of its overall rank and of its group rank against the stored period
   * before (positive: it rose; null without a period before). The engine's `delta` is the group one.
   */
  movement: Record<string, { all: number | null; group: number | null }>;
}

/** One snapshot: the period list and the result come from the same committed state. */
export async function readResults(ctx: Ctx, campaignId: string, period: string | undefined): Promise<ResultsView> {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    if (period !== undefined) {
      const spec = await campaignSpec(tx, ctx, c);
      if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
    }
    const periods = await resultPeriods(tx, campaignId);
    const p = period ?? periods.at(-1) ?? null;
    const result = p === null ? undefined : await findResult(tx, campaignId, p);
    if (p === null) return { period: p, periods, result: result ?? null, state: null, unverified: [], counts: {}, movement: {} };
    const state = infoOf(await periodInfos(tx, campaignId), p).state;
    const figures = await listFigures(tx, campaignId, { period: p });
    const unverified = figures
      .filter((f) => f.status !== 'approved')
      .map((f) => ({ unit: f.unit, indicator: f.indicator, status: f.status as 'pending' | 'returned', counted: state === 'open' }));
    const counts: ResultsView['counts'] = {};
    const movement: ResultsView['movement'] = {};
    if (result) {
      for (const u of result.units) counts[u.unit] = { reported: 0, counted: 0 };
      for (const f of figures) {
        const c = counts[f.unit];
        if (!c) continue;
        c.reported += 1;
        if (state === 'open' || f.status === 'approved') c.counted += 1;
      }
      const before = new Map(((await previousResult(tx, campaignId, p))?.units ?? []).map((u) => [u.unit, u.rank]));
      for (const u of result.units) {
        const b = before.get(u.unit);
        movement[u.unit] = { all: b ? b.all - u.rank.all : null, group: b ? b.group - u.rank.group : null };
      }
    }
    return { period: p, periods, result: result ?? null, state, unverified, counts, movement };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function unitHistory(ctx: Ctx, campaignId: string, unitId: string) {
  return ctx.db.transaction(async (tx) => {
    const c = await requireCampaign(tx, campaignId);
    const spec = await campaignSpec(tx, ctx, c);
    if (!spec.units.some((u) => u.id === unitId)) throw AppError.notFound({ zh: `单位“${unitId}”`, en: `Unit "${unitId}"` });
    const infos = await periodInfos(tx, campaignId);
    const history = (await allResults(tx, campaignId)).flatMap((r) => {
      const u = r.units.find((x) => x.unit === unitId);
      return u ? [{ period: r.period, state: infoOf(infos, r.period).state, total: u.total, rank: u.rank, delta: u.delta, flags: u.flags, vetoed: u.vetoed }] : [];
    });
    return { unit: unitId, history };
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export async function readActions(ctx: Ctx, campaignId: string, period: string | undefined): Promise<ActionResult[]> {
  const view = await readResults(ctx, campaignId, period);
  return view.result?.actions ?? [];
}
