// Where the database comes from: DATABASE_URL when given, otherwise an embedded PostgreSQL in
// DATA_DIR holding a `leitai` database. Either way the same migrations run before anything else.
import path from 'node:path';
import pg from 'pg';
import { DEFAULT_DATA_DIR } from '../config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded.ts';
import { runMigrations } from './migrate.ts';

export interface Provisioned {
  url: string;
  embedded?: EmbeddedPostgres;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const found = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await c.query(`CREATE DATABASE ${c.escapeIdentifier(name)}`);
  } finally {
    await c.end();
  }
}

/**
 * The database a URL names, created when the server does not have it yet (through the server's
 * `postgres` database), so that DATABASE_URL may name a database that is still to be made, as with
 * the embedded server. A role that may not create databases gets PostgreSQL's own refusal.
 */
export async function ensureDatabase(url: string): Promise<void> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return;
  } catch (e) {
    // 3D000: the database does not exist; anything else (host, password) is the caller's to see
    if ((e as { code?: string }).code !== '3D000') throw e;
  } finally {
    await probe.end().catch(() => {});
  }
  const name = decodeURIComponent(new URL(url).pathname.slice(1));
  await createDatabaseIfMissing(withDatabase(url, 'postgres'), name);
}

export async function provisionDatabase(opts: { databaseUrl?: string; dataDir: string; log: (line: string) => void }): Promise<Provisioned> {
  if (opts.databaseUrl) {
    await ensureDatabase(opts.databaseUrl);
    await runMigrations(opts.databaseUrl);
    return { url: opts.databaseUrl };
  }
  const relocatable = path.resolve(opts.dataDir) === path.resolve(DEFAULT_DATA_DIR);
  const embedded = await startEmbeddedPostgres({ dir: path.join(opts.dataDir, 'pg'), log: opts.log, relocatable });
  try {
    await createDatabaseIfMissing(embedded.url, 'leitai');
    const url = withDatabase(embedded.url, 'leitai');
    await runMigrations(url);
    return { url, embedded };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}
