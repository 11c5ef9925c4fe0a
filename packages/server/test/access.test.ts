// Deny by default: every registered route declares its access, an undeclared route is refused,
// and every API route refuses anonymous users and every role the policy does not allow. Across
// organizations: a campaign one may not read is not there (404), one read but not one's own to
// change is refused (403).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import type { Role } from '../src/db/schema.ts';
import { makeCampaign, makeMember, makeOrganization, rootOrganization, session, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
const cookies = {} as Record<Role | 'outsider' | 'county' | 'sibling', string>;
const C = 'small-2026';
/** a town's own campaign (the town is below the root, where C belongs) */
const T = 'town-2026';

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  await makeCampaign(t.app, smallSpec('other-2026'));
  for (const role of ['admin', 'organizer', 'scorer', 'reporter', 'leader'] as const) {
    // scorer and reporter are assigned in the campaign, but to something this table never touches
    const assignments = role === 'reporter' ? [{ campaignId: C, unitId: 'c' }] : role === 'scorer' ? [{ campaignId: C, indicatorId: 'style' }] : [];
    cookies[role] = (await session(t.app, role, assignments)).cookie;
  }
  // a reporter of another campaign
  cookies.outsider = (await session(t.app, 'reporter', [{ campaignId: 'other-2026', unitId: 'a' }])).cookie;
  // two towns below the root; town A runs campaign T. The county's organizer reads it, town B's does not reach it.
  const root = await rootOrganization(t.app);
  const townA = await makeOrganization(t.app, root, '甲镇党委');
  const townB = await makeOrganization(t.app, root, '乙镇党委');
  await makeCampaign(t.app, smallSpec(T), [], townA);
  cookies.county = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'organizer', organizationId: root }])).username);
  cookies.sibling = await signIn(t.app, (await makeMember(t.app, townB, [{ role: 'organizer', organizationId: townB }])).username);
});
afterAll(async () => { await t.close(); });

type Who = Role | 'outsider' | 'county' | 'sibling';
interface Case {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  /** who is refused with 403 (anonymous is always refused with 401) */
  refused: Who[];
  payload?: unknown;
}

