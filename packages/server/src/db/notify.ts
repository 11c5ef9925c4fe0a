// Fan-out of live events. Each app instance holds ONE dedicated connection that LISTENs on every
// channel below and hands each notification to that instance's subscribers of its kind, so any
// number of server processes on one database all push what any of them wrote. Payloads are tiny
// (ids): NOTIFY is a signal, the data is read from the tables.
//   results      stored period results changed (figure writes, spec versions)
//   publication  a bulletin was published (public pages, the lobby big screen)
//   kiosk        a kiosk token was revoked (its open streams close)
//   auth         a session ended or a user's rights may have changed (sent by triggers, migration
//                0020: the per-process session caches drop what they hold)
//   version      a campaign's figures, stored results or their data version changed (triggers,
//                migration 0022: the per-process caches of the leaderboard's etags drop the campaign's)
import pg from 'pg';
import { z } from 'zod';
import type { Executor } from './client.ts';
import { sql } from 'drizzle-orm';

export const ResultsEventSchema = z.object({ campaign: z.string(), period: z.string() });
export type ResultsEvent = z.infer<typeof ResultsEventSchema>;

export const PublicationEventSchema = z.object({ campaign: z.string(), period: z.string(), bulletin: z.number().int(), version: z.number().int() });
export type PublicationEvent = z.infer<typeof PublicationEventSchema>;

export const KioskEventSchema = z.object({ campaign: z.string(), token: z.number().int(), revoked: z.literal(true) });
export type KioskEvent = z.infer<typeof KioskEventSchema>;

export const AuthEventSchema = z.object({ table: z.string() });
export type AuthEvent = z.infer<typeof AuthEventSchema>;

export const VersionEventSchema = z.object({ campaign: z.string() });
export type VersionEvent = z.infer<typeof VersionEventSchema>;

/** a ballot's turnout or state changed (a vote cast, the ballot closed): counts only are read again, never a vote */
export const BallotEventSchema = z.object({ campaign: z.string(), ballot: z.number().int() });
export type BallotEvent = z.infer<typeof BallotEventSchema>;

const KINDS = {
  results: { channel: 'leitai_results', schema: ResultsEventSchema },
  publication: { channel: 'leitai_publication', schema: PublicationEventSchema },
  kiosk: { channel: 'leitai_kiosk', schema: KioskEventSchema },
  auth: { channel: 'leitai_auth', schema: AuthEventSchema },
  version: { channel: 'leitai_results_version', schema: VersionEventSchema },
  ballot: { channel: 'leitai_ballot', schema: BallotEventSchema },
} as const;

export interface HubEvents {
  results: ResultsEvent;
  publication: PublicationEvent;
  kiosk: KioskEvent;
  auth: AuthEvent;
  version: VersionEvent;
  ballot: BallotEvent;
}
export type HubKind = keyof HubEvents;

export const RESULTS_CHANNEL = KINDS.results.channel;

/** Queues the notification inside the caller's transaction: delivered only if it commits. */
export async function notify<K extends HubKind>(ex: Executor, kind: K, event: HubEvents[K]): Promise<void> {
  await ex.execute(sql`SELECT pg_notify(${KINDS[kind].channel}, ${JSON.stringify(event)})`);
}

export function notifyResults(ex: Executor, event: ResultsEvent): Promise<void> {
  return notify(ex, 'results', event);
}

type AnyListener = (event: unknown) => void;

export class EventHub {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly listeners: Record<HubKind, Set<AnyListener>> = { results: new Set(), publication: new Set(), kiosk: new Set(), auth: new Set(), version: new Set(), ballot: new Set() };
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private readonly lostHandlers = new Set<() => void>();

  /** Called when the listening connection is lost (the database went away): open streams may have
   * missed events and must be told. */
  onLost(handler: () => void): () => void {
    this.lostHandlers.add(handler);
    return () => { this.lostHandlers.delete(handler); };
  }

  constructor(private readonly url: string, private readonly log: (msg: string, err?: unknown) => void) {}

  /** Resolves once the LISTEN is in place, so nothing committed afterwards is missed. */
  async subscribe<K extends HubKind>(kind: K, listener: (event: HubEvents[K]) => void): Promise<() => void> {
    const l = listener as AnyListener;
    this.listeners[kind].add(l);
    await this.connect();
    return () => { this.listeners[kind].delete(l); };
  }

  private syncing: Promise<void> | undefined;
  private queued: Promise<void> | undefined;

  /**
   * Resolves once every notification committed before the call has been dispatched to this
   * process's listeners: a round trip on the listening connection (PostgreSQL sends a session's
   * pending notifications before it answers its next command). Concurrent callers share round
   * trips: at most one runs and one waits. Rejects when the connection is not up.
   */
  barrier(): Promise<void> {
    if (!this.client) return Promise.reject(new Error('not listening'));
    if (this.queued) return this.queued;
    const trip = (): Promise<void> => {
      const c = this.client;
      if (!c) return Promise.reject(new Error('not listening'));
      const p = c.query('SELECT 1').then(() => {});
      const s: Promise<void> = p.finally(() => { if (this.syncing === s) this.syncing = undefined; });
      this.syncing = s;
      return p;
    };
    if (!this.syncing) return trip();
    // one is under way: it may have been sent before this call, so another follows it
    const q = this.syncing.catch(() => {}).then(() => {
      if (this.queued === q) this.queued = undefined;
      return trip();
    });
    this.queued = q;
    return q;
  }

  /** Whether the LISTEN is in place now (no notification can be missed while it is). */
  get listening(): boolean {
    return this.client !== undefined;
  }

  get subscriberCount(): number {
    return Object.values(this.listeners).reduce((n, s) => n + s.size, 0);
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    if (!this.connecting) {
      this.connecting = this.open().finally(() => { this.connecting = undefined; });
    }
    return this.connecting;
  }

  private dispatch(channel: string, payload: string | undefined): void {
    const kind = (Object.keys(KINDS) as HubKind[]).find((k) => KINDS[k].channel === channel);
    if (!kind || !payload) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    const event = KINDS[kind].schema.safeParse(parsed);
    if (!event.success) return;
    for (const l of this.listeners[kind]) l(event.data);
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => this.dispatch(msg.channel, msg.payload));
    client.on('error', (err) => {
      this.log('event listener lost its connection; reconnecting', err);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    // one statement for every channel: still one connection per process, whatever the number of viewers
    await client.query(Object.values(KINDS).map((k) => `LISTEN ${k.channel};`).join(' '));
    if (this.closed) {
      await client.end();
      return;
    }
    this.client = client;
  }

  private drop(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.end().catch(() => {});
    if (!this.closed) for (const h of this.lostHandlers) h();
    if (!this.closed && this.subscriberCount > 0 && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.connect().catch((err) => this.log('event listener reconnect failed', err));
      }, 1000);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of Object.values(this.listeners)) s.clear();
    if (this.retry) clearTimeout(this.retry);
    await this.connecting?.catch(() => {});
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}
