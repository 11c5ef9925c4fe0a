// The reporter's form preview: what the unit's figures would score with the values being typed
// (the engine over every stored figure plus these; nothing stored), with last period's figure and
// whether each value needs an explanation. Only the unit's own result comes back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodResult } from '@leitai/engine';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';

const C = 'prev-2026';
const SPEC = `version: 1
campaign: { id: ${C}, name: 预览测试, year: 2026, cadence: quarter }
groups:
  - { id: g, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g }
  - { id: b, name: 乙镇, group: g }
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: 60, method: schedule, target: 100 }
  - { id: style, name: 作风, input: score, weight: 40 }
  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }
flags: []
`;

let t: TestApp;
let reporter: string;
let organizer: string;
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC, [
    { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '30' },
    { unit: 'b', indicator: 'fai', period: '2026-Q1', value: '20' },
    { unit: 'b', indicator: 'style', period: '2026-Q1', value: '35' },
  ]);
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const preview = (payload: object, cookie = reporter) => t.app.inject({ method: 'POST', url: `${U}/figures/preview`, payload, headers: { cookie } });
const storedCount = async () => Number((await t.app.leitai.ctx.db.$client.query(`SELECT count(*) AS n FROM figures WHERE campaign_id = $1`, [C])).rows[0].n);

describe('the preview', () => {
  it('scores the typed value with the engine, with the schedule and whether it needs an explanation; stores nothing', async () => {
    const before = await storedCount();
    const res = await preview({ unit: 'a', period: '2026-Q2', values: { fai: '40' } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ unit: 'a', period: '2026-Q2', previousPeriod: '2026-Q1', explanationRequired: true });
    // 40 of an expected 50 by Q2: ratio 0.8, 60 × 0.8 = 48 points, behind schedule
    expect(body.indicators.fai).toMatchObject({ value: 40, ytd: 40, target: 100, expected: 50, ratio: 0.8, ahead: false, score: 48, previous: '30', needsExplanation: 'behind_schedule' });
    expect(body.indicators.fai.explain.zh).toContain('落后序时');
    expect(body.indicators.style).toMatchObject({ missing: true, score: 0, previous: null, needsExplanation: null });
    expect(body.indicators.honor).toMatchObject({ events: 0, score: 0, needsExplanation: null });
    expect(body.total).toBe(48);
    expect(await storedCount()).toBe(before);
  });

  it('says when a value jumps against the period before', async () => {
    // 30 by Q1, 90 by Q2: 60 added against 30 (+100 %), ahead of schedule
    const fai = (await preview({ unit: 'a', period: '2026-Q2', values: { fai: '90' } })).json().indicators.fai;
    expect(fai).toMatchObject({ ahead: true, needsExplanation: 'jump', jump: { current: '60', previous: '30', percent: 100, increase: true } });
    const calm = (await preview({ unit: 'a', period: '2026-Q2', values: { fai: '55' } })).json().indicators.fai;
    expect(calm).toMatchObject({ ahead: true, needsExplanation: null, jump: null });
  });

  it('uses the stored figure for an indicator left out, and none for a null one', async () => {
    const stored = (await preview({ unit: 'a', period: '2026-Q1', values: {} })).json();
    expect(stored.indicators.fai).toMatchObject({ value: 30, ahead: true, previous: null });
    const cleared = (await preview({ unit: 'a', period: '2026-Q1', values: { fai: null } })).json();
    expect(cleared.indicators.fai).toMatchObject({ missing: true, score: 0 });
  });

  it('is what the results say once the value is saved', async () => {
    const previewed = (await preview({ unit: 'a', period: '2026-Q2', values: { fai: '55' } })).json();
    const put = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'fai', period: '2026-Q2', value: '55' }, headers: { cookie: reporter } });
    expect(put.statusCode).toBe(200);
    const result = (await t.app.inject({ method: 'GET', url: `${U}/results?period=2026-Q2`, headers: { cookie: reporter } })).json().result as PeriodResult;
    const ranked = result.units.find((u) => u.unit === 'a');
    expect(ranked?.total).toBe(previewed.total);
    // the reporter's own unit's figures come with its explanation (the leaderboard shows scores and ranks only)
    const a = (await t.app.inject({ method: 'GET', url: `${U}/results/explain?period=2026-Q2&unit=a`, headers: { cookie: reporter } })).json().unit as PeriodResult['units'][number];
    expect(a?.total).toBe(previewed.total);
    expect(a?.rank).toEqual(previewed.rank);
    expect(a?.indicators.fai).toMatchObject({ score: previewed.indicators.fai.score, ratio: previewed.indicators.fai.ratio });
  });

  it('answers only for the unit asked about, and only to who may enter its figures', async () => {
    const body = (await preview({ unit: 'a', period: '2026-Q1', values: {} })).json();
    expect(JSON.stringify(body)).not.toContain('"b"');
    expect((await preview({ unit: 'b', period: '2026-Q1', values: { fai: '1' } })).statusCode).toBe(403);
    const organizerView = (await preview({ unit: 'b', period: '2026-Q1', values: {} }, organizer)).json();
    expect(organizerView).toMatchObject({ unit: 'b', explanationRequired: false, indicators: { fai: { value: 20, needsExplanation: 'behind_schedule' } } });
    const leader = (await session(t.app, 'leader')).cookie;
    expect((await preview({ unit: 'a', period: '2026-Q1', values: {} }, leader)).statusCode).toBe(403);
  });

  it('refuses a value the engine refuses, an unknown unit or period', async () => {
    const bad = await preview({ unit: 'a', period: '2026-Q1', values: { fai: '1,000' } });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.code).toBe('data_invalid');
    expect((await preview({ unit: 'zz', period: '2026-Q1', values: {} }, organizer)).statusCode).toBe(404);
    expect((await preview({ unit: 'a', period: '2026-Q9', values: {} })).statusCode).toBe(404);
  });
});
