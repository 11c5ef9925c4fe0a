// The overview of an organization (县委组织部: the campaigns of every level; a town: its own): each
// campaign's periods and their state, who has not reported in the current period, pending
// corrections and appeals, and its open accountability cases (how many overdue).
import type { Spec } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, isWithin, type Actor } from '../policy.ts';
import { listCampaigns } from '../repositories/campaigns.ts';
import { bulletinStatesOf, figureStatesOf, pendingRequestCounts, periodInfosOf } from '../repositories/overview.ts';
import { listOrganizations, loadScope } from '../repositories/users.ts';
import type { OverviewDto } from '../schemas/overview.ts';
import type { Ctx } from './context.ts';
import { toOrganizationDto } from './organizations.ts';
import { campaignSpec } from './campaigns.ts';
import { caseCountsOf } from './cases.ts';
import { missingOf, periodsOf } from './periods.ts';

/** The organization an actor's overview starts from when none is named: the highest they organize or lead. */
function defaultOrganization(actor: Actor & { organizationId?: number }): number | undefined {
  const orgs = actor.grants.filter((g) => (g.role === 'organizer' || g.role === 'leader' || g.role === 'admin') && g.organizationId != null).map((g) => g.organizationId as number);
  return orgs.find((o) => !orgs.some((p) => p !== o && isWithin(actor.scope, o, p))) ?? actor.organizationId;
}

export async function overview(ctx: Ctx, actor: Actor & { organizationId?: number }, organizationId?: number): Promise<OverviewDto> {
  const who = { ...actor, scope: actor.scope ?? (await loadScope(ctx.db)) };
  const orgId = organizationId ?? defaultOrganization(who);
  const orgs = await listOrganizations(ctx.db);
  const org = orgs.find((o) => o.id === orgId);
  if (!org || !can(who, 'overview.read', { organizationId: org.id })) throw AppError.notFound({ zh: '该组织', en: 'Organization' });
  const byId = new Map(orgs.map((o) => [o.id, o]));
  const depth = (id: number) => { let d = 0; for (let at = byId.get(id)?.parentId; at != null && d < 64; at = byId.get(at)?.parentId) d += 1; return d; };
  const rows = (await listCampaigns(ctx.db))
    .filter((c) => isWithin(who.scope, c.organizationId, org.id) && can(who, 'campaign.read', { campaignId: c.id }))
    // the organization's own campaigns first, then each level below
    .sort((a, b) => depth(a.organizationId) - depth(b.organizationId) || a.organizationId - b.organizationId || a.id.localeCompare(b.id));
  // a constant number of queries for all the campaigns (not per campaign), in one snapshot
  const ids = rows.map((c) => c.id);
  const campaigns = await ctx.db.transaction(async (tx) => {
    const specs: Spec[] = [];
    for (const c of rows) specs.push(await campaignSpec(tx, ctx, c)); // cached per version: no query once read
    const infos = await periodInfosOf(tx, ids);
    const figures = await figureStatesOf(tx, ids);
    const bulletins = await bulletinStatesOf(tx, ids);
    const pending = await pendingRequestCounts(tx, ids);
    const now = ctx.now();
    const caseCounts = await caseCountsOf(tx, ids, now);
    return rows.map((c, i) => {
      const mine = figures.get(c.id) ?? [];
      const periods = periodsOf(specs[i], infos.get(c.id) ?? new Map(), mine, bulletins.get(c.id) ?? [], now);
      // the first period started and not yet closed (one not yet open has nobody to chase)
      const current = periods.find((p) => p.state === 'open' || p.state === 'verification')?.period ?? null;
      const missing = current === null ? [] : missingOf(specs[i], current, mine).map((m) => ({ unit: m.unit, name: m.name, indicators: m.indicators.length }));
      const o = byId.get(c.organizationId);
      return {
        id: c.id, name: c.name, status: c.status, organization: toOrganizationDto(o ?? org), manage: can(who, 'campaign.edit', { campaignId: c.id }),
        periods, current, missing, pendingRequests: pending.get(c.id) ?? 0,
        openCases: caseCounts.get(c.id)?.open ?? 0, overdueCases: caseCounts.get(c.id)?.overdue ?? 0,
      };
    });
  }, { isolationLevel: 'repeatable read', accessMode: 'read only' });
  return { organization: toOrganizationDto(org), campaigns };
}
