// What the account pages pick from and show by name: the campaigns the user reaches (with their
// units and indicators) and the organizations they see. Ids never reach the screen where a name exists.
import { getCampaign, listCampaigns } from '../../api/endpoints.ts';
import { listOrganizations } from '../../api/accounts.ts';
import type { Organization } from '../../api/types.ts';
import { useAsync } from '../../hooks/useAsync.ts';

export interface CampaignInfo {
  id: string;
  name: string;
  organizationId: number;
  units: { id: string; name: string }[];
  indicators: { id: string; name: string }[];
}

export interface Catalog {
  campaigns: CampaignInfo[];
  campaign: Map<string, CampaignInfo>;
  organizations: Organization[];
  organization: Map<number, Organization>;
}

async function loadCatalog(): Promise<Catalog> {
  const [{ campaigns }, { organizations }] = await Promise.all([listCampaigns(), listOrganizations()]);
  const details = await Promise.all(campaigns.map((c) => getCampaign(c.id).catch(() => null)));
  const infos: CampaignInfo[] = campaigns.map((c, i) => ({
    id: c.id,
    name: c.name,
    organizationId: c.organizationId,
    units: details[i]?.model.units.map((u) => ({ id: u.id, name: u.name })) ?? [],
    indicators: details[i]?.model.indicators.map((d) => ({ id: d.id, name: d.name })) ?? [],
  }));
  return {
    campaigns: infos,
    campaign: new Map(infos.map((c) => [c.id, c])),
    organizations,
    organization: new Map(organizations.map((o) => [o.id, o])),
  };
}

export function useCatalog() {
  return useAsync(loadCatalog, []);
}

/** The organizations at or below any of `roots` (all when `roots` is null: an admin), parents first. */
export function organizationsBelow(all: Organization[], roots: number[] | null): Organization[] {
  if (roots === null) return all;
  const keep = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of all) if (o.parentId !== null && keep.has(o.parentId) && !keep.has(o.id)) { keep.add(o.id); grew = true; }
  }
  return all.filter((o) => keep.has(o.id));
}

/** An organization's name with its parents (县委组织部 / 甲镇党委). */
export function orgPath(o: Organization | undefined, byId: Map<number, Organization>): string {
  const parts: string[] = [];
  for (let at = o, depth = 0; at && depth < 16; at = at.parentId !== null ? byId.get(at.parentId) : undefined, depth += 1) parts.unshift(at.name);
  return parts.join(' / ');
}
