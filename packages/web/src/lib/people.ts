// Who may manage people, ledgers and the honours register in the interface (the API decides anyway):
// admins and organizers of an organization.
import type { User } from '../api/types.ts';

export function canManagePeople(u: User | null): boolean {
  return !!u && u.grants.some((g) => g.role === 'admin' || (g.role === 'organizer' && g.organizationId !== undefined && g.campaignId === undefined));
}
