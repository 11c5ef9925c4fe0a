// The only path by which scores reach the database: engine.evaluateAll over the stored figures,
// run inside the writer's transaction right after the write, replacing all stored period results
// at once. Readers therefore see the results from before the write or from after it, never a mix.
//
// Which figures count: in an open period, every stored figure; once a period is in verification
// (or closed), only the figures its sections approved — the others are left out (the engine sees
// them as missing) and the results endpoint lists them as pending. Such a period still gets a stored
// result (every unit whose figures are left out is missing), so it is listed among the periods.
import { checkData, evaluate, evaluateAll, periodKeys, type Dataset, type Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { notifyResults } from '../db/notify.ts';
import { AppError } from '../errors.ts';
import { campaignFigureStates } from '../repositories/figures.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { replaceResults } from '../repositories/results.ts';
import type { Ctx } from './context.ts';

export async function storeResults(
  tx: Executor,
  at: Date,
  campaign: { id: string; version: number },
  spec: Spec,
  dataset: Dataset,
  /** periods to signal; 'latest' = only the latest period with results */
  changedPeriods: Iterable<string> | 'latest',
  /** periods to store a result for even when no figure of theirs counts (evaluated one by one: every unit missing) */
  alsoPeriods: Iterable<string> = [],
): Promise<string[]> {
  const results = evaluateAll(spec, dataset, { explain: true });
  const have = new Set(results.map((r) => r.period));
  for (const period of new Set(alsoPeriods)) {
    if (!have.has(period)) results.push(evaluate(spec, dataset, { period, explain: true }));
  }
  const keys = periodKeys(spec);
  results.sort((x, y) => keys.indexOf(x.period) - keys.indexOf(y.period));
  await replaceResults(tx, campaign.id, campaign.version, results, at);
  const signal = changedPeriods === 'latest' ? results.slice(-1).map((r) => r.period) : new Set(changedPeriods);
  for (const period of signal) await notifyResults(tx, { campaign: campaign.id, period });
  return results.map((r) => r.period);
}

/** Recomputes every period from the figures stored now (inside the caller's transaction). */
export async function recomputeStored(
  tx: Executor, _ctx: Ctx, campaign: { id: string; currentVersion: number }, spec: Spec, at: Date, changedPeriods: Iterable<string> | 'latest',
): Promise<void> {
  const infos = await periodInfos(tx, campaign.id);
  const stored = await campaignFigureStates(tx, campaign.id);
  const counted = stored.filter((f) => infoOf(infos, f.period).state === 'open' || f.status === 'approved');
  // a period in verification or closed, or with any reported figure, has a result even when none of its figures counts yet
  const reported = new Set(stored.map((f) => f.period));
  const shown = periodKeys(spec).filter((p) => infoOf(infos, p).state !== 'open' || reported.has(p));
  const checked = checkData(spec, counted.map((f, i) => ({ unit: f.unit, indicator: f.indicator, period: f.period, value: f.value, row: i + 2 })));
  // every stored figure was checked when written; a subset of them is valid too
  if (!checked.ok) throw new AppError('data_invalid', undefined, checked.issues);
  await storeResults(tx, at, { id: campaign.id, version: campaign.currentVersion }, spec, checked.value, changedPeriods, shown);
}
