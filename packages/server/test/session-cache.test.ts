// The per-process session cache (services/session-cache.ts): a signed-in user is read from the
// database once, then served from memory — and dropped, in this process and in another on the same
// database, when the session ends or the user's rights change. A cached view is never served to a
// user with other rights.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { makeCampaign, makeUser, PASSWORD, session, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let other: TestApp;
let adminCookie: string;
const C = 'cache-2026';
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  // a second app on the same database: another process behind a load balancer
  other = await testApp({ db: t.db });
  await makeCampaign(t.app, smallSpec(C), [
    { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' },
    { unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '80' },
  ]);
  await makeCampaign(t.app, smallSpec('elsewhere-2026'));
  adminCookie = (await session(t.app, 'admin')).cookie;
});
afterAll(async () => {
  await other.close();
  await t.close();
});

const get = (app: FastifyInstance, url: string, cookie: string) => app.inject({ method: 'GET', url, headers: { cookie } });
const me = (app: FastifyInstance, cookie: string) => get(app, '/api/v1/auth/me', cookie);

/**
 * Resolves once `app` has heard every auth notification committed before this call: a NOTIFY of
 * its own is sent after them, and notifications arrive in commit order.
 */
async function heardAll(app: FastifyInstance): Promise<void> {
  const mark = `barrier-${Math.random().toString(36).slice(2)}`;
  let off: (() => void) | undefined;
  const heard = new Promise<void>((ok) => {
    void app.leitai.hub.subscribe('auth', (e) => { if (e.table === mark) ok(); }).then((o) => { off = o; });
  });
  // subscribed (the LISTEN is in place) before the barrier is sent
  await new Promise<void>((ok) => { const wait = () => (off ? ok() : setImmediate(wait)); wait(); });
  await t.app.leitai.ctx.db.$client.query(`SELECT pg_notify('leitai_auth', $1)`, [JSON.stringify({ table: mark })]);
  await heard;
  off?.();
}

/** A session served from `app`'s cache from now on. */
async function cached(app: FastifyInstance, cookie: string): Promise<void> {
  await heardAll(app);
  expect((await me(app, cookie)).statusCode).toBe(200);
  expect(app.leitai.ctx.sessions?.size).toBeGreaterThan(0);
}

describe('a cached session', () => {
  it('is served from memory once read', async () => {
    const { cookie } = await session(t.app, 'organizer');
    await cached(t.app, cookie);
    const before = t.app.leitai.ctx.sessions?.size;
    expect((await me(t.app, cookie)).json().user.role).toBe('organizer');
    expect(t.app.leitai.ctx.sessions?.size).toBe(before);
  });

  it('is kept when figures are saved (a figure write ends no session and changes no right): the saver and others are still served from memory', async () => {
    const saver = await session(t.app, 'organizer');
    const reader = await session(t.app, 'organizer');
    await cached(t.app, saver.cookie);
    expect((await me(t.app, reader.cookie)).statusCode).toBe(200);
    const before = t.app.leitai.ctx.sessions?.size ?? 0;
    expect(before).toBeGreaterThanOrEqual(2);
    const version = ((await get(t.app, `${U}/figures?period=2026-Q2`, saver.cookie)).json().figures as { unit: string; indicator: string; version: number }[]).find((f) => f.unit === 'c' && f.indicator === 'gdp')?.version ?? null;
    const put = await t.app.inject({ method: 'PUT', url: `${U}/figures`, headers: { cookie: saver.cookie }, payload: { unit: 'c', indicator: 'gdp', period: '2026-Q2', value: '77', version } });
    expect(put.statusCode, put.body).toBe(200);
    const batch = await t.app.inject({ method: 'POST', url: `${U}/figures/batch`, headers: { cookie: saver.cookie }, payload: { figures: [{ unit: 'c', indicator: 'gdp', period: '2026-Q3', value: '78', version: null }] } });
    expect(batch.statusCode, batch.body).toBe(200);
    expect(t.app.leitai.ctx.sessions?.size).toBe(before);
    // and the saved figure is read right away (the campaign's leaderboard etag was dropped by the write)
    const r = (await get(t.app, `${U}/results?period=2026-Q2`, reader.cookie)).json();
    expect(r.result.units.find((u: { unit: string }) => u.unit === 'c').indicators.gdp.value).toBe(77);
  });

  it('ends with a logout: at once in the same process, and in another once it hears of it', async () => {
    const user = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, user.username);
    await cached(t.app, cookie);
    await cached(other.app, cookie);
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } })).statusCode).toBe(204);
    expect((await me(t.app, cookie)).statusCode).toBe(401);
    await heardAll(other.app);
    expect((await me(other.app, cookie)).statusCode).toBe(401);
  });

  it('ends when the user is disabled', async () => {
    const user = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, user.username);
    await cached(t.app, cookie);
    await cached(other.app, cookie);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: adminCookie }, payload: { disabled: true } });
    expect(res.statusCode).toBe(200);
    expect((await me(t.app, cookie)).statusCode).toBe(401);
    await heardAll(other.app);
    expect((await me(other.app, cookie)).statusCode).toBe(401);
    expect((await get(other.app, `${U}/results`, cookie)).statusCode).toBe(401);
  });

  it('ends when the password is changed from another session (the one that changed it goes on)', async () => {
    const user = await makeUser(t.app, 'organizer');
    const changer = await signIn(t.app, user.username);
    const elsewhere = await signIn(t.app, user.username);
    await cached(t.app, elsewhere);
    await cached(other.app, elsewhere);
    const res = await other.app.inject({ method: 'POST', url: '/api/v1/auth/password', headers: { cookie: changer }, payload: { currentPassword: PASSWORD, newPassword: 'another-horse-4242' } });
    expect(res.statusCode).toBe(200);
    expect((await me(other.app, elsewhere)).statusCode).toBe(401);
    await heardAll(t.app);
    expect((await me(t.app, elsewhere)).statusCode).toBe(401);
    expect((await me(t.app, changer)).statusCode).toBe(200);
  });

  it('ends when an admin resets the password', async () => {
    const user = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, user.username);
    await cached(other.app, cookie);
    expect((await t.app.inject({ method: 'POST', url: `/api/v1/users/${user.id}/password`, headers: { cookie: adminCookie } })).statusCode).toBe(200);
    await heardAll(other.app);
    expect((await me(other.app, cookie)).statusCode).toBe(401);
  });
});

