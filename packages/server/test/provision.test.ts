// DATABASE_URL may name a database the server does not have yet: the app (and the test setup)
// create it, as they do on the embedded server, and run the migrations into it.
import pg from 'pg';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { provisionDatabase, withDatabase } from '../src/db/provision.ts';

const admin = inject('pgAdminUrl');
const name = `leitai_provision_${process.pid}_${Date.now()}`;

async function query<T extends pg.QueryResultRow>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await query(admin, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe('DATABASE_URL naming a database that does not exist yet', () => {
  it('is created and migrated; a second start finds it as it is', async () => {
    const url = withDatabase(admin, name);
    expect(await query(admin, 'SELECT 1 FROM pg_database WHERE datname = $1', [name])).toEqual([]);
    await provisionDatabase({ databaseUrl: url, dataDir: '/nonexistent', log: () => {} });
    const tables = await query<{ n: string }>(url, "SELECT count(*)::text AS n FROM information_schema.tables WHERE table_name IN ('campaigns', 'figures', 'audit_log')");
    expect(tables[0].n).toBe('3');
    await query(url, "INSERT INTO organizations (id, name) VALUES (1, '青山县')");
    await provisionDatabase({ databaseUrl: url, dataDir: '/nonexistent', log: () => {} });
    expect(await query(url, 'SELECT name FROM organizations')).toEqual([{ name: '青山县' }]);
  });

  it('a wrong password is PostgreSQL\'s refusal, not an attempt to create anything', async () => {
    const bad = new URL(withDatabase(admin, `${name}_never`));
    bad.username = 'nobody_here';
    bad.password = 'wrong';
    await expect(provisionDatabase({ databaseUrl: bad.toString(), dataDir: '/nonexistent', log: () => {} })).rejects.toThrow(/nobody_here|password|authentication|role/);
    expect(await query(admin, 'SELECT 1 FROM pg_database WHERE datname = $1', [`${name}_never`])).toEqual([]);
  });
});
