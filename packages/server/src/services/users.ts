// Users as the API shows them (with assignments), and creating them.
import type { Executor } from '../db/client.ts';
import type { Role } from '../db/schema.ts';
import { AppError } from '../errors.ts';
import { hashPassword } from '../auth/password.ts';
import { describeProblems, passwordProblems } from '../auth/password-policy.ts';
import { assignmentsOf, ensureOrganization, findUserByUsername, insertAssignments, insertUser, listUsers, type AssignmentRow, type UserRow } from '../repositories/users.ts';
import { findCampaign } from '../repositories/campaigns.ts';
import type { AssignmentDto, UserDto } from '../schemas/common.ts';
import type { Ctx } from './context.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { AuditActor } from './context.ts';
import { campaignSpec } from './campaigns.ts';

export const ORGANIZATION_NAME = '县委组织部';

function toAssignment(a: AssignmentRow): AssignmentDto {
  return {
    campaignId: a.campaignId,
    ...(a.unitId ? { unitId: a.unitId } : {}),
    ...(a.indicatorId ? { indicatorId: a.indicatorId } : {}),
  };
}

export function toUserDto(u: UserRow, assignments: AssignmentRow[]): UserDto {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role, assignments: assignments.map(toAssignment), mustChangePassword: u.mustChangePassword };
}

export async function userWithAssignments(ex: Executor, u: UserRow): Promise<UserDto> {
  return toUserDto(u, await assignmentsOf(ex, [u.id]));
}

export async function listUserDtos(ctx: Ctx): Promise<UserDto[]> {
  const rows = await listUsers(ctx.db);
  const all = await assignmentsOf(ctx.db, rows.map((r) => r.id));
  return rows.map((u) => toUserDto(u, all.filter((a) => a.userId === u.id)));
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  assignments?: AssignmentDto[];
  /** the password is someone else's choice (an admin's, or printed at first start): changed at first sign-in */
  mustChangePassword?: boolean;
}

/** `by`: who creates the user (null: the system, at first start) */
export async function createUser(ctx: Ctx, input: NewUser, by: AuditActor | null = null): Promise<UserDto> {
  const problems = passwordProblems(input.password, input.username);
  if (problems.length > 0) throw new AppError('validation_failed', describeProblems(problems));
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction(async (tx) => {
    if (await findUserByUsername(tx, input.username)) {
      throw new AppError('conflict', { zh: `用户名“${input.username}”已存在`, en: `Username "${input.username}" is taken` });
    }
    const assignments = input.assignments ?? [];
    for (const a of assignments) await checkAssignment(tx, ctx, a);
    const organizationId = await ensureOrganization(tx, ORGANIZATION_NAME);
    const user = await insertUser(tx, { organizationId, username: input.username, displayName: input.displayName, role: input.role, passwordHash, mustChangePassword: input.mustChangePassword ?? false });
    await insertAssignments(tx, user.id, assignments.map((a) => ({ campaignId: a.campaignId, unitId: a.unitId ?? null, indicatorId: a.indicatorId ?? null })));
    const dto = await userWithAssignments(tx, user);
    await appendAudit(tx, ctx.now(), [{ actor: by ? { id: by.id, username: by.username } : null, action: 'user.create', subject: user.username, after: { role: dto.role, displayName: dto.displayName, assignments: dto.assignments } }]);
    return dto;
  });
}

/** An assignment must name a campaign that exists and a unit / indicator its current spec declares. */
async function checkAssignment(ex: Executor, ctx: Ctx, a: AssignmentDto): Promise<void> {
  const campaign = await findCampaign(ex, a.campaignId);
  if (!campaign) throw AppError.notFound({ zh: `竞赛“${a.campaignId}”`, en: `Campaign "${a.campaignId}"` });
  const spec = await campaignSpec(ex, ctx, campaign);
  if (a.unitId !== undefined && !spec.units.some((u) => u.id === a.unitId)) {
    throw new AppError('validation_failed', { zh: `竞赛中没有单位“${a.unitId}”`, en: `The campaign has no unit "${a.unitId}"` });
  }
  if (a.indicatorId !== undefined && !spec.indicators.some((d) => d.id === a.indicatorId)) {
    throw new AppError('validation_failed', { zh: `竞赛中没有指标“${a.indicatorId}”`, en: `The campaign has no indicator "${a.indicatorId}"` });
  }
}
