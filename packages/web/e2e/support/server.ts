// A real Leitai server for one test file: a fresh database on the run's PostgreSQL (provided by
// packages/server/test/support/global-setup.ts as `pgAdminUrl`), the server's own buildApp
// listening on a free port, serving the built web app. Built here if dist is missing.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { inject } from 'vitest';
import { bootstrap, buildApp, createDatabaseIfMissing, runMigrations, withDatabase } from '@leitai/server';

const webRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const WEB_DIST = path.join(webRoot, 'dist');
export const ADMIN_PASSWORD = 'e2e-admin-pass-123';

export function ensureWebBuilt(): void {
  if (existsSync(path.join(WEB_DIST, 'index.html'))) return;
  const r = spawnSync('npm', ['run', 'build', '-w', '@leitai/web'], { cwd: path.resolve(webRoot, '../..'), stdio: 'inherit' });
  if (r.status !== 0) throw new Error('building the web app failed');
}

export interface TestServer {
  url: string;
  /** the users bootstrap created (admin, and the demo's users) with their passwords */
  logins: { username: string; password: string; role: string }[];
  close(): Promise<void>;
}

export async function startServer(opts: { demo?: boolean } = {}): Promise<TestServer> {
  ensureWebBuilt();
  const adminUrl = inject('pgAdminUrl');
  const name = `leitai_e2e_${randomBytes(6).toString('hex')}`;
  await createDatabaseIfMissing(adminUrl, name);
  const databaseUrl = withDatabase(adminUrl, name);
  await runMigrations(databaseUrl);
  const app = await buildApp({ databaseUrl, webDist: WEB_DIST });
  const boot = await bootstrap(app.leitai.ctx, { adminPassword: ADMIN_PASSWORD, demo: opts.demo ?? false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    logins: boot.logins,
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
