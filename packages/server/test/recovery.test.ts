// Issue 13 item 5: recovery without a person. `npm start` after a kill -9 of the server stops the
// PostgreSQL the dead server left running and starts; a kill -9 of PostgreSQL makes /healthz fail
// and API calls answer 503 (not 500), ends open event streams with `interrupted`, and service comes
// back by itself once the server has started PostgreSQL again.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { smallSpec } from './support/factories.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'leitai-recovery-'));
chmodSync(dataDir, 0o755);
const ADMIN_PASSWORD = 'Recovery-test-2026';
const started: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

// a process that exited but was not reaped yet (a zombie: its parent was killed and the machine's
// first process reaps slowly) still answers kill(pid, 0): it is not running
const alive = (pid: number) => {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return existsSync(`/proc/${pid}`); }
};
const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);
const postgresPid = () => pidIn(path.join(dataDir, 'pg', 'postmaster.pid'));
const serverPid = () => pidIn(path.join(dataDir, 'postgres-owner.pid'));

async function until<T>(what: string, fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** `npm start` as a person runs it (without the web build) */
function npmStart(port: number): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['scripts/start.mjs'], {
    cwd: root,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', LEITAI_DEMO: 'false', LEITAI_ADMIN_PASSWORD: ADMIN_PASSWORD, LEITAI_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let out = '';
  child.stdout?.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { out += d.toString(); });
  return { child, output: () => out };
}

const health = async (base: string) => (await fetch(`${base}/healthz`)).status;

afterAll(async () => {
  for (const c of started) if (c.exitCode === null && c.signalCode === null) c.kill('SIGINT');
  await new Promise((r) => setTimeout(r, 500));
  for (const file of [path.join(dataDir, 'postgres-owner.pid')]) {
    if (existsSync(file) && alive(pidIn(file))) process.kill(pidIn(file), 'SIGINT');
  }
  await until('the server to stop', async () => (existsSync(path.join(dataDir, 'pg', 'postmaster.pid')) && alive(postgresPid()) ? undefined : true), 20_000).catch(() => {
    if (existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) process.kill(postgresPid(), 'SIGKILL');
  });
  rmSync(dataDir, { recursive: true, force: true });
});

describe('recovery (item 5)', () => {
  let base = '';

  it('after kill -9 of the server, npm start stops the orphaned PostgreSQL and starts', async () => {
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const first = npmStart(port);
    await until('the first start', async () => ((await health(base)) === 200 ? true : undefined), 90_000).catch((e) => { throw new Error(`${e}\n${first.output()}`); });
    const orphan = postgresPid();
    process.kill(serverPid(), 'SIGKILL');
    await until('start.mjs to exit', async () => (first.child.exitCode !== null || first.child.signalCode !== null ? true : undefined));
    expect(alive(orphan)).toBe(true);

    const second = npmStart(port);
    await until('the second start', async () => ((await health(base)) === 200 ? true : undefined), 90_000).catch((e) => { throw new Error(`${e}\n${second.output()}`); });
    expect(second.output()).toContain('left running');
    await until('the orphaned PostgreSQL to be gone', async () => (alive(orphan) ? undefined : true), 10_000);
  }, 180_000);

  it('after kill -9 of PostgreSQL: health fails, calls answer 503, streams end, and service resumes', async () => {
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const created = await fetch(`${base}/api/v1/campaigns`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ spec: smallSpec('recover-2026') }) });
    expect(created.status).toBe(201);

    // an open event stream
    let text = '';
    const ended = new Promise<void>((resolve, reject) => {
      http.get(`${base}/api/v1/campaigns/recover-2026/stream`, { headers: { cookie } }, (res) => {
        res.setEncoding('utf8');
        res.on('data', (d: string) => { text += d; });
        res.on('end', () => resolve());
        res.on('error', reject);
      }).on('error', reject);
    });
    await until('the stream to be ready', async () => (text.includes('event: ready') ? true : undefined), 10_000);

    const pg = postgresPid();
    process.kill(pg, 'SIGKILL');
    await ended;
    expect(text).toContain('event: interrupted');
    // meanwhile: the health check fails and the API says the database is unavailable (not 500)
    const seen = new Set<number>();
    await until('service to resume', async () => {
      const h = await health(base);
      seen.add(h);
      if (h !== 200) {
        const api = await fetch(`${base}/api/v1/campaigns`, { headers: { cookie } });
        seen.add(api.status);
        expect(api.status).not.toBe(500);
        return undefined;
      }
      return seen.has(503) ? true : undefined;
    }, 90_000);
    expect(seen.has(503)).toBe(true);
    const after = await fetch(`${base}/api/v1/campaigns`, { headers: { cookie } });
    expect(after.status).toBe(200);
    expect(postgresPid()).not.toBe(pg);
  }, 180_000);
});
