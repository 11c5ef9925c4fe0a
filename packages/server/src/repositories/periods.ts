// SQL for reporting periods (state and deadline) and the reminders sent to units.
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaignPeriods, reminders, users, type PeriodState } from '../db/schema.ts';

export type PeriodRow = typeof campaignPeriods.$inferSelect;

export interface PeriodInfo {
  state: PeriodState;
  deadline: Date | null;
}
const UNOPENED: PeriodInfo = { state: 'unopened', deadline: null };

/** State and deadline of every period that has a row (the others are not yet open, without a deadline). */
export async function periodInfos(ex: Executor, campaignId: string): Promise<Map<string, PeriodInfo>> {
  const rows = await listPeriodRows(ex, campaignId);
  return new Map(rows.map((r) => [r.period, { state: r.state, deadline: r.deadline }]));
}
export const infoOf = (m: Map<string, PeriodInfo>, period: string): PeriodInfo => m.get(period) ?? UNOPENED;

export async function listPeriodRows(ex: Executor, campaignId: string): Promise<PeriodRow[]> {
  return ex.select().from(campaignPeriods).where(eq(campaignPeriods.campaignId, campaignId)).orderBy(asc(campaignPeriods.period));
}

export async function findPeriodRow(ex: Executor, campaignId: string, period: string): Promise<PeriodRow | undefined> {
  const [row] = await ex.select().from(campaignPeriods).where(and(eq(campaignPeriods.campaignId, campaignId), eq(campaignPeriods.period, period)));
  return row;
}

export async function upsertPeriod(ex: Executor, row: { campaignId: string; period: string; state: PeriodState; deadline: Date | null; updatedBy: number; updatedAt: Date }): Promise<PeriodRow> {
  const [out] = await ex
    .insert(campaignPeriods)
    .values(row)
    .onConflictDoUpdate({ target: [campaignPeriods.campaignId, campaignPeriods.period], set: { state: row.state, deadline: row.deadline, updatedBy: row.updatedBy, updatedAt: row.updatedAt } })
    .returning();
  return out;
}

export async function insertReminders(ex: Executor, rows: (typeof reminders.$inferInsert)[]) {
  if (rows.length === 0) return [];
  return ex.insert(reminders).values(rows).returning();
}

export async function listReminders(ex: Executor, campaignId: string, units: string[] | undefined) {
  const conds = [eq(reminders.campaignId, campaignId)];
  if (units !== undefined) conds.push(inArray(reminders.unitId, units.length > 0 ? units : ['']));
  return ex
    .select({
      id: reminders.id, kind: reminders.kind, period: reminders.period, unit: reminders.unitId, message: reminders.message, params: reminders.params,
      sentBy: users.username, sentAt: reminders.sentAt, readAt: reminders.readAt,
    })
    .from(reminders)
    .leftJoin(users, eq(users.id, reminders.sentBy))
    .where(and(...conds))
    .orderBy(desc(reminders.sentAt), desc(reminders.id));
}

export async function findReminder(ex: Executor, campaignId: string, id: number) {
  const [row] = await ex.select().from(reminders).where(and(eq(reminders.campaignId, campaignId), eq(reminders.id, id)));
  return row;
}

export async function markReminderRead(ex: Executor, id: number, at: Date): Promise<void> {
  await ex.update(reminders).set({ readAt: at }).where(and(eq(reminders.id, id), isNull(reminders.readAt)));
}
