// Who may do what: the only place that decides. Deny by default: an action is allowed only when a
// branch below says so. Routes declare the action they need (http/access.ts enforces it before
// the handler runs); services call `can` again for decisions that depend on the request body
// (which unit, which indicator, which organization).
//
// Organizations form a tree (县委组织部 → 乡镇党委 → 村/社区; 县直部门). A user holds role grants:
// - on an organization (organizer, leader, scorer; admin on the root): an organizer manages the
//   campaigns of that organization and reads those of the organizations below it; a leader (and a
//   scorer without a campaign) reads the campaigns of the organization and below;
// - on a campaign (reporter of a unit, scorer of an indicator, or any role for that campaign only):
//   "assigned to it". Nobody reaches a campaign of a sibling or a parent organization otherwise.
// What reaches a campaign is worked out from the actor's grants and `scope` (which organization
// each campaign belongs to, and each organization's parent), loaded with the session.
import type { Role } from './db/schema.ts';

export interface Grant {
  role: Role;
  /** a grant on an organization (and, for reading, the organizations below it) */
  organizationId?: number | null;
  /** a grant on one campaign */
  campaignId?: string | null;
  /** reporters: the unit they report for */
  unitId?: string | null;
  /** scorers: the score-input indicator they score */
  indicatorId?: string | null;
}

/** Where every campaign sits in the organization tree (plain data, loaded with the session). */
export interface Scope {
  /** campaign id → its organization */
  campaignOrg: Record<string, number>;
  /** organization id → its parent (null: a root) */
  orgParent: Record<number, number | null>;
}

export interface Actor {
  id: number;
  grants: Grant[];
  /** absent for actors built outside a request (system jobs, tests): organization grants then reach no campaign */
  scope?: Scope;
}

export type Action =
  | 'users.manage'
  | 'organization.manage'
  | 'campaign.create'
  | 'campaign.edit'
  | 'campaign.read'
  | 'figure.read'
  | 'figure.enter'
  | 'audit.read'
  | 'period.manage'
  | 'figure.verify'
  | 'appeal.create'
  | 'request.read'
  | 'request.decide'
  | 'inbox.read'
  | 'upload.use'
  | 'bulletin.read'
  | 'bulletin.manage'
  | 'kiosk.manage'
  | 'overview.read'
  | 'commitment.read'
  | 'commitment.draft'
  | 'commitment.decide'
  | 'ledger.manage'
  | 'ledger.progress'
  | 'visit.write'
  | 'ballot.manage'
  | 'selection.manage'
  | 'nomination.create'
  | 'person.read'
  | 'person.manage'
  | 'ledger_entry.write'
  | 'ledger_entry.verify'
  | 'case.read'
  | 'case.respond'
  | 'case.manage';

export interface Resource {
  campaignId?: string;
  unitId?: string;
  indicatorId?: string;
  /** input kind of the indicator a figure is for */
  input?: 'value' | 'score' | 'event';
  /** the organization acted on (creating a campaign or a user in it, managing it) */
  organizationId?: number;
  /** users.manage: the role being granted */
  role?: Role;
}

const isAdmin = (a: Actor) => a.grants.some((g) => g.role === 'admin');

/** Is `org` the organization `ancestor` or below it? */
export function isWithin(scope: Scope | undefined, org: number | undefined, ancestor: number | null | undefined): boolean {
  if (org === undefined || ancestor === undefined || ancestor === null) return false;
  let at: number | null | undefined = org;
  // the depth bound guards against a cycle written into the table by hand
  for (let depth = 0; at !== null && at !== undefined && depth < 64; depth += 1) {
    if (at === ancestor) return true;
    at = scope?.orgParent[at];
  }
  return false;
}

/**
 * The grants that apply in one campaign, as roles in it: the actor's own campaign grants, their
 * organization grants where the campaign belongs (organizer, leader, scorer as a reader), and a
 * reader's `leader` for each organizer / leader / scorer grant on an organization above it.
 */
export function grantsIn(actor: Actor, campaignId: string | undefined): Grant[] {
  if (campaignId === undefined) return [];
  if (isAdmin(actor)) return [{ role: 'admin' }];
  const org = actor.scope?.campaignOrg[campaignId];
  const out: Grant[] = [];
  for (const g of actor.grants) {
    if (g.campaignId != null) {
      if (g.campaignId === campaignId) out.push(g);
    } else if (g.organizationId != null && org !== undefined && g.role !== 'reporter') {
      if (g.organizationId === org) out.push(g.role === 'scorer' ? { role: 'leader' } : { role: g.role });
      else if (isWithin(actor.scope, org, g.organizationId)) out.push({ role: 'leader' });
    }
  }
  return out;
}

