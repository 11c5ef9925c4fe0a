// Verification: a section approves or returns its indicators' figures; once a period is in
// verification its results count approved figures only and list the others as not counted.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodResult, ValueIndicatorResult } from '@leitai/engine';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let gdpSection: string;
let styleSection: string;
let reporterA: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const P = '2026-Q1';

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
  gdpSection = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'gdp' }])).cookie;
  styleSection = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'style' }])).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  await t.app.inject({ method: 'POST', url: `${U}/figures/batch`, headers: { cookie: organizer }, payload: { figures: [
    { unit: 'a', indicator: 'gdp', period: P, value: '50' },
    { unit: 'b', indicator: 'gdp', period: P, value: '80' },
    { unit: 'a', indicator: 'style', period: P, value: '30' },
  ] } });
});
afterAll(async () => { await t.close(); });

const queue = async (cookie: string, query = '') => (await t.app.inject({ method: 'GET', url: `${U}/verification${query}`, headers: { cookie } })).json().figures as { unit: string; indicator: string; version: number; status: string }[];
const decide = (decisions: object[], cookie = gdpSection) => t.app.inject({ method: 'POST', url: `${U}/verification`, payload: { decisions }, headers: { cookie } });
const results = async () => (await t.app.inject({ method: 'GET', url: `${U}/results?period=${P}`, headers: { cookie: organizer } })).json() as { result: PeriodResult; state: string; unverified: { unit: string; indicator: string; status: string; counted: boolean }[] };
const gdpOf = (r: PeriodResult, unit: string) => (r.units.find((u) => u.unit === unit)?.indicators.gdp as ValueIndicatorResult).value;

