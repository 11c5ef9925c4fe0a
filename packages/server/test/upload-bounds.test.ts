// Issue 13 items 2 and 10: uploads through the API are bounded — the daily quota per user answers
// 429 quota_exceeded naming the use and the limit; a multipart body of many parts is refused; a
// sheet past the row limit is a named data error, not a stalled server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { multipartFile } from './support/multipart.ts';
import { makeCampaign, makeUser, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';
import type { FastifyInstance } from 'fastify';

const C = 'bounds-2026';
const P = '2026-Q1';
let t: TestApp;
let quotaApp: FastifyInstance;
let reporter: string;
let uploader: string;
beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  // the same database with a 2 KB daily quota
  quotaApp = await buildApp({ databaseUrl: t.db.url, uploadQuotaBytes: 2048, now: () => t.clock.now });
  await quotaApp.ready();
  uploader = (await makeUser(t.app, 'organizer')).username;
  reporter = await signIn(quotaApp, uploader);
});
afterAll(async () => {
  await quotaApp.close();
  await t.close();
});

const csv = (rows: number) => 'unit,indicator,period,value\n' + Array.from({ length: rows }, (_, i) => `${'abcd'[i % 4]},gdp,${P},${i}`).join('\n') + '\n';
const upload = (app: FastifyInstance, content: string) => {
  const { payload, headers } = multipartFile('f.csv', content);
  return app.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/periods/${P}/upload`, payload, headers: { ...headers, cookie: reporter } });
};

describe('upload quota (item 10)', () => {
  it('refuses with 429 quota_exceeded once the day\'s bytes are used, and frees up a day later', async () => {
    const file = csv(45);
    expect(file.length).toBeGreaterThan(700);
    expect((await upload(quotaApp, file)).statusCode).toBe(200);
    expect((await upload(quotaApp, file)).statusCode).toBe(200);
    const third = await upload(quotaApp, file);
    expect(third.statusCode).toBe(429);
    expect(third.json().error.code).toBe('quota_exceeded');
    expect(third.json().error.message).toMatch(/上传额度已用完.*每人每天上限/);
    expect(third.headers['retry-after']).toBeDefined();
    t.clock.advance(24 * 60 * 60 * 1000 + 1000);
    reporter = await signIn(quotaApp, uploader);
    expect((await upload(quotaApp, file)).statusCode).toBe(200);
  });
});

describe('bounded reading (item 2)', () => {
  it('a CSV past the row limit is a named data error', async () => {
    const big = await makeUser(t.app, 'organizer');
    const cookie = await signIn(t.app, big.username);
    const { payload, headers } = multipartFile('big.csv', csv(100_001));
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/periods/${P}/upload`, payload, headers: { ...headers, cookie } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0].code).toBe('data.too_many_rows');
    expect(res.body.length).toBeLessThan(10_000);
  });

  it('a multipart body of many parts is refused', async () => {
    const boundary = '----leitaiparts';
    const parts = Array.from({ length: 200 }, (_, i) => `--${boundary}\r\nContent-Disposition: form-data; name="f${i}"\r\n\r\nx\r\n`).join('');
    const payload = `${parts}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.csv"\r\n\r\n${csv(2)}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/periods/${P}/upload`, payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: reporter } });
    expect(res.statusCode).toBeGreaterThanOrEqual(400);
    expect(res.statusCode).toBeLessThan(500);
    expect(res.json().error.code).toBe('validation_failed');
  });
});
