// Accounts without a technician (issue 18 item 2): organizers (and admins) create, change, disable
// and reset the accounts of their organization and those below it, one by one or many at once from
// an Excel sheet. Passwords chosen by the system are strong and random, shown once in the answer
// (for the printable account sheet) and stored only as hashes: nobody can read them again later.
// Every change is audited.
import type { Executor } from '../db/client.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { hashPassword, randomPassword } from '../auth/password.ts';
import { can, type Actor } from '../policy.ts';
import {
  deleteGrants, findOrganization, findUserById, grantsOf, insertGrants, listOrganizations, listUsers, loadScope, type GrantRow, type UserRow,
} from '../repositories/users.ts';
import { deleteUserSessions, setUserFields } from '../repositories/accounts.ts';
import { findCampaign } from '../repositories/campaigns.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { GrantDto, UserDto } from '../schemas/common.ts';
import type { IssuedAccount } from '../schemas/accounts.ts';
import { campaignSpec } from './campaigns.ts';
import type { AuditActor, Ctx } from './context.ts';
import { checkGrant, createUser, toUserDto, userWithAssignments, type NewUser } from './users.ts';
import { qrSvg } from './qr.ts';
import { usernameOf } from './usernames.ts';

export type Manager = Actor & AuditActor;

const isAdmin = (a: Actor) => a.grants.some((g) => g.role === 'admin');

/** May the actor hand out (or take back) this grant? */
export function grantAllowed(actor: Actor, g: Pick<GrantRow, 'role' | 'organizationId' | 'campaignId'> | GrantDto): boolean {
  if (isAdmin(actor)) return true;
  if (g.role === 'admin') return false;
  if (g.organizationId != null) return can(actor, 'users.manage', { organizationId: g.organizationId, role: g.role });
  if (g.campaignId != null) return can(actor, 'campaign.edit', { campaignId: g.campaignId });
  return false;
}

/**
 * May the actor manage this user: the user belongs to the actor's organization or one below it and
 * every role the user holds is one the actor may give (an organizer never manages an admin, nor
 * someone who holds roles elsewhere).
 */
export function mayManage(actor: Actor, user: Pick<UserRow, 'organizationId'>, grants: Pick<GrantRow, 'role' | 'organizationId' | 'campaignId'>[]): boolean {
  return can(actor, 'users.manage', { organizationId: user.organizationId }) && grants.every((g) => grantAllowed(actor, g));
}

async function withScope<T extends Actor>(ex: Executor, actor: T): Promise<T> {
  return actor.scope ? actor : { ...actor, scope: await loadScope(ex) };
}

