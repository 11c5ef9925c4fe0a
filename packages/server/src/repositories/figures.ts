// SQL for reported figures.
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, figures, resultsPending, users, type FigureStatus, type PeriodState } from '../db/schema.ts';
import { auditHeadSql, type AuditHead } from './audit.ts';
import type { CampaignRow } from './campaigns.ts';
import type { PeriodInfo } from './periods.ts';

export interface FigureKey {
  unit: string;
  indicator: string;
  period: string;
}
export interface FigureWrite extends FigureKey {
  value: string;
}

export const figureKey = (k: FigureKey) => `${k.unit}\u0000${k.indicator}\u0000${k.period}`;

const figureColumns = {
  unit: figures.unitId,
  indicator: figures.indicatorId,
  period: figures.period,
  value: figures.value,
  enteredBy: users.username,
  enteredAt: figures.enteredAt,
  version: figures.version,
  late: figures.late,
  status: figures.status,
  reviewReason: figures.reviewReason,
  reviewedAt: figures.reviewedAt,
  explanation: figures.explanation,
};
export interface FigureRow extends FigureWrite {
  enteredBy: string | null;
  enteredAt: Date;
  version: number;
  late: boolean;
  status: FigureStatus;
  reviewReason: string | null;
  reviewedAt: Date | null;
  explanation: string | null;
}

export async function listFigures(ex: Executor, campaignId: string, filter: { period?: string; units?: string[]; indicators?: string[] }): Promise<FigureRow[]> {
  const conds = [eq(figures.campaignId, campaignId)];
  if (filter.period !== undefined) conds.push(eq(figures.period, filter.period));
  if (filter.units !== undefined) conds.push(inArray(figures.unitId, filter.units.length > 0 ? filter.units : ['']));
  if (filter.indicators !== undefined) conds.push(inArray(figures.indicatorId, filter.indicators.length > 0 ? filter.indicators : ['']));
  return ex
    .select(figureColumns)
    .from(figures)
    .leftJoin(users, eq(users.id, figures.enteredBy))
    .where(and(...conds))
    .orderBy(asc(figures.period), asc(figures.unitId), asc(figures.indicatorId));
}

export async function findFigure(ex: Executor, campaignId: string, k: FigureKey): Promise<FigureRow | undefined> {
  const [row] = await ex
    .select(figureColumns)
    .from(figures)
    .leftJoin(users, eq(users.id, figures.enteredBy))
    .where(and(eq(figures.campaignId, campaignId), eq(figures.unitId, k.unit), eq(figures.indicatorId, k.indicator), eq(figures.period, k.period)));
  return row;
}

/** Every stored figure with its version and verification state (what a write checks against). */
export async function campaignFigureStates(ex: Executor, campaignId: string) {
  return ex
    .select({ unit: figures.unitId, indicator: figures.indicatorId, period: figures.period, value: figures.value, version: figures.version, status: figures.status, late: figures.late, explanation: figures.explanation })
    .from(figures)
    .where(eq(figures.campaignId, campaignId))
    .orderBy(asc(figures.period), asc(figures.unitId), asc(figures.indicatorId));
}

/** A figure as a write stored it (the user who entered it is the writer). */
export type WrittenFigure = Omit<FigureRow, 'enteredBy'>;

/**
 * The statement inserting or replacing figures (one statement for any number: their columns as
 * arrays); a replaced figure's version goes up by one and it needs verifying again. The
 * explanation is replaced too (null when none is given: a note explains the value it was written
 * with). It returns each figure as stored (writtenOf).
 */
export function upsertFiguresSql(campaignId: string, rows: (FigureWrite & { late: boolean; explanation: string | null })[], enteredBy: number | null, at: Date): SQL {
  const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
  return sql`INSERT INTO ${figures} (campaign_id, unit_id, indicator_id, period, value, value_num, entered_by, entered_at, late, explanation)
    SELECT ${campaignId}, u, i, p, v, v::numeric, ${enteredBy}::int, ${at.toISOString()}::timestamptz, l, e
    FROM unnest(${col((r) => r.unit)}::text[], ${col((r) => r.indicator)}::text[], ${col((r) => r.period)}::text[], ${col((r) => r.value)}::text[],
      ${col((r) => r.late)}::boolean[], ${col((r) => r.explanation)}::text[]) AS x(u, i, p, v, l, e)
    ON CONFLICT (campaign_id, unit_id, indicator_id, period) DO UPDATE SET
      value = excluded.value, value_num = excluded.value_num, entered_by = excluded.entered_by, entered_at = excluded.entered_at,
      version = ${figures.version} + 1, late = excluded.late, explanation = excluded.explanation,
      status = 'pending', review_reason = NULL, reviewed_by = NULL, reviewed_at = NULL
    RETURNING unit_id AS unit, indicator_id AS indicator, period, value, (extract(epoch FROM entered_at) * 1000)::float8 AS "enteredAt", version, late, status,
      review_reason AS "reviewReason", (extract(epoch FROM reviewed_at) * 1000)::float8 AS "reviewedAt", explanation`;
}

