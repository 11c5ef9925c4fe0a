// A real Leitai server for one test file: a fresh database on the run's PostgreSQL (provided by
// packages/server/test/support/global-setup.ts as `pgAdminUrl`), the server's own buildApp
// listening on a free port, serving the built web app. Built here if dist is missing.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { bootstrap, buildApp, createDatabaseIfMissing, openPeriodsQuietly, runMigrations, withDatabase } from '@leitai/server';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(webRoot, 'dist');
export const ADMIN_PASSWORD = 'e2e-chief-pass-123';

export function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const r = spawnSync('npm', ['run', 'build', '-w', '@leitai/web'], { cwd: path.resolve(webRoot, '../..'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the web app failed');
}

export interface TestServer {
  url: string;
  /** the test database, for a second server process on it */
  databaseUrl: string;
  /** the users bootstrap created (admin, and the demo's users) with their passwords */
  logins: { username: string; password: string; role: string }[];
  /**
   * The organizer's 开启 step before a test writes figures (a period not yet open takes none): every
   * period of the campaign not yet open, or those listed. Quiet: no notices crowd the units' inboxes
   * (the 开启 button and its notices are tested in periods.test.ts).
   */
  openPeriods(campaignId: string, periods?: 'all' | string[]): Promise<void>;
  close(): Promise<void>;
}

export async function startServer(opts: { demo?: boolean; forcePasswordChange?: boolean; now?: () => Date } = {}): Promise<TestServer> {
  ensureWebBuilt();
  const adminUrl = inject('pgAdminUrl');
  const name = `leitai_e2e_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(adminUrl, name);
  const databaseUrl = withDatabase(adminUrl, name);
  await runMigrations(databaseUrl);
  // the test people sign in with the passwords they were given (the forced first change is tested
  // in packages/server/test/passwords.test.ts and e2e/password-change.test.ts)
  const app = await buildApp({ databaseUrl, webDist: WEB_DIST, forcePasswordChange: opts.forcePasswordChange ?? false, ...(opts.now ? { now: opts.now } : {}) });
  const boot = await bootstrap(app.leitai.ctx, { adminPassword: ADMIN_PASSWORD, demo: opts.demo ?? false, forcePasswordChange: opts.forcePasswordChange ?? false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    databaseUrl,
    logins: boot.logins,
    async openPeriods(campaignId, periods = 'all') {
      const { rows } = await app.leitai.ctx.db.$client.query(`SELECT u.id, u.username FROM users u JOIN role_grants g ON g.user_id = u.id WHERE g.role = 'admin' ORDER BY u.id LIMIT 1`);
      await openPeriodsQuietly(app.leitai.ctx, rows[0] as { id: number; username: string }, campaignId, periods);
    },
    async close() {
      await app.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${c.escapeIdentifier(name)} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A signed-in API session from Node, for setting the stage (users, campaigns) and checking storage. */
export async function apiSession(base: string, username: string, password: string) {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (!res.ok) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  return async function call<T>(method: string, url: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${base}/api/v1${url}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

const repoRoot = path.resolve(webRoot, '../..');

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

export interface ServerProcess {
  url: string;
  close(): Promise<void>;
}

/**
 * Another Leitai server as its own OS process (`node --import tsx packages/server/src/main.ts`, as
 * `npm start` runs it) on the same database as `server`: what a second instance behind a load
 * balancer is. Live events reach its viewers only through PostgreSQL LISTEN/NOTIFY.
 */
export async function startServerProcess(server: TestServer): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: server.databaseUrl, PORT: String(port), HOST: '127.0.0.1', WEB_DIST, PUBLIC_URL: url,
      LEITAI_DEMO: 'false', LOG_LEVEL: 'warn', LEITAI_ADMIN_PASSWORD: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => { output += d.toString(); });
  child.stderr?.on('data', (d: Buffer) => { output += d.toString(); });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let running = true;
  void exited.then(() => { running = false; });

  // ready when it answers HTTP; it failed when it exits first
  const started = Date.now();
  for (;;) {
    if (!running) throw new Error(`the second server process exited:\n${output}`);
    try {
      const r = await fetch(`${url}/api/v1/auth/me`);
      if (r.status === 401) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) {
      child.kill('SIGKILL');
      throw new Error(`the second server process did not start within 60 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    async close() {
      if (!running) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
