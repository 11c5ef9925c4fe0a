// SQL for reported figures.
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { figures, users } from '../db/schema.ts';

export interface FigureKey {
  unit: string;
  indicator: string;
  period: string;
}
export interface FigureWrite extends FigureKey {
  value: string;
}

export async function listFigures(ex: Executor, campaignId: string, filter: { period?: string; units?: string[] }) {
  const conds = [eq(figures.campaignId, campaignId)];
  if (filter.period !== undefined) conds.push(eq(figures.period, filter.period));
  if (filter.units !== undefined) conds.push(inArray(figures.unitId, filter.units.length > 0 ? filter.units : ['']));
  return ex
    .select({
      unit: figures.unitId,
      indicator: figures.indicatorId,
      period: figures.period,
      value: figures.value,
      enteredBy: users.username,
      enteredAt: figures.enteredAt,
    })
    .from(figures)
    .leftJoin(users, eq(users.id, figures.enteredBy))
    .where(and(...conds))
    .orderBy(asc(figures.period), asc(figures.unitId), asc(figures.indicatorId));
}

/** Every stored figure of a campaign, as the engine reads them. */
export async function campaignRows(ex: Executor, campaignId: string): Promise<FigureWrite[]> {
  return ex
    .select({ unit: figures.unitId, indicator: figures.indicatorId, period: figures.period, value: figures.value })
    .from(figures)
    .where(eq(figures.campaignId, campaignId))
    .orderBy(asc(figures.period), asc(figures.unitId), asc(figures.indicatorId));
}

export async function upsertFigures(ex: Executor, campaignId: string, rows: FigureWrite[], enteredBy: number | null, at: Date): Promise<void> {
  // chunks keep the statement under PostgreSQL's 65535 bind parameters
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    await ex
      .insert(figures)
      .values(chunk.map((r) => ({
        campaignId, unitId: r.unit, indicatorId: r.indicator, period: r.period, value: r.value, valueNum: r.value, enteredBy, enteredAt: at,
      })))
      .onConflictDoUpdate({
        target: [figures.campaignId, figures.unitId, figures.indicatorId, figures.period],
        set: { value: sql`excluded.value`, valueNum: sql`excluded.value_num`, enteredBy: sql`excluded.entered_by`, enteredAt: sql`excluded.entered_at` },
      });
  }
}

export async function deleteFigure(ex: Executor, campaignId: string, key: FigureKey): Promise<boolean> {
  const rows = await ex
    .delete(figures)
    .where(and(eq(figures.campaignId, campaignId), eq(figures.unitId, key.unit), eq(figures.indicatorId, key.indicator), eq(figures.period, key.period)))
    .returning({ unit: figures.unitId });
  return rows.length > 0;
}
