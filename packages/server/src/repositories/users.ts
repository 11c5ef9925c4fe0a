// SQL for users, their role grants and the organizations they belong to.
import { asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, organizations, roleGrants, users, type OrganizationKind } from '../db/schema.ts';
import type { Scope } from '../policy.ts';

export type UserRow = typeof users.$inferSelect;
export type GrantRow = typeof roleGrants.$inferSelect;
export type NewGrant = Omit<typeof roleGrants.$inferInsert, 'id' | 'userId'>;
export type OrganizationRow = typeof organizations.$inferSelect;

/** The root organization (the installation's own), created with `name` on first use. */
export async function ensureOrganization(ex: Executor, name: string): Promise<number> {
  const [found] = await ex.select({ id: organizations.id }).from(organizations).where(isNull(organizations.parentId)).orderBy(asc(organizations.id)).limit(1);
  if (found) return found.id;
  const [row] = await ex.insert(organizations).values({ name, kind: 'county' }).returning({ id: organizations.id });
  return row.id;
}

export async function listOrganizations(ex: Executor): Promise<OrganizationRow[]> {
  return ex.select().from(organizations).orderBy(asc(organizations.id));
}

export async function findOrganization(ex: Executor, id: number): Promise<OrganizationRow | undefined> {
  const [row] = await ex.select().from(organizations).where(eq(organizations.id, id));
  return row;
}

export async function insertOrganization(ex: Executor, o: { parentId: number | null; name: string; kind: OrganizationKind }): Promise<OrganizationRow> {
  const [row] = await ex.insert(organizations).values(o).returning();
  return row;
}

export async function updateOrganization(ex: Executor, id: number, set: { name?: string; kind?: OrganizationKind }): Promise<OrganizationRow | undefined> {
  const [row] = await ex.update(organizations).set(set).where(eq(organizations.id, id)).returning();
  return row;
}

/** Where every campaign sits in the organization tree: what policy.ts needs to place grants. */
export async function loadScope(ex: Executor): Promise<Scope> {
  const [orgs, cs] = await Promise.all([
    ex.select({ id: organizations.id, parentId: organizations.parentId }).from(organizations),
    ex.select({ id: campaigns.id, organizationId: campaigns.organizationId }).from(campaigns),
  ]);
  const scope: Scope = { campaignOrg: {}, orgParent: {} };
  for (const o of orgs) scope.orgParent[o.id] = o.parentId;
  for (const c of cs) scope.campaignOrg[c.id] = c.organizationId;
  return scope;
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
  u: { organizationId: number; username: string; displayName: string; passwordHash: string; mustChangePassword?: boolean; phone?: string | null },
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

export async function grantsOf(ex: Executor, userIds: number[]): Promise<GrantRow[]> {
  if (userIds.length === 0) return [];
  return ex.select().from(roleGrants).where(inArray(roleGrants.userId, userIds)).orderBy(asc(roleGrants.id));
}

export async function insertGrants(ex: Executor, userId: number, list: NewGrant[]): Promise<void> {
  if (list.length === 0) return;
  await ex.insert(roleGrants).values(list.map((g) => ({ ...g, userId })));
}

export async function deleteGrants(ex: Executor, userId: number): Promise<void> {
  await ex.delete(roleGrants).where(eq(roleGrants.userId, userId));
}
