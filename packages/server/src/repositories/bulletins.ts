// SQL for bulletins (通报). A published row is frozen by a trigger (migration 0004): the UPDATEs
// here only ever touch drafts, and publication is the last UPDATE a row gets.
import { aliasedTable, and, count, desc, eq, max } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { bulletins, users } from '../db/schema.ts';

export type BulletinRow = typeof bulletins.$inferSelect;
/** A row without its rendered files, with the usernames of its author and publisher. */
export type BulletinMeta = Omit<BulletinRow, 'docx' | 'xlsx'> & { createdByName: string | null; publishedByName: string | null; createdByDisplay: string | null; publishedByDisplay: string | null };

const publisher = aliasedTable(users, 'publisher');

const META = {
  id: bulletins.id, campaignId: bulletins.campaignId, period: bulletins.period, version: bulletins.version, status: bulletins.status,
  number: bulletins.number, title: bulletins.title, changeNote: bulletins.changeNote, content: bulletins.content,
  contentJson: bulletins.contentJson, contentHash: bulletins.contentHash, createdBy: bulletins.createdBy, createdAt: bulletins.createdAt,
  updatedAt: bulletins.updatedAt, publishedBy: bulletins.publishedBy, publishedAt: bulletins.publishedAt,
  createdByName: users.username, publishedByName: publisher.username,
  createdByDisplay: users.displayName, publishedByDisplay: publisher.displayName,
};

function selectMeta(ex: Executor) {
  return ex.select(META).from(bulletins).leftJoin(users, eq(users.id, bulletins.createdBy)).leftJoin(publisher, eq(publisher.id, bulletins.publishedBy));
}

export async function findBulletin(ex: Executor, id: number): Promise<BulletinMeta | undefined> {
  const [row] = await selectMeta(ex).where(eq(bulletins.id, id));
  return row;
}

/** Locks the row for the rest of the transaction (edits and publication take turns). */
export async function lockBulletin(ex: Executor, id: number): Promise<{ id: number; campaignId: string; status: string } | undefined> {
  const [row] = await ex.select({ id: bulletins.id, campaignId: bulletins.campaignId, status: bulletins.status }).from(bulletins).where(eq(bulletins.id, id)).for('update');
  return row;
}

/** Newest first: by period, then version. */
export async function listBulletins(ex: Executor, campaignId: string, filter: { period?: string; publishedOnly?: boolean } = {}): Promise<BulletinMeta[]> {
  const conds = [eq(bulletins.campaignId, campaignId)];
  if (filter.period !== undefined) conds.push(eq(bulletins.period, filter.period));
  if (filter.publishedOnly) conds.push(eq(bulletins.status, 'published'));
  return selectMeta(ex).where(and(...conds)).orderBy(desc(bulletins.period), desc(bulletins.version));
}

/** The current version of each published period: the highest published one, in period order. */
export async function currentPublished(ex: Executor, campaignId: string): Promise<BulletinMeta[]> {
  const rows = await listBulletins(ex, campaignId, { publishedOnly: true });
  const seen = new Set<string>();
  return rows.filter((r) => (seen.has(r.period) ? false : (seen.add(r.period), true))).reverse();
}

/** period → its highest published version (what `current` is computed from). */
export async function currentVersions(ex: Executor, campaignId: string): Promise<Map<string, number>> {
  const rows = await ex
    .select({ period: bulletins.period, version: max(bulletins.version) })
    .from(bulletins)
    .where(and(eq(bulletins.campaignId, campaignId), eq(bulletins.status, 'published')))
    .groupBy(bulletins.period);
  return new Map(rows.map((r) => [r.period, r.version ?? 0]));
}

export async function lastVersion(ex: Executor, campaignId: string, period: string): Promise<{ version: number; status: string } | undefined> {
  const [row] = await ex
    .select({ version: bulletins.version, status: bulletins.status })
    .from(bulletins)
    .where(and(eq(bulletins.campaignId, campaignId), eq(bulletins.period, period)))
    .orderBy(desc(bulletins.version))
    .limit(1);
  return row;
}

export async function countPublished(ex: Executor, campaignId: string): Promise<number> {
  const [row] = await ex.select({ n: count() }).from(bulletins).where(and(eq(bulletins.campaignId, campaignId), eq(bulletins.status, 'published')));
  return row?.n ?? 0;
}

export async function insertBulletin(ex: Executor, row: typeof bulletins.$inferInsert): Promise<number> {
  const [out] = await ex.insert(bulletins).values(row).returning({ id: bulletins.id });
  return out.id;
}

export async function updateDraft(
  ex: Executor, id: number, set: Partial<Pick<BulletinRow, 'number' | 'title' | 'changeNote' | 'content' | 'updatedAt'>>,
): Promise<void> {
  await ex.update(bulletins).set(set).where(and(eq(bulletins.id, id), eq(bulletins.status, 'draft')));
}

export async function deleteDraft(ex: Executor, id: number): Promise<void> {
  await ex.delete(bulletins).where(and(eq(bulletins.id, id), eq(bulletins.status, 'draft')));
}

export async function markPublished(
  ex: Executor, id: number,
  set: Pick<BulletinRow, 'content' | 'contentJson' | 'contentHash' | 'docx' | 'xlsx' | 'publishedBy' | 'publishedAt' | 'updatedAt'>,
): Promise<void> {
  await ex.update(bulletins).set({ ...set, status: 'published' }).where(and(eq(bulletins.id, id), eq(bulletins.status, 'draft')));
}

/** The stored rendering of a published bulletin (null for a draft). */
export async function bulletinFile(ex: Executor, id: number, kind: 'docx' | 'xlsx'): Promise<Uint8Array | null> {
  const [row] = await ex.select({ data: kind === 'docx' ? bulletins.docx : bulletins.xlsx }).from(bulletins).where(eq(bulletins.id, id));
  return row?.data ?? null;
}
