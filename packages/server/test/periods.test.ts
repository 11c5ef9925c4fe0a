// Reporting periods: the lifecycle (未开启 → 开启 → …; a period not yet open takes no figures),
// deadline and late marking, state transitions, locked periods, 催报 list and reminders in the
// unit's inbox.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let reporterA: string;
let reporterB: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const HOUR = 60 * 60 * 1000;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
});
afterAll(async () => { await t.close(); });

const put = (payload: object, cookie = organizer) => t.app.inject({ method: 'PUT', url: `${U}/figures`, payload, headers: { cookie } });
const setPeriod = (period: string, payload: object, cookie = organizer) => t.app.inject({ method: 'PUT', url: `${U}/periods/${period}`, payload, headers: { cookie } });
const periods = async () => (await t.app.inject({ method: 'GET', url: `${U}/periods`, headers: { cookie: organizer } })).json().periods as { period: string; state: string; deadline: string | null; reported: number; expected: number; late: number; pastDeadline: boolean }[];
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });

describe('periods', () => {
  it('lists every period of the campaign (opened by the test setup), without a deadline by default', async () => {
    const list = await periods();
    expect(list.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(list[0]).toMatchObject({ state: 'open', deadline: null, expected: 4, reported: 0, bulletin: 'none' });
  });

  it('marks figures entered after the deadline late', async () => {
    const deadline = new Date(t.clock.now.getTime() + HOUR).toISOString();
    const res = await setPeriod('2026-Q1', { deadline });
    expect(res.statusCode).toBe(200);
    expect(res.json().period).toMatchObject({ deadline, pastDeadline: false });
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' }, reporterA)).json().figure.late).toBe(false);
    t.clock.advance(2 * HOUR);
    const late = await put({ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '60' }, reporterB);
    expect(late.statusCode).toBe(200);
    expect(late.json().figure.late).toBe(true);
    expect((await periods())[0]).toMatchObject({ reported: 2, late: 1, pastDeadline: true });
  });

  it('lists who has not reported (催报) and sends reminders to their inboxes', async () => {
    const missing = (await get(`${U}/periods/2026-Q1/missing`)).json().missing;
    expect(missing.map((m: { unit: string }) => m.unit)).toEqual(['c', 'd']);
    expect(missing[0]).toMatchObject({ unit: 'c', name: '丙局', indicators: ['gdp'], reminded: 0 });

    const sent = await t.app.inject({ method: 'POST', url: `${U}/periods/2026-Q1/reminders`, payload: {}, headers: { cookie: organizer } });
    expect(sent.json()).toEqual({ sent: 2 });
    await t.app.inject({ method: 'POST', url: `${U}/periods/2026-Q1/reminders`, payload: { units: ['a'], message: '请核对产值' }, headers: { cookie: organizer } });
    expect((await get(`${U}/periods/2026-Q1/missing`)).json().missing[0].reminded).toBe(1);

    const inboxA = (await get(`${U}/inbox`, reporterA)).json().reminders;
    expect(inboxA).toEqual([expect.objectContaining({ unit: 'a', period: '2026-Q1', message: '请核对产值', readAt: null })]);
    expect((await get(`${U}/inbox`, reporterB)).json().reminders).toEqual([]);
    expect((await get(`${U}/inbox`)).json().reminders).toHaveLength(3);

    // every item says what it is; a generated reminder names the indicators by name, in the reader's language
    expect(inboxA[0].kind).toBe('reminder');
    const inboxC = (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: organizer } })).json().reminders
      .filter((r: { unit: string }) => r.unit === 'c');
    expect(inboxC).toEqual([expect.objectContaining({ kind: 'reminder', message: '请尽快报送 2026-Q1 的数据：产值' })]);
    const inboxCEn = (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: organizer, 'accept-language': 'en' } })).json().reminders
      .filter((r: { unit: string }) => r.unit === 'c');
    expect(inboxCEn).toEqual([expect.objectContaining({ kind: 'reminder', message: 'Please report the figures for 2026-Q1: "产值"' })]);
    // an organizer's own message is shown as written, in every language
    const ownEn = (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: reporterA, 'accept-language': 'en' } })).json().reminders;
    expect(ownEn[0]).toMatchObject({ kind: 'reminder', message: '请核对产值' });

    // only the unit's reporters may mark its reminder read
    expect((await t.app.inject({ method: 'POST', url: `${U}/inbox/${inboxA[0].id}/read`, headers: { cookie: reporterB } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `${U}/inbox/${inboxA[0].id}/read`, headers: { cookie: reporterA } })).statusCode).toBe(204);
    expect((await get(`${U}/inbox`, reporterA)).json().reminders[0].readAt).not.toBeNull();

    const unknown = await t.app.inject({ method: 'POST', url: `${U}/periods/2026-Q1/reminders`, payload: { units: ['zz'] }, headers: { cookie: organizer } });
    expect(unknown.statusCode).toBe(400);
  });

  it('moves open → verification → closed, and refuses other moves', async () => {
    expect((await setPeriod('2026-Q2', { state: 'closed' })).statusCode).toBe(409);
    expect((await setPeriod('2026-Q2', { state: 'verification' })).json().period.state).toBe('verification');
    expect((await setPeriod('2026-Q2', { state: 'open' })).json().period.state).toBe('open');
    expect((await setPeriod('2026-Q2', { state: 'verification' })).statusCode).toBe(200);
    expect((await setPeriod('2026-Q2', { state: 'closed', reason: '审核完毕' })).json().period.state).toBe('closed');
    expect((await setPeriod('2026-Q2', { state: 'open' })).statusCode).toBe(409);
    expect((await setPeriod('2026-13', { state: 'open' })).statusCode).toBe(404);
    const audit = (await get(`/api/v1/audit?campaign=${C}&action=period.state`)).json().entries;
    expect(audit[0]).toMatchObject({ subject: '2026-Q2', before: { state: 'verification' }, after: { state: 'closed' }, reason: '审核完毕' });
  });

  it('a closed period refuses every figure write with a clear error', async () => {
    for (const cookie of [organizer, reporterA]) {
      const res = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '1' }, headers: { cookie, 'accept-language': 'en' } });
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'period_locked', message: expect.stringContaining('correction request') });
    }
    const batch = await t.app.inject({ method: 'POST', url: `${U}/figures/batch`, payload: { figures: [{ unit: 'c', indicator: 'gdp', period: '2026-Q3', value: '1' }, { unit: 'c', indicator: 'gdp', period: '2026-Q2', value: '1' }] }, headers: { cookie: organizer } });
    expect(batch.json().error.code).toBe('period_locked');
    expect((await periods())[2].reported).toBe(0);
  });

  it('in verification a unit can no longer report; the organizer still can', async () => {
    await setPeriod('2026-Q3', { state: 'verification' });
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '5' }, reporterA)).json().error.code).toBe('period_locked');
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '5' })).statusCode).toBe(200);
  });

  it('names the indicators of a generated message as the current spec does', async () => {
    const renamed = smallSpec(C).replace('name: 产值', 'name: 地区生产总值');
    expect((await t.app.inject({ method: 'PUT', url: `${U}/spec`, payload: { spec: renamed }, headers: { cookie: organizer } })).statusCode).toBe(200);
    const inboxC = (await get(`${U}/inbox`)).json().reminders.filter((r: { unit: string }) => r.unit === 'c');
    expect(inboxC[0]).toMatchObject({ kind: 'reminder', message: '请尽快报送 2026-Q1 的数据：地区生产总值' });
  });
});

