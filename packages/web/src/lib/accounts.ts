// A user's role grants as the account form edits them: one entry per role and campaign (a
// reporter's units, a scorer's indicators, a leader's units and indicators), and back. Pure.
import type { Grant, Role } from '../api/types.ts';

export interface RoleEntry {
  role: Role;
  /** a campaign (reporter, scorer, leader); none: on the organization */
  campaignId?: string;
  /** the organization an entry without a campaign is on (default: the user's own) */
  organizationId?: number;
  unitIds?: string[];
  indicatorIds?: string[];
}

/** Entries from grants, grouped by role and where they apply (the order of first appearance). */
export function entriesOf(grants: Grant[]): RoleEntry[] {
  const out: RoleEntry[] = [];
  const keyOf = (g: Grant) => `${g.role}|${g.campaignId ?? ''}|${g.campaignId ? '' : (g.organizationId ?? '')}`;
  const by = new Map<string, RoleEntry>();
  for (const g of grants) {
    const k = keyOf(g);
    let e = by.get(k);
    if (!e) {
      e = { role: g.role, unitIds: [], indicatorIds: [], ...(g.campaignId ? { campaignId: g.campaignId } : { organizationId: g.organizationId }) };
      by.set(k, e);
      out.push(e);
    }
    if (g.unitId && !e.unitIds?.includes(g.unitId)) e.unitIds?.push(g.unitId);
    if (g.indicatorId && !e.indicatorIds?.includes(g.indicatorId)) e.indicatorIds?.push(g.indicatorId);
  }
  return out;
}

/** Grants from entries; `organizationId`: the user's organization, for entries on no campaign. */
export function grantsOf(entries: RoleEntry[], organizationId: number): Grant[] {
  const out: Grant[] = [];
  for (const e of entries) {
    const units = e.unitIds ?? [];
    const indicators = e.indicatorIds ?? [];
    const onOrg = { role: e.role, organizationId: e.organizationId ?? organizationId };
    if (e.role === 'organizer' || e.role === 'admin' || !e.campaignId) {
      out.push(onOrg);
      continue;
    }
    const campaignId = e.campaignId;
    if (e.role === 'reporter') units.forEach((unitId) => out.push({ role: 'reporter', campaignId, unitId }));
    else if (e.role === 'scorer') indicators.forEach((indicatorId) => out.push({ role: 'scorer', campaignId, indicatorId }));
    else {
      units.forEach((unitId) => out.push({ role: e.role, campaignId, unitId }));
      indicators.forEach((indicatorId) => out.push({ role: e.role, campaignId, indicatorId }));
      if (units.length === 0 && indicators.length === 0) out.push({ role: e.role, campaignId });
    }
  }
  return out;
}

/** What a search over a user matches: name, account, organization, role words, unit and indicator names. */
export function matches(haystack: (string | null | undefined)[], query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return q.split(/\s+/).every((part) => haystack.some((h) => (h ?? '').toLowerCase().includes(part)));
}