/** The figures upsertFiguresSql returns, as stored (times sent as epoch milliseconds: the same through any driver). */
export function writtenOf(res: { rows: unknown[] }): WrittenFigure[] {
  return (res.rows as (Omit<WrittenFigure, 'enteredAt' | 'reviewedAt'> & { enteredAt: number; reviewedAt: number | null })[]).map((r) => ({
    ...r, enteredAt: new Date(r.enteredAt), reviewedAt: r.reviewedAt === null ? null : new Date(r.reviewedAt),
  }));
}

/** A roll-up link as the figure path needs it: which figures it feeds, from where. */
export interface FeedingLink {
  unitId: string | null;
  indicatorId: string;
  sourceCampaignId: string;
}

/**
 * Locks the campaign's row for a figure write (FOR NO KEY UPDATE: its figures change under this
 * lock only) and reads, in the same statement, what the write checks against: its roll-up links
 * and the states and deadlines of its periods. undefined: no such campaign.
 */
export async function lockForFigureWrite(ex: Executor, campaignId: string): Promise<{ campaign: CampaignRow; links: FeedingLink[]; periods: Map<string, PeriodInfo> } | undefined> {
  const [row] = await lockStatement(ex).execute({ campaignId });
  if (!row) return undefined;
  return {
    campaign: row.campaign,
    links: row.links,
    periods: new Map(row.periods.map((p) => [p.period, { state: p.state, deadline: p.deadline === null ? null : new Date(p.deadline) }])),
  };
}

const lockQuery = (ex: Executor) => ex
  .select({
    campaign: campaigns,
    // (raw names: drizzle leaves a one-table select's columns unqualified)
    links: sql<FeedingLink[]>`(SELECT coalesce(json_agg(json_build_object('unitId', l.unit_id, 'indicatorId', l.indicator_id, 'sourceCampaignId', l.source_campaign_id) ORDER BY l.id), '[]'::json)
      FROM rollup_links l WHERE l.campaign_id = campaigns.id)`,
    periods: sql<{ period: string; state: PeriodState; deadline: string | null }[]>`(SELECT coalesce(json_agg(json_build_object('period', p.period, 'state', p.state, 'deadline', p.deadline)), '[]'::json)
      FROM campaign_periods p WHERE p.campaign_id = campaigns.id)`,
  })
  .from(campaigns)
  .where(eq(campaigns.id, sql.placeholder('campaignId')))
  .for('no key update')
  .prepare('leitai_lock_figure_write');

/**
 * The lock statement built once per executor (a save's connection keeps one: drizzle does not
 * build its SQL again, and PostgreSQL parses and plans it once per connection).
 */
const lockStatements = new WeakMap<Executor, ReturnType<typeof lockQuery>>();
function lockStatement(ex: Executor): ReturnType<typeof lockQuery> {
  let q = lockStatements.get(ex);
  if (!q) lockStatements.set(ex, (q = lockQuery(ex)));
  return q;
}

/**
 * After a write's figure statements, in one statement: the campaign's data version they left
 * (moved on by the trigger on figures), the periods whose results are now behind it
 * (results_pending, for the catch-up), and the audit chain's head, locked (the write's entries are
 * appended next: the lock is held from here to COMMIT, as briefly as it can be).
 */
export function markWrittenSql(campaignId: string, periods: string[]): SQL {
  return sql`
    WITH v AS (SELECT ${campaigns.dataVersion} AS version FROM ${campaigns} WHERE ${campaigns.id} = ${campaignId}),
    pending AS (
      INSERT INTO ${resultsPending} (campaign_id, data_version, period)
      SELECT ${campaignId}, v.version, p FROM v, unnest(${sql.param(periods)}::text[]) AS p
      ON CONFLICT DO NOTHING
    )
    SELECT v.version::float8 AS version, ${auditHeadSql()} AS head FROM v`;
}

/** What markWrittenSql answers: the data version, and the audit chain's head (locked). */
export function markedOf(res: { rows: unknown[] }, campaignId: string): { version: number; head: AuditHead } {
  const row = res.rows[0] as { version: number; head: AuditHead } | undefined;
  if (!row) throw new Error(`campaign ${campaignId} is gone`);
  return { version: Number(row.version), head: row.head };
}

export async function markWritten(ex: Executor, campaignId: string, periods: string[]): Promise<{ version: number; head: AuditHead }> {
  return markedOf(await ex.execute(markWrittenSql(campaignId, periods)), campaignId);
}

export async function deleteFigure(ex: Executor, campaignId: string, key: FigureKey): Promise<boolean> {
  const rows = await ex
    .delete(figures)
    .where(and(eq(figures.campaignId, campaignId), eq(figures.unitId, key.unit), eq(figures.indicatorId, key.indicator), eq(figures.period, key.period)))
    .returning({ unit: figures.unitId });
  return rows.length > 0;
}

export async function setFigureReview(
  ex: Executor, campaignId: string, k: FigureKey, review: { status: FigureStatus; reason: string | null; by: number; at: Date },
): Promise<void> {
  await ex
    .update(figures)
    .set({ status: review.status, reviewReason: review.reason, reviewedBy: review.by, reviewedAt: review.at })
    .where(and(eq(figures.campaignId, campaignId), eq(figures.unitId, k.unit), eq(figures.indicatorId, k.indicator), eq(figures.period, k.period)));
}