/** The roles an actor holds in a campaign (strongest first), [] when the campaign is out of reach. */
export function rolesIn(actor: Actor, campaignId: string): Role[] {
  const order: Role[] = ['admin', 'organizer', 'leader', 'scorer', 'reporter'];
  const held = new Set(grantsIn(actor, campaignId).map((g) => g.role));
  return order.filter((r) => held.has(r));
}

/** The role that decides role-dependent rules inside a campaign (e.g. who must explain a figure). */
export function roleIn(actor: Actor, campaignId: string): Role | undefined {
  return rolesIn(actor, campaignId)[0];
}

/**
 * Does the actor write as a reporter only (the rules that bind units: explanations, verification
 * locks)? In a campaign: their strongest role there is reporter; without one: every grant is a reporter's.
 */
export function reportsOnly(actor: Actor, campaignId?: string): boolean {
  if (campaignId !== undefined) return roleIn(actor, campaignId) === 'reporter';
  return actor.grants.length > 0 && actor.grants.every((g) => g.role === 'reporter');
}

/** May the actor manage what belongs to organization `org` (its campaigns, users, sub-organizations)? */
function organizesAt(actor: Actor, org: number | undefined, below: boolean): boolean {
  if (isAdmin(actor)) return true;
  return actor.grants.some((g) => g.role === 'organizer' && g.campaignId == null && g.organizationId != null
    && (org === undefined || g.organizationId === org || (below && isWithin(actor.scope, org, g.organizationId))));
}

