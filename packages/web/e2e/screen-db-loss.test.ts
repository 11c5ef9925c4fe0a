// Issue 13 item 5, as a lobby screen lives through it: the big screen (a kiosk link, no sign-in)
// is open and live when the server's PostgreSQL is killed (kill -9, as in the server's recovery
// test); the screen then says 连接中断 — what it shows is the last data received, not live — and,
// once the server has started PostgreSQL again by itself, it is live again without a reload.
// The server runs as `npm start` runs it, with its own embedded PostgreSQL in a fresh data folder
// (the other browser tests' shared PostgreSQL must not be killed). Every wait is for a state.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, skipBrowser } from './support/chromium.ts';
import { ensureWebBuilt, WEB_DIST } from './support/server.ts';
import { poll, screenshot } from './support/ui.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const ADMIN_PASSWORD = 'Screen-loss-test-2026';
const C = 'qingshan-2026';

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

// a zombie (exited, not yet reaped) still answers kill(pid, 0): it is not running
const alive = (pid: number) => {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return existsSync(`/proc/${pid}`); }
};
const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0]);

describe.skipIf(skipBrowser)('the big screen when the database goes away', () => {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'leitai-screen-'));
  chmodSync(dataDir, 0o755);
  const postgresPid = () => pidIn(path.join(dataDir, 'pg', 'postmaster.pid'));
  let child: ChildProcess;
  let output = '';
  let base = '';
  let browser: Browser;
  let screen: Page;

  beforeAll(async () => {
    ensureWebBuilt();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ['scripts/start.mjs'], {
      cwd: root,
      env: {
        ...process.env, DATA_DIR: dataDir, PORT: String(port), HOST: '127.0.0.1', WEB_DIST, PUBLIC_URL: base, LEITAI_DEMO: 'true',
        LEITAI_ADMIN_PASSWORD: ADMIN_PASSWORD, LEITAI_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'warn', DATABASE_URL: '',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
    child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
    // started: the health check passes (the embedded PostgreSQL is up and the demo loaded)
    const deadline = Date.now() + 180_000;
    while ((await fetch(`${base}/healthz`).catch(() => null))?.status !== 200) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not become healthy:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      await exited;
    }
    const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
    if (existsSync(pidFile) && alive(postgresPid())) process.kill(postgresPid(), 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  test('says 连接中断 while PostgreSQL is gone, and is live again when it is back', async () => {
    // a big-screen link, made by the admin
    const login = await fetch(`${base}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }) });
    expect(login.status).toBe(200);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    const made = await fetch(`${base}/api/v1/campaigns/${C}/kiosk-tokens`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify({ label: '大厅' }) });
    expect(made.status).toBe(201);
    const { secret } = (await made.json()) as { secret: string };

    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, locale: 'zh-CN' });
    screen = await context.newPage();
    screen.on('pageerror', (e) => console.error('[browser error]', e.message));
    await screen.goto(`${base}/screen/${secret}?panel=overall`);
    await poll(() => screen.locator('[data-testid="screen-overall"] [data-unit]').count(), 30_000).toBeGreaterThan(0);
    await poll(() => screen.getByTestId('screen-live').getAttribute('data-live'), 30_000).toBe('true');
    expect(await screen.getByTestId('screen-interrupted').count()).toBe(0);
    const period = await screen.getByTestId('screen-period').textContent();

    // PostgreSQL dies
    const pg = postgresPid();
    process.kill(pg, 'SIGKILL');
    // the screen says so, and keeps the last data it received (marked as not live)
    await poll(() => screen.getByTestId('screen-live').getAttribute('data-live'), 60_000).toBe('false');
    await poll(() => screen.getByTestId('screen-interrupted').count(), 60_000).toBe(1);
    expect(await screen.getByTestId('screen-interrupted').textContent()).toContain('连接中断');
    expect(await screen.getByTestId('screen-live').textContent()).toContain('连接中断');
    expect(await screen.getByTestId('screen-period').textContent()).toBe(period);
    expect(await screen.locator('[data-testid="screen-overall"] [data-unit]').count()).toBeGreaterThan(0);
    await screenshot(screen, 'big-screen-interrupted');

    // the server brings PostgreSQL back by itself; the screen reconnects without a reload
    await poll(async () => (await fetch(`${base}/healthz`).catch(() => null))?.status, 120_000).toBe(200);
    expect(postgresPid()).not.toBe(pg);
    await poll(() => screen.getByTestId('screen-live').getAttribute('data-live'), 60_000).toBe('true');
    await poll(() => screen.getByTestId('screen-interrupted').count(), 10_000).toBe(0);
    expect(await screen.getByTestId('screen-live').textContent()).toContain('实时');
    expect(await screen.getByTestId('screen-period').textContent()).toBe(period);
    await context.close();
  }, 300_000);
});
