// SQL for roll-up links (上下联动: an indicator of a higher campaign fed from a lower campaign) and
// the values they carried into the higher campaign.
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, rollupLinks, rollupValues } from '../db/schema.ts';

export type RollupLinkRow = typeof rollupLinks.$inferSelect;
export type RollupValueRow = typeof rollupValues.$inferSelect;

export async function linksOf(ex: Executor, campaignId: string): Promise<RollupLinkRow[]> {
  return ex.select().from(rollupLinks).where(eq(rollupLinks.campaignId, campaignId)).orderBy(asc(rollupLinks.id));
}

export async function linksFrom(ex: Executor, sourceCampaignId: string): Promise<RollupLinkRow[]> {
  return ex.select().from(rollupLinks).where(eq(rollupLinks.sourceCampaignId, sourceCampaignId)).orderBy(asc(rollupLinks.id));
}

export async function findLink(ex: Executor, campaignId: string, id: number): Promise<RollupLinkRow | undefined> {
  const [row] = await ex.select().from(rollupLinks).where(and(eq(rollupLinks.campaignId, campaignId), eq(rollupLinks.id, id)));
  return row;
}

export async function insertLink(ex: Executor, l: typeof rollupLinks.$inferInsert): Promise<RollupLinkRow> {
  const [row] = await ex.insert(rollupLinks).values(l).returning();
  return row;
}

export async function deleteLink(ex: Executor, id: number): Promise<void> {
  await ex.delete(rollupLinks).where(eq(rollupLinks.id, id));
}

export async function valuesOf(ex: Executor, linkIds: number[]): Promise<RollupValueRow[]> {
  if (linkIds.length === 0) return [];
  return ex.select().from(rollupValues).where(inArray(rollupValues.linkId, linkIds)).orderBy(asc(rollupValues.linkId), asc(rollupValues.period));
}

export async function upsertValue(ex: Executor, v: typeof rollupValues.$inferInsert): Promise<void> {
  await ex.insert(rollupValues).values(v).onConflictDoUpdate({
    target: [rollupValues.linkId, rollupValues.unitId, rollupValues.period],
    set: { sourcePeriod: v.sourcePeriod, value: v.value, outcome: v.outcome, requestId: v.requestId ?? null, computedAt: v.computedAt },
  });
}

/** The campaigns links name as their sources, in one query. */
export async function sourceCampaigns(ex: Executor, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return ex.select().from(campaigns).where(inArray(campaigns.id, [...ids]));
}
