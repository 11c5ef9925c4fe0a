// Three levels on one installation: the county's organization department at the root, towns below
// it, each running its own campaigns. An organizer manages their organization's campaigns and reads
// those below; nobody reaches a sibling's or a parent's campaign unless assigned to it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, makeMember, makeOrganization, rootOrganization, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let root: number;
let townA: number;
let townB: number;
const cookie = {} as Record<'county' | 'townA' | 'townB' | 'plainA', string>;
const COUNTY = 'county-2026';
const TOWN_A = 'town-a-2026';
const TOWN_B = 'town-b-2026';

beforeAll(async () => {
  t = await testApp();
  root = await rootOrganization(t.app);
  townA = await makeOrganization(t.app, root, '甲镇党委');
  townB = await makeOrganization(t.app, root, '乙镇党委');
  await makeCampaign(t.app, smallSpec(COUNTY), [], root);
  await makeCampaign(t.app, smallSpec(TOWN_A), [], townA);
  await makeCampaign(t.app, smallSpec(TOWN_B), [], townB);
  cookie.county = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'organizer', organizationId: root }], 'county')).username);
  // town A's organizer is also the reporter of unit a (甲镇) in the county's campaign
  cookie.townA = await signIn(t.app, (await makeMember(t.app, townA, [
    { role: 'organizer', organizationId: townA },
    { role: 'reporter', campaignId: COUNTY, unitId: 'a' },
  ], 'town-a')).username);
  cookie.townB = await signIn(t.app, (await makeMember(t.app, townB, [{ role: 'organizer', organizationId: townB }], 'town-b')).username);
  // an organizer of town A with no role in the county's campaign
  cookie.plainA = await signIn(t.app, (await makeMember(t.app, townA, [{ role: 'organizer', organizationId: townA }], 'plain-a')).username);
});
afterAll(async () => { await t.close(); });

const req = (method: 'GET' | 'POST' | 'PUT', url: string, who: keyof typeof cookie, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: cookie[who] } });

