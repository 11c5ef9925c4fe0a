// Roll-up [上下联动]: the county's campaign takes a town's figure from the town's own campaign of its
// villages — declared once, computed when the town closes a period, entered through the figure path
// (pending verification, audited, recomputed), carrying its source, and changed only by a new
// computation or an accepted correction.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, makeMember, makeOrganization, rootOrganization, signIn, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
const cookie = {} as Record<'county' | 'town' | 'other', string>;
const COUNTY = 'county-2026';
const TOWN = 'town-villages-2026';

const TOWN_SPEC = `version: 1
campaign: { id: ${TOWN}, name: 甲镇2026年度村级擂台赛, year: 2026, cadence: month }
groups:
  - { id: v, name: 行政村 }
units:
  - { id: v1, name: 东村, group: v }
  - { id: v2, name: 西村, group: v }
  - { id: v3, name: 南村, group: v }
indicators:
  - { id: income, name: 村集体经济收入, input: value, weight: 60, method: completion, target: 10, cumulative: false }
  - { id: party, name: 党建评价, input: score, weight: 40 }
flags:
  - { id: red, name: 红旗, color: red, award: top, count: 1, scope: all }
`;

const COUNTY_SPEC = `version: 1
campaign: { id: ${COUNTY}, name: 县级擂台赛, year: 2026, cadence: quarter }
groups:
  - { id: t, name: 乡镇 }
units:
  - { id: ta, name: 甲镇, group: t }
  - { id: tb, name: 乙镇, group: t }
indicators:
  - { id: village, name: 村级擂台赛村均分, input: value, weight: 50, method: best, cumulative: false }
  - { id: share, name: 获红旗村占比, input: value, weight: 20, method: best, cumulative: false }
  - { id: gdp, name: 产值, input: value, weight: 30, method: completion, target: 100 }
`;

beforeAll(async () => {
  t = await testApp();
  const root = await rootOrganization(t.app);
  const townA = await makeOrganization(t.app, root, '甲镇党委');
  const townB = await makeOrganization(t.app, root, '乙镇党委');
  await makeCampaign(t.app, COUNTY_SPEC, [], root);
  await makeCampaign(t.app, TOWN_SPEC, [], townA);
  cookie.county = await signIn(t.app, (await makeMember(t.app, root, [{ role: 'organizer', organizationId: root }], 'county')).username);
  cookie.town = await signIn(t.app, (await makeMember(t.app, townA, [{ role: 'organizer', organizationId: townA }], 'town')).username);
  cookie.other = await signIn(t.app, (await makeMember(t.app, townB, [{ role: 'organizer', organizationId: townB }], 'other')).username);
});
afterAll(async () => { await t.close(); });

const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: keyof typeof cookie, payload?: object) =>
  t.app.inject({ method, url: `/api/v1${url}`, payload, headers: { cookie: cookie[who] } });

