// One error shape in the client's language; no stack traces; API docs; the web app and its fallback.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { PUBLIC } from '../src/http/access.ts';
import { session, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await testApp();
  admin = (await session(t.app, 'admin')).cookie;
});
afterAll(async () => { await t.close(); });

describe('error shape and language', () => {
  it('validation errors are validation_failed, in Chinese by default', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' } });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(Object.keys(body)).toEqual(['error']);
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toMatch(/^请求格式不正确/);
  });

  it('speaks English when the client prefers it', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: '' }, headers: { 'accept-language': 'en-US,en;q=0.9,zh;q=0.5' } });
    expect(res.json().error.message).toMatch(/^The request is not well-formed/);
    const zh = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'zh-CN,en;q=0.3' } });
    expect(zh.json()).toEqual({ error: { code: 'unauthenticated', message: '请先登录' } });
    const en = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { 'accept-language': 'en' } });
    expect(en.json()).toEqual({ error: { code: 'unauthenticated', message: 'Please sign in' } });
  });

  it('malformed JSON is a validation error too', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: '{"username":', headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('unknown API routes answer not_found in the same shape', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/nothing-here', headers: { cookie: admin } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    const post = await t.app.inject({ method: 'POST', url: '/api/v1/nothing-here' });
    expect(post.statusCode).toBe(404);
  });

  it('unexpected errors are `internal` with no stack or detail', async () => {
    const app = await buildApp({ databaseUrl: t.db.url });
    app.get('/api/v1/boom', { config: { access: PUBLIC } }, async () => { throw new Error('secret detail at line 42'); });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/boom', headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'internal', message: 'Internal server error' } });
    expect(res.body).not.toMatch(/secret|at line|\.ts/);
    await app.close();
  });

  it('a race to create the same thing is a conflict, not an internal error', async () => {
    const body = { username: 'twin', password: 'long-enough-1', displayName: 'Twin', role: 'leader' };
    const [x, y] = await Promise.all([0, 1].map(() => t.app.inject({ method: 'POST', url: '/api/v1/users', payload: body, headers: { cookie: admin } })));
    expect([x.statusCode, y.statusCode].sort()).toEqual([201, 409]);
    expect([x, y].find((r) => r.statusCode === 409)?.json().error.code).toBe('conflict');
  });

  it('data errors carry the engine issues with both languages', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec: 'version: 1\n' }, headers: { cookie: admin, 'accept-language': 'en' } });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.message).toBe('The campaign spec has errors');
    expect(error.issues[0]).toEqual(expect.objectContaining({ kind: 'spec', code: expect.any(String), message: expect.any(String), messageZh: expect.any(String) }));
  });
});

describe('API docs', () => {
  it('serves the OpenAPI document and the UI', async () => {
    const doc = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(doc.statusCode).toBe(200);
    const paths = Object.keys(doc.json().paths);
    expect(paths).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/campaigns/{id}/results', '/api/v1/campaigns/{id}/figures/batch', '/api/v1/audit', '/api/v1/campaigns/{id}/periods/{period}', '/api/v1/campaigns/{id}/verification', '/api/v1/campaigns/{id}/periods/{period}/upload', '/api/v1/uploads/{uploadId}/confirm']));
    const ui = await t.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.headers['content-type']).toMatch(/html/);
  });
});

describe('web app', () => {
  it('without a build, says the UI is not built', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/ranking' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/not built/);
  });

  it('serves the build, and index.html for client-side routes', async () => {
    const dist = mkdtempSync(path.join(os.tmpdir(), 'leitai-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>leitai-spa</title>');
    writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
    const app = await buildApp({ databaseUrl: t.db.url, webDist: dist });
    await app.ready();
    try {
      expect((await app.inject({ method: 'GET', url: '/' })).body).toMatch(/leitai-spa/);
      expect((await app.inject({ method: 'GET', url: '/campaigns/x/ranking' })).body).toMatch(/leitai-spa/);
      const js = await app.inject({ method: 'GET', url: '/assets/app.js' });
      expect(js.body).toBe('console.log(1)');
      // hashed assets are kept by browsers; the page itself is always revalidated
      expect(js.headers['cache-control']).toMatch(/immutable/);
      expect((await app.inject({ method: 'GET', url: '/' })).headers['cache-control']).toBe('no-cache');
      // a phone that accepts brotli gets the copy compressed at build time
      writeFileSync(path.join(dist, 'assets', 'app.js.br'), brotliCompressSync(Buffer.from('console.log(1)')));
      const br = await app.inject({ method: 'GET', url: '/assets/app.js', headers: { 'accept-encoding': 'br, gzip' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.rawPayload).toString()).toBe('console.log(1)');
      const api = await app.inject({ method: 'GET', url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.json().error.code).toBe('not_found');
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});

describe('request logs', () => {
  it('never show a kiosk link\'s secret', async () => {
    const lines: string[] = [];
    const app = await buildApp({ databaseUrl: t.db.url, logger: { level: 'info', stream: { write: (l: string) => { lines.push(l); } } } });
    await app.ready();
    try {
      await app.inject({ method: 'GET', url: '/api/v1/kiosk/s3cret-value-123' });
      await app.inject({ method: 'GET', url: '/screen/s3cret-value-123?panel=overall' });
      const log = lines.join('');
      expect(log).toContain('/api/v1/kiosk/***');
      expect(log).toContain('/screen/***');
      expect(log).not.toContain('s3cret-value-123');
    } finally {
      await app.close();
    }
  });
});

describe('closing', () => {
  it('ends open event streams so that close does not hang', async () => {
    const app = await buildApp({ databaseUrl: t.db.url, now: () => t.clock.now });
    await app.ready();
    const { makeCampaign, smallSpec } = await import('./support/factories.ts');
    await makeCampaign(app, smallSpec('close-2026'));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const ctrl = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/campaigns/close-2026/stream`, { headers: { cookie: admin }, signal: ctrl.signal });
    expect(res.status).toBe(200);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(3000);
    ctrl.abort();
  });
});
