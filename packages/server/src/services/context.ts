// What every service needs: the database, the clock (injectable so tests can move time) and the
// cache of parsed specs.
import type { Database } from '../db/client.ts';
import type { SpecCache } from './specs.ts';

export interface Ctx {
  db: Database['db'];
  now: () => Date;
  specs: SpecCache;
}

/** Who an audit entry names. */
export interface AuditActor {
  id: number;
  username: string;
}
