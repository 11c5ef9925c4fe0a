// The leaderboard route sends stored bytes: an etag (304 for a client that has them), compressed as
// the client accepts; and what a reporter sees of other units (issue 13 item 7, docs/api-plan.md):
// scores and ranks, not figures, nothing pending of other units.
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let reporter: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  // enough units that the body is worth compressing
  await makeCampaign(t.app, smallSpec(C), [
    { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' },
    { unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '80' },
    { unit: 'c', indicator: 'gdp', period: '2026-Q1', value: '120' },
    { unit: 'd', indicator: 'gdp', period: '2026-Q1', value: '70' },
    { unit: 'b', indicator: 'honor', period: '2026-Q1', value: '2' },
  ]);
  organizer = (await session(t.app, 'organizer')).cookie;
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
});
afterAll(async () => { await t.close(); });

const get = (url: string, cookie: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers: { cookie, ...headers } });

describe('the leaderboard route', () => {
  it('answers 304 to a matching ETag, and 200 with the new body once a write changed it', async () => {
    const first = await get(`${U}/results?period=2026-Q1`, organizer);
    expect(first.statusCode).toBe(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[^"]+"$/);
    const again = await get(`${U}/results?period=2026-Q1`, organizer, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // the latest period (no ?period) is the same stored row: the same validator
    expect((await get(`${U}/results`, organizer, { 'if-none-match': etag })).statusCode).toBe(304);

    await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '90', version: 1 }, headers: { cookie: organizer } });
    const changed = await get(`${U}/results?period=2026-Q1`, organizer, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(changed.json().result.units.find((u: { unit: string }) => u.unit === 'a').indicators.gdp.value).toBe(90);
  });

  it('is compressed as the client accepts (brotli, gzip), the same JSON', async () => {
    const plain = await get(`${U}/results?period=2026-Q1`, organizer);
    const br = await get(`${U}/results?period=2026-Q1`, organizer, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(plain.body);
    const gz = await get(`${U}/results?period=2026-Q1`, organizer, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(plain.body);
    expect(gz.headers.etag).toBe(plain.headers.etag);
  });
});

describe('what a reporter sees of other units', () => {
  it('ranks, totals and scores on the leaderboard; no figures and nothing pending of any unit', async () => {
    const full = (await get(`${U}/results?period=2026-Q1`, organizer)).json();
    const res = await get(`${U}/results?period=2026-Q1`, reporter);
    expect(res.statusCode).toBe(200);
    const seen = res.json();
    expect(seen.unverified).toEqual([]);
    expect(full.unverified.length).toBeGreaterThan(0);
    for (const u of seen.result.units) {
      const f = full.result.units.find((x: { unit: string }) => x.unit === u.unit);
      expect(u.total).toBe(f.total);
      expect(u.rank).toEqual(f.rank);
      expect(u.indicators.gdp.score).toBe(f.indicators.gdp.score);
      expect(u.indicators.gdp.rank).toEqual(f.indicators.gdp.rank);
      for (const raw of ['ytd', 'target', 'expected', 'ratio', 'ahead']) expect(u.indicators.gdp[raw]).toBeUndefined();
      expect(u.indicators.gdp.value).toBeNull();
    }
    expect(JSON.stringify(seen.result)).not.toContain('"value":120');
    // a different representation: a different validator
    expect(res.headers.etag).not.toBe((await get(`${U}/results?period=2026-Q1`, organizer)).headers.etag);
  });

  it('their own unit\'s figures and explanations through the explain request; not another unit\'s', async () => {
    const own = await get(`${U}/results/explain?period=2026-Q1&unit=a`, reporter);
    expect(own.statusCode).toBe(200);
    expect(own.json().unit.indicators.gdp).toMatchObject({ value: 90 });
    expect(own.json().unit.indicators.gdp.explain.zh).toBeTruthy();
    const other = await get(`${U}/results/explain?period=2026-Q1&unit=c`, reporter);
    expect(other.statusCode).toBe(403);
    expect((await get(`${U}/results/explain?period=2026-Q1&unit=c`, organizer)).statusCode).toBe(200);
  });

  it('a unit\'s history: totals, ranks and flags only (as the public pages)', async () => {
    const res = await get(`${U}/units/c/history`, reporter);
    expect(res.statusCode).toBe(200);
    const point = res.json().history[0];
    expect(Object.keys(point).sort()).toEqual(['delta', 'flags', 'period', 'rank', 'state', 'total', 'vetoed']);
  });

  it('actions: the same for everyone (reasons name units, not figures)', async () => {
    const a = (await get(`${U}/actions?period=2026-Q1`, reporter)).json().actions;
    const b = (await get(`${U}/actions?period=2026-Q1`, organizer)).json().actions;
    expect(a).toEqual(b);
  });
});
