// The leaderboard route's per-process memory of each period's stored etag, while the campaign's
// stored results are caught up with its figures: a request whose bytes this process holds (or whose
// If-None-Match names them) then runs no query at all.
//
// Kept right as the session cache is (services/session-cache.ts):
// - whatever changes a campaign's figures, its stored results or the data version they reflect
//   NOTIFYs `leitai_results_version` with the campaign at commit (triggers, migration 0022): every
//   process drops that campaign's entries when it hears it;
// - a request trusts an entry only after a round trip on the listening connection (EventHub.barrier:
//   every notification committed before it has been heard by then), shared by concurrent requests —
//   so a write committed in any process before the request is never missed;
// - in this process, a request that may change something (any method but GET/HEAD/OPTIONS) empties
//   it before its answer is sent, and so does a figure write committed by a service call (app.ts):
//   a reader never waits for the notification to read its own write;
// - nothing is served from it or stored while the LISTEN connection is down; a lookup that started
//   before its campaign's entries were dropped does not store what it read;
// - only an etag read while the results were caught up is kept (a request that finds them behind
//   waits for them, as without the cache).
// What is kept is the stored row's etag, the same for every user: who sees which form of it (all
// figures, or a reporter's) is decided per request from the user's rights.

export interface StoredTag {
  period: string;
  etag: string;
}

export class EtagCache {
  private readonly byCampaign = new Map<string, Map<string, StoredTag>>();
  private readonly generations = new Map<string, number>();
  private epoch = 0;
  private size = 0;

  constructor(
    private readonly listening: () => boolean,
    /** resolves once every notification committed before the call has been heard (EventHub.barrier) */
    private readonly barrier: () => Promise<void> = () => Promise.resolve(),
    private readonly maxEntries = 10_000,
  ) {}

  /** Whether every change committed before now has been heard (false: the connection is down). */
  async heard(): Promise<boolean> {
    try {
      await this.barrier();
      return this.listening();
    } catch {
      return false;
    }
  }

  /** The stored etag of a campaign's period (`undefined`: its latest with results). */
  get(campaignId: string, period: string | undefined): StoredTag | undefined {
    if (!this.listening()) return undefined;
    return this.byCampaign.get(campaignId)?.get(period ?? '');
  }

  /** Call before reading the etag from the database; pass the result to `set`. */
  stamp(campaignId: string): string {
    return `${this.epoch}:${this.generations.get(campaignId) ?? 0}`;
  }

  set(campaignId: string, period: string | undefined, tag: StoredTag, stamp: string): void {
    if (stamp !== this.stamp(campaignId) || !this.listening()) return;
    if (this.size >= this.maxEntries) this.clear();
    let m = this.byCampaign.get(campaignId);
    if (!m) this.byCampaign.set(campaignId, (m = new Map()));
    if (!m.has(period ?? '')) this.size++;
    m.set(period ?? '', tag);
  }

  /** Forgets a campaign's entries (and what lookups of it running now would store). */
  drop(campaignId: string): void {
    this.generations.set(campaignId, (this.generations.get(campaignId) ?? 0) + 1);
    this.size -= this.byCampaign.get(campaignId)?.size ?? 0;
    this.byCampaign.delete(campaignId);
  }

  /** Forgets everything. */
  clear(): void {
    this.epoch++;
    this.generations.clear();
    this.byCampaign.clear();
    this.size = 0;
  }
}
