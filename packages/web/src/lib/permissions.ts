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
