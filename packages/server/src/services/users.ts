// Users as the API shows them (with their role grants), and creating them. A user belongs to one
// organization and holds any number of grants (policy.ts): a role on an organization or on a campaign.
import type { Executor } from '../db/client.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { describeProblems, passwordProblems } from '../auth/password-policy.ts';
import { can, type Actor } from '../policy.ts';
import {
  ensureOrganization, findOrganization, findUserByUsername, grantsOf, insertGrants, insertUser, listUsers, loadScope, type GrantRow, type UserRow,
} from '../repositories/users.ts';
import { findCampaign } from '../repositories/campaigns.ts';
import type { AssignmentDto, GrantDto, UserDto } from '../schemas/common.ts';
import type { Ctx } from './context.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { AuditActor } from './context.ts';
import { campaignSpec } from './campaigns.ts';

export const ORGANIZATION_NAME = '县委组织部';

const ROLE_ORDER: Role[] = ['admin', 'organizer', 'leader', 'scorer', 'reporter'];

function toGrant(g: GrantRow): GrantDto {
  return {
    role: g.role,
    ...(g.organizationId != null ? { organizationId: g.organizationId } : {}),
    ...(g.campaignId != null ? { campaignId: g.campaignId } : {}),
    ...(g.unitId ? { unitId: g.unitId } : {}),
    ...(g.indicatorId ? { indicatorId: g.indicatorId } : {}),
  };
}

export function toUserDto(u: UserRow, grantRows: GrantRow[]): UserDto {
  const grants = grantRows.map(toGrant);
  const role = ROLE_ORDER.find((r) => grants.some((g) => g.role === r)) ?? 'reporter';
  const assignments: AssignmentDto[] = grants.filter((g) => g.campaignId !== undefined).map((g) => ({
    campaignId: g.campaignId as string,
    ...(g.unitId ? { unitId: g.unitId } : {}),
    ...(g.indicatorId ? { indicatorId: g.indicatorId } : {}),
  }));
  return {
    id: u.id, username: u.username, displayName: u.displayName, organizationId: u.organizationId, role, grants, assignments,
    mustChangePassword: u.mustChangePassword, phone: u.phone ?? null, disabled: u.disabled,
  };
}

export async function userWithAssignments(ex: Executor, u: UserRow): Promise<UserDto> {
  return toUserDto(u, await grantsOf(ex, [u.id]));
}

/** The users an actor may manage: all for an admin, an organizer's organization and below. */
export async function listUserDtos(ctx: Ctx, actor?: Actor): Promise<UserDto[]> {
  const rows = await listUsers(ctx.db);
  const all = await grantsOf(ctx.db, rows.map((r) => r.id));
  const scope = actor && (actor.scope ?? (await loadScope(ctx.db)));
  return rows
    .filter((u) => !actor || can({ ...actor, scope }, 'users.manage', { organizationId: u.organizationId }))
    .map((u) => toUserDto(u, all.filter((a) => a.userId === u.id)));
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  /** the organization the user belongs to (default: the root) */
  organizationId?: number;
  /** one role, placed as it always was: admins, organizers and leaders on the user's organization,
   *  reporters and scorers on their assignments (with none, on the organization) */
  role?: Role;
  assignments?: AssignmentDto[];
  /** further grants, each on an organization or a campaign */
  grants?: GrantDto[];
  /** a contact number (optional) */
  phone?: string | null;
  /** the password is someone else's choice (an admin's, or printed at first start): changed at first sign-in */
  mustChangePassword?: boolean;
}

/** The grants a new user's `role` and `assignments` stand for, plus the explicit ones. */
export function grantsOfInput(input: Pick<NewUser, 'role' | 'assignments' | 'grants'>, organizationId: number): GrantDto[] {
  const out: GrantDto[] = [];
  const assignments = input.assignments ?? [];
  if (input.role) {
    const onCampaigns = input.role === 'reporter' || input.role === 'scorer';
    if (!onCampaigns || assignments.length === 0) out.push({ role: input.role, organizationId });
    if (onCampaigns) for (const a of assignments) out.push({ role: input.role, ...a });
  }
  out.push(...(input.grants ?? []));
  return out;
}

/** `by`: who creates the user (null: the system, at first start) */
export async function createUser(ctx: Ctx, input: NewUser, by: (AuditActor & Partial<Actor>) | null = null): Promise<UserDto> {
  const problems = passwordProblems(input.password, input.username);
  if (problems.length > 0) throw new AppError('validation_failed', describeProblems(problems));
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => insertNewUser(tx, ctx, input, passwordHash, by));
}