describe('the periods lifecycle: 未开启 → 开启', () => {
  const L = 'life-2026';
  const LU = `/api/v1/campaigns/${L}`;
  let reporter: string;
  let other: string;
  const lifePeriods = async () => (await get(`${LU}/periods`)).json().periods as { period: string; state: string; deadline: string | null }[];
  const putL = (payload: object, cookie: string, lang = 'zh') => t.app.inject({ method: 'PUT', url: `${LU}/figures`, payload, headers: { cookie, 'accept-language': lang } });
  const setL = (period: string, payload: object, cookie = organizer) => t.app.inject({ method: 'PUT', url: `${LU}/periods/${period}`, payload, headers: { cookie } });

  beforeAll(async () => {
    await makeCampaign(t.app, smallSpec(L), [], undefined, { open: [] });
    reporter = (await session(t.app, 'reporter', [{ campaignId: L, unitId: 'a' }])).cookie;
    other = (await session(t.app, 'reporter', [{ campaignId: L, unitId: 'b' }])).cookie;
  });

  it('a new campaign\'s periods are not yet open (未开启), and take no figures: 409 naming the period', async () => {
    expect((await lifePeriods()).map((p) => p.state)).toEqual(['unopened', 'unopened', 'unopened', 'unopened']);
    const zh = await putL({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '50' }, reporter);
    expect(zh.statusCode).toBe(409);
    expect(zh.json().error).toMatchObject({ code: 'period_not_open', message: '考核期 2026-Q3 尚未开启填报：组织者开启后才能报送' });
    const en = await putL({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '50' }, organizer, 'en');
    expect(en.statusCode).toBe(409);
    expect(en.json().error.message).toBe('Period 2026-Q3 is not open for reporting yet: figures are taken once the organizer opens it');
    // a batch with one row for a period not yet open writes nothing
    const batch = await t.app.inject({ method: 'POST', url: `${LU}/figures/batch`, payload: { figures: [{ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '1' }] }, headers: { cookie: organizer } });
    expect(batch.statusCode).toBe(409);
    expect(batch.json().error.code).toBe('period_not_open');
    expect((await get(`${LU}/figures?period=2026-Q3`)).json().figures).toEqual([]);
    // nobody is chased for a period that has not started
    const remind = await t.app.inject({ method: 'POST', url: `${LU}/periods/2026-Q3/reminders`, payload: {}, headers: { cookie: organizer } });
    expect(remind.statusCode).toBe(409);
    expect(remind.json().error.message).toContain('2026-Q3');
  });

  it('only opening leads on from 未开启; a reporter cannot open a period', async () => {
    for (const state of ['verification', 'closed']) {
      const res = await setL('2026-Q4', { state });
      expect(res.statusCode).toBe(409);
      expect(res.json().error.message).toContain('2026-Q4');
      expect(res.json().error.message).toContain('未开启');
    }
    expect((await setL('2026-Q4', { state: 'open' }, reporter)).statusCode).toBe(403);
    // a deadline may be set ahead: the period stays not yet open
    const deadline = '2026-12-31T10:00:00.000Z';
    expect((await setL('2026-Q4', { deadline })).json().period).toMatchObject({ state: 'unopened', deadline });
  });

  it('开启 keeps (or sets) the deadline, tells every unit in its inbox, and reporters can then enter figures', async () => {
    const deadline = '2026-07-10T10:00:00.000Z';
    const opened = await setL('2026-Q3', { state: 'open', deadline });
    expect(opened.statusCode).toBe(200);
    expect(opened.json().period).toMatchObject({ period: '2026-Q3', state: 'open', deadline });
    const inbox = (await get(`${LU}/inbox`, reporter)).json().reminders;
    expect(inbox).toEqual([expect.objectContaining({ unit: 'a', period: '2026-Q3', kind: 'reminder', message: '2026-Q3 已开启填报，截止时间 2026-07-10 18:00，请按时报送' })]);
    const inboxEn = (await t.app.inject({ method: 'GET', url: `${LU}/inbox`, headers: { cookie: other, 'accept-language': 'en' } })).json().reminders;
    expect(inboxEn.map((r: { message: string }) => r.message)).toEqual(['2026-Q3 is open for reporting; the deadline is 2026-07-10 18:00']);
    // an opening notice is no reminder: the 催报 list counts none yet
    expect((await get(`${LU}/periods/2026-Q3/missing`)).json().missing[0].reminded).toBe(0);
    expect((await putL({ unit: 'a', indicator: 'gdp', period: '2026-Q3', value: '50' }, reporter)).statusCode).toBe(200);
    // the deadline set ahead on Q4 is kept when it is opened
    expect((await setL('2026-Q4', { state: 'open' })).json().period).toMatchObject({ state: 'open', deadline: '2026-12-31T10:00:00.000Z' });
    const audit = (await get(`/api/v1/audit?campaign=${L}&action=period.state`)).json().entries;
    expect(audit.map((e: { subject: string; before: unknown; after: unknown }) => [e.subject, e.before, e.after])).toEqual([
      ['2026-Q4', { state: 'unopened' }, { state: 'open' }],
      ['2026-Q3', { state: 'unopened' }, { state: 'open' }],
    ]);
    // the other periods are still not open
    expect((await lifePeriods()).map((p) => p.state)).toEqual(['unopened', 'unopened', 'open', 'open']);
  });
});
