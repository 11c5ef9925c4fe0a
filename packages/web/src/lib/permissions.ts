// What the interface offers to whom. This mirrors the server's policy only to hide what a user may
// not use; the server decides every request on its own (deny by default) and refuses the rest.
// A user holds several roles (grants) in several organizations; GET /auth/me says which roles apply
// in each campaign they reach (`campaignRoles`), and every check here asks about one campaign.
import type { InputKind, Role, User } from '../api/types.ts';

/** The user's roles in a campaign, strongest first ([] when the campaign is out of reach). */
export function rolesIn(u: User, campaignId: string): Role[] {
  if (u.campaignRoles) return u.campaignRoles[campaignId] ?? [];
  // an answer without roles per campaign (older server): the single role everywhere
  return [u.role];
}

const manages = (u: User, campaignId: string) => rolesIn(u, campaignId).some((r) => r === 'admin' || r === 'organizer');
const isAdmin = (u: User) => (u.grants ?? []).some((g) => g.role === 'admin') || u.role === 'admin';

/** The user's own grants in a campaign (a reporter's units, a scorer's indicators). */
const grantsIn = (u: User, campaignId: string) =>
  (u.grants ?? u.assignments.map((a) => ({ ...a, role: u.role }))).filter((g) => g.campaignId === campaignId);

/** The user's strongest role in a campaign (undefined: out of reach). */
export const roleIn = (u: User, campaignId: string): Role | undefined => rolesIn(u, campaignId)[0];

/** Only a reporter in this campaign (the rules that bind units apply). */
export const reportsOnlyIn = (u: User, campaignId: string) => rolesIn(u, campaignId)[0] === 'reporter';

/**
 * Without a campaign: may the user create campaigns (organizes some organization)? With one: may
 * they manage it (spec, bulletins) — the organizers of its organization.
 */
export function canEditCampaigns(u: User | null, campaignId?: string): boolean {
  if (!u) return false;
  if (campaignId !== undefined) return manages(u, campaignId);
  return isAdmin(u) || (u.organizes ?? []).length > 0 || (!u.campaignRoles && u.role === 'organizer');
}

/** Units whose figures this user may see in the entry grid: null means every unit. */
export function visibleUnits(u: User, campaignId: string): Set<string> | null {
  if (!reportsOnlyIn(u, campaignId)) return null;
  return new Set(grantsIn(u, campaignId).filter((g) => g.role === 'reporter' && g.unitId).map((g) => g.unitId as string));
}

/** Whether the user reads this unit's own figures and explanations (a reporter: their own unit only). */
export function canReadUnitFigures(u: User | null, campaignId: string, unitId: string): boolean {
  if (!u) return false;
  const units = visibleUnits(u, campaignId);
  return units === null || units.has(unitId);
}

export function canSeeUnitEntry(u: User, campaignId: string, unitId: string): boolean {
  if (!canOpenEntry(u, campaignId)) return false;
  const units = visibleUnits(u, campaignId);
  return units === null || units.has(unitId);
}

export function canOpenEntry(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  if (manages(u, campaignId)) return true;
  return grantsIn(u, campaignId).some((g) => (g.role === 'reporter' && !!g.unitId) || (g.role === 'scorer' && !!g.indicatorId));
}

/** May this user type into the cell (unit, indicator)? */
export function canEnterCell(u: User, campaignId: string, unitId: string, indicatorId: string, input: InputKind): boolean {
  if (manages(u, campaignId)) return true;
  const mine = grantsIn(u, campaignId);
  // scorers give the points of their indicators; reporters report their own unit's measured figures
  if (input === 'score' && mine.some((g) => g.role === 'scorer' && g.indicatorId === indicatorId)) return true;
  return input === 'value' && mine.some((g) => g.role === 'reporter' && g.unitId === unitId);
}

const ownsUnitIn = (u: User, campaignId: string, unitId?: string) =>
  grantsIn(u, campaignId).some((g) => g.role === 'reporter' && !!g.unitId && (unitId === undefined || g.unitId === unitId));

/** 考核期: state, deadline, 催报 list and reminders — the campaign's organizers. */
export const canManagePeriods = (u: User | null, campaignId: string) => !!u && manages(u, campaignId);

/** 审核: organizers for every indicator, a scorer for the indicators assigned to them. */
export function canVerify(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  return manages(u, campaignId) || grantsIn(u, campaignId).some((g) => g.role === 'scorer' && !!g.indicatorId);
}

/** 消息: a unit's reminders and returned figures (organizers see every unit's); a scoring section
 *  the scores of its indicators returned to it. */
export function canReadInbox(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  return manages(u, campaignId) || ownsUnitIn(u, campaignId)
    || grantsIn(u, campaignId).some((g) => g.role === 'scorer' && !!g.indicatorId);
}

/** 申诉: a unit's reporter for their own unit, organizers for any. */
export function canAppeal(u: User | null, campaignId: string, unitId: string): boolean {
  if (!u) return false;
  return manages(u, campaignId) || ownsUnitIn(u, campaignId, unitId);
}

/** Corrections and appeals list: everyone who reads the campaign. */
export const canReadRequests = (u: User | null) => !!u;
export const canDecideRequests = (u: User | null, campaignId: string) => !!u && manages(u, campaignId);
/** 审计日志: admins, and organizers (the entries of the campaigns they manage). */
export const canReadAudit = (u: User | null) => !!u && (isAdmin(u) || (u.grants ?? []).some((g) => g.role === 'organizer') || u.role === 'organizer');
/** 总览: the campaigns of one's organization and those below — organizers and leaders of an organization. */
export const canReadOverview = (u: User | null) => !!u && (isAdmin(u) || (u.grants ?? []).some((g) => (g.role === 'organizer' || g.role === 'leader') && g.organizationId !== undefined));

/** May a figure of a period in this state be changed by this user? (the server checks again) */
export function periodAllowsEdit(u: User, state: string | undefined, figureStatus: string | undefined, campaignId?: string): boolean {
  if (state === 'closed' || state === 'unopened') return false;
  const reporter = campaignId === undefined ? u.role === 'reporter' : reportsOnlyIn(u, campaignId);
  if (state === 'verification' && reporter) return figureStatus === 'returned';
  return true;
}

/** 实绩台账 of a person campaign: the reporters of the person's competitor keep it, and organizers. */
export function canKeepLedger(u: User | null, campaignId: string, unitId: string): boolean {
  if (!u) return false;
  return manages(u, campaignId) || ownsUnitIn(u, campaignId, unitId);
}

/** A ledger entry is verified by the section responsible for its key work (the indicator's scorers), and organizers. */
export function canVerifyLedger(u: User | null, campaignId: string, indicatorId: string): boolean {
  if (!u) return false;
  return manages(u, campaignId) || grantsIn(u, campaignId).some((g) => g.role === 'scorer' && g.indicatorId === indicatorId);
}
