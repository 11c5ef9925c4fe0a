// What every service needs: the database, the clock (injectable so tests can move time) and the
// cache of parsed specs, the figure cache and the engine's threads.
import type { Database } from '../db/client.ts';
import type { Evaluator } from './evaluator.ts';
import type { FigureStore } from './figure-store.ts';
import type { ResultsKeeper } from './recompute.ts';
import type { SessionCache } from './session-cache.ts';
import type { EtagCache } from './results-version.ts';
import type { SpecCache } from './specs.ts';

export interface Ctx {
  db: Database['db'];
  now: () => Date;
  specs: SpecCache;
  /** the campaigns' figures as this process last read them, by data version */
  figures: FigureStore;
  /** the engine, in worker threads for large campaigns */
  evaluator: Evaluator;
  /** brings stored results up to the figures after writes that committed without recomputing */
  results: ResultsKeeper;
  /** signed-in users by session, cached per process (absent: every request reads its session) */
  sessions?: SessionCache;
  /** the stored results' etags by campaign and period while caught up, per process (absent: read every time) */
  etags?: EtagCache;
}

/** Who an audit entry names. */
export interface AuditActor {
  id: number;
  username: string;
}
