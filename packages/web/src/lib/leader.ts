// What a leader leads (issue 10 item 14): the campaigns where they hold the leader role, and in each
// the units and indicators assigned to them by their leader grants (none assigned: every unit,
// every indicator). Reads only what GET /auth/me says; the server decides what they may read.
import type { User } from '../api/types.ts';
import { rolesIn } from './permissions.ts';

/** Is the user a leader first of all (no organizer or admin role anywhere)? They land on 我的分管. */
export function isLeaderFirst(u: User | null): boolean {
  if (!u) return false;
  const grants = u.grants ?? [];
  if (grants.some((g) => g.role === 'admin' || g.role === 'organizer')) return false;
  return grants.some((g) => g.role === 'leader') || (grants.length === 0 && u.role === 'leader');
}

/** Whether the user leads in this campaign (the leader role applies there). */
export const leadsIn = (u: User, campaignId: string) => rolesIn(u, campaignId).includes('leader');

export interface Led {
  /** the assigned units; null: every unit */
  units: Set<string> | null;
  /** the assigned indicators; null: every indicator */
  indicators: Set<string> | null;
}

/** The units and indicators a leader's grants assign to them in a campaign. */
export function ledIn(u: User, campaignId: string): Led {
  const mine = (u.grants ?? []).filter((g) => g.role === 'leader' && (g.campaignId === campaignId || g.campaignId == null));
  const units = mine.filter((g) => g.unitId).map((g) => g.unitId as string);
  const indicators = mine.filter((g) => g.indicatorId).map((g) => g.indicatorId as string);
  return { units: units.length ? new Set(units) : null, indicators: indicators.length ? new Set(indicators) : null };
}
