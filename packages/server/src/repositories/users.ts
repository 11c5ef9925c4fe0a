// SQL for users, their assignments and the organization they belong to.
import { asc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { organizations, userAssignments, users, type Role } from '../db/schema.ts';

export type UserRow = typeof users.$inferSelect;
export type AssignmentRow = typeof userAssignments.$inferSelect;
export type NewAssignment = Omit<typeof userAssignments.$inferInsert, 'id' | 'userId'>;

export async function ensureOrganization(ex: Executor, name: string): Promise<number> {
  const [found] = await ex.select({ id: organizations.id }).from(organizations).orderBy(asc(organizations.id)).limit(1);
  if (found) return found.id;
  const [row] = await ex.insert(organizations).values({ name }).returning({ id: organizations.id });
  return row.id;
}

export async function findUserByUsername(ex: Executor, username: string): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.username, username));
  return row;
}

export async function findUserById(ex: Executor, id: number): Promise<UserRow | undefined> {
  const [row] = await ex.select().from(users).where(eq(users.id, id));
  return row;
}

export async function listUsers(ex: Executor): Promise<UserRow[]> {
  return ex.select().from(users).orderBy(asc(users.id));
}

export async function insertUser(
  ex: Executor,
  u: { organizationId: number; username: string; displayName: string; role: Role; passwordHash: string; mustChangePassword?: boolean },
): Promise<UserRow> {
  const [row] = await ex.insert(users).values(u).returning();
  return row;
}

/** `mustChangePassword`: the password was set for the user (a reset): they choose a new one at sign-in */
export async function setPasswordHash(ex: Executor, username: string, passwordHash: string, mustChangePassword = false): Promise<boolean> {
  const rows = await ex.update(users).set({ passwordHash, mustChangePassword }).where(eq(users.username, username)).returning({ id: users.id });
  return rows.length > 0;
}

export async function setPassword(ex: Executor, userId: number, passwordHash: string, mustChangePassword: boolean): Promise<void> {
  await ex.update(users).set({ passwordHash, mustChangePassword }).where(eq(users.id, userId));
}

export async function assignmentsOf(ex: Executor, userIds: number[]): Promise<AssignmentRow[]> {
  if (userIds.length === 0) return [];
  return ex.select().from(userAssignments).where(inArray(userAssignments.userId, userIds)).orderBy(asc(userAssignments.id));
}

export async function insertAssignments(ex: Executor, userId: number, list: NewAssignment[]): Promise<void> {
  if (list.length === 0) return;
  await ex.insert(userAssignments).values(list.map((a) => ({ ...a, userId })));
}
