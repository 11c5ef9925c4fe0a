// The only path by which scores reach the database: the engine over the figures that count, run
// inside the writer's transaction right after the change (figures, their verification, a period's
// state, a spec version), storing each period's results as the bytes the results route sends.
// Readers therefore see the results from before the change or from after it, never a mix; two
// server processes agree because every such change holds the campaign's lock until it commits.
//
// A change rewrites the periods from the earliest one it touches on (a later period's year-to-date
// figures, streaks and flags depend on it), not the whole year — unless the list of periods with
// results changes, which every stored response names. Explanations are not stored: they are
// computed for one unit when someone looks (services/results.ts explainUnit).
//
// Which figures count: in an open period, every stored figure; once a period is in verification
// (or closed), only the figures its sections approved — the others are left out (the engine sees
// them as missing) and the response lists them as unverified. Such a period still gets a stored
// result (every unit whose figures are left out is missing), so it is listed among the periods.
import { periodKeys, type Spec } from '@leitai/engine';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { notifyResults } from '../db/notify.ts';
import { figures as figuresTable, periodResults } from '../db/schema.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { resultPeriods } from '../repositories/results.ts';
import type { Ctx } from './context.ts';
import { uncachedFigures, type FigureView, type StoredFigure } from './figure-store.ts';
import type { UnverifiedFigure } from './results.ts';

/**
 * Recomputes the stored results from the figures stored now (inside the caller's transaction).
 * `figures`: the campaign's figures as the caller's write leaves them (else read in the transaction);
 * `changedPeriods`: the periods changed ('latest': a new spec, every period recomputed and the
 * latest signalled).
 */
export async function recomputeStored(
  tx: Executor, ctx: Ctx, campaign: { id: string; currentVersion: number }, spec: Spec, at: Date, changedPeriods: Iterable<string> | 'latest',
  figures?: FigureView,
): Promise<void> {
  const figs = figures ?? await uncachedFigures(tx, campaign.id);
  const infos = await periodInfos(tx, campaign.id);
  const keys = periodKeys(spec);
  const stateOf = (p: string) => infoOf(infos, p).state;
  const counts = (f: StoredFigure) => stateOf(f.period) === 'open' || f.status === 'approved';
  const dataset = ctx.figures.dataset(figs, spec, counts);
  const reported = new Set<string>();
  const unverified = new Map<string, UnverifiedFigure[]>();
  const perUnit: Record<string, Record<string, { reported: number; counted: number }>> = {};
  let counted = 0;
  for (const [, f] of figs.values()) {
    reported.add(f.period);
    const units = (perUnit[f.period] ??= {});
    const c = (units[f.unit] ??= { reported: 0, counted: 0 });
    c.reported++;
    if (counts(f)) {
      counted++;
      c.counted++;
    }
    if (f.status !== 'approved') {
      const list = unverified.get(f.period) ?? [];
      list.push({ unit: f.unit, indicator: f.indicator, status: f.status as 'pending' | 'returned', counted: stateOf(f.period) === 'open' });
      unverified.set(f.period, list);
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const unverifiedText: Record<string, string> = {};
  for (const [p, list] of unverified) {
    list.sort((x, y) => byText(x.unit, y.unit) || byText(x.indicator, y.indicator));
    unverifiedText[p] = JSON.stringify(list);
  }
  const states: Record<string, string> = {};
  for (const p of keys) states[p] = stateOf(p);
  // a period in verification or closed, or with any reported figure (not one open or not yet open without any), has a result even when none of its figures counts yet
  const shown = keys.filter((p) => (stateOf(p) !== 'open' && stateOf(p) !== 'unopened') || reported.has(p));
  const changed = changedPeriods === 'latest' ? [] : [...new Set(changedPeriods)].filter((p) => keys.includes(p));
  const from = changedPeriods === 'latest' || changed.length === 0 ? null : changed.reduce((m, p) => (keys.indexOf(p) < keys.indexOf(m) ? p : m));
  const storedPeriods = (await resultPeriods(tx, campaign.id)).sort((x, y) => keys.indexOf(x) - keys.indexOf(y));

  const out = await ctx.evaluator.store({
    kind: 'store', specKey: `${campaign.id}@${campaign.currentVersion}`, specText: await ctx.specs.text(tx, campaign.id, campaign.currentVersion),
    dataset, states, shown, unverified: unverifiedText, counts: perUnit, storedPeriods, from,
  }, counted);

  const gone = storedPeriods.filter((p) => !out.periods.includes(p));
  if (gone.length > 0) await tx.delete(periodResults).where(and(eq(periodResults.campaignId, campaign.id), inArray(periodResults.period, gone)));
  for (const w of out.write) {
    const row = { campaignId: campaign.id, period: w.period, version: campaign.currentVersion, body: w.body, publicBody: w.publicBody, etag: w.etag, standings: w.standings, computedAt: at };
    await tx.insert(periodResults).values(row).onConflictDoUpdate({
      target: [periodResults.campaignId, periodResults.period],
      set: { version: row.version, body: sql`excluded.body`, publicBody: sql`excluded.public_body`, etag: sql`excluded.etag`, standings: sql`excluded.standings`, computedAt: at },
    });
  }
  const signal = changedPeriods === 'latest' ? out.periods.slice(-1) : changed;
  for (const period of signal) await notifyResults(tx, { campaign: campaign.id, period });
}

/** Recomputes the campaigns that have figures but no stored results (after a migration dropped them). */
export async function recomputeMissing(ctx: Ctx): Promise<void> {
  const missing = await ctx.db.selectDistinct({ id: figuresTable.campaignId }).from(figuresTable)
    .where(sql`NOT EXISTS (SELECT 1 FROM ${periodResults} WHERE ${periodResults.campaignId} = ${figuresTable.campaignId})`);
  for (const { id } of missing) {
    await ctx.db.transaction(async (tx) => {
      const c = await lockCampaign(tx, id);
      if (!c) return;
      const spec = await ctx.specs.get(tx, id, c.currentVersion);
      await recomputeStored(tx, ctx, c, spec, ctx.now(), 'latest');
    });
  }
}
