// Issue 13 items 4 and 9, and /healthz: writes from other origins are refused (JSON, bodiless and
// multipart; cross-site and same-site on another port), pages and API carry security headers, the
// session cookie is Secure over https (behind a trusted proxy too), and the health check answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { multipartFile } from './support/multipart.ts';
import { makeCampaign, session, smallSpec, testApp, PASSWORD, makeUser, type TestApp } from './support/factories.ts';

let t: TestApp;
let admin: string;
const C = 'small-2026';
beforeAll(async () => {
  t = await testApp();
  admin = (await session(t.app, 'admin')).cookie;
  await makeCampaign(t.app, smallSpec(C));
});
afterAll(async () => { await t.close(); });

const post = (url: string, headers: Record<string, string>, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: { cookie: admin, host: 'localhost:3000', ...headers }, ...(payload === undefined ? {} : { payload: payload as never }) });

describe('cross-site request forgery (item 4)', () => {
  it('a bodiless POST from another site is refused before it runs', async () => {
    const res = await post(`/api/v1/campaigns/${C}/archive`, { origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('forbidden');
    expect(res.json().error.message).toContain('http://evil.example');
    const revoke = await post('/api/v1/kiosk-tokens/1/revoke', { origin: 'http://evil.example' });
    expect(revoke.statusCode).toBe(403);
  });

  it('a page on another port of the same host (same-site, other origin) cannot write', async () => {
    const res = await post(`/api/v1/campaigns/${C}/archive`, { origin: 'http://localhost:8081', 'sec-fetch-site': 'same-site' });
    expect(res.statusCode).toBe(403);
    const noFetchMeta = await post(`/api/v1/campaigns/${C}/archive`, { origin: 'http://localhost:8081' });
    expect(noFetchMeta.statusCode).toBe(403);
  });

  it('nor post a multipart form to the figure import', async () => {
    const file = multipartFile('f.csv', 'unit,indicator,period,value\na,gdp,2026-Q1,50\n');
    const res = await post(`/api/v1/campaigns/${C}/figures/import`, { ...file.headers, origin: 'http://localhost:8081', 'sec-fetch-site': 'same-site' }, file.payload);
    expect(res.statusCode).toBe(403);
    const figures = await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${C}/figures?period=2026-Q1`, headers: { cookie: admin } });
    expect(figures.body).not.toContain('"value":"50"');
  });

  it('the app itself (same origin) and clients that are no browser page still write', async () => {
    const sameOrigin = await post(`/api/v1/campaigns/${C}/kiosk-tokens`, { origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' }, { label: '大厅' });
    expect(sameOrigin.statusCode).toBe(201);
    const olderBrowser = await post(`/api/v1/campaigns/${C}/kiosk-tokens`, { origin: 'http://localhost:3000' }, { label: '大厅' });
    expect(olderBrowser.statusCode).toBe(201);
    const script = await post(`/api/v1/campaigns/${C}/kiosk-tokens`, {}, { label: '大厅' });
    expect(script.statusCode).toBe(201);
    const readFromAnywhere = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: admin, origin: 'http://evil.example', 'sec-fetch-site': 'cross-site' } });
    expect(readFromAnywhere.statusCode).toBe(200);
  });
});

describe('security headers (item 9)', () => {
  it('on API answers and pages: CSP with frame-ancestors, X-Frame-Options, nosniff, Referrer-Policy', async () => {
    for (const url of ['/api/v1/auth/me', '/', '/screen/abc']) {
      const res = await t.app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('HSTS and a Secure cookie over https through a trusted proxy; an untrusted one changes nothing', async () => {
    const proxied = await buildApp({ databaseUrl: t.db.url, trustProxy: ['127.0.0.1'] });
    await proxied.ready();
    const user = await makeUser(proxied, 'admin');
    const login = (extra: Record<string, string>) => proxied.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD }, headers: extra, remoteAddress: '127.0.0.1' });
    const https = await login({ 'x-forwarded-proto': 'https' });
    expect(https.statusCode).toBe(200);
    expect(https.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(https.cookies.find((c) => c.name === 'leitai_session')?.secure).toBe(true);
    const http = await login({});
    expect(http.cookies.find((c) => c.name === 'leitai_session')?.secure).toBeFalsy();
    expect(http.headers['strict-transport-security']).toBeUndefined();
    await proxied.close();

    const direct = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(direct.statusCode).toBe(200);
    expect(direct.cookies.find((c) => c.name === 'leitai_session')?.secure).toBeFalsy();
  });
});

describe('/healthz', () => {
  it('answers 200 with the database reachable', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', http: 'ok', database: 'ok' });
  });

  it('answers 503 when the database cannot be reached', async () => {
    const app = await buildApp({ databaseUrl: 'postgresql://nobody:x@127.0.0.1:1/none' });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ status: 'unavailable', database: 'unreachable' });
    const api = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'leitai_session=x' } });
    expect(api.statusCode).toBe(503);
    expect(api.json().error.code).toBe('unavailable');
    await app.close();
  });
});
