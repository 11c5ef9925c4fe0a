// One pg pool per app instance, wrapped by drizzle. `Executor` is what repositories take, so the
// same function runs on the pool or inside a transaction.
import type { NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import { drizzle } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from './schema.ts';

export type Schema = typeof schema;
export type Executor = PgDatabase<NodePgQueryResultHKT, Schema>;

export interface Database {
  pool: pg.Pool;
  db: ReturnType<typeof drizzle<Schema, pg.Pool>>;
  close(): Promise<void>;
}

export function openDatabase(url: string, max = 10): Database {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { pool, db, close: () => pool.end() };
}