describe('verification', () => {
  it('shows each section the figures of its own indicators', async () => {
    expect((await queue(gdpSection)).map((f) => `${f.unit}/${f.indicator}`)).toEqual(['a/gdp', 'b/gdp']);
    expect((await queue(styleSection)).map((f) => `${f.unit}/${f.indicator}`)).toEqual(['a/style']);
    expect(await queue(organizer)).toHaveLength(3);
    expect((await queue(gdpSection, '?status=pending')).every((f) => f.status === 'pending')).toBe(true);
  });

  it('refuses a decision on another section\'s indicator, a stale version, and a return without a reason', async () => {
    expect((await decide([{ unit: 'a', indicator: 'style', period: P, version: 1, decision: 'approve' }])).statusCode).toBe(403);
    expect((await decide([{ unit: 'a', indicator: 'gdp', period: P, version: 9, decision: 'approve' }])).statusCode).toBe(409);
    expect((await decide([{ unit: 'a', indicator: 'gdp', period: P, version: 1, decision: 'return' }])).statusCode).toBe(400);
  });

  it('while the period is open, results count every figure and list the unverified ones', async () => {
    const r = await results();
    expect(r.state).toBe('open');
    expect(gdpOf(r.result, 'b')).toBe(80);
    expect(r.unverified).toContainEqual({ unit: 'b', indicator: 'gdp', status: 'pending', counted: true });
  });

  it('approves and returns; the unit sees why and can fix a returned figure during verification', async () => {
    const res = await decide([
      { unit: 'a', indicator: 'gdp', period: P, version: 1, decision: 'approve' },
      { unit: 'b', indicator: 'gdp', period: P, version: 1, decision: 'return', reason: '与统计局数据不符' },
    ]);
    expect(res.statusCode).toBe(200);
    expect(res.json().figures.map((f: { status: string }) => f.status)).toEqual(['approved', 'returned']);
    expect((await t.app.inject({ method: 'PUT', url: `${U}/periods/${P}`, payload: { state: 'verification' }, headers: { cookie: organizer } })).statusCode).toBe(200);

    // verification: only approved figures count; b's returned figure is left out
    const r = await results();
    expect(r.state).toBe('verification');
    expect(gdpOf(r.result, 'a')).toBe(50);
    expect(gdpOf(r.result, 'b')).toBeNull();
    expect(r.unverified).toEqual(expect.arrayContaining([
      { unit: 'b', indicator: 'gdp', status: 'returned', counted: false },
      { unit: 'a', indicator: 'style', status: 'pending', counted: false },
    ]));

    // the unit's inbox says why; its reporter may fix a returned figure but not an approved one
    const reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
    const inbox = (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: reporterB } })).json().reminders;
    expect(inbox[0]).toMatchObject({ kind: 'returned', message: `${P}“产值”数据（80）被退回：与统计局数据不符` });
    const inboxEn = (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie: reporterB, 'accept-language': 'en' } })).json().reminders;
    expect(inboxEn[0]).toMatchObject({ kind: 'returned', message: `${P} "产值" (80) was returned: 与统计局数据不符` });
    const fixed = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'b', indicator: 'gdp', period: P, value: '78', version: 1 }, headers: { cookie: reporterB } });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json().figure).toMatchObject({ status: 'pending', version: 2 });
    const approved = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: P, value: '51', version: 1 }, headers: { cookie: reporterA } });
    expect(approved.json().error.code).toBe('period_locked');

    // approving the fixed figure brings it into the results
    expect((await decide([{ unit: 'b', indicator: 'gdp', period: P, version: 2, decision: 'approve' }])).statusCode).toBe(200);
    expect(gdpOf((await results()).result, 'b')).toBe(78);
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&action=figure.return`, headers: { cookie: organizer } })).json().entries;
    expect(audit[0]).toMatchObject({ subject: `b/gdp/${P}`, before: { status: 'pending', value: '80' }, after: { status: 'returned' }, reason: '与统计局数据不符' });
  });
});

describe('a return goes to whoever may enter the figure (issue 10 item 10)', () => {
  const inbox = async (cookie: string) => (await t.app.inject({ method: 'GET', url: `${U}/inbox`, headers: { cookie } })).json().reminders as { id: number; kind: string; unit: string; message: string }[];

  it('a returned score goes to its scoring section, not to the unit that cannot change it', async () => {
    const style = (await queue(styleSection)).find((f) => f.unit === 'a' && f.indicator === 'style');
    const res = await decide([{ unit: 'a', indicator: 'style', period: P, version: style?.version ?? 1, decision: 'return', reason: '评分依据不足' }], styleSection);
    expect(res.statusCode).toBe(200);

    const section = await inbox(styleSection);
    expect(section).toHaveLength(1);
    expect(section[0]).toMatchObject({ kind: 'returned', unit: 'a' });
    expect(section[0].message).toContain('作风');
    expect((await inbox(reporterA)).some((r) => r.message.includes('作风'))).toBe(false);
    expect(await inbox(gdpSection)).toEqual([]);
    // the section marks it read; the unit's reporter cannot even see it
    expect((await t.app.inject({ method: 'POST', url: `${U}/inbox/${section[0].id}/read`, headers: { cookie: reporterA } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `${U}/inbox/${section[0].id}/read`, headers: { cookie: styleSection } })).statusCode).toBe(204);
    // and the section, who may enter the score, corrects it while the period is in verification
    const fixed = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'style', period: P, value: '28', version: style?.version ?? 1 }, headers: { cookie: styleSection } });
    expect(fixed.statusCode).toBe(200);
  });
});

describe('a period in verification with nothing approved yet', () => {
  const C2 = 'unapproved-2026';
  const U2 = `/api/v1/campaigns/${C2}`;
  const read = async (query = '') => (await t.app.inject({ method: 'GET', url: `${U2}/results${query}`, headers: { cookie: organizer } })).json() as
    { period: string | null; periods: string[]; result: PeriodResult | null; state: string | null; unverified: { unit: string; counted: boolean }[] };

  it('is still listed among the periods (and is the default) with every unit missing', async () => {
    await makeCampaign(t.app, smallSpec(C2));
    await t.app.inject({ method: 'POST', url: `${U2}/figures/batch`, headers: { cookie: organizer }, payload: { figures: [
      { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' },
      { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '60' },
      { unit: 'b', indicator: 'gdp', period: '2026-Q2', value: '70' },
    ] } });
    expect((await read()).periods).toEqual(['2026-Q1', '2026-Q2']);
    const move = (period: string, state: string) => t.app.inject({ method: 'PUT', url: `${U2}/periods/${period}`, payload: { state }, headers: { cookie: organizer } });
    expect((await move('2026-Q2', 'verification')).statusCode).toBe(200);

    const r = await read();
    expect(r).toMatchObject({ period: '2026-Q2', periods: ['2026-Q1', '2026-Q2'], state: 'verification' });
    expect(r.result?.period).toBe('2026-Q2');
    expect(r.result?.units.map((u) => u.unit).sort()).toEqual(['a', 'b', 'c', 'd']);
    for (const u of ['a', 'b', 'c', 'd']) expect(gdpOf(r.result as PeriodResult, u)).toBeNull();
    expect(r.unverified.map((f) => [f.unit, f.counted])).toEqual(expect.arrayContaining([['a', false], ['b', false]]));
    // reported but nothing counted yet: 待审核, not a score of 0
    expect((r as unknown as { counts: unknown }).counts).toEqual({ a: { reported: 1, counted: 0 }, b: { reported: 1, counted: 0 }, c: { reported: 0, counted: 0 }, d: { reported: 0, counted: 0 } });

    // a period moved on without any figure is listed too; one still open without figures is not
    expect((await move('2026-Q3', 'verification')).statusCode).toBe(200);
    expect((await read()).periods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3']);
    expect((await move('2026-Q3', 'closed')).statusCode).toBe(200);
    const closed = await read();
    expect(closed).toMatchObject({ period: '2026-Q3', state: 'closed', periods: ['2026-Q1', '2026-Q2', '2026-Q3'] });
    expect(closed.result?.units).toHaveLength(4);
    expect((await read('?period=2026-Q4')).result).toBeNull();

    // approving a figure counts it again
    await t.app.inject({ method: 'POST', url: `${U2}/verification`, headers: { cookie: organizer }, payload: { decisions: [
      { unit: 'a', indicator: 'gdp', period: '2026-Q2', version: 1, decision: 'approve' },
    ] } });
    const after = await read('?period=2026-Q2');
    expect(gdpOf(after.result as PeriodResult, 'a')).toBe(60);
    expect(gdpOf(after.result as PeriodResult, 'b')).toBeNull();
  });
});
