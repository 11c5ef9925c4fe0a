// What the interface offers to whom. This mirrors the server's policy only to hide what a user may
// not use; the server decides every request on its own (deny by default) and refuses the rest.
import type { InputKind, User } from '../api/types.ts';

const organizes = (u: User) => u.role === 'admin' || u.role === 'organizer';

export const canEditCampaigns = (u: User | null) => !!u && organizes(u);

/** Units whose figures this user may see in the entry grid: null means every unit. */
export function visibleUnits(u: User, campaignId: string): Set<string> | null {
  if (u.role !== 'reporter') return null;
  return new Set(
    u.assignments.filter((a) => a.campaignId === campaignId && a.unitId).map((a) => a.unitId as string),
  );
}

export function canSeeUnitEntry(u: User, campaignId: string, unitId: string): boolean {
  const units = visibleUnits(u, campaignId);
  if (u.role === 'leader') return false;
  return units === null || units.has(unitId);
}

export function canOpenEntry(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  if (organizes(u)) return true;
  if (u.role === 'leader') return false;
  return u.assignments.some((a) => a.campaignId === campaignId);
}

/** May this user type into the cell (unit, indicator)? */
export function canEnterCell(u: User, campaignId: string, unitId: string, indicatorId: string, input: InputKind): boolean {
  if (organizes(u)) return true;
  const mine = u.assignments.filter((a) => a.campaignId === campaignId);
  if (u.role === 'scorer') return input === 'score' && mine.some((a) => a.indicatorId === indicatorId);
  // reporters report their own unit's measured figures; points and events are given by others
  if (u.role === 'reporter') return input === 'value' && mine.some((a) => a.unitId === unitId);
  return false;
}

const ownsUnitIn = (u: User, campaignId: string, unitId?: string) =>
  u.assignments.some((a) => a.campaignId === campaignId && !!a.unitId && (unitId === undefined || a.unitId === unitId));

/** 考核期: state, deadline, 催报 list and reminders. */
export const canManagePeriods = (u: User | null) => !!u && organizes(u);

/** 审核: organizers for every indicator, a scorer for the indicators assigned to them. */
export function canVerify(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  if (organizes(u)) return true;
  return u.role === 'scorer' && u.assignments.some((a) => a.campaignId === campaignId && !!a.indicatorId);
}

/** 消息: a unit's reminders and returned figures (organizers see every unit's); a scoring section
 *  the scores of its indicators returned to it. */
export function canReadInbox(u: User | null, campaignId: string): boolean {
  if (!u) return false;
  return organizes(u) || (u.role === 'reporter' && ownsUnitIn(u, campaignId))
    || (u.role === 'scorer' && u.assignments.some((a) => a.campaignId === campaignId && !!a.indicatorId));
}

/** 申诉: a unit's reporter for their own unit, organizers for any. */
export function canAppeal(u: User | null, campaignId: string, unitId: string): boolean {
  if (!u) return false;
  return organizes(u) || (u.role === 'reporter' && ownsUnitIn(u, campaignId, unitId));
}

/** Corrections and appeals list: everyone who reads the campaign. */
export const canReadRequests = (u: User | null) => !!u;
export const canDecideRequests = (u: User | null) => !!u && organizes(u);
export const canReadAudit = (u: User | null) => !!u && organizes(u);

/** May a figure of a period in this state be changed by this user? (the server checks again) */
export function periodAllowsEdit(u: User, state: string | undefined, figureStatus: string | undefined): boolean {
  if (state === 'closed') return false;
  if (state === 'verification' && u.role === 'reporter') return figureStatus === 'returned';
  return true;
}