/** Creates a user within the caller's transaction (a bulk creation writes all or nothing). */
export async function insertNewUser(
  tx: Executor, ctx: Ctx, input: Omit<NewUser, 'password'>, passwordHash: string, by: (AuditActor & Partial<Actor>) | null = null,
): Promise<UserDto> {
  if (await findUserByUsername(tx, input.username)) {
    throw new AppError('conflict', { zh: `用户名“${input.username}”已存在`, en: `Username "${input.username}" is taken` });
  }
  const organizationId = input.organizationId ?? (await ensureOrganization(tx, ORGANIZATION_NAME));
  if (!(await findOrganization(tx, organizationId))) throw AppError.notFound({ zh: `组织（编号 ${organizationId}）`, en: `Organization ${organizationId}` });
  const grants = grantsOfInput(input, organizationId);
  if (grants.length === 0) throw new AppError('validation_failed', { zh: '请至少给出一个角色', en: 'Give the user at least one role' });
  // a request's actor may only place the user and grants within what they manage
  const actor = by?.grants ? { id: by.id, grants: by.grants, scope: by.scope ?? (await loadScope(tx)) } : null;
  if (actor && !can(actor, 'users.manage', { organizationId })) throw new AppError('forbidden', { zh: '不能在该组织中创建用户', en: 'You may not create users in that organization' });
  for (const g of grants) await checkGrant(tx, ctx, g, actor);
  const user = await insertUser(tx, {
    organizationId, username: input.username, displayName: input.displayName, passwordHash, mustChangePassword: input.mustChangePassword ?? false, phone: input.phone ?? null,
  });
  await insertGrants(tx, user.id, grants.map((g) => ({
    role: g.role, organizationId: g.organizationId ?? null, campaignId: g.campaignId ?? null, unitId: g.unitId ?? null, indicatorId: g.indicatorId ?? null,
  })));
  const dto = await userWithAssignments(tx, user);
  await appendAudit(tx, ctx.now(), [{
    actor: by ? { id: by.id, username: by.username } : null, action: 'user.create', subject: user.username,
    after: { role: dto.role, displayName: dto.displayName, organizationId, grants: dto.grants },
  }]);
  return dto;
}

/**
 * A grant must be on exactly one organization or campaign that exists, name a unit / indicator the
 * campaign's current spec declares, and (for a request's actor) lie within what the actor manages.
 */
export async function checkGrant(ex: Executor, ctx: Ctx, g: GrantDto, actor: Actor | null): Promise<void> {
  if ((g.organizationId === undefined) === (g.campaignId === undefined)) {
    throw new AppError('validation_failed', { zh: '每个角色须指定一个组织或一项竞赛', en: 'Each role grant names either an organization or a campaign' });
  }
  if (g.organizationId !== undefined) {
    if (!(await findOrganization(ex, g.organizationId))) throw AppError.notFound({ zh: `组织（编号 ${g.organizationId}）`, en: `Organization ${g.organizationId}` });
    if (g.unitId !== undefined || g.indicatorId !== undefined) {
      throw new AppError('validation_failed', { zh: '单位和指标只能在竞赛中指定', en: 'Units and indicators are named within a campaign' });
    }
    if (actor && !can(actor, 'users.manage', { organizationId: g.organizationId, role: g.role })) {
      throw new AppError('forbidden', { zh: '不能授予该组织的角色', en: 'You may not grant roles in that organization' });
    }
    return;
  }
  const campaignId = g.campaignId as string;
  const campaign = await findCampaign(ex, campaignId);
  if (!campaign) throw AppError.notFound({ zh: `竞赛“${campaignId}”`, en: `Campaign "${campaignId}"` });
  if (actor && (g.role === 'admin' || !can(actor, 'campaign.edit', { campaignId }))) {
    throw new AppError('forbidden', { zh: `不能授予竞赛“${campaign.name}”中的角色`, en: `You may not grant roles in campaign "${campaign.name}"` });
  }
  const spec = await campaignSpec(ex, ctx, campaign);
  if (g.unitId !== undefined && !spec.units.some((u) => u.id === g.unitId)) {
    throw new AppError('validation_failed', { zh: `竞赛中没有单位“${g.unitId}”`, en: `The campaign has no unit "${g.unitId}"` });
  }
  if (g.indicatorId !== undefined && !spec.indicators.some((d) => d.id === g.indicatorId)) {
    throw new AppError('validation_failed', { zh: `竞赛中没有指标“${g.indicatorId}”`, en: `The campaign has no indicator "${g.indicatorId}"` });
  }
}
