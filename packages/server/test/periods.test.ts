// Reporting periods: deadline and late marking, state transitions, locked periods, 催报 list and
// reminders in the unit's inbox.
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
  it('lists every period of the campaign, open without a deadline by default', async () => {
    const list = await periods();
    expect(list.map((p) => p.period)).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(list[0]).toMatchObject({ state: 'open', deadline: null, expected: 4, reported: 0 });
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
