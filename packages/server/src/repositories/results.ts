// SQL for stored period results: written only by the recompute that follows a figure write.
import { and, asc, desc, eq, lt } from 'drizzle-orm';
import type { PeriodResult } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { periodResults } from '../db/schema.ts';

export async function replaceResults(ex: Executor, campaignId: string, version: number, results: PeriodResult[], at: Date): Promise<void> {
  await ex.delete(periodResults).where(eq(periodResults.campaignId, campaignId));
  if (results.length === 0) return;
  await ex.insert(periodResults).values(results.map((r) => ({ campaignId, period: r.period, version, result: r, computedAt: at })));
}

export async function resultPeriods(ex: Executor, campaignId: string): Promise<string[]> {
  const rows = await ex.select({ period: periodResults.period }).from(periodResults).where(eq(periodResults.campaignId, campaignId)).orderBy(asc(periodResults.period));
  return rows.map((r) => r.period);
}

export async function findResult(ex: Executor, campaignId: string, period: string): Promise<PeriodResult | undefined> {
  const [row] = await ex
    .select({ result: periodResults.result })
    .from(periodResults)
    .where(and(eq(periodResults.campaignId, campaignId), eq(periodResults.period, period)));
  return row?.result;
}

export async function allResults(ex: Executor, campaignId: string): Promise<PeriodResult[]> {
  const rows = await ex.select({ result: periodResults.result }).from(periodResults).where(eq(periodResults.campaignId, campaignId)).orderBy(asc(periodResults.period));
  return rows.map((r) => r.result);
}

/** The stored row of a period: the result, the campaign version it was computed with and when. */
export async function findResultRow(ex: Executor, campaignId: string, period: string) {
  const [row] = await ex.select().from(periodResults).where(and(eq(periodResults.campaignId, campaignId), eq(periodResults.period, period)));
  return row;
}

/** The stored result of the closest period before `period` (period keys sort in period order). */
export async function previousResult(ex: Executor, campaignId: string, period: string): Promise<PeriodResult | undefined> {
  const [row] = await ex
    .select({ result: periodResults.result })
    .from(periodResults)
    .where(and(eq(periodResults.campaignId, campaignId), lt(periodResults.period, period)))
    .orderBy(desc(periodResults.period))
    .limit(1);
  return row?.result;
}
