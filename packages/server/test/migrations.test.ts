// Migrations: 0003_inbox_kind adds the inbox item's kind and backfills it for rows stored before it;
// 0006_organizations moves each user's single role and assignments into role grants;
// NNNN_periods_lifecycle keeps open every period already in use when "no row" comes to mean 未开启.
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

describe('0006_organizations', () => {
  it('keeps everyone in the root organization and turns each single role into role grants', async () => {
    const db = await freshDatabaseAt('0006_organizations');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO organizations (id, name) VALUES (1, '县委组织部')`);
      await c.query(`INSERT INTO campaigns (id, organization_id, name, year, cadence, current_version) VALUES ('c', 1, 'C', 2026, 'quarter', 1)`);
      await c.query(`INSERT INTO users (id, organization_id, username, display_name, role, password_hash) VALUES
        (1, 1, 'admin', 'A', 'admin', 'x'), (2, 1, 'org', 'O', 'organizer', 'x'), (3, 1, 'rep', 'R', 'reporter', 'x'),
        (4, 1, 'sco', 'S', 'scorer', 'x'), (5, 1, 'lead', 'L', 'leader', 'x'), (6, 1, 'idle', 'I', 'scorer', 'x')`);
      await c.query(`INSERT INTO user_assignments (user_id, campaign_id, unit_id, indicator_id) VALUES
        (3, 'c', 'a', NULL), (3, 'c', 'b', NULL), (4, 'c', NULL, 'style')`);
      await runMigrations(db.url);
      expect((await c.query(`SELECT id, parent_id, kind FROM organizations`)).rows).toEqual([{ id: 1, parent_id: null, kind: 'county' }]);
      const grants = (await c.query(`SELECT user_id, role, organization_id, campaign_id, unit_id, indicator_id FROM role_grants ORDER BY user_id, id`)).rows;
      expect(grants).toEqual([
        { user_id: 1, role: 'admin', organization_id: 1, campaign_id: null, unit_id: null, indicator_id: null },
        { user_id: 2, role: 'organizer', organization_id: 1, campaign_id: null, unit_id: null, indicator_id: null },
        { user_id: 3, role: 'reporter', organization_id: null, campaign_id: 'c', unit_id: 'a', indicator_id: null },
        { user_id: 3, role: 'reporter', organization_id: null, campaign_id: 'c', unit_id: 'b', indicator_id: null },
        { user_id: 4, role: 'scorer', organization_id: null, campaign_id: 'c', unit_id: null, indicator_id: 'style' },
        { user_id: 5, role: 'leader', organization_id: 1, campaign_id: null, unit_id: null, indicator_id: null },
        { user_id: 6, role: 'scorer', organization_id: 1, campaign_id: null, unit_id: null, indicator_id: null },
      ]);
      // the single role and the assignments now live only in the grants
      expect((await c.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'users' AND column_name = 'role'`)).rows).toEqual([]);
      expect((await c.query(`SELECT to_regclass('user_assignments') AS t`)).rows).toEqual([{ t: null }]);
    } finally {
      await c.end();
    }
  });
});

describe('periods_lifecycle', () => {
  it('keeps every period that has figures, reminders or requests open, and stored states and deadlines as they were; the others become 未开启', async () => {
    const journal = JSON.parse(await readFile(path.join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
    const tag = journal.entries.find((e) => e.tag.endsWith('_periods_lifecycle'))?.tag ?? '';
    const db = await freshDatabaseAt(tag);
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      await c.query(`INSERT INTO organizations (id, name) VALUES (1, '县委组织部')`);
      await c.query(`INSERT INTO campaigns (id, organization_id, name, year, cadence, current_version) VALUES ('c', 1, 'C', 2026, 'month', 1), ('d', 1, 'D', 2026, 'quarter', 1)`);
      await c.query(`INSERT INTO figures (campaign_id, unit_id, indicator_id, period, value, value_num, entered_at) VALUES
        ('c', 'a', 'gdp', '2026-01', '1', 1, now()), ('c', 'b', 'gdp', '2026-01', '2', 2, now()), ('c', 'a', 'gdp', '2026-02', '3', 3, now()), ('c', 'a', 'gdp', '2026-03', '4', 4, now())`);
      await c.query(`INSERT INTO campaign_periods (campaign_id, period, state, deadline, updated_at) VALUES
        ('c', '2026-02', 'closed', NULL, now()), ('c', '2026-04', 'open', '2026-04-30T10:00:00Z', now()), ('d', '2026-Q1', 'verification', NULL, now())`);
      await c.query(`INSERT INTO reminders (campaign_id, period, unit_id, message, sent_at) VALUES ('c', '2026-05', 'a', '请尽快报送', now())`);
      await c.query(`INSERT INTO change_requests (campaign_id, kind, unit_id, period, reason, requested_at) VALUES ('d', 'appeal', 'a', '2026-Q2', '有误', now())`);
      await runMigrations(db.url);
      const rows = (await c.query(`SELECT campaign_id, period, state, deadline FROM campaign_periods ORDER BY campaign_id, period`)).rows;
      expect(rows).toEqual([
        { campaign_id: 'c', period: '2026-01', state: 'open', deadline: null },
        { campaign_id: 'c', period: '2026-02', state: 'closed', deadline: null },
        { campaign_id: 'c', period: '2026-03', state: 'open', deadline: null },
        { campaign_id: 'c', period: '2026-04', state: 'open', deadline: new Date('2026-04-30T10:00:00Z') },
        { campaign_id: 'c', period: '2026-05', state: 'open', deadline: null },
        { campaign_id: 'd', period: '2026-Q1', state: 'verification', deadline: null },
        { campaign_id: 'd', period: '2026-Q2', state: 'open', deadline: null },
      ]);
      // nothing else was touched: the figures are all there
      expect((await c.query(`SELECT count(*)::int AS n FROM figures`)).rows).toEqual([{ n: 4 }]);
      // a new state is allowed now
      await c.query(`INSERT INTO campaign_periods (campaign_id, period, state, updated_at) VALUES ('c', '2026-06', 'unopened', now())`);
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
