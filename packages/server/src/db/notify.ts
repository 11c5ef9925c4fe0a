// Fan-out of "results changed" events. Each app instance holds ONE dedicated connection that
// LISTENs on `leitai_results` and hands every notification to that instance's subscribers, so any
// number of server processes on one database all push what any of them wrote. Payloads are tiny
// (campaign + period): NOTIFY is a signal, the data is read from period_results.
import pg from 'pg';
import { z } from 'zod';
import type { Executor } from './client.ts';
import { sql } from 'drizzle-orm';

export const RESULTS_CHANNEL = 'leitai_results';

export const ResultsEventSchema = z.object({ campaign: z.string(), period: z.string() });
export type ResultsEvent = z.infer<typeof ResultsEventSchema>;

/** Queues the notification inside the caller's transaction: delivered only if it commits. */
export async function notifyResults(ex: Executor, event: ResultsEvent): Promise<void> {
  await ex.execute(sql`SELECT pg_notify(${RESULTS_CHANNEL}, ${JSON.stringify(event)})`);
}

type Listener = (event: ResultsEvent) => void;

export class ResultsHub {
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private readonly listeners = new Set<Listener>();
  private closed = false;
  private retry: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly url: string, private readonly log: (msg: string, err?: unknown) => void) {}

  /** Resolves once the LISTEN is in place, so nothing committed afterwards is missed. */
  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    await this.connect();
    return () => { this.listeners.delete(listener); };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    if (!this.connecting) {
      this.connecting = this.open().finally(() => { this.connecting = undefined; });
    }
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', (msg) => {
      if (msg.channel !== RESULTS_CHANNEL || !msg.payload) return;
      let parsed: unknown;
      try {
        parsed = JSON.parse(msg.payload);
      } catch {
        return;
      }
      const event = ResultsEventSchema.safeParse(parsed);
      if (!event.success) return;
      for (const l of this.listeners) l(event.data);
    });
    client.on('error', (err) => {
      this.log('results listener lost its connection; reconnecting', err);
      this.drop(client);
    });
    client.on('end', () => this.drop(client));
    await client.connect();
    await client.query(`LISTEN ${RESULTS_CHANNEL}`);
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
    if (!this.closed && this.listeners.size > 0 && !this.retry) {
      this.retry = setTimeout(() => {
        this.retry = undefined;
        this.connect().catch((err) => this.log('results listener reconnect failed', err));
      }, 1000);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    if (this.retry) clearTimeout(this.retry);
    await this.connecting?.catch(() => {});
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => {});
  }
}