describe('a town organizer', () => {
  it('cannot read or change a sibling town\'s campaign: it is not there (404)', async () => {
    for (const [method, url, payload] of [
      ['GET', `/campaigns/${TOWN_B}`], ['GET', `/campaigns/${TOWN_B}/results`], ['PUT', `/campaigns/${TOWN_B}/spec`, { spec: smallSpec(TOWN_B) }],
      ['PUT', `/campaigns/${TOWN_B}/periods/2026-Q1`, { state: 'closed' }], ['PUT', `/campaigns/${TOWN_B}/figures`, { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '1' }],
    ] as const) {
      const res = await req(method, url, 'townA', payload);
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
    const list = (await req('GET', '/campaigns', 'townA')).json().campaigns.map((c: { id: string }) => c.id);
    expect(list).not.toContain(TOWN_B);
  });

  it('reads the county\'s campaign only where assigned to it, and may not change its spec (403)', async () => {
    expect((await req('GET', `/campaigns/${COUNTY}`, 'townA')).statusCode).toBe(200);
    const put = await req('PUT', `/campaigns/${COUNTY}/spec`, 'townA', { spec: smallSpec(COUNTY) });
    expect(put.statusCode).toBe(403);
    expect(put.json().error.code).toBe('forbidden');
    // without the assignment the county's campaign is out of reach
    expect((await req('GET', `/campaigns/${COUNTY}`, 'plainA')).statusCode).toBe(404);
    expect((await req('PUT', `/campaigns/${COUNTY}/spec`, 'plainA', { spec: smallSpec(COUNTY) })).statusCode).toBe(404);
  });

  it('creates campaigns of their own town, not of the county', async () => {
    const own = await req('POST', '/campaigns', 'townA', { spec: smallSpec('town-a-extra-2026') });
    expect(own.statusCode).toBe(201);
    expect(own.json().campaign.organizationId).toBe(townA);
    const up = await req('POST', '/campaigns', 'townA', { spec: smallSpec('town-a-up-2026'), organizationId: root });
    expect(up.statusCode).toBe(403);
    const sideways = await req('POST', '/campaigns', 'townA', { spec: smallSpec('town-a-side-2026'), organizationId: townB });
    expect(sideways.statusCode).toBe(403);
  });
});

describe('the county organizer', () => {
  it('reads the towns\' campaigns and lists them', async () => {
    for (const id of [TOWN_A, TOWN_B]) {
      expect((await req('GET', `/campaigns/${id}`, 'county')).statusCode).toBe(200);
      expect((await req('GET', `/campaigns/${id}/results`, 'county')).statusCode).toBe(200);
    }
    const list = (await req('GET', '/campaigns', 'county')).json().campaigns.map((c: { id: string }) => c.id);
    expect(list).toEqual(expect.arrayContaining([COUNTY, TOWN_A, TOWN_B]));
  });

  it('changes nothing in a town\'s campaign (403): its spec, periods and figures are the town\'s', async () => {
    expect((await req('PUT', `/campaigns/${TOWN_A}/spec`, 'county', { spec: smallSpec(TOWN_A) })).statusCode).toBe(403);
    expect((await req('PUT', `/campaigns/${TOWN_A}/periods/2026-Q1`, 'county', { state: 'closed' })).statusCode).toBe(403);
    expect((await req('PUT', `/campaigns/${TOWN_A}/figures`, 'county', { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '1' })).statusCode).toBe(403);
  });
});

describe('one user with two roles in two organizations', () => {
  it('is told their roles per campaign by /auth/me', async () => {
    const me = (await req('GET', '/auth/me', 'townA')).json().user;
    expect(me.organizationId).toBe(townA);
    expect(me.organizationName).toBe('甲镇党委');
    expect(me.campaignRoles).toMatchObject({ [COUNTY]: ['reporter'], [TOWN_A]: ['organizer'] });
    expect(me.campaignRoles[TOWN_B]).toBeUndefined();
    expect(me.organizes).toEqual([townA]);
    expect(me.grants).toEqual([{ role: 'organizer', organizationId: townA }, { role: 'reporter', campaignId: COUNTY, unitId: 'a' }]);
  });

  it('reports only their own unit in the county\'s campaign and manages their own town\'s', async () => {
    const own = await req('PUT', `/campaigns/${COUNTY}/figures`, 'townA', { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' });
    expect(own.statusCode).toBe(200);
    const other = await req('PUT', `/campaigns/${COUNTY}/figures`, 'townA', { unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '50' });
    expect(other.statusCode).toBe(403);
    // points are the sections', not the unit's
    expect((await req('PUT', `/campaigns/${COUNTY}/figures`, 'townA', { unit: 'a', indicator: 'style', period: '2026-Q1', value: '5' })).statusCode).toBe(403);
    expect((await req('PUT', `/campaigns/${COUNTY}/periods/2026-Q1`, 'townA', { state: 'closed' })).statusCode).toBe(403);
    // in their own town's campaign they are the organizer
    expect((await req('PUT', `/campaigns/${TOWN_A}/figures`, 'townA', { unit: 'b', indicator: 'style', period: '2026-Q1', value: '5' })).statusCode).toBe(200);
    const verify = await req('PUT', `/campaigns/${TOWN_A}/periods/2026-Q1`, 'townA', { state: 'verification' });
    expect(verify.statusCode, verify.body).toBe(200);
  });
});

describe('organizations and accounts', () => {
  it('shows each user their part of the tree', async () => {
    const names = async (who: keyof typeof cookie) => (await req('GET', '/organizations', who)).json().organizations.map((o: { name: string }) => o.name);
    expect(await names('county')).toEqual(['县委组织部', '甲镇党委', '乙镇党委']);
    expect(await names('townB')).toEqual(['县委组织部', '乙镇党委']);
  });

  it('lets an organizer add organizations and accounts below their own, nowhere else', async () => {
    const village = await req('POST', '/organizations', 'townA', { parentId: townA, name: '东村', kind: 'village' });
    expect(village.statusCode).toBe(201);
    expect((await req('POST', '/organizations', 'townA', { parentId: townB, name: '西村', kind: 'village' })).statusCode).toBe(403);

    const user = await req('POST', '/users', 'townA', {
      username: 'dongcun', password: 'long-enough-1', displayName: '东村填报员', organizationId: village.json().organization.id,
      grants: [{ role: 'reporter', campaignId: TOWN_A, unitId: 'c' }],
    });
    expect(user.statusCode).toBe(201);
    expect(user.json().user).toMatchObject({ role: 'reporter', assignments: [{ campaignId: TOWN_A, unitId: 'c' }] });
    // not in a sibling town, not in the county's campaign (not theirs to assign), never an admin
    for (const payload of [
      { organizationId: townB, grants: [{ role: 'reporter', campaignId: TOWN_A, unitId: 'c' }] },
      { organizationId: townA, grants: [{ role: 'reporter', campaignId: COUNTY, unitId: 'c' }] },
      { organizationId: townA, grants: [{ role: 'admin', organizationId: townA }] },
      { organizationId: townA, grants: [{ role: 'organizer', organizationId: root }] },
    ]) {
      const res = await req('POST', '/users', 'townA', { username: `x${Math.random().toString(36).slice(2, 8)}`, password: 'long-enough-1', displayName: 'X', ...payload });
      expect(res.statusCode, JSON.stringify(payload)).toBe(403);
    }
    const listed = (await req('GET', '/users', 'townA')).json().users.map((u: { username: string }) => u.username);
    expect(listed).toEqual(expect.arrayContaining(['town-a', 'plain-a', 'dongcun']));
    expect(listed).not.toContain('town-b');
    expect(listed).not.toContain('county');
  });
});
