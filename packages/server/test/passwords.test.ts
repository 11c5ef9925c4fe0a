// Issue 13 items 3 and 10: a lockout strangers cannot turn against someone else (per account and
// address, with backoff), a limit on failures from one address over fresh usernames, tries left on
// every failure; the password rules; the forced change of a password someone else set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblems } from '../src/auth/password-policy.ts';
import { makeUser, PASSWORD, session, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = (await session(t.app, 'admin')).cookie;
});
afterAll(async () => { await t.close(); });

const MIN = 60 * 1000;
const login = (username: string, password: string, ip: string) =>
  t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password }, remoteAddress: ip, headers: { 'accept-language': 'zh' } });

describe('lockout (item 3)', () => {
  it('strangers cannot lock the admin out: the pause holds their address only', async () => {
    const boss = await makeUser(t.app, 'admin');
    const tries: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await login(boss.username, 'wrong-password', '203.0.113.7');
      expect(res.statusCode).toBe(401);
      tries.push(res.json().error.remaining);
    }
    expect(tries).toEqual([4, 3, 2, 1, 0]);
    const paused = await login(boss.username, PASSWORD, '203.0.113.7');
    expect(paused.statusCode).toBe(429);
    expect(paused.json().error.code).toBe('locked_out');
    expect(paused.json().error.message).toContain('15 分钟');
    expect(Number(paused.headers['retry-after'])).toBeGreaterThan(800);
    // the admin, from their own desk
    expect((await login(boss.username, PASSWORD, '10.0.0.5')).statusCode).toBe(200);
    t.clock.advance(60 * MIN);
  });

  it('the pause doubles with each further failure', async () => {
    const u = await makeUser(t.app, 'reporter');
    for (let i = 0; i < 5; i++) await login(u.username, 'wrong-password', '203.0.113.8');
    t.clock.advance(15 * MIN + 1000);
    expect((await login(u.username, 'wrong-password', '203.0.113.8')).statusCode).toBe(401);
    t.clock.advance(16 * MIN);
    const second = await login(u.username, PASSWORD, '203.0.113.8');
    expect(second.statusCode).toBe(429);
    expect(second.json().error.message).toMatch(/1[45] 分钟/);
    t.clock.advance(15 * MIN);
    expect((await login(u.username, PASSWORD, '203.0.113.8')).statusCode).toBe(200);
    t.clock.advance(60 * MIN);
  });

  it('the login page text says how many tries remain', async () => {
    const u = await makeUser(t.app, 'leader');
    const res = await login(u.username, 'wrong-password', '203.0.113.9');
    expect(res.json().error.message).toBe('用户名或密码错误，还可尝试 4 次');
    t.clock.advance(60 * MIN);
  });

  it('failures over fresh usernames pause the address, not everyone', async () => {
    const u = await makeUser(t.app, 'scorer');
    let last = 0;
    for (let i = 0; i < 30; i++) last = (await login(`nobody-${i}`, 'wrong-password', '198.51.100.1')).statusCode;
    expect(last).toBe(401);
    const res = await login('nobody-31', 'wrong-password', '198.51.100.1');
    expect(res.statusCode).toBe(429);
    expect((await login(u.username, PASSWORD, '198.51.100.1')).statusCode).toBe(429);
    expect((await login(u.username, PASSWORD, '198.51.100.2')).statusCode).toBe(200);
    const failed = await t.app.leitai.ctx.db.execute(`select count(*)::int as n from audit_log where action = 'auth.login_failed' and subject like 'nobody-%'` as never);
    expect((failed.rows[0] as { n: number }).n).toBe(30);
    t.clock.advance(16 * MIN);
    expect((await login(u.username, PASSWORD, '198.51.100.1')).statusCode).toBe(200);
  });
});

describe('password rules (item 10)', () => {
  it.each([
    ['12345678'], ['password'], ['        '], ['Password1'], ['abcdefgh'], ['aAaAaAaA'], ['short1!'],
  ])('refuses %j', (pw) => {
    expect(passwordProblems(pw, 'zhangsan').length).toBeGreaterThan(0);
  });

  it('refuses the username inside the password, and accepts a good one', () => {
    expect(passwordProblems('zhangsan-2026', 'zhangsan').map((p) => p.en)).toContain('must not contain the username');
    expect(passwordProblems('correct-horse-42', 'zhangsan')).toEqual([]);
    expect(passwordProblems('青山县Qs2026', 'zhangsan')).toEqual([]);
  });

  it('applies when an admin creates a user, naming the rules', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'weakling', password: 'password', displayName: '弱', role: 'leader' }, headers: { cookie: admin } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('密码不符合要求');
  });
});

describe('forced change of a password someone else set (item 10)', () => {
  it('a user the admin created must choose a new password before anything else', async () => {
    const created = await t.app.inject({ method: 'POST', url: '/api/v1/users', payload: { username: 'newcomer', password: 'Given-by-admin-1', displayName: '新人', role: 'leader' }, headers: { cookie: admin } });
    expect(created.statusCode).toBe(201);
    expect(created.json().user.mustChangePassword).toBe(true);
    const res = await login('newcomer', 'Given-by-admin-1', '10.0.0.9');
    expect(res.statusCode).toBe(200);
    const cookie = `leitai_session=${res.cookies.find((c) => c.name === 'leitai_session')!.value}`;
    expect(res.json().user.mustChangePassword).toBe(true);
    const blocked = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().error.code).toBe('password_change_required');
    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);

    const change = (currentPassword: string, newPassword: string) => t.app.inject({ method: 'POST', url: '/api/v1/auth/password', payload: { currentPassword, newPassword }, headers: { cookie } });
    expect((await change('wrong', 'Brand-new-pass-9')).statusCode).toBe(400);
    expect((await change('Given-by-admin-1', 'newcomer123!')).statusCode).toBe(400);
    expect((await change('Given-by-admin-1', 'Given-by-admin-1')).statusCode).toBe(400);
    const ok = await change('Given-by-admin-1', 'Brand-new-pass-9');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().user.mustChangePassword).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie } })).statusCode).toBe(200);
    expect((await login('newcomer', 'Brand-new-pass-9', '10.0.0.9')).statusCode).toBe(200);
  });
});
