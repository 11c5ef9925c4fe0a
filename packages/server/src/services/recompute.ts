// The only path by which scores reach the database: engine.evaluateAll over every stored figure,
// run inside the writer's transaction right after the write, replacing all stored period results
// at once. Readers therefore see the results from before the write or from after it, never a mix.
import { evaluateAll, type Dataset, type Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { notifyResults } from '../db/notify.ts';
import { replaceResults } from '../repositories/results.ts';

export async function storeResults(
  tx: Executor,
  at: Date,
  campaign: { id: string; version: number },
  spec: Spec,
  dataset: Dataset,
  /** periods to signal; 'latest' = only the latest period with results */
  changedPeriods: Iterable<string> | 'latest',
): Promise<string[]> {
  const results = evaluateAll(spec, dataset, { explain: true });
  await replaceResults(tx, campaign.id, campaign.version, results, at);
  const signal = changedPeriods === 'latest' ? results.slice(-1).map((r) => r.period) : new Set(changedPeriods);
  for (const period of signal) await notifyResults(tx, { campaign: campaign.id, period });
  return results.map((r) => r.period);
}