describe('rights that change under a cached session', () => {
  it('an organizer made a reporter gets the reporter\'s leaderboard, not the cached full one (both processes)', async () => {
    const user = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, user.username);
    for (const app of [t.app, other.app]) {
      await cached(app, cookie);
      const full = await get(app, `${U}/results?period=2026-Q1`, cookie);
      expect(full.json().result.units.find((u: { unit: string }) => u.unit === 'b').indicators.gdp.value).toBe(80);
    }
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: adminCookie }, payload: { grants: [{ role: 'reporter', campaignId: C, unitId: 'a' }] } });
    expect(res.statusCode, res.body).toBe(200);
    await heardAll(other.app);
    for (const app of [t.app, other.app]) {
      const seen = await get(app, `${U}/results?period=2026-Q1`, cookie);
      expect(seen.statusCode).toBe(200);
      expect(seen.headers.etag).toMatch(/-r/);
      const b = seen.json().result.units.find((u: { unit: string }) => u.unit === 'b');
      expect(b.indicators.gdp.value).toBeNull();
      expect(seen.json().unverified).toEqual([]);
      // and the reporter may no longer change the campaign
      expect((await app.inject({ method: 'PUT', url: `${U}/periods/2026-Q1`, headers: { cookie }, payload: { state: 'closed' } })).statusCode).toBe(403);
    }
  });

  it('a right given in another process is not refused on a cached view', async () => {
    const user = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, user.username);
    const res = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: adminCookie }, payload: { grants: [{ role: 'reporter', campaignId: 'elsewhere-2026', unitId: 'a' }] } });
    expect(res.statusCode, res.body).toBe(200);
    await cached(other.app, cookie);
    expect((await get(other.app, `${U}/results`, cookie)).statusCode).toBe(404);
    const given = await t.app.inject({ method: 'PATCH', url: `/api/v1/users/${user.id}`, headers: { cookie: adminCookie }, payload: { grants: [{ role: 'organizer', campaignId: C }] } });
    expect(given.statusCode, given.body).toBe(200);
    // not waiting for the notification: a refusal is checked against the database
    expect((await get(other.app, `${U}/results`, cookie)).statusCode).toBe(200);
  });

  it('two users asking in turn each get their own view', async () => {
    const org = (await session(t.app, 'organizer')).cookie;
    const rep = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
    for (let i = 0; i < 3; i++) {
      for (const app of [t.app, other.app]) {
        const o = await get(app, `${U}/results?period=2026-Q1`, org);
        const r = await get(app, `${U}/results?period=2026-Q1`, rep);
        expect(o.json().result.units.find((u: { unit: string }) => u.unit === 'b').indicators.gdp.value).toBe(80);
        expect(r.json().result.units.find((u: { unit: string }) => u.unit === 'b').indicators.gdp.value).toBeNull();
        expect(r.headers.etag).not.toBe(o.headers.etag);
      }
    }
  });
});

describe('the leaderboard\'s etag kept per process', () => {
  it('a write through one process is read right away through another that kept the etag', async () => {
    const { cookie } = await session(t.app, 'organizer');
    const Q = `${U}/results?period=2026-Q1`;
    const value = (body: { result: { units: { unit: string; indicators: { gdp: { value: number | null } } }[] } }) => body.result.units.find((u) => u.unit === 'a')?.indicators.gdp.value;
    const version = async () => ((await get(t.app, `${U}/figures?period=2026-Q1`, cookie)).json().figures as { unit: string; indicator: string; version: number }[]).find((f) => f.unit === 'a' && f.indicator === 'gdp')?.version;
    for (let i = 1; i <= 3; i++) {
      // both processes keep the etag (asked twice: the second answer from memory)
      for (const app of [t.app, other.app]) {
        await get(app, Q, cookie);
        expect((await get(app, Q, cookie)).statusCode).toBe(200);
      }
      const writer = i % 2 ? t.app : other.app;
      const reader = i % 2 ? other.app : t.app;
      const put = await writer.inject({ method: 'PUT', url: `${U}/figures`, headers: { cookie }, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: String(1000 + i), version: await version() } });
      expect(put.statusCode, put.body).toBe(200);
      // not waiting for anything: the reader's process hears the write before it trusts its etag
      expect(value((await get(reader, Q, cookie)).json())).toBe(1000 + i);
      expect(value((await get(writer, Q, cookie)).json())).toBe(1000 + i);
    }
  });
});
