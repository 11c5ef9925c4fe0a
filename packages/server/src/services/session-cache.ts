// Who a session token belongs to, with their rights, cached per process for a short while, so that
// a read (the leaderboard, /auth/me) runs no query to authenticate.
//
// Never stale beyond what the database says, in any process:
// - every statement that may end a session or take a right away (a logout, a password change that
//   ends the other sessions, a user disabled or changed, a grant, an organization, a campaign's
//   place) NOTIFYs `leitai_auth` at commit (triggers, migration 0020): every process empties its
//   cache when it hears it;
// - in this process, a request that may change something (any method but GET/HEAD/OPTIONS) empties
//   it before its answer is sent (app.ts), so the next request of the same client never waits for
//   the notification to come round;
// - while the LISTEN connection is down nothing is cached or served from the cache (a notification
//   could be missed), and what was cached is dropped when it goes down;
// - an entry lives at most `ttlMs` and never past its session's expiry; a lookup that started before
//   the cache was emptied does not store what it read (a generation number);
// - a refusal is not trusted to the cache: access is checked again on what the database says
//   (http/access.ts), so a right given a moment ago in another process is not refused.
// Keyed by the token's hash (the token itself is not held).
import type { SessionUser } from './auth.ts';

interface Entry {
  user: SessionUser;
  /** the session's expiry as read */
  expiresAt: number;
  /** when the entry stops being used (cache time) */
  until: number;
}

export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    /** whether notifications are heard now (the LISTEN connection is up) */
    private readonly listening: () => boolean,
    private readonly ttlMs = 30_000,
    private readonly maxEntries = 20_000,
  ) {}

  /** The cached user of a token hash, when still good at `now`. */
  get(tokenHash: string, now: number): { user: SessionUser; expiresAt: number } | undefined {
    if (!this.listening()) return undefined;
    const e = this.entries.get(tokenHash);
    if (!e) return undefined;
    if (e.until <= now || e.expiresAt <= now) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return e;
  }

  /** Call before reading a session from the database; pass the result to `set`. */
  stamp(): number {
    return this.generation;
  }

  set(tokenHash: string, user: SessionUser, expiresAt: number, now: number, stamp: number): void {
    if (stamp !== this.generation || !this.listening()) return;
    if (this.entries.size >= this.maxEntries) {
      // the oldest entry goes (a Map iterates in insertion order)
      const first = this.entries.keys().next();
      if (!first.done) this.entries.delete(first.value);
    }
    this.entries.delete(tokenHash);
    this.entries.set(tokenHash, { user, expiresAt, until: Math.min(now + this.ttlMs, expiresAt) });
  }

  /** Forgets every entry, and what lookups running now would store. */
  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