/** The town reports a month for its villages, verifies it and closes it. */
async function townMonth(period: string, income: Record<string, string>, party: Record<string, string>) {
  const figures = [
    ...Object.entries(income).map(([unit, value]) => ({ unit, indicator: 'income', period, value })),
    ...Object.entries(party).map(([unit, value]) => ({ unit, indicator: 'party', period, value })),
  ];
  expect((await req('POST', `/campaigns/${TOWN}/figures/batch`, 'town', { figures })).statusCode).toBe(200);
  expect((await req('PUT', `/campaigns/${TOWN}/periods/${period}`, 'town', { state: 'verification' })).statusCode).toBe(200);
  const queue = (await req('GET', `/campaigns/${TOWN}/verification?period=${period}&status=pending`, 'town')).json().figures;
  const decisions = queue.map((f: { unit: string; indicator: string; period: string; version: number }) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' }));
  expect((await req('POST', `/campaigns/${TOWN}/verification`, 'town', { decisions })).statusCode).toBe(200);
  const closed = await req('PUT', `/campaigns/${TOWN}/periods/${period}`, 'town', { state: 'closed' });
  expect(closed.statusCode, closed.body).toBe(200);
}

/** The town's own mean total of a period, from its results (hundredths, rounded half up): what the county must show. */
async function townMean(period: string): Promise<string> {
  const units = (await req('GET', `/campaigns/${TOWN}/results?period=${period}`, 'town')).json().result.units as { total: number }[];
  const hundredths = units.reduce((a, u) => a + Math.round(u.total * 100), 0);
  const mean = Math.round(hundredths / units.length);
  return (mean / 100).toString();
}

const countyFigure = async (unit: string, indicator: string, period: string) => {
  const figures = (await req('GET', `/campaigns/${COUNTY}/figures?period=${period}`, 'county')).json().figures as { unit: string; indicator: string; value: string; status: string }[];
  return figures.find((f) => f.unit === unit && f.indicator === indicator);
};

describe('declaring a roll-up', () => {
  it('is the higher campaign\'s organizer\'s: the town cannot declare one in the county\'s campaign', async () => {
    const body = { unit: 'ta', indicator: 'village', sourceCampaign: TOWN, measure: 'mean_total' };
    expect((await req('POST', `/campaigns/${COUNTY}/rollups`, 'town', body)).statusCode).toBe(404);
    const bad = await req('POST', `/campaigns/${COUNTY}/rollups`, 'county', { ...body, unit: 'nowhere' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nowhere');
    const ok = await req('POST', `/campaigns/${COUNTY}/rollups`, 'county', body);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().rollup).toMatchObject({ unit: 'ta', indicator: 'village', sourceCampaign: { id: TOWN, name: '甲镇2026年度村级擂台赛' }, measure: 'mean_total', values: [] });
    expect((await req('POST', `/campaigns/${COUNTY}/rollups`, 'county', body)).statusCode).toBe(409);
    const share = await req('POST', `/campaigns/${COUNTY}/rollups`, 'county', { unit: 'ta', indicator: 'share', sourceCampaign: TOWN, measure: 'flag_share', flag: 'red' });
    expect(share.statusCode, share.body).toBe(201);
  });
});

describe('a town closes a month', () => {
  it('feeds the county\'s town figure with the declared measure, pending verification, with its source', async () => {
    // totals: v1 60 + 40 = 100, v2 30 + 30 = 60, v3 45 + 35 = 80 → mean 80; one red flag of three villages → 33.33 %
    await townMonth('2026-01', { v1: '10', v2: '5', v3: '7.5' }, { v1: '40', v2: '30', v3: '35' });
    const fig = await countyFigure('ta', 'village', '2026-Q1');
    expect(fig).toMatchObject({ value: '80', status: 'pending' });
    expect((await countyFigure('ta', 'share', '2026-Q1'))?.value).toBe('33.33');
    const rollups = (await req('GET', `/campaigns/${COUNTY}/rollups`, 'county')).json().rollups;
    expect(rollups[0].values).toEqual([expect.objectContaining({ unit: 'ta', period: '2026-Q1', sourcePeriod: '2026-01', value: '80', outcome: 'written', label: '来自 甲镇2026年度村级擂台赛 2026-01' })]);
    // the county's results count it (once verified) like any figure; the audit log says where it came from
    const audit = (await req('GET', `/audit?campaign=${COUNTY}&action=figure.set`, 'county')).json().entries;
    expect(audit[0]).toMatchObject({ subject: 'ta/share/2026-Q1' });
    expect(audit.find((e: { subject: string }) => e.subject === 'ta/village/2026-Q1').reason).toContain('来自 甲镇2026年度村级擂台赛 2026-01');
    const applied = (await req('GET', `/audit?campaign=${COUNTY}&action=rollup.apply`, 'county')).json().entries;
    expect(applied.map((e: { subject: string }) => e.subject).sort()).toEqual(['ta/share/2026-Q1', 'ta/village/2026-Q1']);
  });

  it('is not typed over by hand, by anyone', async () => {
    const res = await req('PUT', `/campaigns/${COUNTY}/figures`, 'county', { unit: 'ta', indicator: 'village', period: '2026-Q1', value: '99' });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('甲镇2026年度村级擂台赛');
    expect((await countyFigure('ta', 'village', '2026-Q1'))?.value).toBe('80');
    // the town's other cells stay the county's to type
    expect((await req('PUT', `/campaigns/${COUNTY}/figures`, 'county', { unit: 'tb', indicator: 'village', period: '2026-Q1', value: '70' })).statusCode).toBe(200);
  });

  it('changes with the next close: the quarter takes the latest month closed', async () => {
    await townMonth('2026-02', { v1: '10', v2: '10', v3: '5' }, { v1: '40', v2: '40', v3: '30' });
    const february = await townMean('2026-02');
    expect(february).not.toBe('80');
    expect((await countyFigure('ta', 'village', '2026-Q1'))?.value).toBe(february);
    const values = (await req('GET', `/campaigns/${COUNTY}/rollups`, 'county')).json().rollups[0].values;
    expect(values).toEqual([expect.objectContaining({ sourcePeriod: '2026-02', value: february, label: '来自 甲镇2026年度村级擂台赛 2026-02' })]);
  });

  it('once the county\'s quarter is closed, a new value waits as a correction request and changes the figure only when accepted', async () => {
    // the county verifies and closes Q1
    expect((await req('PUT', `/campaigns/${COUNTY}/periods/2026-Q1`, 'county', { state: 'verification' })).statusCode).toBe(200);
    const queue = (await req('GET', `/campaigns/${COUNTY}/verification?period=2026-Q1&status=pending`, 'county')).json().figures;
    const decisions = queue.map((f: { unit: string; indicator: string; period: string; version: number }) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' }));
    expect((await req('POST', `/campaigns/${COUNTY}/verification`, 'county', { decisions })).statusCode).toBe(200);
    expect((await req('PUT', `/campaigns/${COUNTY}/periods/2026-Q1`, 'county', { state: 'closed' })).statusCode).toBe(200);

    const february = (await countyFigure('ta', 'village', '2026-Q1'))?.value;
    // March closes in the town
    await townMonth('2026-03', { v1: '10', v2: '10', v3: '10' }, { v1: '40', v2: '40', v3: '20' });
    const march = await townMean('2026-03');
    expect(march).not.toBe(february);
    expect((await countyFigure('ta', 'village', '2026-Q1'))?.value).toBe(february);
    const pending = (await req('GET', `/campaigns/${COUNTY}/requests?status=pending`, 'county')).json().requests;
    const village = pending.find((r: { indicator: string }) => r.indicator === 'village');
    expect(village).toMatchObject({ kind: 'correction', unit: 'ta', period: '2026-Q1', value: march });
    expect(village.reason).toContain('来自 甲镇2026年度村级擂台赛 2026-03');
    const rollup = (await req('GET', `/campaigns/${COUNTY}/rollups`, 'county')).json().rollups[0];
    expect(rollup.values[0]).toMatchObject({ sourcePeriod: '2026-03', value: march, outcome: 'correction', requestId: village.id });

    const accepted = await req('POST', `/campaigns/${COUNTY}/requests/${village.id}/decision`, 'county', { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect((await countyFigure('ta', 'village', '2026-Q1'))?.value).toBe(march);
    const trail = (await req('GET', `/campaigns/${COUNTY}/figures/history?unit=ta&indicator=village&period=2026-Q1`, 'county')).json();
    expect(JSON.stringify(trail)).toContain('来自 甲镇2026年度村级擂台赛 2026-03');
  });

  it('is shown to the readers of the county\'s campaign, not to a sibling town', async () => {
    expect((await req('GET', `/campaigns/${COUNTY}/rollups`, 'other')).statusCode).toBe(404);
    expect((await req('DELETE', `/campaigns/${COUNTY}/rollups/1`, 'town')).statusCode).toBe(404);
  });
});

describe('an overall assessment [综合考核]', () => {
  const ASSESS = 'assess-2026';
  const ASSESS_SPEC = `version: 1
campaign: { id: ${ASSESS}, name: 乡镇年度综合考核, year: 2026, cadence: year }
groups:
  - { id: t, name: 乡镇 }
units:
  - { id: ta, name: 甲镇, group: t }
  - { id: tb, name: 乙镇, group: t }
indicators:
  - { id: arena, name: 擂台赛季度成绩, input: value, weight: 30, method: best, cumulative: false }
  - { id: tasks, name: 年度重点任务, input: score, weight: 70 }
summary:
  method: mean
  grades:
    - { id: good, name: 优秀, share: 0.5 }
    - { id: ok, name: 合格 }
`;

  it('takes each unit\'s figure from the same unit of a campaign it combines, through the figure path, explained by its source', async () => {
    expect((await req('POST', '/campaigns', 'county', { spec: ASSESS_SPEC })).statusCode).toBe(201);
    const link = await req('POST', `/campaigns/${ASSESS}/rollups`, 'county', { indicator: 'arena', sourceCampaign: COUNTY, measure: 'unit_mean_total' });
    expect(link.statusCode, link.body).toBe(201);
    // the county's Q1 is closed: every town's figure is taken from it at once
    const q1 = (await req('GET', `/campaigns/${COUNTY}/results?period=2026-Q1`, 'county')).json().result.units as { unit: string; total: number }[];
    const figures = (await req('GET', `/campaigns/${ASSESS}/figures?period=2026`, 'county')).json().figures as { unit: string; indicator: string; value: string; status: string }[];
    for (const u of q1) {
      expect(figures.find((f) => f.unit === u.unit && f.indicator === 'arena')).toMatchObject({ value: String(u.total), status: 'pending' });
    }
    const values = link.json().rollup.values as { unit: string; label: string }[];
    expect(values.map((v) => v.unit).sort()).toEqual(['ta', 'tb']);
    expect(values[0].label).toBe('来自 县级擂台赛 2026-Q1');
    expect(link.json().rollup).toMatchObject({ unit: null, description: '各期平均总分' });
    // per-unit measures name no unit; a whole-campaign measure needs one
    expect((await req('POST', `/campaigns/${ASSESS}/rollups`, 'county', { unit: 'ta', indicator: 'tasks', sourceCampaign: COUNTY, measure: 'unit_mean_total' })).statusCode).toBe(400);
    // the assessed figure is not typed by hand either
    expect((await req('PUT', `/campaigns/${ASSESS}/figures`, 'county', { unit: 'tb', indicator: 'arena', period: '2026', value: '1' })).statusCode).toBe(409);
  });
});
