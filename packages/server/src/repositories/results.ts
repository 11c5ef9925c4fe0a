// SQL for stored period results: written only by the recompute that follows a change
// (services/recompute.ts). Each row holds the results response as JSON text, ready to send.
import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import { resultRows, type PeriodResult, type ResultColumns } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { periodResults, type UnitStanding } from '../db/schema.ts';

/** A stored result: in columns (engine resultColumns), or in rows as stored before them. */
type StoredResult = PeriodResult | ResultColumns;
const rowsOf = (r: StoredResult): PeriodResult => (Array.isArray((r as PeriodResult).units) ? r as PeriodResult : resultRows(r as ResultColumns));

/** The engine's result inside a stored body. */
export const resultOfBody = (body: string): PeriodResult => rowsOf((JSON.parse(body) as { result: StoredResult }).result);

/** A stored body with its result in rows (the results route's default shape). */
export function bodyInRows(body: string): string {
  const o = JSON.parse(body) as { result: StoredResult | null };
  if (o.result === null || Array.isArray((o.result as PeriodResult).units)) return body;
  o.result = resultRows(o.result as ResultColumns);
  return JSON.stringify(o);
}

export async function resultPeriods(ex: Executor, campaignId: string): Promise<string[]> {
  const rows = await ex.select({ period: periodResults.period }).from(periodResults).where(eq(periodResults.campaignId, campaignId)).orderBy(asc(periodResults.period));
  return rows.map((r) => r.period);
}

export interface StoredBody {
  period: string;
  body: string;
  etag: string;
}

/**
 * The stored response of a period (default: the latest), as sent to everyone (`full`) or to a
 * reporter; one statement, so a concurrent recompute is seen entirely or not at all.
 */
export async function findBody(ex: Executor, campaignId: string, period: string | undefined, full: boolean): Promise<StoredBody | undefined> {
  const q = ex
    .select({ period: periodResults.period, body: full ? periodResults.body : periodResults.publicBody, etag: periodResults.etag })
    .from(periodResults);
  const [row] = period === undefined
    ? await q.where(eq(periodResults.campaignId, campaignId)).orderBy(desc(periodResults.period)).limit(1)
    : await q.where(and(eq(periodResults.campaignId, campaignId), eq(periodResults.period, period)));
  return row ? { period: row.period, body: row.body, etag: full ? row.etag : `${row.etag}-r` } : undefined;
}

/**
 * The period's etag (default: the latest period with results; null: none stored) and whether the
 * campaign's stored results are behind its figures (a figure write not caught up yet), in one
 * statement; undefined: no such campaign.
 */
export async function findEtagFresh(ex: Executor, campaignId: string, period: string | undefined): Promise<{ period: string; etag: string | null; behind: boolean } | undefined> {
  const which = period === undefined ? sql`` : sql`AND p.period = ${period}`;
  const res = await ex.execute<{ period: string | null; etag: string | null; behind: boolean }>(sql`
    SELECT r.period, r.etag, c.data_version > COALESCE(cr.data_version, -1) AS behind
    FROM campaigns c
    LEFT JOIN campaign_results cr ON cr.campaign_id = c.id
    LEFT JOIN LATERAL (SELECT p.period, p.etag FROM period_results p WHERE p.campaign_id = c.id ${which} ORDER BY p.period DESC LIMIT 1) r ON true
    WHERE c.id = ${campaignId}`);
  const row = res.rows[0];
  return row ? { period: row.period ?? '', etag: row.etag, behind: row.behind } : undefined;
}

export async function findResult(ex: Executor, campaignId: string, period: string): Promise<PeriodResult | undefined> {
  const [row] = await ex
    .select({ body: periodResults.body })
    .from(periodResults)
    .where(and(eq(periodResults.campaignId, campaignId), eq(periodResults.period, period)));
  return row ? resultOfBody(row.body) : undefined;
}

/** One unit's standing in every stored period (without reading the bodies). */
export async function unitStandings(ex: Executor, campaignId: string, unitId: string): Promise<{ period: string; standing: UnitStanding | null }[]> {
  return ex
    .select({ period: periodResults.period, standing: sql<UnitStanding | null>`${periodResults.standings} -> ${unitId}` })
    .from(periodResults)
    .where(eq(periodResults.campaignId, campaignId))
    .orderBy(asc(periodResults.period));
}

/** The stored row of a period: the result, the campaign version it was computed with and when. */
export async function findResultRow(ex: Executor, campaignId: string, period: string) {
  const [row] = await ex
    .select({ body: periodResults.body, version: periodResults.version, computedAt: periodResults.computedAt })
    .from(periodResults)
    .where(and(eq(periodResults.campaignId, campaignId), eq(periodResults.period, period)));
  return row ? { result: resultOfBody(row.body), version: row.version, computedAt: row.computedAt } : undefined;
}

/** The stored result of the closest period before `period` (period keys sort in period order). */
export async function previousResult(ex: Executor, campaignId: string, period: string): Promise<PeriodResult | undefined> {
  const [row] = await ex
    .select({ body: periodResults.body })
    .from(periodResults)
    .where(and(eq(periodResults.campaignId, campaignId), lt(periodResults.period, period)))
    .orderBy(desc(periodResults.period))
    .limit(1);
  return row ? resultOfBody(row.body) : undefined;
}
