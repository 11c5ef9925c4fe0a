// SQL for reported figures.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, figures, resultsPending, users, type FigureStatus, type PeriodState } from '../db/schema.ts';
import { auditLockSql } from './audit.ts';
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
 * Inserts or replaces figures; a replaced figure's version goes up by one and it needs verifying
 * again. The explanation is replaced too (null when none is given: a note explains the value it
 * was written with). Returns each figure as stored.
 */
export async function upsertFigures(
  ex: Executor, campaignId: string, rows: (FigureWrite & { late: boolean; explanation: string | null })[], enteredBy: number | null, at: Date,
): Promise<WrittenFigure[]> {
  const out: WrittenFigure[] = [];
  // chunks keep the statement under PostgreSQL's 65535 bind parameters
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const written = await ex
      .insert(figures)
      .values(chunk.map((r) => ({
        campaignId, unitId: r.unit, indicatorId: r.indicator, period: r.period, value: r.value, valueNum: r.value, enteredBy, enteredAt: at, late: r.late,
        explanation: r.explanation,
      })))
      .onConflictDoUpdate({
        target: [figures.campaignId, figures.unitId, figures.indicatorId, figures.period],
        set: {
          value: sql`excluded.value`, valueNum: sql`excluded.value_num`, enteredBy: sql`excluded.entered_by`, enteredAt: sql`excluded.entered_at`,
          version: sql`${figures.version} + 1`, late: sql`excluded.late`, explanation: sql`excluded.explanation`,
          status: 'pending', reviewReason: null, reviewedBy: null, reviewedAt: null,
        },
      })
      .returning({
        unit: figures.unitId, indicator: figures.indicatorId, period: figures.period, value: figures.value, enteredAt: figures.enteredAt, version: figures.version,
        late: figures.late, status: figures.status, reviewReason: figures.reviewReason, reviewedAt: figures.reviewedAt, explanation: figures.explanation,
      });
    out.push(...written);
  }
  return out;
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
  const [row] = await ex
    .select({
      campaign: campaigns,
      // (raw names: drizzle leaves a one-table select's columns unqualified)
      links: sql<FeedingLink[]>`(SELECT coalesce(json_agg(json_build_object('unitId', l.unit_id, 'indicatorId', l.indicator_id, 'sourceCampaignId', l.source_campaign_id) ORDER BY l.id), '[]'::json)
        FROM rollup_links l WHERE l.campaign_id = campaigns.id)`,
      periods: sql<{ period: string; state: PeriodState; deadline: string | null }[]>`(SELECT coalesce(json_agg(json_build_object('period', p.period, 'state', p.state, 'deadline', p.deadline)), '[]'::json)
        FROM campaign_periods p WHERE p.campaign_id = campaigns.id)`,
    })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId))
    .for('no key update');
  if (!row) return undefined;
  return {
    campaign: row.campaign,
    links: row.links,
    periods: new Map(row.periods.map((p) => [p.period, { state: p.state, deadline: p.deadline === null ? null : new Date(p.deadline) }])),
  };
}

/**
 * After a write's figure statements, in one statement: the campaign's data version they left
 * (moved on by the trigger on figures), the periods whose results are now behind it
 * (results_pending, for the catch-up), and the audit log's lock (the write's entries are appended
 * next: the lock is held from here to COMMIT, as briefly as it can be).
 */
export async function markWritten(ex: Executor, campaignId: string, periods: string[]): Promise<number> {
  const res = await ex.execute(sql`
    WITH v AS (SELECT ${campaigns.dataVersion} AS version FROM ${campaigns} WHERE ${campaigns.id} = ${campaignId}),
    pending AS (
      INSERT INTO ${resultsPending} (campaign_id, data_version, period)
      SELECT ${campaignId}, v.version, p FROM v, unnest(${sql.param(periods)}::text[]) AS p
      ON CONFLICT DO NOTHING
    )
    SELECT v.version::float8 AS version, ${auditLockSql()} AS locked FROM v`);
  const row = res.rows[0] as { version: number } | undefined;
  if (!row) throw new Error(`campaign ${campaignId} is gone`);
  return Number(row.version);
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
