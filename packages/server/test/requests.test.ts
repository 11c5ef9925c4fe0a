// Corrections after close and appeals (申诉), with the earlier values kept in history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodResult, ValueIndicatorResult } from '@leitai/engine';
import { verifyAuditChain } from '../src/services/audit.ts';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let reporterA: string;
let reporterB: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const P = '2026-Q1';

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url: `${U}${url}`, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url: `${U}${url}`, headers: { cookie } });
const gdpOf = async (unit: string) => {
  const r = (await get(`/results?period=${P}`)).json().result as PeriodResult;
  return (r.units.find((u) => u.unit === unit)?.indicators.gdp as ValueIndicatorResult).value;
};

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
  await post('/figures/batch', { figures: [{ unit: 'a', indicator: 'gdp', period: P, value: '50' }, { unit: 'b', indicator: 'gdp', period: P, value: '80' }] });
});
afterAll(async () => { await t.close(); });

describe('corrections', () => {
  it('are refused while the period is not closed (change the figure directly)', async () => {
    const res = await post('/corrections', { unit: 'a', indicator: 'gdp', period: P, value: '55', reason: '统计口径调整' }, reporterA);
    expect(res.statusCode).toBe(409);
  });

  it('after close: requested with a reason, applied only when an organizer accepts, earlier value kept', async () => {
    // verify and close the period
    await post('/verification', { decisions: [
      { unit: 'a', indicator: 'gdp', period: P, version: 1, decision: 'approve' },
      { unit: 'b', indicator: 'gdp', period: P, version: 1, decision: 'approve' },
    ] });
    await t.app.inject({ method: 'PUT', url: `${U}/periods/${P}`, payload: { state: 'verification' }, headers: { cookie: organizer } });
    await t.app.inject({ method: 'PUT', url: `${U}/periods/${P}`, payload: { state: 'closed' }, headers: { cookie: organizer } });

    expect((await post('/corrections', { unit: 'b', indicator: 'gdp', period: P, value: '55', reason: 'x' }, reporterA)).statusCode).toBe(403);
    expect((await post('/corrections', { unit: 'a', indicator: 'gdp', period: P, value: 'abc', reason: 'x' }, reporterA)).statusCode).toBe(422);
    const res = await post('/corrections', { unit: 'a', indicator: 'gdp', period: P, value: '55', reason: '统计口径调整' }, reporterA);
    expect(res.statusCode).toBe(201);
    const request = res.json().request;
    expect(request).toMatchObject({ kind: 'correction', status: 'pending', value: '55', previousValue: '50', reason: '统计口径调整' });
    expect(await gdpOf('a')).toBe(50);

    // the unit cannot decide; a rejection needs a reply
    expect((await post(`/requests/${request.id}/decision`, { decision: 'accept' }, reporterA)).statusCode).toBe(403);
    expect((await post(`/requests/${request.id}/decision`, { decision: 'reject' })).statusCode).toBe(400);
    const accepted = await post(`/requests/${request.id}/decision`, { decision: 'accept', reply: '同意' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().request).toMatchObject({ status: 'accepted', previousValue: '50', value: '55', reply: '同意', decidedBy: expect.stringMatching(/^organizer/) });
    expect(await gdpOf('a')).toBe(55);
    expect((await post(`/requests/${request.id}/decision`, { decision: 'reject', reply: 'x' })).statusCode).toBe(409);

    const history = (await get(`/figures/history?unit=a&indicator=gdp&period=${P}`)).json().history;
    expect(history.map((h: { action: string }) => h.action)).toEqual(['figure.set', 'figure.approve', 'correction.request', 'figure.set', 'correction.accept']);
    expect(history[3]).toMatchObject({ before: { value: '50' }, after: { value: '55' }, reason: expect.stringContaining('统计口径调整') });
    expect((await get(`/figures/history?unit=a&indicator=gdp&period=${P}`, reporterB)).statusCode).toBe(403);

    // the audit chain holds the correction, linked to the entry before it, and is intact
    const log = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&limit=1000`, headers: { cookie: organizer } })).json().entries as { seq: number; action: string; prevHash: string; hash: string }[];
    const accept = log.find((e) => e.action === 'correction.accept');
    const applied = log.find((e) => e.action === 'figure.set' && e.seq === (accept?.seq ?? 0) - 1);
    expect(applied).toBeDefined();
    expect(accept?.prevHash).toBe(applied?.hash);
    expect(await verifyAuditChain(t.app.leitai.ctx.db)).toMatchObject({ ok: true });
  });
});

describe('appeals', () => {
  it('a unit appeals its published score; the organizer rejects with a reply', async () => {
    expect((await post('/appeals', { unit: 'b', period: P, reason: '得分偏低' }, reporterA)).statusCode).toBe(403);
    expect((await post('/appeals', { unit: 'a', period: '2026-Q3', reason: '得分偏低' }, reporterA)).statusCode).toBe(409);
    const res = await post('/appeals', { unit: 'b', period: P, indicator: 'gdp', reason: '产值漏报一笔' }, reporterB);
    expect(res.statusCode).toBe(201);
    const id = res.json().request.id;
    const rejected = await post(`/requests/${id}/decision`, { decision: 'reject', reply: '经核实无误' });
    expect(rejected.json().request).toMatchObject({ kind: 'appeal', status: 'rejected', reply: '经核实无误', previousValue: '80' });
    expect(await gdpOf('b')).toBe(80);
  });

  it('accepted with a correction: the figure changes, the earlier value stays visible', async () => {
    const id = (await post('/appeals', { unit: 'b', period: P, reason: '产值漏报一笔' }, reporterB)).json().request.id;
    const res = await post(`/requests/${id}/decision`, { decision: 'accept', reply: '已更正', correction: { indicator: 'gdp', value: '90' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().request).toMatchObject({ status: 'accepted', indicator: 'gdp', previousValue: '80', value: '90' });
    expect(await gdpOf('b')).toBe(90);
    const mine = (await get('/requests', reporterB)).json().requests;
    expect(mine.map((r: { status: string }) => r.status)).toEqual(['accepted', 'rejected']);
    expect((await get('/requests', reporterA)).json().requests.every((r: { unit: string }) => r.unit === 'a')).toBe(true);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&action=appeal`, headers: { cookie: organizer } })).json().entries;
    expect(audit.map((e: { action: string }) => e.action)).toEqual(['appeal.accept', 'appeal.submit', 'appeal.reject', 'appeal.submit']);
  });
});
