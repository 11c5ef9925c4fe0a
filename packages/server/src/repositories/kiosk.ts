// SQL for the lobby big screen's tokens. Only the sha256 of a token is stored.
import { and, desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { kioskTokens, users } from '../db/schema.ts';

const COLUMNS = {
  id: kioskTokens.id, campaignId: kioskTokens.campaignId, label: kioskTokens.label, createdAt: kioskTokens.createdAt,
  createdBy: users.username, revokedAt: kioskTokens.revokedAt,
};
export type KioskTokenRow = { id: number; campaignId: string; label: string; createdAt: Date; createdBy: string | null; revokedAt: Date | null };

export async function insertToken(ex: Executor, row: typeof kioskTokens.$inferInsert): Promise<number> {
  const [out] = await ex.insert(kioskTokens).values(row).returning({ id: kioskTokens.id });
  return out.id;
}

export async function findToken(ex: Executor, id: number): Promise<KioskTokenRow | undefined> {
  const [row] = await ex.select(COLUMNS).from(kioskTokens).leftJoin(users, eq(users.id, kioskTokens.createdBy)).where(eq(kioskTokens.id, id));
  return row;
}

export async function findTokenByHash(ex: Executor, tokenHash: string): Promise<KioskTokenRow | undefined> {
  const [row] = await ex.select(COLUMNS).from(kioskTokens).leftJoin(users, eq(users.id, kioskTokens.createdBy)).where(eq(kioskTokens.tokenHash, tokenHash));
  return row;
}

export async function listTokens(ex: Executor, campaignId: string): Promise<KioskTokenRow[]> {
  return ex.select(COLUMNS).from(kioskTokens).leftJoin(users, eq(users.id, kioskTokens.createdBy))
    .where(eq(kioskTokens.campaignId, campaignId)).orderBy(desc(kioskTokens.createdAt), desc(kioskTokens.id));
}

/** Sets revoked_at once; false when the token was revoked already. */
export async function revokeToken(ex: Executor, id: number, at: Date): Promise<boolean> {
  const rows = await ex.update(kioskTokens).set({ revokedAt: at }).where(and(eq(kioskTokens.id, id), isNull(kioskTokens.revokedAt))).returning({ id: kioskTokens.id });
  return rows.length > 0;
}
