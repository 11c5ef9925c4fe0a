// Two server processes on one database (the tests of what processes share only through it: results
// catch-ups, figure caches, locks, NOTIFY): two apps, each with its own pool, figure cache, results
// keeper and evaluation threads, on a fresh database (db.ts).
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

export interface TwoProcesses {
  db: TestDatabase;
  one: FastifyInstance;
  two: FastifyInstance;
  /** closes both processes, then drops the database */
  close(): Promise<void>;
}

/** Two processes built with the same `opts` on one fresh database, both ready. */
export async function twoProcesses(opts: Omit<AppOptions, 'databaseUrl'> = {}): Promise<TwoProcesses> {
  const db = await freshDatabase();
  const one = await buildApp({ ...opts, databaseUrl: db.url });
  const two = await buildApp({ ...opts, databaseUrl: db.url });
  await one.ready();
  await two.ready();
  return {
    db, one, two,
    close: async () => {
      await one.close();
      await two.close();
      await db.drop();
    },
  };
}
