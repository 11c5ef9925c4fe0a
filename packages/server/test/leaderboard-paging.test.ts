// The leaderboard in pages (GET /results?limit=&offset=, issue 12): the units ranked offset+1 …
// offset+limit overall, each page cut from one stored version (its etag), in rows or columns.
import { resultRows, type ResultColumns } from '@leitai/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let reporter: string;
const C = 'paged-2026';
const U = `/api/v1/campaigns/${C}`;
const Q = `${U}/results?period=2026-Q1`;

beforeAll(async () => {
  t = await testApp();
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

interface Unit { unit: string; total: number; rank: { all: number }; indicators: Record<string, { value: number | null }> }
interface Page { result: { units: Unit[]; pairs: { units: string[] }[]; actions: { unit: string }[] }; counts: Record<string, unknown>; movement: Record<string, unknown>; page: { offset: number; limit: number; total: number } }

async function pages(limit: number, cookie = organizer): Promise<{ pages: Page[]; etags: string[] }> {
  const out: Page[] = [];
  const etags: string[] = [];
  for (let offset = 0; ; offset += limit) {
    const res = await get(`${Q}&offset=${offset}&limit=${limit}`, cookie);
    expect(res.statusCode, res.body).toBe(200);
    out.push(res.json());
    etags.push(res.headers.etag as string);
    if (offset + limit >= res.json().page.total) break;
  }
  return { pages: out, etags };
}

describe('the leaderboard in pages', () => {
  it('pages cover every unit once, in overall rank order, each with what belongs to its units', async () => {
    const full = (await get(Q, organizer)).json() as Page;
    const ranked = [...full.result.units].sort((x, y) => x.rank.all - y.rank.all);
    for (const limit of [1, 3, 4, 10]) {
      const { pages: ps, etags } = await pages(limit);
      const seen = ps.flatMap((p) => p.result.units);
      expect(seen.map((u) => u.unit)).toEqual(ranked.map((u) => u.unit));
      // each unit as in the whole result
      for (const u of seen) expect(u).toEqual(full.result.units.find((f) => f.unit === u.unit));
      for (const p of ps) {
        expect(p.page.total).toBe(4);
        expect(p.result.units.length).toBeLessThanOrEqual(limit);
        const on = new Set(p.result.units.map((u) => u.unit));
        expect(Object.keys(p.counts).every((k) => on.has(k))).toBe(true);
        expect(Object.keys(p.counts).sort()).toEqual([...on].sort());
        expect(Object.keys(p.movement).every((k) => on.has(k))).toBe(true);
        expect(p.result.pairs.every((pair) => pair.units.some((u) => on.has(u)))).toBe(true);
        expect(p.result.actions.every((a) => on.has(a.unit))).toBe(true);
      }
      // one version: etags differ by page only
      expect(new Set(etags).size).toBe(etags.length);
    }
    const past = (await get(`${Q}&offset=8&limit=2`, organizer)).json() as Page;
    expect(past.result.units).toEqual([]);
    expect(past.page).toEqual({ offset: 8, limit: 2, total: 4 });
  });

  it('in columns, the same page', async () => {
    const rows = (await get(`${Q}&offset=1&limit=2`, organizer)).json() as Page;
    const cols = await get(`${Q}&offset=1&limit=2&shape=columns`, organizer, { 'accept-encoding': 'identity' });
    const c = cols.json() as { result: ResultColumns };
    expect(resultRows(c.result)).toEqual(rows.result);
    expect(cols.headers.etag).not.toBe((await get(`${Q}&offset=1&limit=2`, organizer)).headers.etag);
  });

  it('answers 304 to a page it has; a write gives every page a new etag and the new figures', async () => {
    const first = await get(`${Q}&offset=0&limit=2`, organizer, { 'accept-encoding': 'br' });
    const etag = first.headers.etag as string;
    expect((await get(`${Q}&offset=0&limit=2`, organizer, { 'if-none-match': etag })).statusCode).toBe(304);
    // another page is not that version
    expect((await get(`${Q}&offset=2&limit=2`, organizer, { 'if-none-match': etag })).statusCode).toBe(200);
    const before = (await pages(2)).etags;
    const put = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '500', version: 1 }, headers: { cookie: organizer } });
    expect(put.statusCode, put.body).toBe(200);
    const changed = await get(`${Q}&offset=0&limit=2`, organizer, { 'if-none-match': etag });
    expect(changed.statusCode).toBe(200);
    // read your write: a is first now
    expect((changed.json() as Page).result.units[0].unit).toBe('a');
    expect((changed.json() as Page).result.units[0].indicators.gdp.value).toBe(500);
    const after = await pages(2);
    expect(after.etags.some((e) => before.includes(e))).toBe(false);
    expect(after.pages.flatMap((p) => p.result.units.map((u) => u.unit))).toHaveLength(4);
  });

  it('a reporter\'s pages are the reporter\'s view: no other unit\'s figures, nothing pending', async () => {
    const org = await get(`${Q}&offset=0&limit=4`, organizer);
    const rep = await get(`${Q}&offset=0&limit=4`, reporter);
    expect(rep.statusCode).toBe(200);
    expect(rep.headers.etag).not.toBe(org.headers.etag);
    const units = (rep.json() as Page).result.units;
    expect(units.map((u) => u.unit)).toEqual((org.json() as Page).result.units.map((u) => u.unit));
    for (const u of units) expect(u.indicators.gdp.value).toBeNull();
    expect(rep.json().unverified).toEqual([]);
    // the organizer asking again is not served the reporter's page
    expect(((await get(`${Q}&offset=0&limit=4`, organizer)).json() as Page).result.units.some((u) => u.indicators.gdp.value !== null)).toBe(true);
  });

  it('refuses a limit out of bounds, naming it', async () => {
    for (const q of ['limit=0', 'limit=1001', 'limit=x', 'offset=-1&limit=2']) {
      const res = await get(`${Q}&${q}`, organizer);
      expect(res.statusCode, q).toBe(400);
      expect(res.body).toMatch(/limit|offset/);
    }
  });
});
