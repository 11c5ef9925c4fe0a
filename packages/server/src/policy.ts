// Who may do what: the only place that decides. Deny by default: an action is allowed only when a
// branch below says so. Routes declare the action they need (routes/access.ts enforces it before
// the handler runs); services call `can` again for decisions that depend on the request body
// (which unit, which indicator).
import type { Role } from './db/schema.ts';

export interface Assignment {
  campaignId: string;
  unitId?: string | null;
  indicatorId?: string | null;
}

export interface Actor {
  id: number;
  role: Role;
  assignments: Assignment[];
}

export type Action =
  | 'users.manage'
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
  | 'kiosk.manage';

export interface Resource {
  campaignId?: string;
  unitId?: string;
  indicatorId?: string;
  /** input kind of the indicator a figure is for */
  input?: 'value' | 'score' | 'event';
}

const assigned = (a: Actor, campaignId: string | undefined) =>
  campaignId !== undefined && a.assignments.some((x) => x.campaignId === campaignId);

export function can(actor: Actor | null | undefined, action: Action, resource: Resource = {}): boolean {
  if (!actor) return false;
  const { role } = actor;
  switch (action) {
    case 'users.manage':
      return role === 'admin';
    case 'campaign.create':
    case 'campaign.edit':
      return role === 'admin' || role === 'organizer';
    case 'campaign.read':
      if (role === 'reporter') return assigned(actor, resource.campaignId);
      return role === 'admin' || role === 'organizer' || role === 'scorer' || role === 'leader';
    case 'figure.read':
      // A reporter sees their own unit's figures only; without a unit this asks "any at all?".
      if (role === 'reporter') {
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && (resource.unitId === undefined || x.unitId === resource.unitId));
      }
      return role === 'admin' || role === 'organizer' || role === 'scorer' || role === 'leader';
    case 'figure.enter':
      if (role === 'admin' || role === 'organizer') return true;
      if (role === 'scorer') {
        // scorers give the points of score-input indicators they are assigned to
        if (resource.input !== undefined && resource.input !== 'score') return false;
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.indicatorId != null && (resource.indicatorId === undefined || x.indicatorId === resource.indicatorId));
      }
      if (role === 'reporter') {
        // reporters report their own unit's measured figures; points and events are given by others
        if (resource.input !== undefined && resource.input !== 'value') return false;
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.unitId != null && (resource.unitId === undefined || x.unitId === resource.unitId));
      }
      return false;
    case 'period.manage':
      return role === 'admin' || role === 'organizer';
    case 'upload.use':
      // a figure upload (preview, error workbook, confirmation) is its uploader's: whoever may enter
      // figures at all (in the campaign, when one is named) may open the routes; the service then
      // serves only the caller's own uploads and checks every figure again on confirmation
      if (role === 'admin' || role === 'organizer') return true;
      if (role === 'scorer') return actor.assignments.some((x) => (resource.campaignId === undefined || x.campaignId === resource.campaignId) && x.indicatorId != null);
      if (role === 'reporter') return actor.assignments.some((x) => (resource.campaignId === undefined || x.campaignId === resource.campaignId) && x.unitId != null);
      return false;
    case 'figure.verify':
      // each indicator's responsible section: the scorers assigned to it
      if (role === 'admin' || role === 'organizer') return true;
      if (role === 'scorer') {
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.indicatorId != null && (resource.indicatorId === undefined || x.indicatorId === resource.indicatorId));
      }
      return false;
    case 'inbox.read':
      // a unit's reminders: its reporters; organizers see every unit's; a scoring section sees the
      // figures of its indicators returned to it (services/periods.ts picks the items)
      if (role === 'admin' || role === 'organizer') return true;
      if (role === 'reporter') {
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.unitId != null && (resource.unitId === undefined || x.unitId === resource.unitId));
      }
      if (role === 'scorer') return resource.unitId === undefined && actor.assignments.some((x) => x.campaignId === resource.campaignId && x.indicatorId != null);
      return false;
    case 'appeal.create':
      // a unit appeals its own score; organizers may file one for it
      if (role === 'admin' || role === 'organizer') return true;
      if (role === 'reporter') {
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.unitId != null && (resource.unitId === undefined || x.unitId === resource.unitId));
      }
      return false;
    case 'request.read':
      // corrections and appeals: everyone who reads the campaign; a reporter those of their unit
      if (role === 'reporter') {
        return actor.assignments.some((x) => x.campaignId === resource.campaignId && x.unitId != null && (resource.unitId === undefined || x.unitId === resource.unitId));
      }
      return role === 'admin' || role === 'organizer' || role === 'scorer' || role === 'leader';
    case 'request.decide':
      return role === 'admin' || role === 'organizer';
    case 'audit.read':
      return role === 'admin' || role === 'organizer';
    case 'bulletin.read':
      // bulletins (drafts too) are read by the campaign's readers. A route naming a bulletin by its id alone
      // asks "may read some campaign at all?"; the service then checks the bulletin's own campaign.
      if (resource.campaignId === undefined) return role !== 'reporter' || actor.assignments.length > 0;
      return can(actor, 'campaign.read', resource);
    case 'bulletin.manage':
    case 'kiosk.manage':
      // drafting, publishing and correcting bulletins; the lobby screen's tokens
      return role === 'admin' || role === 'organizer';
    default:
      return false;
  }
}
