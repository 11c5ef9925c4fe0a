// SQL for managing accounts: changing a user's fields, ending all their sessions.
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { sessions, users } from '../db/schema.ts';

export async function setUserFields(
  ex: Executor, userId: number,
  set: Partial<{ displayName: string; phone: string | null; organizationId: number; disabled: boolean; passwordHash: string; mustChangePassword: boolean }>,
): Promise<void> {
  if (Object.keys(set).length === 0) return;
  await ex.update(users).set(set).where(eq(users.id, userId));
}

export async function deleteUserSessions(ex: Executor, userId: number): Promise<void> {
  await ex.delete(sessions).where(eq(sessions.userId, userId));
}
