// Two server processes on one database (the tests of what processes share only through it: results
// catch-ups, figure caches, locks, NOTIFY): two apps, each with its own pool, figure cache, results
// keeper and evaluation threads, on a fresh database (db.ts).
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../../src/app.ts';
import { freshDatabase, type TestDatabase } from './db.ts';

/**
 * Catch-up pacing whose waits never end: results catch up only when a reader asks for them (a
 * reader never waits for the pacing), never on their own after saves. For tests that count
 * catch-ups or look at a figure cache, which a catch-up running on its own between two steps
 * would change (it reads the figures at the newest version).
 */
export const CATCH_UP_ON_READ = { factor: 1e9, maxMs: 1e12, quietMs: 1e12, maxLagMs: 1e12 };

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