// Every API route of docs/api-plan.md. Requests are made so that an allowed user would get past
// the permission check; the test only looks at 401 / 403.
const figure = { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' };
const CASES: Case[] = [
  { method: 'GET', url: '/api/v1/auth/me', refused: [] },
  { method: 'POST', url: '/api/v1/auth/password', refused: [], payload: { currentPassword: 'x', newPassword: 'y' } },
  // users: admins, and organizers for their organization and below (the service keeps the rest out)
  { method: 'GET', url: '/api/v1/users', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: '/api/v1/users', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'PATCH', url: '/api/v1/users/1', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: '/api/v1/users/1/password', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: '/api/v1/users/account-sheet', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // accounts in bulk from Excel: the campaign's organizers (the service checks the campaign's organization is theirs)
  { method: 'GET', url: `/api/v1/campaigns/${C}/accounts/template.xlsx`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/accounts/preview`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/accounts`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // the organization tree: everyone signed in sees their part; organizers add below their own
  { method: 'GET', url: '/api/v1/organizations', refused: [] },
  { method: 'POST', url: '/api/v1/organizations', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'PATCH', url: '/api/v1/organizations/1', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // the overview of an organization's campaigns: its organizers and leaders
  { method: 'GET', url: '/api/v1/overview', refused: ['scorer', 'reporter', 'outsider'] },
  // roll-ups (上下联动): the campaign's readers see them, its organizers declare them
  { method: 'GET', url: `/api/v1/campaigns/${C}/rollups`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/rollups`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'DELETE', url: `/api/v1/campaigns/${C}/rollups/1`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: '/api/v1/campaigns', refused: [] },
  { method: 'POST', url: '/api/v1/campaigns', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: { spec: 'x: 1' } },
  { method: 'GET', url: `/api/v1/campaigns/${C}`, refused: ['outsider'] },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/spec`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: { spec: 'x: 1' } },
  { method: 'GET', url: `/api/v1/campaigns/${C}/versions`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/versions/1`, refused: ['outsider'] },
  { method: 'POST', url: '/api/v1/designer/sheet', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/archive`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/figures`, refused: ['outsider'] },
  // figure entry: the scorer may only score `style`, the reporter only report for unit c
  { method: 'PUT', url: `/api/v1/campaigns/${C}/figures`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: figure },
  { method: 'POST', url: `/api/v1/campaigns/${C}/figures/batch`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: { figures: [figure] } },
  { method: 'POST', url: `/api/v1/campaigns/${C}/figures/import`, refused: ['leader', 'outsider'] },
  // the reporter's form: unit a is not the reporter's; the scorer scores only \`style\`, not gdp
  { method: 'POST', url: `/api/v1/campaigns/${C}/figures/preview`, refused: ['reporter', 'leader', 'outsider'], payload: { unit: 'a', period: '2026-Q1', values: {} } },
  { method: 'POST', url: `/api/v1/campaigns/${C}/figures/evidence?unit=a&indicator=gdp&period=2026-Q1`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/figures/evidence?unit=a&period=2026-Q1`, refused: ['reporter', 'outsider'] },
  // no campaign in the URL: whoever may not read the figure gets 404, as if the file did not exist
  { method: 'GET', url: '/api/v1/evidence/x', refused: [] },
  { method: 'DELETE', url: '/api/v1/evidence/x', refused: [] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/results`, refused: ['outsider'] },
  // explanations of a unit: a reporter's own unit only (unit a is not the reporter's)
  { method: 'GET', url: `/api/v1/campaigns/${C}/results/explain?period=2026-Q1&unit=a`, refused: ['reporter', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/units/a/history`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/actions`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/stream`, refused: ['outsider'] },
  { method: 'GET', url: '/api/v1/audit', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: '/api/v1/audit/export', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/periods`, refused: ['outsider'] },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/periods/2026-Q1`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/periods/2026-Q1/missing`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/periods/2026-Q1/reminders`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // a scoring section reads the figures of its indicators returned to it
  { method: 'GET', url: `/api/v1/campaigns/${C}/inbox`, refused: ['leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/inbox/1/read`, refused: ['leader', 'outsider'] },
  // verification: the scorer is assigned to `style`, so may open the route (their queue is filtered)
  { method: 'GET', url: `/api/v1/campaigns/${C}/verification`, refused: ['reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/verification`, refused: ['reporter', 'leader', 'outsider'], payload: { decisions: [] } },
  { method: 'GET', url: `/api/v1/campaigns/${C}/requests`, refused: ['outsider'] },
  // a correction of a figure they may not enter: the service refuses it (403) as well
  { method: 'POST', url: `/api/v1/campaigns/${C}/corrections`, refused: ['leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/appeals`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/requests/1/decision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/figures/history?unit=a&indicator=gdp&period=2026-Q1`, refused: ['reporter', 'outsider'] },
  // the Excel round trip: the scorer's template has their indicator, the reporter's their unit
  { method: 'GET', url: `/api/v1/campaigns/${C}/periods/2026-Q1/template.xlsx`, refused: ['leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/periods/2026-Q1/upload`, refused: ['leader', 'outsider'] },
  // an upload is its uploader's: anyone who may enter figures opens the route, the service finds only their own
  { method: 'GET', url: '/api/v1/uploads/x', refused: ['leader'] },
  { method: 'GET', url: '/api/v1/uploads/x/errors.xlsx', refused: ['leader'] },
  { method: 'POST', url: '/api/v1/uploads/x/confirm', refused: ['leader'] },
  // bulletins: the campaign's readers read them, organizers manage them; a bulletin named by its id alone is
  // found (else 404) by the service for whoever may read its campaign
  { method: 'GET', url: `/api/v1/campaigns/${C}/bulletins`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/bulletins`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: '/api/v1/bulletins/1', refused: [] },
  { method: 'GET', url: '/api/v1/bulletins/1/bulletin.docx', refused: [] },
  { method: 'GET', url: '/api/v1/bulletins/1/bulletin.xlsx', refused: [] },
  { method: 'PATCH', url: '/api/v1/bulletins/1', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'DELETE', url: '/api/v1/bulletins/1', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: '/api/v1/bulletins/1/publish', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  // the lobby big screen's links
  { method: 'POST', url: `/api/v1/campaigns/${C}/kiosk-tokens`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/kiosk-tokens`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: '/api/v1/kiosk-tokens/1/revoke', refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  // public commitments (issue 16): the campaign's readers read them (a reporter: public ones and their unit's), a unit
  // drafts its own and a leader their own (the service checks whose), organizers approve, evaluate and moderate
  { method: 'GET', url: `/api/v1/campaigns/${C}/commitments`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/commitments/1`, refused: ['outsider'] },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/commitments/1`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/submit`, refused: ['scorer', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/decision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/updates`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/report`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/evaluation`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/files?kind=scan`, refused: ['scorer', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/commitments/1/files/x`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/commitments/1/commitment.docx`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/commitments/1/remarks`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/remarks/1/moderation`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // a commitment not kept → a case; the rating ballot: organizers
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitments/1/case`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/commitment-ratings`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // leaders in charge: a leader's page (their own; an organizer's of any leader), visit logs, the 同奖同惩 summary (organizers)
  { method: 'GET', url: `/api/v1/campaigns/${C}/leadership`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/visits`, refused: ['scorer', 'reporter', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/visits`, refused: ['scorer', 'reporter', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/leaders/summary`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/leaders/summary.xlsx`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  // key-project ledgers: readers see them, organizers enter them, the owner unit / leader in charge report progress
  { method: 'GET', url: `/api/v1/campaigns/${C}/projects`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/projects/1`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects/1/progress`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects/1/milestones/1/done`, refused: ['scorer', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects/1/feed`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects/1/progress/1/files`, refused: ['scorer', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/projects/1/files/x`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/projects/1/milestones/1/case`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/ledger-accounting`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // ballots (issue 17): the campaign's organizers open, watch (counts only) and close them
  { method: 'POST', url: `/api/v1/campaigns/${C}/ballots`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/ballots`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/ballots/1`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/ballots/1/close`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  // selections under a quota (model stars): readers see them, units nominate, organizers run them
  { method: 'GET', url: `/api/v1/campaigns/${C}/selections`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/selections/1`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/nominations`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/ranking`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/nominations/1/withdraw`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/voting`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/panel`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/tie`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/publicity`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/objections/1/decision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/selections/1/confirm`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // people, ledgers, the honours register: everyone signed in reads what their grants reach; organizers write
  { method: 'GET', url: '/api/v1/persons', refused: [] },
  { method: 'POST', url: '/api/v1/persons', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: '/api/v1/persons/1', refused: [] },
  { method: 'POST', url: '/api/v1/persons/1/ledger', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // a person campaign's ledger entries: readers list (a reporter their own), reporters and organizers write, sections verify
  { method: 'GET', url: `/api/v1/campaigns/${C}/ledger-entries`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/ledger-entries`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/ledger-entries/1`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/ledger-entries/1/files`, refused: ['scorer', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/ledger-entries/1/files/x`, refused: ['outsider'] },
  { method: 'DELETE', url: `/api/v1/campaigns/${C}/ledger-entries/1/files/x`, refused: ['scorer', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/ledger-entries/1/verify`, refused: ['reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: '/api/v1/honours', refused: [] },
  { method: 'POST', url: '/api/v1/honours', refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // accountability cases (issue 15): the campaign's readers see the board (a reporter their unit's, a leader the units they lead;
  // the service filters), the unit's reporters sign, attach, report and ask for time, organizers issue, review and escalate
  { method: 'GET', url: `/api/v1/campaigns/${C}/case-settings`, refused: ['outsider'] },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/case-settings`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/case-proposals`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/case-proposals`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/case-proposals/1/decision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/cases`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/cases/1`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/cases/1/case.docx`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/sign`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/files`, refused: ['scorer', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/cases/1/files/x`, refused: ['outsider'] },
  { method: 'DELETE', url: `/api/v1/campaigns/${C}/cases/1/files/x`, refused: ['scorer', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/report`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/review`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/extensions`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/extensions/1/decision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/cases/1/escalate`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/cases/1/interview`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // supervision records: read as cases are, written by organizers
  { method: 'GET', url: `/api/v1/campaigns/${C}/supervision`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/supervision`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/supervision/1`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/supervision/1/files`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/supervision/1/files/x`, refused: ['outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/supervision/1/event`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/supervision/1/case`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  // review meetings (双月表态会 / 季度过堂会): read as cases are (a reporter its unit's part), arranged by organizers; a unit may send its statement
  { method: 'GET', url: `/api/v1/campaigns/${C}/meetings`, refused: ['outsider'] },
  { method: 'GET', url: `/api/v1/campaigns/${C}/meeting-laggards?period=2026-Q1`, refused: ['scorer', 'reporter', 'leader', 'outsider'] },
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/meetings/1`, refused: ['outsider'] },
  { method: 'PATCH', url: `/api/v1/campaigns/${C}/meetings/1`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/meetings/1/units`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'PUT', url: `/api/v1/campaigns/${C}/meetings/1/units/a/statement`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings/1/state`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings/1/follow-ups`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings/1/follow-ups/1/case`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings/1/follow-ups/1/done`, refused: ['scorer', 'reporter', 'leader', 'outsider'], payload: {} },
  { method: 'GET', url: `/api/v1/campaigns/${C}/meetings/1/minutes.docx`, refused: ['outsider'] },
  // a called unit's 表态 as a draft commitment: an organizer or the unit's own reporter (issue 16)
  { method: 'POST', url: `/api/v1/campaigns/${C}/meetings/1/units/a/commitment`, refused: ['scorer', 'leader', 'outsider'], payload: {} },
];
// Published results and the big screen: anyone, signed in or not (they serve published bulletins only)
const PUBLIC_URLS = [
  `/api/v1/public/campaigns/${C}`, `/api/v1/public/campaigns/${C}/units/a`, `/api/v1/public/campaigns/${C}/search?q=a`,
  `/api/v1/public/campaigns/${C}/qr.svg`, `/api/v1/public/campaigns/${C}/stream`,
  '/api/v1/public/bulletins/1', '/api/v1/public/bulletins/1/bulletin.docx', '/api/v1/public/bulletins/1/bulletin.xlsx',
  '/api/v1/kiosk/x', '/api/v1/kiosk/x/stream',
  // public commitments: approved ones only (none here)
  `/api/v1/public/campaigns/${C}/commitments`, '/api/v1/public/commitments/1', '/api/v1/public/commitments/1/qr.svg',
  // a rater's ballot form by its one-time link; a selection's 公示 page (issue 17)
  '/api/v1/public/vote/xxxxxxxxxxxx', '/api/v1/public/selections/1',
];

const routeKey = (method: string, url: string) => `${method} ${url.replace(/\/(small-2026|other-2026|town-2026)(?=\/|$)/, '/:id').replace(/\/units\/a(?=\/|$)/, '/units/:unitId').replace('/periods/2026-Q1', '/periods/:period').replace(/\/versions\/1$/, '/versions/:version').replace('/inbox/1/', '/inbox/:reminderId/').replace('/requests/1/', '/requests/:requestId/').replace(/\/uploads\/x(?=\/|$)/, '/uploads/:uploadId').replace(/\/evidence\/x$/, '/evidence/:evidenceId').replace(/\/bulletins\/1(?=\/|$)/, '/bulletins/:bulletinId').replace('/kiosk-tokens/1/', '/kiosk-tokens/:tokenId/').replace(/\/organizations\/1$/, '/organizations/:orgId').replace(/\/users\/1(?=\/|$)/, '/users/:userId').replace(/\/rollups\/1$/, '/rollups/:linkId').replace(/\/kiosk\/x(?=\/|$)/, '/kiosk/:secret').replace(/\/commitments\/1(?=\/|$|\?)/, '/commitments/:commitmentId').replace(/\/files\/x$/, '/files/:fileId').replace('/remarks/1/', '/remarks/:remarkId/').replace(/\/projects\/1(?=\/|$)/, '/projects/:projectId').replace('/milestones/1/', '/milestones/:milestoneId/').replace('/progress/1/', '/progress/:progressId/').replace(/\/ballots\/1(?=\/|$)/, '/ballots/:ballotId').replace(/\/selections\/1(?=\/|$)/, '/selections/:selectionId').replace('/objections/1/', '/objections/:objectionId/').replace('/nominations/1/', '/nominations/:nominationId/').replace(/\/persons\/1(?=\/|$)/, '/persons/:personId').replace(/\/vote\/x+$/, '/vote/:token').replace(/\/case-proposals\/1\//, '/case-proposals/:proposalId/').replace(/\/cases\/1(?=\/|$)/, '/cases/:caseId').replace(/\/supervision\/1(?=\/|$)/, '/supervision/:recordId').replace(/\/meetings\/1(?=\/|$)/, '/meetings/:meetingId').replace(/\/ledger-entries\/1(?=\/|$)/, '/ledger-entries/:entryId').replace(/\/follow-ups\/1\//, '/follow-ups/:followUpId/').replace(/\/extensions\/1\//, '/extensions/:extensionId/').replace(/\/files\/x$/, '/files/:fileId').replace(/\?.*$/, '')}`;
const PUBLIC_API = ['POST /api/v1/auth/login', 'POST /api/v1/auth/logout', 'POST /api/v1/public/commitments/:commitmentId/remarks', ...PUBLIC_URLS.map((u) => routeKey('GET', u)),
  // casting a ballot by its one-time link, filing an objection during 公示 (issue 17: ballots.test.ts, selections.test.ts)
  'POST /api/v1/public/vote/:token', 'POST /api/v1/public/selections/:selectionId/objections'];

describe('declared access', () => {
  it('every registered route declares who may call it', () => {
    const undeclared = t.app.leitai.routes.filter((r) => r.access === undefined);
    expect(undeclared).toEqual([]);
  });

  it('the table below covers every API route', () => {
    const api = t.app.leitai.routes.filter((r) => r.url.startsWith('/api/v1') && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
    const covered = [...CASES.map((c) => routeKey(c.method, c.url)), ...PUBLIC_API].sort();
    expect(covered).toEqual(api);
  });

  it('refuses a route that declares nothing', async () => {
    const db = t.db;
    const app = await buildApp({ databaseUrl: db.url });
    app.get('/api/v1/undeclared', async () => ({ secret: 42 }));
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/undeclared', headers: { cookie: cookies.admin } });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    await app.close();
  });
});

describe.each(PUBLIC_URLS)('GET %s (public)', (url) => {
  it('answers an anonymous user (404: nothing is published)', async () => {
    const res = await t.app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(404);
  });
});

describe.each(CASES)('$method $url', (c) => {
  it('refuses an anonymous user with 401', async () => {
    const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object | undefined });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  // a campaign the user may not read at all answers 404, as if it did not exist
  const hidden = (who: Who) => who === 'outsider' && c.url.includes(`/campaigns/${C}`);
  const refused = c.refused.filter((who) => !hidden(who));
  if (refused.length > 0) {
    it.each(refused)('refuses %s with 403', async (who) => {
      const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object | undefined, headers: { cookie: cookies[who] } });
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    });
  }
  const unseen = c.refused.filter(hidden);
  if (unseen.length > 0) {
    it.each(unseen)('answers %s 404 (a campaign they do not reach)', async (who) => {
      const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object | undefined, headers: { cookie: cookies[who] } });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    });
  }
});

// Across organizations, on every route of a town's campaign: the organizer of a sibling town does
// not reach it (404); the county's organizer reads it as a leader does and changes nothing (403).
describe.each(CASES.filter((c) => c.url.includes(`/campaigns/${C}`)).map((c) => ({ ...c, url: c.url.replace(`/campaigns/${C}`, `/campaigns/${T}`) })))('$method $url (organization scope)', (c) => {
  it('answers the organizer of a sibling town 404', async () => {
    const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object | undefined, headers: { cookie: cookies.sibling } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });

  const leaderRefused = c.refused.includes('leader');
  // an event stream the county may open stays open: stream.test.ts covers reading it
  if (!leaderRefused && c.url.endsWith('/stream')) return;
  it(leaderRefused ? 'refuses the county organizer with 403 (read only)' : 'lets the county organizer read', async () => {
    const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as object | undefined, headers: { cookie: cookies.county } });
    if (leaderRefused) {
      expect(res.statusCode).toBe(403);
      expect(res.json().error.code).toBe('forbidden');
    } else {
      expect(res.statusCode).not.toBe(403);
      expect(res.statusCode).not.toBe(401);
      if (res.statusCode === 404) expect(res.body).not.toContain(T);
    }
  });
});