/** The login address a printed sheet shows (and its QR code encodes), with the username filled in. */
export function loginUrl(publicUrl: string, username: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/login?u=${encodeURIComponent(username)}`;
}

/** Names of the units and indicators a user's campaign grants name, for the sheet and the list. */
async function issued(ex: Executor, ctx: Ctx, publicUrl: string, user: UserRow, password: string): Promise<IssuedAccount> {
  const grants = await grantsOf(ex, [user.id]);
  const org = await findOrganization(ex, user.organizationId);
  const unitNames: string[] = [];
  const indicatorNames: string[] = [];
  const campaignNames: string[] = [];
  for (const cid of [...new Set(grants.filter((g) => g.campaignId).map((g) => g.campaignId as string))]) {
    const c = await findCampaign(ex, cid);
    if (!c) continue;
    campaignNames.push(c.name);
    const spec = await campaignSpec(ex, ctx, c);
    for (const g of grants.filter((x) => x.campaignId === cid)) {
      const u = g.unitId ? spec.units.find((x) => x.id === g.unitId) : undefined;
      if (u && !unitNames.includes(u.name)) unitNames.push(u.name);
      const d = g.indicatorId ? spec.indicators.find((x) => x.id === g.indicatorId) : undefined;
      if (d && !indicatorNames.includes(d.name)) indicatorNames.push(d.name);
    }
  }
  const url = loginUrl(publicUrl, user.username);
  return {
    userId: user.id, username: user.username, displayName: user.displayName, password,
    organizationName: org?.name ?? '', campaignNames, unitNames, indicatorNames,
    roles: [...new Set(grants.map((g) => g.role))],
    loginUrl: url, qrSvg: await qrSvg(url),
  };
}

/** One account made by a manager: no password given → a random one, shown once (and always changed at first sign-in). */
export async function createAccount(
  ctx: Ctx, actor: Manager, input: Omit<NewUser, 'password' | 'mustChangePassword' | 'username'> & { password?: string; username?: string },
  publicUrl: string, mustChangePassword = true,
): Promise<{ user: UserDto; account: IssuedAccount | null }> {
  const password = input.password ?? randomPassword();
  let username = input.username;
  if (username === undefined) {
    const taken = new Set((await listUsers(ctx.db)).map((u) => u.username.toLowerCase()));
    const base = usernameOf(input.displayName);
    username = base;
    for (let n = 2; taken.has(username); n += 1) username = `${base}${n}`;
  }
  const user = await createUser(ctx, { ...input, username, password, mustChangePassword: input.password === undefined || mustChangePassword }, actor);
  if (input.password !== undefined) return { user, account: null };
  const row = (await findUserById(ctx.db, user.id)) as UserRow;
  return { user, account: await issued(ctx.db, ctx, publicUrl, row, password) };
}

async function requireManaged(ex: Executor, actor: Actor, userId: number): Promise<{ user: UserRow; grants: GrantRow[] }> {
  const user = await findUserById(ex, userId);
  const grants = user ? await grantsOf(ex, [user.id]) : [];
  // a user one may not manage is not there
  if (!user || !can(actor, 'users.manage', { organizationId: user.organizationId })) throw AppError.notFound({ zh: `用户（编号 ${userId}）`, en: `User ${userId}` });
  if (!mayManage(actor, user, grants)) {
    throw new AppError('forbidden', { zh: `“${user.displayName}”拥有您不能授予的角色，不能由您管理`, en: `"${user.displayName}" holds roles you may not grant; you cannot manage this account` });
  }
  return { user, grants };
}

export interface AccountPatch {
  displayName?: string;
  phone?: string | null;
  organizationId?: number;
  /** every role the user is to hold (replaces the ones held) */
  grants?: GrantDto[];
  disabled?: boolean;
}

const grantKey = (g: Pick<GrantRow, 'role' | 'organizationId' | 'campaignId' | 'unitId' | 'indicatorId'> | GrantDto) =>
  [g.role, g.organizationId ?? '', g.campaignId ?? '', g.unitId ?? '', g.indicatorId ?? ''].join('|');

/** Changes a user's name, phone, organization, roles or whether the account is disabled (one audit entry per kind of change). */
export async function updateAccount(ctx: Ctx, actorIn: Manager, userId: number, patch: AccountPatch) {
  return ctx.db.transaction(async (tx) => {
    const actor = await withScope(tx, actorIn);
    const { user, grants } = await requireManaged(tx, actor, userId);
    if (patch.disabled === true && user.id === actor.id) {
      throw new AppError('validation_failed', { zh: '不能停用自己的账号', en: 'You cannot disable your own account' });
    }
    const organizationId = patch.organizationId ?? user.organizationId;
    if (patch.organizationId !== undefined) {
      if (!(await findOrganization(tx, organizationId))) throw AppError.notFound({ zh: `组织（编号 ${organizationId}）`, en: `Organization ${organizationId}` });
      if (!can(actor, 'users.manage', { organizationId })) throw new AppError('forbidden', { zh: '不能把用户移到该组织', en: 'You may not move the user to that organization' });
    }
    const audit: Parameters<typeof appendAudit>[2] = [];
    const who = { id: actor.id, username: actor.username };
    const before = { displayName: user.displayName, phone: user.phone, organizationId: user.organizationId };
    const set: { displayName?: string; phone?: string | null; organizationId?: number; disabled?: boolean } = {};
    if (patch.displayName !== undefined && patch.displayName !== user.displayName) set.displayName = patch.displayName;
    if (patch.phone !== undefined && (patch.phone || null) !== user.phone) set.phone = patch.phone || null;
    if (patch.organizationId !== undefined && patch.organizationId !== user.organizationId) set.organizationId = patch.organizationId;
    if (Object.keys(set).length > 0) {
      audit.push({ actor: who, action: 'user.update', subject: user.username, before, after: { ...before, ...set } });
    }
    if (patch.grants !== undefined) {
      if (patch.grants.length === 0) throw new AppError('validation_failed', { zh: '请至少给出一个角色', en: 'Give the user at least one role' });
      const seen = new Set<string>();
      const next = patch.grants.filter((g) => (seen.has(grantKey(g)) ? false : (seen.add(grantKey(g)), true)));
      for (const g of next) await checkGrant(tx, ctx, g, actor);
      const oldKeys = grants.map(grantKey).sort().join('\n');
      if (oldKeys !== [...seen].sort().join('\n')) {
        await deleteGrants(tx, user.id);
        await insertGrants(tx, user.id, next.map((g) => ({
          role: g.role, organizationId: g.organizationId ?? null, campaignId: g.campaignId ?? null, unitId: g.unitId ?? null, indicatorId: g.indicatorId ?? null,
        })));
        const plain = (g: GrantRow | GrantDto) => Object.fromEntries(Object.entries(g).filter(([k, v]) => v != null && k !== 'id' && k !== 'userId'));
        audit.push({ actor: who, action: 'user.roles', subject: user.username, before: { displayName: user.displayName, grants: grants.map(plain) }, after: { displayName: set.displayName ?? user.displayName, grants: next.map(plain) } });
      }
    }
    if (patch.disabled !== undefined && patch.disabled !== user.disabled) {
      set.disabled = patch.disabled;
      audit.push({ actor: who, action: patch.disabled ? 'user.disable' : 'user.enable', subject: user.username, after: { displayName: set.displayName ?? user.displayName } });
      // a disabled account's sessions end now
      if (patch.disabled) await deleteUserSessions(tx, user.id);
    }
    if (Object.keys(set).length > 0) await setUserFields(tx, user.id, set);
    await appendAudit(tx, ctx.now(), audit);
    return userWithAssignments(tx, (await findUserById(tx, user.id)) as UserRow);
  });
}

/** A new random password for a user, shown once; they change it at their next sign-in, and their sessions end. */
export async function resetAccountPassword(ctx: Ctx, actorIn: Manager, userId: number, publicUrl: string): Promise<IssuedAccount> {
  const password = randomPassword();
  const hash = await hashPassword(password);
  return ctx.db.transaction(async (tx) => {
    const actor = await withScope(tx, actorIn);
    const { user } = await requireManaged(tx, actor, userId);
    if (user.id === actor.id) throw new AppError('validation_failed', { zh: '请通过“修改密码”修改自己的密码', en: 'Change your own password with "Change password"' });
    await setUserFields(tx, user.id, { passwordHash: hash, mustChangePassword: true });
    await deleteUserSessions(tx, user.id);
    await appendAudit(tx, ctx.now(), [{ actor: { id: actor.id, username: actor.username }, action: 'user.password_reset', subject: user.username, after: { displayName: user.displayName } }]);
    return issued(tx, ctx, publicUrl, user, password);
  });
}

/** The users an actor manages (admin: all; organizer: their organization and below), each marked whether the actor may change it. */
export async function listAccounts(ctx: Ctx, actorIn: Actor) {
  const actor = await withScope(ctx.db, actorIn);
  const [rows, orgs] = await Promise.all([listUsers(ctx.db), listOrganizations(ctx.db)]);
  const all = await grantsOf(ctx.db, rows.map((r) => r.id));
  const orgName = new Map(orgs.map((o) => [o.id, o.name]));
  const byUser = new Map<number, GrantRow[]>();
  for (const g of all) byUser.set(g.userId, [...(byUser.get(g.userId) ?? []), g]);
  const out = [];
  for (const u of rows) {
    if (!can(actor, 'users.manage', { organizationId: u.organizationId })) continue;
    const grants = byUser.get(u.id) ?? [];
    const dto = toUserDto(u, grants);
    out.push({ ...dto, organizationName: orgName.get(u.organizationId) ?? '', manageable: mayManage(actor, u, grants), createdAt: u.createdAt.toISOString() });
  }
  return out;
}

export const ROLE_WORDS: Record<Role, string[]> = {
  reporter: ['填报员', '填报人', '填报单位', 'reporter'],
  scorer: ['评分员', '评分人', '评分科室', 'scorer'],
  leader: ['分管领导', '领导', 'leader'],
  organizer: ['组织者', '组织部', 'organizer'],
  admin: [],
};
