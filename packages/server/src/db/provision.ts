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

export async function provisionDatabase(opts: { databaseUrl?: string; dataDir: string; log: (line: string) => void }): Promise<Provisioned> {
  if (opts.databaseUrl) {
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
