// `leitai backup` of a running server's embedded database, `leitai restore` into a fresh data
// folder, then `leitai audit verify` there: the chain intact with the same number of entries, and
// the same results served.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootstrap, buildApp, provisionDatabase, type EmbeddedPostgres } from '@leitai/server';
import { main } from '../src/main.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'leitai-backup-'));
chmodSync(root, 0o755);
const A = path.join(root, 'a');
const B = path.join(root, 'b');
const FILE = path.join(root, 'backup.gz');
const saved = { DATA_DIR: process.env.DATA_DIR, DATABASE_URL: process.env.DATABASE_URL };
const running: EmbeddedPostgres[] = [];
const PASSWORD = 'Backup-test-2026';
const SPEC = `version: 1
campaign: { id: bk-2026, name: 备份测试, year: 2026, cadence: quarter }
groups: [{ id: g1, name: 一组 }]
units: [{ id: a, name: 甲镇, group: g1 }, { id: b, name: 乙镇, group: g1 }]
indicators:
  - { id: gdp, name: 产值, input: value, weight: 60, method: completion, target: 100 }
  - { id: style, name: 作风, input: score, weight: 40 }
`;

function run(argv: string[], dataDir: string) {
  process.env.DATA_DIR = dataDir;
  delete process.env.DATABASE_URL;
  const out: string[] = [];
  const err: string[] = [];
  return main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) }).then((code) => ({ code, out: out.join(''), err: err.join('') }));
}

async function serve(dataDir: string) {
  const db = await provisionDatabase({ dataDir, log: () => {} });
  if (db.embedded) running.push(db.embedded);
  const app = await buildApp({ databaseUrl: db.url });
  await app.ready();
  return { app, db };
}

async function results(app: Awaited<ReturnType<typeof serve>>['app']) {
  const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD }, remoteAddress: '10.1.1.1' });
  expect(login.statusCode).toBe(200);
  const cookie = `leitai_session=${login.cookies.find((c) => c.name === 'leitai_session')!.value}`;
  const res = await app.inject({ method: 'GET', url: '/api/v1/campaigns/bk-2026/results?period=2026-Q1', headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return { result: res.json().result };
}

afterAll(async () => {
  for (const pg of running) await pg.stop().catch(() => {});
  process.env.DATA_DIR = saved.DATA_DIR;
  if (saved.DATABASE_URL !== undefined) process.env.DATABASE_URL = saved.DATABASE_URL;
  if (saved.DATA_DIR === undefined) delete process.env.DATA_DIR;
  rmSync(root, { recursive: true, force: true });
});

describe('leitai backup / restore', () => {
  it('restores into a fresh folder with the audit chain intact and the same results', async () => {
    const a = await serve(A);
    await bootstrap(a.app.leitai.ctx, { adminPassword: PASSWORD, demo: false });
    const login = await a.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    const admin = `leitai_session=${login.cookies.find((c) => c.name === 'leitai_session')!.value}`;
    expect((await a.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec: SPEC }, headers: { cookie: admin } })).statusCode).toBe(201);
    expect((await a.app.inject({ method: 'PUT', url: '/api/v1/campaigns/bk-2026/periods/2026-Q1', payload: { state: 'open' }, headers: { cookie: admin } })).statusCode).toBe(200);
    for (const [unit, indicator, value] of [['a', 'gdp', '80'], ['b', 'gdp', '95.5'], ['a', 'style', '30'], ['b', 'style', '36.25']]) {
      const put = await a.app.inject({ method: 'PUT', url: '/api/v1/campaigns/bk-2026/figures', payload: { unit, indicator, period: '2026-Q1', value }, headers: { cookie: admin } });
      expect(put.statusCode).toBe(200);
    }
    const before = await results(a.app);
    const verifiedA = await run(['audit', 'verify'], A);
    expect(verifiedA.out).toMatch(/^\d+ entries, chain intact/);

    // while the server runs
    const backup = await run(['backup', FILE], A);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`to ${FILE}`);
    await a.app.close();
    await a.db.embedded?.stop();

    const restore = await run(['restore', FILE], B);
    expect(restore.code, restore.err).toBe(0);
    const again = await run(['restore', FILE], B);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already holds Leitai data');

    const verifiedB = await run(['audit', 'verify'], B);
    expect(verifiedB.code).toBe(0);
    expect(verifiedB.out.split(' ')[0]).toBe(verifiedA.out.split(' ')[0]);

    const b = await serve(B);
    const after = await results(b.app);
    expect(after.result).toEqual(before.result);
    // new rows get new ids after the restored ones
    const login2 = await b.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: PASSWORD } });
    expect(login2.statusCode).toBe(200);
    // the audit chain goes on from its restored head: a save after the restore appends to it, and it verifies
    const admin2 = `leitai_session=${login2.cookies.find((c) => c.name === 'leitai_session')!.value}`;
    const put = await b.app.inject({ method: 'PUT', url: '/api/v1/campaigns/bk-2026/figures', payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '81', version: 1 }, headers: { cookie: admin2 } });
    expect(put.statusCode, put.body).toBe(200);
    await b.app.close();
    const continued = await run(['audit', 'verify'], B);
    expect(continued.code, continued.out + continued.err).toBe(0);
    expect(Number(continued.out.split(' ')[0])).toBeGreaterThan(Number(verifiedA.out.split(' ')[0]));
    expect(continued.out).toContain('chain intact');
  }, 120_000);
});
