// SQL for campaigns, their spec versions and the structure projected from the current spec.
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Spec } from '@leitai/engine';
import type { Executor } from '../db/client.ts';
import { campaignGroups, campaignVersions, campaigns, indicators, pairs, units, users, type CampaignStatus } from '../db/schema.ts';

export type CampaignRow = typeof campaigns.$inferSelect;

export async function listCampaigns(ex: Executor): Promise<CampaignRow[]> {
  return ex.select().from(campaigns).orderBy(desc(campaigns.year), asc(campaigns.id));
}

export async function findCampaign(ex: Executor, id: string): Promise<CampaignRow | undefined> {
  const [row] = await ex.select().from(campaigns).where(eq(campaigns.id, id));
  return row;
}

/**
 * Locks the campaign row for the rest of the transaction: writes to one campaign take turns.
 * FOR NO KEY UPDATE, not FOR UPDATE: rows that merely reference the campaign (their foreign key
 * check takes a key-share lock) are not held up — the results catch-up (services/recompute.ts)
 * stores its rows while a figure write holds this lock, and would otherwise deadlock with a
 * change that holds it and waits for the catch-up's store.
 */
export async function lockCampaign(ex: Executor, id: string): Promise<CampaignRow | undefined> {
  const [row] = await ex.select().from(campaigns).where(eq(campaigns.id, id)).for('no key update');
  return row;
}

export async function insertCampaign(ex: Executor, c: typeof campaigns.$inferInsert): Promise<CampaignRow> {
  const [row] = await ex.insert(campaigns).values(c).returning();
  return row;
}

export async function updateCampaign(
  ex: Executor,
  id: string,
  set: Partial<Pick<CampaignRow, 'name' | 'year' | 'cadence' | 'organizer' | 'status' | 'currentVersion' | 'updatedAt'>>,
): Promise<CampaignRow> {
  const [row] = await ex.update(campaigns).set(set).where(eq(campaigns.id, id)).returning();
  return row;
}

export async function setCampaignStatus(ex: Executor, id: string, status: CampaignStatus, at: Date): Promise<CampaignRow> {
  return updateCampaign(ex, id, { status, updatedAt: at });
}

export async function insertVersion(ex: Executor, v: typeof campaignVersions.$inferInsert): Promise<void> {
  await ex.insert(campaignVersions).values(v);
}

export async function findVersionText(ex: Executor, campaignId: string, version: number): Promise<string | undefined> {
  const [row] = await ex
    .select({ specText: campaignVersions.specText })
    .from(campaignVersions)
    .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, version)));
  return row?.specText;
}

export async function listVersions(ex: Executor, campaignId: string) {
  return ex
    .select({ version: campaignVersions.version, createdAt: campaignVersions.createdAt, createdBy: users.username, createdByName: users.displayName })
    .from(campaignVersions)
    .leftJoin(users, eq(users.id, campaignVersions.createdBy))
    .where(eq(campaignVersions.campaignId, campaignId))
    .orderBy(asc(campaignVersions.version));
}

export async function findVersion(ex: Executor, campaignId: string, version: number) {
  const [row] = await ex
    .select({ version: campaignVersions.version, createdAt: campaignVersions.createdAt, createdBy: users.username, createdByName: users.displayName, specText: campaignVersions.specText })
    .from(campaignVersions)
    .leftJoin(users, eq(users.id, campaignVersions.createdBy))
    .where(and(eq(campaignVersions.campaignId, campaignId), eq(campaignVersions.version, version)));
  return row;
}

/** Replaces groups, units, pairs and indicators with what the spec declares now. */
export async function replaceStructure(ex: Executor, campaignId: string, spec: Spec): Promise<void> {
  await ex.delete(pairs).where(eq(pairs.campaignId, campaignId));
  await ex.delete(indicators).where(eq(indicators.campaignId, campaignId));
  await ex.delete(units).where(eq(units.campaignId, campaignId));
  await ex.delete(campaignGroups).where(eq(campaignGroups.campaignId, campaignId));
  await ex.insert(campaignGroups).values(spec.groups.map((g, position) => ({ campaignId, id: g.id, name: g.name, position })));
  await ex.insert(units).values(spec.units.map((u, position) => ({ campaignId, id: u.id, name: u.name, groupId: u.group, position })));
  if (spec.pairs.length > 0) {
    await ex.insert(pairs).values(spec.pairs.map((p, position) => ({ campaignId, id: p.id, unitIds: p.units, position })));
  }
  await ex.insert(indicators).values(spec.indicators.map((d, position) => ({
    campaignId,
    id: d.id,
    name: d.name,
    input: d.input,
    method: d.input === 'value' ? d.method : null,
    weight: d.input === 'event' ? null : d.weight.toString(),
    category: d.category ?? null,
    measure: d.measure ?? null,
    position,
  })));
}
