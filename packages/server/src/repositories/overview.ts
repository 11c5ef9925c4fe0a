// SQL for the overview (services/overview.ts): what it shows of many campaigns, read in a constant
// number of queries (each one over all the campaigns at once), not campaign by campaign.
import { and, count, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { bulletins, campaignPeriods, changeRequests, figures } from '../db/schema.ts';
import type { PeriodInfo } from './periods.ts';

/** campaign id → its list (an empty list for a campaign without rows) */
function grouped<T extends { campaignId: string }>(ids: readonly string[], rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>(ids.map((id) => [id, []]));
  for (const r of rows) out.get(r.campaignId)?.push(r);
  return out;
}

/** The stored periods (state, deadline) of each campaign. */
export async function periodInfosOf(ex: Executor, ids: readonly string[]): Promise<Map<string, Map<string, PeriodInfo>>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.select({ campaignId: campaignPeriods.campaignId, period: campaignPeriods.period, state: campaignPeriods.state, deadline: campaignPeriods.deadline })
    .from(campaignPeriods).where(inArray(campaignPeriods.campaignId, [...ids]));
  return new Map([...grouped(ids, rows)].map(([id, list]) => [id, new Map(list.map((r) => [r.period, { state: r.state, deadline: r.deadline }]))]));
}

/** Which cells of each campaign hold a figure, in which state (no values). */
export async function figureStatesOf(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, never[]>();
  const rows = await ex.select({ campaignId: figures.campaignId, unit: figures.unitId, indicator: figures.indicatorId, period: figures.period, status: figures.status, late: figures.late })
    .from(figures).where(inArray(figures.campaignId, [...ids]));
  return grouped(ids, rows);
}

/** The bulletins of each campaign: period and status only. */
export async function bulletinStatesOf(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, never[]>();
  const rows = await ex.select({ campaignId: bulletins.campaignId, period: bulletins.period, status: bulletins.status })
    .from(bulletins).where(inArray(bulletins.campaignId, [...ids]));
  return grouped(ids, rows);
}

/** How many corrections and appeals wait for a decision, per campaign. */
export async function pendingRequestCounts(ex: Executor, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows = await ex.select({ campaignId: changeRequests.campaignId, n: count() })
    .from(changeRequests).where(and(inArray(changeRequests.campaignId, [...ids]), eq(changeRequests.status, 'pending')))
    .groupBy(changeRequests.campaignId);
  return new Map(rows.map((r) => [r.campaignId, r.n]));
}
