// The organization tree: reading it as far as one may, adding and renaming organizations, and what
// `GET /auth/me` says about the signed-in user's roles per campaign.
import { AppError } from '../errors.ts';
import { can, isWithin, rolesIn, type Actor, type Scope } from '../policy.ts';
import { findOrganization, insertOrganization, listOrganizations, loadScope, updateOrganization, type OrganizationRow } from '../repositories/users.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { OrganizationKind, Role } from '../db/schema.ts';
import type { UserDto } from '../schemas/common.ts';
import type { OrganizationDto } from '../schemas/organizations.ts';
import type { AuditActor, Ctx } from './context.ts';

export const toOrganizationDto = (o: OrganizationRow): OrganizationDto => ({ id: o.id, parentId: o.parentId, name: o.name, kind: o.kind });

/** The organizations a user's grants start from (their own, and every organization granted on). */
function anchors(actor: Actor & { organizationId?: number }): number[] {
  const out = new Set<number>();
  if (actor.organizationId !== undefined) out.add(actor.organizationId);
  for (const g of actor.grants) if (g.organizationId != null) out.add(g.organizationId);
  return [...out];
}

/**
 * The organizations a user sees: every one for an admin; otherwise those at or below the user's
 * organization and the organizations granted on, their ancestors (to show the path), and the
 * organizations of the campaigns the user reaches.
 */
export async function visibleOrganizations(ctx: Ctx, actor: Actor & { organizationId?: number }): Promise<OrganizationDto[]> {
  const rows = await listOrganizations(ctx.db);
  const scope = actor.scope ?? (await loadScope(ctx.db));
  if (actor.grants.some((g) => g.role === 'admin')) return rows.map(toOrganizationDto);
  const starts = anchors(actor);
  const reached = new Set(Object.keys(scope.campaignOrg).filter((c) => rolesIn({ ...actor, scope }, c).length > 0).map((c) => scope.campaignOrg[c]));
  const keep = (o: OrganizationRow) =>
    starts.some((a) => isWithin(scope, o.id, a) || isWithin(scope, a, o.id)) || [...reached].some((r) => isWithin(scope, r, o.id));
  return rows.filter(keep).map(toOrganizationDto);
}

export async function createOrganization(ctx: Ctx, actor: Actor & AuditActor, input: { parentId: number; name: string; kind: OrganizationKind }): Promise<OrganizationDto> {
  return ctx.db.transaction(async (tx) => {
    if (!(await findOrganization(tx, input.parentId))) throw AppError.notFound({ zh: `上级组织（编号 ${input.parentId}）`, en: `Parent organization ${input.parentId}` });
    const scope = actor.scope ?? (await loadScope(tx));
    if (!can({ ...actor, scope }, 'organization.manage', { organizationId: input.parentId })) throw new AppError('forbidden');
    const row = await insertOrganization(tx, input);
    await appendAudit(tx, ctx.now(), [{ actor: { id: actor.id, username: actor.username }, action: 'organization.create', subject: row.name, after: toOrganizationDto(row) }]);
    return toOrganizationDto(row);
  });
}

export async function renameOrganization(ctx: Ctx, actor: Actor & AuditActor, id: number, set: { name?: string; kind?: OrganizationKind }): Promise<OrganizationDto> {
  return ctx.db.transaction(async (tx) => {
    const before = await findOrganization(tx, id);
    const scope = actor.scope ?? (await loadScope(tx));
    if (!before || !can({ ...actor, scope }, 'organization.manage', { organizationId: id })) {
      throw AppError.notFound({ zh: `组织（编号 ${id}）`, en: `Organization ${id}` });
    }
    const row = (await updateOrganization(tx, id, set)) as OrganizationRow;
    await appendAudit(tx, ctx.now(), [{ actor: { id: actor.id, username: actor.username }, action: 'organization.update', subject: row.name, before: toOrganizationDto(before), after: toOrganizationDto(row) }]);
    return toOrganizationDto(row);
  });
}

/** `GET /auth/me`: the user, their organization's name, their roles per campaign and the organizations they organize. */
export async function describeMe(ctx: Ctx, user: UserDto & { scope: Scope; sessionId?: number }) {
  const { sessionId: _s, scope, ...dto } = user;
  const org = await findOrganization(ctx.db, dto.organizationId);
  const campaignRoles: Record<string, Role[]> = {};
  for (const c of Object.keys(scope.campaignOrg)) {
    const roles = rolesIn(user, c);
    if (roles.length > 0) campaignRoles[c] = roles;
  }
  const admin = dto.grants.some((g) => g.role === 'admin');
  const organizes = Object.keys(scope.orgParent).map(Number).filter((o) => admin || dto.grants.some((g) => g.role === 'organizer' && g.organizationId === o));
  return { ...dto, organizationName: org?.name ?? '', campaignRoles, organizes };
}
