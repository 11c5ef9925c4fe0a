// SQL for sign-in sessions and the failed-attempt log used for lockout.
import { and, count, desc, eq, gt, lt, ne } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { loginAttempts, sessions, users } from '../db/schema.ts';

export async function insertSession(ex: Executor, s: { tokenHash: string; userId: number; expiresAt: Date; createdAt: Date }): Promise<void> {
  await ex.insert(sessions).values(s);
}

export async function findLiveSession(ex: Executor, tokenHash: string, now: Date) {
  const [row] = await ex
    .select({ sessionId: sessions.id, expiresAt: sessions.expiresAt, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, tokenHash), gt(sessions.expiresAt, now)));
  return row;
}

export async function extendSession(ex: Executor, sessionId: number, expiresAt: Date): Promise<void> {
  await ex.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId));
}

/** Deletes the session; the user it belonged to, if there was one. */
export async function deleteSession(ex: Executor, tokenHash: string): Promise<{ id: number; username: string } | undefined> {
  const [row] = await ex.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ userId: sessions.userId });
  if (!row) return undefined;
  const [user] = await ex.select({ id: users.id, username: users.username }).from(users).where(eq(users.id, row.userId));
  return user;
}

export async function deleteExpiredSessions(ex: Executor, now: Date): Promise<void> {
  await ex.delete(sessions).where(lt(sessions.expiresAt, now));
}

export async function recordLoginAttempt(ex: Executor, a: { username: string; ip: string; success: boolean; at: Date }): Promise<void> {
  await ex.insert(loginAttempts).values(a);
}

/** Failures for a username since `since`, not counting those before its latest success. */
export async function recentFailures(ex: Executor, username: string, since: Date): Promise<number> {
  const [lastOk] = await ex
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  const from = lastOk && lastOk.at > since ? lastOk.at : since;
  const [row] = await ex
    .select({ n: count() })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.success, false), gt(loginAttempts.at, from)));
  return row?.n ?? 0;
}

/** The attempt log only matters for the lockout window; older rows are dropped. */
export async function deleteAttemptsBefore(ex: Executor, before: Date): Promise<void> {
  await ex.delete(loginAttempts).where(lt(loginAttempts.at, before));
}

/** Failures for a username from one address since `since`, not counting those before that pair's
 * latest success; with the time of the latest of them. */
export async function pairFailures(ex: Executor, username: string, ip: string, since: Date): Promise<{ n: number; last: Date | null }> {
  const [lastOk] = await ex
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip), eq(loginAttempts.success, true), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(1);
  const from = lastOk ? lastOk.at : since;
  const rows = await ex
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.username, username), eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, from)))
    .orderBy(desc(loginAttempts.at));
  return { n: rows.length, last: rows[0]?.at ?? null };
}

/** The times of the failures from one address since `since`, newest first (whatever the username). */
export async function addressFailures(ex: Executor, ip: string, since: Date, limit: number): Promise<Date[]> {
  const rows = await ex
    .select({ at: loginAttempts.at })
    .from(loginAttempts)
    .where(and(eq(loginAttempts.ip, ip), eq(loginAttempts.success, false), gt(loginAttempts.at, since)))
    .orderBy(desc(loginAttempts.at))
    .limit(limit);
  return rows.map((r) => r.at);
}

/** Ends every session of the user but one (after a password change). */
export async function deleteOtherSessions(ex: Executor, userId: number, keep: number): Promise<void> {
  await ex.delete(sessions).where(and(eq(sessions.userId, userId), ne(sessions.id, keep)));
}
