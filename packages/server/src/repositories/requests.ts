// SQL for correction requests and appeals.
import { and, desc, eq, inArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.ts';
import { changeRequests, users } from '../db/schema.ts';

export type RequestRow = typeof changeRequests.$inferSelect;

export async function insertRequest(ex: Executor, r: typeof changeRequests.$inferInsert): Promise<RequestRow> {
  const [row] = await ex.insert(changeRequests).values(r).returning();
  return row;
}

export async function lockRequest(ex: Executor, campaignId: string, id: number): Promise<RequestRow | undefined> {
  const [row] = await ex.select().from(changeRequests).where(and(eq(changeRequests.campaignId, campaignId), eq(changeRequests.id, id))).for('update');
  return row;
}

export async function updateRequest(ex: Executor, id: number, set: Partial<RequestRow>): Promise<void> {
  await ex.update(changeRequests).set(set).where(eq(changeRequests.id, id));
}

const requester = alias(users, 'requester');
const decider = alias(users, 'decider');

export async function listRequests(ex: Executor, campaignId: string, f: { kind?: RequestRow['kind']; status?: RequestRow['status']; units?: string[]; id?: number }) {
  const conds = [eq(changeRequests.campaignId, campaignId)];
  if (f.kind !== undefined) conds.push(eq(changeRequests.kind, f.kind));
  if (f.status !== undefined) conds.push(eq(changeRequests.status, f.status));
  if (f.units !== undefined) conds.push(inArray(changeRequests.unitId, f.units.length > 0 ? f.units : ['']));
  if (f.id !== undefined) conds.push(eq(changeRequests.id, f.id));
  return ex
    .select({ request: changeRequests, requestedBy: requester.username, decidedBy: decider.username })
    .from(changeRequests)
    .leftJoin(requester, eq(requester.id, changeRequests.requestedBy))
    .leftJoin(decider, eq(decider.id, changeRequests.decidedBy))
    .where(and(...conds))
    .orderBy(desc(changeRequests.requestedAt), desc(changeRequests.id));
}
