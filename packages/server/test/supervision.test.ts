// Supervision records (issue 15 item 3): a finding's penalty becomes a figure of the campaign's
// event indicator through the figure path — counted by the engine, pending verification, in the
// audit log with the record as its reason — and a finding can open a case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
const C = 'sup-2026';
const U = `/api/v1/campaigns/${C}`;
const SPEC = `version: 1
campaign: { id: ${C}, name: 督查测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
  - { id: fine, name: 督查扣分, input: event, effect: penalty, points: 2 }
`;
let organizer: string;
let reporterA: string;
let reporterB: string;
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC, [{ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '90' }, { unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '80' }]);
  organizer = (await session(t.app, 'organizer')).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const totalOf = async (unit: string) => ((await get(`${U}/results?period=2026-Q1`)).json().result.units as { unit: string; total: number }[]).find((u) => u.unit === unit)?.total;

describe('supervision records', () => {
  let id: number;
  it('records a field check; refuses a unit not in the campaign, writing nothing', async () => {
    expect((await post(`${U}/supervision`, { kind: 'four_nots', unit: 'zz', checkedOn: '2026-03-10', findings: 'x', checkers: ['李'] })).statusCode).toBe(404);
    expect((await post(`${U}/supervision`, { kind: 'four_nots', unit: 'a', checkedOn: '2026-03-10', findings: 'x', checkers: ['李'] }, reporterA)).statusCode).toBe(403);
    const res = await post(`${U}/supervision`, { kind: 'four_nots', unit: 'a', checkedOn: '2026-03-10', findings: '工地安全措施不到位', checkers: ['李督查', '王督查'] });
    expect(res.statusCode).toBe(201);
    id = res.json().record.id;
    expect(res.json().record).toMatchObject({ kindName: '四不两直', unitName: '甲镇', checkers: ['李督查', '王督查'] });
    const f = multipartFile('现场.png', PNG);
    const up = await t.app.inject({ method: 'POST', url: `${U}/supervision/${id}/files`, payload: f.payload, headers: { ...f.headers, cookie: organizer } });
    expect(up.statusCode).toBe(201);
    expect((await get(`${U}/supervision`)).json().records).toHaveLength(1);
    expect((await get(`${U}/supervision`, reporterA)).json().records).toHaveLength(1);
    expect((await get(`${U}/supervision`, reporterB)).json().records).toHaveLength(0);
    expect((await get(`${U}/supervision/${id}`, reporterB)).statusCode).toBe(404);
  });

  it('a finding\'s penalty is a figure of the event indicator that the engine counts and the audit log shows', async () => {
    const before = await totalOf('a');
    expect((await post(`${U}/supervision/${id}/event`, { indicator: 'gdp', period: '2026-Q1', count: 1 })).statusCode).toBe(400);
    const res = await post(`${U}/supervision/${id}/event`, { indicator: 'fine', period: '2026-Q1', count: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ unit: 'a', indicator: 'fine', period: '2026-Q1', value: '1' });
    expect(await totalOf('a')).toBe((before ?? 0) - 2);
    const figures = (await get(`${U}/figures?period=2026-Q1`)).json().figures as { unit: string; indicator: string; value: string; status: string }[];
    expect(figures.find((f) => f.unit === 'a' && f.indicator === 'fine')).toMatchObject({ value: '1', status: 'pending' });
    // a second finding adds to it
    expect((await post(`${U}/supervision/${id}/event`, { indicator: 'fine', period: '2026-Q1', count: 2 })).json().value).toBe('3');
    const audit = (await get(`/api/v1/audit?campaign=${C}&action=figure.set`)).json().entries as { subject: string; reason: string; after: { value: string } }[];
    const fine = audit.filter((e) => e.subject === 'a/fine/2026-Q1');
    expect(fine.map((e) => e.after.value)).toEqual(expect.arrayContaining(['1', '3']));
    expect(fine[0].reason).toContain(`督查记录 ${id}`);
    expect(fine[0].reason).toContain('工地安全措施不到位');
    const history = (await get(`${U}/figures/history?unit=a&indicator=fine&period=2026-Q1`)).json().history;
    expect(history.length).toBe(2);
  });

  it('a closed period refuses the figure (409) and nothing changes', async () => {
    const list = (await get(`${U}/verification?period=2026-Q1`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
    await t.app.inject({ method: 'PUT', url: `${U}/periods/2026-Q1`, payload: { state: 'verification' }, headers: { cookie: organizer } });
    await post(`${U}/verification`, { decisions: list.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) });
    await t.app.inject({ method: 'PUT', url: `${U}/periods/2026-Q1`, payload: { state: 'closed' }, headers: { cookie: organizer } });
    const total = await totalOf('a');
    const res = await post(`${U}/supervision/${id}/event`, { indicator: 'fine', period: '2026-Q1', count: 1 });
    expect(res.statusCode).toBe(409);
    expect(await totalOf('a')).toBe(total);
  });

  it('a finding opens a case', async () => {
    const res = await post(`${U}/supervision/${id}/case`, { kind: 'rectification', requirement: '一周内整改' });
    expect(res.statusCode).toBe(201);
    expect(res.json().case).toMatchObject({ source: 'supervision', sourceRef: '四不两直 2026-03-10', unit: 'a', reason: '工地安全措施不到位', kindName: '整改通知书' });
  });
});