export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  const { campaignId } = resource;
  const g = grantsIn(actor, campaignId);
  const has = (...roles: Role[]) => g.some((x) => roles.includes(x.role));
  const manages = has('admin', 'organizer');
  const ownsUnit = () => g.some((x) => x.role === 'reporter' && x.unitId != null && (resource.unitId === undefined || x.unitId === resource.unitId));
  const scoresIndicator = () => g.some((x) => x.role === 'scorer' && x.indicatorId != null && (resource.indicatorId === undefined || x.indicatorId === resource.indicatorId));
  switch (action) {
    case 'users.manage':
      // admins everywhere; an organizer for their organization and those below it (never an admin grant)
      if (isAdmin(actor)) return true;
      if (resource.role === 'admin') return false;
      return organizesAt(actor, resource.organizationId, true);
    case 'organization.manage':
      // adding and renaming organizations: under an organization one organizes
      return organizesAt(actor, resource.organizationId, true);
    case 'overview.read':
      // the overview of an organization's campaigns: its organizers and leaders (and those above)
      if (isAdmin(actor)) return true;
      return actor.grants.some((x) => (x.role === 'organizer' || x.role === 'leader') && x.campaignId == null && x.organizationId != null
        && (resource.organizationId === undefined || isWithin(actor.scope, resource.organizationId, x.organizationId)));
    case 'campaign.create':
      // an organizer creates campaigns of their own organization
      return organizesAt(actor, resource.organizationId, false);
    case 'bulletin.manage':
    case 'kiosk.manage':
      // a route naming a bulletin or a screen link by its id alone asks "organizes some campaign at
      // all?"; the service then checks the bulletin's or link's own campaign
      if (campaignId === undefined) return isAdmin(actor) || actor.grants.some((x) => x.role === 'organizer');
      return manages;
    case 'campaign.edit':
    case 'period.manage':
    case 'request.decide':
      // the campaign's organizers: drafting and publishing bulletins, the lobby screen's tokens,
      // periods, spec versions, decisions on corrections and appeals
      return manages;
    case 'campaign.read':
      return g.length > 0;
    case 'figure.read':
      // a reporter sees their own unit's figures only; without a unit this asks "any at all?"
      if (g.some((x) => x.role !== 'reporter')) return true;
      return ownsUnit();
    case 'figure.enter':
      if (manages) return true;
      // scorers give the points of score-input indicators they are assigned to;
      // reporters report their own unit's measured figures; points and events are given by others
      if ((resource.input === undefined || resource.input === 'score') && scoresIndicator()) return true;
      if ((resource.input === undefined || resource.input === 'value') && ownsUnit()) return true;
      return false;
    case 'upload.use':
      // a figure upload (preview, error workbook, confirmation) is its uploader's: whoever may enter
      // figures at all (in the campaign, when one is named) may open the routes; the service then
      // serves only the caller's own uploads and checks every figure again on confirmation
      if (campaignId !== undefined) return manages || scoresIndicator() || ownsUnit();
      return isAdmin(actor) || actor.grants.some((x) => x.role === 'organizer' || (x.role === 'scorer' && x.indicatorId != null) || (x.role === 'reporter' && x.unitId != null));
    case 'figure.verify':
      // each indicator's responsible section: the scorers assigned to it
      return manages || scoresIndicator();
    case 'inbox.read':
      // a unit's reminders: its reporters; organizers see every unit's; a scoring section sees the
      // figures of its indicators returned to it (services/periods.ts picks the items)
      if (manages || ownsUnit()) return true;
      return resource.unitId === undefined && g.some((x) => x.role === 'scorer' && x.indicatorId != null);
    case 'appeal.create':
      // a unit appeals its own score; organizers may file one for it
      return manages || ownsUnit();
    case 'request.read':
      // corrections and appeals: everyone who reads the campaign; a reporter those of their unit
      if (g.some((x) => x.role !== 'reporter')) return true;
      return ownsUnit();
    case 'audit.read':
      // the log of the campaigns one organizes (the service keeps the rest out of sight)
      return isAdmin(actor) || actor.grants.some((x) => x.role === 'organizer');
    case 'bulletin.read':
      // bulletins (drafts too) are read by the campaign's readers. A route naming a bulletin by its id alone
      // asks "may read some campaign at all?"; the service then checks the bulletin's own campaign.
      if (campaignId === undefined) return actor.grants.some((x) => x.role !== 'reporter' || x.campaignId != null);
      return g.length > 0;
    // Commitments, visit logs, key projects (issue 16; services/commitments.ts, ledgers.ts decide per row)
    case 'commitment.read':
      // the campaign's readers (a reporter: the public ones and their unit's own)
      return g.length > 0;
    case 'commitment.draft':
      // a unit drafts its own (reporters of the unit), a leader their own, organizers any
      return manages || ownsUnit() || has('leader');
    case 'commitment.decide':
    case 'ledger.manage':
      // approving, evaluating, moderating remarks; key projects, the 同奖同惩 export: the campaign's organizers
      return manages;
    case 'ledger.progress':
      // a project's progress: its owner unit, its leader in charge (the service checks which), organizers
      return manages || ownsUnit() || has('leader');
    case 'visit.write':
      // a leader logs their own visits; organizers any leader's
      return manages || has('leader');
    case 'ballot.manage':
    case 'selection.manage':
      // ballots (rater links, turnout, closing) and selections under a quota: the campaign's organizers
      return manages;
    case 'nomination.create':
      // a unit nominates for itself; organizers for any unit. Without a unit: "may nominate at all?"
      return manages || ownsUnit();
    case 'ledger_entry.write':
      // a person campaign's ledger entries [实绩台账]: the competitor's reporters (the service checks
      // the unit), organizers
      return manages || ownsUnit();
    case 'ledger_entry.verify':
      // the section responsible for the entry's key work: the scorers of its indicator; organizers
      return manages || scoresIndicator();
    case 'person.manage':
      // people, their ledgers and the honours register of an organization: its organizers (and those above)
      return organizesAt(actor, resource.organizationId, true);
    case 'person.read':
      // an organization's people: whoever holds a grant on it or above it, or on one of its campaigns.
      // Without an organization this asks "may read some at all?"
      if (isAdmin(actor)) return true;
      if (resource.organizationId === undefined) return actor.grants.length > 0;
      return actor.grants.some((x) => (x.organizationId != null && x.campaignId == null && isWithin(actor.scope, resource.organizationId, x.organizationId))
        || (x.campaignId != null && actor.scope?.campaignOrg[x.campaignId] === resource.organizationId));
    case 'case.read': {
      // accountability cases: the campaign's organizers and scoring sections all; a leader those of
      // the units they lead (every unit when no unit is assigned to them); a reporter their unit's.
      // Without a unit this asks "any at all?" (the service filters the list).
      if (g.some((x) => x.role === 'admin' || x.role === 'organizer' || x.role === 'scorer')) return true;
      const leads = g.filter((x) => x.role === 'leader');
      if (leads.length > 0 && (resource.unitId === undefined || leads.some((x) => x.unitId == null || x.unitId === resource.unitId))) return true;
      return ownsUnit();
    }
    case 'case.respond':
      // signing for a case, its rectification report, its files, asking for more time: the unit's
      // reporters (organizers may act for a unit)
      return manages || ownsUnit();
    case 'case.manage':
      // issuing, reviewing, closing, escalating, deciding extensions, the settings: organizers
      return manages;
    default:
      return false;
  }
}
