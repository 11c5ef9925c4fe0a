// SQL for reported figures.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { figures, users, type FigureStatus } from '../db/schema.ts';

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

/**
 * Inserts or replaces figures; a replaced figure's version goes up by one and it needs verifying
 * again. The explanation is replaced too (null when none is given: a note explains the value it
 * was written with). Returns the stored version of each.
 */
export async function upsertFigures(
  ex: Executor, campaignId: string, rows: (FigureWrite & { late: boolean; explanation: string | null })[], enteredBy: number | null, at: Date,
): Promise<(FigureKey & { version: number })[]> {
  const out: (FigureKey & { version: number })[] = [];
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
      .returning({ unit: figures.unitId, indicator: figures.indicatorId, period: figures.period, version: figures.version });
    out.push(...written);
  }
  return out;
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
