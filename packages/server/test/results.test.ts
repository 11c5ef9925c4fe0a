// Stored results: recomputed by the engine in the same transaction as every write, read without
// recomputing, never a mix of before and after.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resultRows, type PeriodResult, type ValueIndicatorResult } from '@leitai/engine';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let cookie: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  cookie = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const results = async (query = '') => {
  const res = await t.app.inject({ method: 'GET', url: `${U}/results${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<{ period: string | null; periods: string[]; result: PeriodResult | null }>();
};
const put = (payload: object) => t.app.inject({ method: 'PUT', url: `${U}/figures`, payload, headers: { cookie } });
const batch = (figures: object[]) => t.app.inject({ method: 'POST', url: `${U}/figures/batch`, payload: { figures }, headers: { cookie } });
const valueOf = (r: PeriodResult, unit: string, indicator: string) => (r.units.find((u) => u.unit === unit)?.indicators[indicator] as ValueIndicatorResult).value;

describe('results', () => {
  it('is null before any data', async () => {
    expect(await results()).toEqual({ period: null, periods: [], result: null, state: null, unverified: [], counts: {}, movement: {} });
  });

  it('change after a figure write; explanations are computed for one unit when asked', async () => {
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' })).statusCode).toBe(200);
    const r1 = await results();
    expect(r1.period).toBe('2026-Q1');
    expect(r1.periods).toEqual(['2026-Q1']);
    const a1 = r1.result?.units.find((u) => u.unit === 'a');
    expect(a1?.indicators.gdp).toMatchObject({ value: 50, score: 30 });
    // explanations are not stored (nor sent with the leaderboard): the explain request computes them
    expect(a1?.indicators.gdp.explain).toBeUndefined();
    const explained = (await t.app.inject({ method: 'GET', url: `${U}/results/explain?period=2026-Q1&unit=a`, headers: { cookie } })).json();
    expect(explained.unit.indicators.gdp).toMatchObject({ value: 50, score: 30 });
    expect(explained.unit.indicators.gdp.explain.zh).toBeTruthy();
    expect(explained.unit.explain.rank.length).toBeGreaterThan(0);
    // the others reported nothing: missing, and the 催报 rule fires for them
    expect(r1.result?.actions.filter((x) => x.rule === 'report').map((x) => x.unit)).toEqual(expect.arrayContaining(['b', 'c', 'd']));

    await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '100', version: 1 });
    const r2 = await results('?period=2026-Q1');
    expect(r2.result?.units.find((u) => u.unit === 'a')?.indicators.gdp).toMatchObject({ value: 100, score: 60 });
  });

  it('counts, per unit, the figures reported and counted: a unit with none is not a score of 0', async () => {
    const r = await results('?period=2026-Q1') as unknown as { state: string; counts: Record<string, { reported: number; counted: number }> };
    expect(r.state).toBe('open');
    expect(r.counts).toEqual({ a: { reported: 1, counted: 1 }, b: { reported: 0, counted: 0 }, c: { reported: 0, counted: 0 }, d: { reported: 0, counted: 0 } });
  });

  it('gives the overall and the group movement apart (the engine\'s delta is the group one)', async () => {
    // Q1: only a reported (a 1st overall). M: c and d of g2 pass a in Q2: a stays 1st in g1 but falls overall
    await batch([{ unit: 'c', indicator: 'gdp', period: '2026-Q2', value: '200' }, { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '90' }]);
    const r = await results('?period=2026-Q2') as unknown as { result: PeriodResult; movement: Record<string, { all: number | null; group: number | null }> };
    const a = r.result.units.find((u) => u.unit === 'a');
    expect(a?.rank).toMatchObject({ all: 2, group: 1 });
    expect(r.movement.a).toEqual({ all: -1, group: 0 });
    expect(a?.delta).toBe(0);
    expect((await results('?period=2026-Q1') as unknown as { movement: Record<string, unknown> }).movement.a).toEqual({ all: null, group: null });
    await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'c', indicator: 'gdp', period: '2026-Q2', value: null, version: 1 }, headers: { cookie } });
    await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: null, version: 1 }, headers: { cookie } });
  });

  it('serves a period that has no data as null, and 404 for a period of no campaign', async () => {
    expect((await results('?period=2026-Q4')).result).toBeNull();
    const res = await t.app.inject({ method: 'GET', url: `${U}/results?period=2027-Q1`, headers: { cookie } });
    expect(res.statusCode).toBe(404);
  });

  it('history and actions come from the stored results', async () => {
    await batch([{ unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '120' }, { unit: 'b', indicator: 'gdp', period: '2026-Q2', value: '10' }]);
    const h = (await t.app.inject({ method: 'GET', url: `${U}/units/a/history`, headers: { cookie } })).json();
    expect(h.unit).toBe('a');
    expect(h.history.map((x: { period: string }) => x.period)).toEqual(['2026-Q1', '2026-Q2']);
    expect(h.history[1]).toMatchObject({ state: 'open', rank: { group: 1 }, flags: ['red'], vetoed: false });
    const stored = (await results('?period=2026-Q2')).result;
    const actions = (await t.app.inject({ method: 'GET', url: `${U}/actions?period=2026-Q2`, headers: { cookie } })).json().actions;
    expect(actions).toEqual(stored?.actions);
    expect((await t.app.inject({ method: 'GET', url: `${U}/units/zz/history`, headers: { cookie } })).statusCode).toBe(404);
  });

  it('reading never recomputes: results are the stored bytes, sent as they are', async () => {
    const { rows } = await t.app.leitai.ctx.db.$client.query('SELECT period, body FROM period_results WHERE campaign_id = $1 ORDER BY period', [C]);
    const body = rows.find((r: { period: string }) => r.period === '2026-Q2').body as string;
    // the web's leaderboard asks for the result in columns: the stored bytes
    const res = await t.app.inject({ method: 'GET', url: `${U}/results?period=2026-Q2&shape=columns`, headers: { cookie } });
    expect(res.body).toBe(body);
    // by default the same result in the engine's rows, under another etag
    const rowsRes = await t.app.inject({ method: 'GET', url: `${U}/results?period=2026-Q2`, headers: { cookie } });
    const stored = JSON.parse(body);
    expect(rowsRes.json()).toStrictEqual({ ...stored, result: resultRows(stored.result) });
    expect(rowsRes.json().result.units.map((u: { unit: string }) => u.unit)).toEqual(['a', 'b', 'c', 'd']);
    expect(rowsRes.headers.etag).not.toBe(res.headers.etag);
    expect((await t.app.inject({ method: 'GET', url: `${U}/results?period=2026-Q2&shape=columns`, headers: { cookie, 'if-none-match': res.headers.etag as string } })).statusCode).toBe(304);
  });

  it('readers see the results from before or after a write, never a mix', async () => {
    // every batch sets c and d to the same figure: any stored result must show them equal
    const reads: Promise<{ result: PeriodResult | null }>[] = [];
    const writes: Promise<unknown>[] = [];
    for (let i = 1; i <= 12; i++) {
      writes.push(batch([{ unit: 'c', indicator: 'gdp', period: '2026-Q3', value: String(i) }, { unit: 'd', indicator: 'gdp', period: '2026-Q3', value: String(i) }]));
      reads.push(results('?period=2026-Q3'), results('?period=2026-Q3'));
    }
    await Promise.all(writes);
    for (const r of await Promise.all(reads)) {
      if (!r.result) continue;
      expect(valueOf(r.result, 'c', 'gdp')).toBe(valueOf(r.result, 'd', 'gdp'));
    }
    // and the final stored results match the final stored figures
    const final = (await results('?period=2026-Q3')).result as PeriodResult;
    const figs = (await t.app.inject({ method: 'GET', url: `${U}/figures?period=2026-Q3`, headers: { cookie } })).json().figures;
    for (const f of figs.filter((x: { indicator: string }) => x.indicator === 'gdp')) {
      expect(valueOf(final, f.unit, 'gdp')).toBe(Number(f.value));
    }
  });

  it('a rejected write leaves the stored results untouched', async () => {
    const before = await results('?period=2026-Q2');
    const stored = (await t.app.inject({ method: 'GET', url: `${U}/figures?period=2026-Q2`, headers: { cookie } })).json().figures;
    const version = stored.find((f: { unit: string; indicator: string }) => f.unit === 'a' && f.indicator === 'gdp')?.version ?? null;
    expect((await batch([{ unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '1', version }, { unit: 'b', indicator: 'style', period: '2026-Q2', value: '99' }])).statusCode).toBe(422);
    expect(await results('?period=2026-Q2')).toEqual(before);
  });
});
