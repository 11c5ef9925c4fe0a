// Migrations: 0003_inbox_kind adds the inbox item's kind and backfills it for rows stored before it.
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, runMigrations } from '../src/db/migrate.ts';
import { freshDatabase, type TestDatabase } from './support/db.ts';

const dbs: TestDatabase[] = [];
afterAll(async () => { for (const db of dbs) await db.drop(); });

/** A copy of the migrations folder holding only the migrations before `tag`. */
async function migrationsBefore(tag: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'leitai-migrations-'));
  await cp(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(await readFile(journalFile, 'utf8')) as { entries: { idx: number; tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  await writeFile(journalFile, JSON.stringify(journal));
  return dir;
}

describe('0003_inbox_kind', () => {
  it('marks stored return notes `returned` and every other inbox row `reminder`', async () => {
    // a database as it was before the migration, with inbox rows of both sorts
    const db = await freshDatabaseAt('0003_inbox_kind');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO organizations (id, name) VALUES (1, '青山县')`);
      await c.query(`INSERT INTO campaigns (id, organization_id, name, year, cadence, current_version) VALUES ('c', 1, 'C', 2026, 'quarter', 1)`);
      await c.query(`INSERT INTO reminders (campaign_id, period, unit_id, message, sent_at) VALUES
        ('c', '2026-Q1', 'a', '请尽快报送 2026-Q1 的数据：gdp', now()),
        ('c', '2026-Q1', 'a', '2026-Q1“产值”数据（80）被退回：与统计局数据不符', now()),
        ('c', '2026-Q1', 'b', '请核对产值', now())`);
      await runMigrations(db.url);
      const rows = (await c.query(`SELECT unit_id, kind, message, params FROM reminders ORDER BY id`)).rows;
      expect(rows).toEqual([
        { unit_id: 'a', kind: 'reminder', message: '请尽快报送 2026-Q1 的数据：gdp', params: null },
        { unit_id: 'a', kind: 'returned', message: '2026-Q1“产值”数据（80）被退回：与统计局数据不符', params: null },
        { unit_id: 'b', kind: 'reminder', message: '请核对产值', params: null },
      ]);
    } finally {
      await c.end();
    }
  });
});

/** A fresh database migrated up to (not including) `tag`. */
async function freshDatabaseAt(tag: string): Promise<TestDatabase> {
  const full = await freshDatabase();
  dbs.push(full);
  // start over on an empty schema, then apply only the earlier migrations
  const c = new pg.Client({ connectionString: full.url });
  await c.connect();
  const dir = await migrationsBefore(tag);
  try {
    await c.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public; DROP SCHEMA IF EXISTS drizzle CASCADE');
    await migrate(drizzle(c), { migrationsFolder: dir });
  } finally {
    await c.end();
    await rm(dir, { recursive: true, force: true });
  }
  return full;
}
