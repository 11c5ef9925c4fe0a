// Sign-in, sign-out, session expiry (12 h sliding) and lockout (5 failures in 15 minutes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookieOf, makeUser, PASSWORD, signIn, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
beforeAll(async () => { t = await testApp(); });
afterAll(async () => { await t.close(); });

const HOUR = 60 * 60 * 1000;
const me = (cookie?: string) => t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: cookie ? { cookie } : {} });

describe('sign-in', () => {
  it('signs in, sets an httpOnly SameSite=Lax cookie, and /auth/me answers with the user', async () => {
    const user = await makeUser(t.app, 'organizer');
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    // the user, with their organization and roles per campaign (none yet)
    expect(res.json()).toEqual({ user: { ...user, organizationName: '县委组织部', campaignRoles: {}, organizes: [user.organizationId] } });
    const c = res.cookies.find((x) => x.name === 'leitai_session');
    expect(c?.httpOnly).toBe(true);
    expect(c?.sameSite).toBe('Lax');
    const who = await me(cookieOf(res));
    expect(who.statusCode).toBe(200);
    expect(who.json().user.username).toBe(user.username);
  });

  it('refuses a wrong password and an unknown user alike', async () => {
    const user = await makeUser(t.app, 'leader');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: 'nope-nope' } });
    const unknown = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'nobody-here', password: 'nope-nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json().error.code).toBe('unauthenticated');
  });

  it('stores only a hash of the token', async () => {
    const user = await makeUser(t.app, 'leader');
    const cookie = await signIn(t.app, user.username);
    const token = cookie.split('=')[1];
    const { rows } = await t.app.leitai.ctx.db.$client.query('SELECT token_hash FROM sessions');
    expect(rows.some((r: { token_hash: string }) => r.token_hash === token)).toBe(false);
    expect(rows.every((r: { token_hash: string }) => /^[0-9a-f]{64}$/.test(r.token_hash))).toBe(true);
  });

  it('signs out: the cookie no longer works', async () => {
    const user = await makeUser(t.app, 'scorer');
    const cookie = await signIn(t.app, user.username);
    const out = await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await me(cookie)).statusCode).toBe(401);
  });

  it('expires a session 12 hours after its last use, and use extends it', async () => {
    const user = await makeUser(t.app, 'leader');
    const cookie = await signIn(t.app, user.username);
    t.clock.advance(11 * HOUR);
    expect((await me(cookie)).statusCode).toBe(200); // used: now valid until +12 h from here
    t.clock.advance(11 * HOUR);
    expect((await me(cookie)).statusCode).toBe(200);
    t.clock.advance(12 * HOUR + 60_000);
    const res = await me(cookie);
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('unauthenticated');
  });

  it('locks a username out after 5 failures in 15 minutes, even for the right password', async () => {
    const user = await makeUser(t.app, 'reporter');
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password } });
    for (let i = 0; i < 5; i++) expect((await attempt('wrong-password')).statusCode).toBe(401);
    const locked = await attempt(PASSWORD);
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('locked_out');
    // another user is not affected
    const other = await makeUser(t.app, 'reporter');
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: other.username, password: PASSWORD } })).statusCode).toBe(200);
    t.clock.advance(15 * 60 * 1000 + 1000);
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });

  it('does not count failures before a success', async () => {
    const user = await makeUser(t.app, 'leader');
    const attempt = (password: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password } });
    for (let i = 0; i < 4; i++) await attempt('wrong-password');
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) await attempt('wrong-password');
    expect((await attempt(PASSWORD)).statusCode).toBe(200);
  });
});
