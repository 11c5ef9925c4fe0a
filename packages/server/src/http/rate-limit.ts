// A small fixed-window limit for public writes (votes, objections): per client address and route,
// in this process. Past it: 429 with the seconds to wait. Several server processes each count their
// own requests (a proxy's limit is the place for a hard global cap).
import { AppError } from '../errors.ts';

export class RateLimit {
  private readonly hits = new Map<string, { start: number; n: number }>();
  private readonly limit: number;
  private readonly windowMs: number;

  constructor(limit: number, windowMs: number) {
    this.limit = limit;
    this.windowMs = windowMs;
  }

  /** Counts one request of `key` at `nowMs`; throws 429 past the limit. */
  hit(key: string, nowMs: number): void {
    if (this.hits.size > 10_000) {
      for (const [k, v] of this.hits) if (nowMs - v.start >= this.windowMs) this.hits.delete(k);
    }
    const h = this.hits.get(key);
    if (!h || nowMs - h.start >= this.windowMs) {
      this.hits.set(key, { start: nowMs, n: 1 });
      return;
    }
    h.n += 1;
    if (h.n > this.limit) {
      const retryAfter = Math.max(1, Math.ceil((h.start + this.windowMs - nowMs) / 1000));
      throw new AppError('locked_out', {
        zh: `提交过于频繁，请 ${retryAfter} 秒后再试`,
        en: `Too many submissions; try again in ${retryAfter} s`,
      }, undefined, { retryAfter });
    }
  }
}
