// GET /overview (总览): the county organizer sees the campaigns of every level (the towns' read-only),
// a town organizer only its own, a reporter is refused.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listPeriods, missingReports } from '../src/services/periods.ts';
import { makeCampaign, makeMember, makeOrganization, rootOrganization, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let root: number;
let townA: number;
const cookie = {} as Record<'county' | 'townA' | 'reporter', string>;
const COUNTY = 'ov-county-2026';
const TOWN_A = 'ov-town-a-2026';
const TOWN_B = 'ov-town-b-2026';

interface OverviewBody {
  organization: { id: number; name: string };
  campaigns: { id: string; name: string; manage: boolean; organization: { id: number; name: string }; periods: { period: string; state: string }[]; current: string | null; missing: { unit: string; name: string }[]; pendingRequests: number; openCases: number; overdueCases: number }[];
}

beforeAll(async () => {
  t = await testApp();
  root = await rootOrganization(t.app);
  townA = await makeOrganization(t.app, root, '甲镇党委');
  const townB = await makeOrganization(t.app, root, '乙镇党委');
  await makeCampaign(t.app, smallSpec(COUNTY), [], root);
  await makeCampaign(t.app, smallSpec(TOWN_A), [], townA);
  await makeCampaign(t.app, smallSpec(TOWN_B), [], townB);
  cookie.county = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'organizer', organizationId: root }], 'ov-county')).username);
  cookie.townA = await signIn(t.app, (await makeMember(t.app, townA, [{ role: 'organizer', organizationId: townA }], 'ov-town-a')).username);
  cookie.reporter = await signIn(t.app, (await makeMember(t.app, townA, [{ role: 'reporter', campaignId: TOWN_A, unitId: 'a' }], 'ov-reporter')).username);
});
afterAll(async () => { await t.close(); });

const get = (url: string, who: keyof typeof cookie) => t.app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { cookie: cookie[who] } });
const send = (method: 'PUT' | 'POST', url: string, who: keyof typeof cookie, payload: object) => t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: cookie[who] } });

describe('GET /overview', () => {
  it('shows the county organizer the campaigns of every level, its own first, the towns\' read-only, with names', async () => {
    const res = await get('/overview', 'county');
    expect(res.statusCode).toBe(200);
    const body = res.json<OverviewBody>();
    expect(body.organization.id).toBe(root);
    const ids = body.campaigns.map((c) => c.id);
    expect(ids[0]).toBe(COUNTY);
    expect(ids).toEqual(expect.arrayContaining([COUNTY, TOWN_A, TOWN_B]));
    const town = body.campaigns.find((c) => c.id === TOWN_A)!;
    expect(town.organization.name).toBe('甲镇党委');
    expect(town.manage).toBe(false);
    expect(body.campaigns.find((c) => c.id === COUNTY)!.manage).toBe(true);
    // the current period is the first not closed; nobody has reported yet: every unit by name
    expect(town.periods.length).toBeGreaterThan(0);
    expect(town.current).toBe(town.periods[0].period);
    expect(town.missing.map((m) => m.name).sort()).toEqual(['丁局', '丙局', '乙镇', '甲镇'].sort());
    expect(town.pendingRequests).toBe(0);
    expect(town.openCases).toBe(0);
    expect(town.overdueCases).toBe(0);
  });

  it('shows a town organizer only its own campaigns, and not the county\'s overview', async () => {
    const res = await get('/overview', 'townA');
    expect(res.statusCode).toBe(200);
    const body = res.json<OverviewBody>();
    expect(body.organization.id).toBe(townA);
    expect(body.campaigns.map((c) => c.id)).toEqual([TOWN_A]);
    expect(body.campaigns[0].manage).toBe(true);
    expect((await get(`/overview?organization=${root}`, 'townA')).statusCode).toBe(404);
  });

  it('refuses a reporter', async () => {
    const res = await get('/overview', 'reporter');
    expect(res.statusCode).toBe(403);
  });
});

describe('GET /overview, read for all campaigns at once', () => {
  it('says what each campaign\'s own periods page and 催报 list say, once figures, states and deadlines differ', async () => {
    // the county: Q1 fully reported and in verification, Q2 half reported with a past deadline; the town: one figure
    const q1 = ['a', 'b', 'c', 'd'].map((unit) => ({ unit, indicator: 'gdp', period: '2026-Q1', value: '90' }));
    expect((await send('POST', `/campaigns/${COUNTY}/figures/batch`, 'county', { figures: [...q1, { unit: 'a', indicator: 'style', period: '2026-Q1', value: '30' }] })).statusCode).toBe(200);
    expect((await send('PUT', `/campaigns/${COUNTY}/periods/2026-Q1`, 'county', { state: 'verification' })).statusCode).toBe(200);
    expect((await send('PUT', `/campaigns/${COUNTY}/periods/2026-Q2`, 'county', { deadline: '2026-01-01T00:00:00+08:00' })).statusCode).toBe(200);
    expect((await send('POST', `/campaigns/${COUNTY}/figures/batch`, 'county', { figures: [{ unit: 'b', indicator: 'gdp', period: '2026-Q2', value: '40' }, { unit: 'c', indicator: 'gdp', period: '2026-Q2', value: '50' }] })).statusCode).toBe(200);
    expect((await send('POST', `/campaigns/${TOWN_A}/figures/batch`, 'townA', { figures: [{ unit: 'd', indicator: 'gdp', period: '2026-Q1', value: '12' }] })).statusCode).toBe(200);

    const body = (await get('/overview', 'county')).json<OverviewBody>();
    for (const id of [COUNTY, TOWN_A, TOWN_B]) {
      const c = body.campaigns.find((x) => x.id === id)!;
      // the one-campaign services the periods page and the 催报 list use
      expect(c.periods).toEqual(await listPeriods(t.app.leitai.ctx, id));
      const missing = await missingReports(t.app.leitai.ctx, id, c.current!);
      expect(c.missing).toEqual(missing.map((m) => ({ unit: m.unit, name: m.name, indicators: m.indicators.length })));
    }
    const county = body.campaigns.find((x) => x.id === COUNTY)!;
    expect(county.current).toBe('2026-Q1');
    expect(county.missing.map((m) => m.name)).toEqual([]);
    expect(county.periods[0]).toMatchObject({ state: 'verification', reported: 4, pending: 5 });
    expect(county.periods[1]).toMatchObject({ reported: 2, pastDeadline: true, late: 2 });
    expect(body.campaigns.find((x) => x.id === TOWN_A)!.missing.map((m) => m.name).sort()).toEqual(['丙局', '乙镇', '甲镇'].sort());
  });
});
