// The only path by which scores reach the database: the engine over the figures that count,
// storing each period's results as the bytes the results route sends. Two ways in:
//
// - inline (`recomputeStored`), inside the transaction of a change that holds the campaign's lock
//   (verification, a period's state, a spec version, a correction, a roll-up, an upload): the
//   results commit with the change;
// - after a figure write (`ResultsKeeper`): a PUT or batch commits its figures, audit entries and
//   the periods it wrote (results_pending) without recomputing, and the results catch up behind it —
//   one recompute per campaign at a time across every process (a PostgreSQL advisory lock), which
//   starts again when figures moved on meanwhile, so a burst of saves costs a few recomputes, not
//   one each, and a save never waits behind a recompute. Unless a reader waits for them, results
//   catch up once a campaign's saves pause (or about once a second while they keep coming), and
//   no sooner than a few times what the last catch-up cost after it (Pacing): a burst of saves is
//   caught up together, and catch-ups take a bounded share of the machine beside the saves.
//
// campaign_results holds the figures' data version (campaigns.data_version) the stored results
// reflect; it only moves forward: results of an older version never overwrite newer ones.
// Readers never see a mix and read their writes: a request reading results of a campaign whose
// results are behind the data version it observed waits until they caught up (ResultsKeeper.fresh,
// in-process by the recompute's promise, across processes by the results NOTIFY). A recompute left
// undone by a killed process is redone by the next reader or at startup.
//
// A change rewrites the periods from the earliest one it (or a pending write) touches on (a later
// period's year-to-date figures, streaks and flags depend on it), not the whole year — unless the
// list of periods with results changes, which every stored response names. Explanations are not
// stored: they are computed for one unit when someone looks (services/results.ts explainUnit).
//
// A recompute stores the year a period at a time: the engine presents one period's result, it is
// serialised, handed over (from the worker thread), written and let go before the next period's is
// made (services/evaluator.ts store), so memory is bounded by a period or two, not by the year's
// bodies (at 10,000 units × 30 indicators × 12 months: 305 MB of JSON, gigabytes as objects and
// strings on both threads). An inline recompute writes each row into its transaction (it holds the
// store lock: readers see all rows at its commit). A catch-up stages each row in its own
// transaction's temporary table without the store lock, then, under it and only if no newer
// results were stored meanwhile, copies them into period_results by one statement: readers see
// every period of the catch-up at its commit, and a change recomputing inline meanwhile does not
// wait for the catch-up's computation.
//
// Which figures count: in an open period, every stored figure; once a period is in verification
// (or closed), only the figures its sections approved — the others are left out (the engine sees
// them as missing) and the response lists them as unverified. Such a period still gets a stored
// result (every unit whose figures are left out is missing), so it is listed among the periods.
import { periodKeys, type Spec } from '@leitai/engine';
import { and, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import type { EventHub } from '../db/notify.ts';
import { notifyResults } from '../db/notify.ts';
import { campaignResults, campaigns, figures as figuresTable, periodResults, resultsPending } from '../db/schema.ts';
import { lockCampaign } from '../repositories/campaigns.ts';
import { infoOf, periodInfos } from '../repositories/periods.ts';
import { resultPeriods } from '../repositories/results.ts';
import type { Ctx } from './context.ts';
import { NEEDS_EXACT, type BuiltInput, type FigureColumns, type StoredRow, type StoreTask } from './eval-task.ts';
import type { RowSink, StoreDone } from './evaluator.ts';
import { columnsOf, dataVersionOf, uncachedFigures, type FigureView, type StoredFigure } from './figure-store.ts';
import type { UnverifiedFigure } from './results.ts';

/** Advisory lock classes (two-key form; the second key is hashtext(campaign id)). */
const RECOMPUTE_LOCK = 12_001; // owns a campaign's catch-up recompute, across processes
const STORE_LOCK = 12_002; // held while a campaign's results rows are written

interface Prepared {
  task: StoreTask;
  /** the engine's work (Evaluator.store): units × indicators × periods */
  size: number;
  storedPeriods: string[];
  changed: string[];
}

/** The figures a recompute reads: columns (the engine's input is built where the task runs) or, should they not fit columns, the figures. */
type Figs = { columns: FigureColumns; size: number } | { view: FigureView };

/**
 * The engine's input built on this thread, the exact way: figures that do not fit columns (a
 * mantissa beyond 2^53), rare enough not to leave the event loop for.
 */
export function builtInput(ctx: Ctx, spec: Spec, figs: FigureView, stateOf: (p: string) => string): BuiltInput {
  const counts = (f: StoredFigure) => stateOf(f.period) === 'open' || f.status === 'approved';
  const dataset = ctx.figures.dataset(figs, spec, counts);
  const reported = new Set<string>();
  const unverified = new Map<string, UnverifiedFigure[]>();
  const perUnit: Record<string, Record<string, { reported: number; counted: number }>> = {};
  for (const [, f] of figs.values()) {
    reported.add(f.period);
    const units = (perUnit[f.period] ??= {});
    const c = (units[f.unit] ??= { reported: 0, counted: 0 });
    c.reported++;
    if (counts(f)) c.counted++;
    if (f.status !== 'approved') {
      const list = unverified.get(f.period) ?? [];
      list.push({ unit: f.unit, indicator: f.indicator, status: f.status as 'pending' | 'returned', counted: stateOf(f.period) === 'open' });
      unverified.set(f.period, list);
    }
  }
  const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const unverifiedText: Record<string, string> = {};
  for (const [p, list] of unverified) {
    list.sort((x, y) => byText(x.unit, y.unit) || byText(x.indicator, y.indicator));
    unverifiedText[p] = JSON.stringify(list);
  }
  return { dataset, reported: [...reported], unverified: unverifiedText, counts: perUnit };
}

/**
 * The engine's task of storing a campaign's results from `figs` (read in `ex`'s snapshot). Little
 * work here: the figures go as columns, built into the engine's input where the task runs.
 */
async function prepare(
  ex: Executor, ctx: Ctx, campaign: { id: string; currentVersion: number }, spec: Spec, figs: Figs, changedPeriods: Iterable<string> | 'latest',
): Promise<Prepared> {
  const infos = await periodInfos(ex, campaign.id);
  const keys = periodKeys(spec);
  const stateOf = (p: string) => infoOf(infos, p).state;
  const states: Record<string, string> = {};
  for (const p of keys) states[p] = stateOf(p);
  const changed = changedPeriods === 'latest' ? [] : [...new Set(changedPeriods)].filter((p) => keys.includes(p));
  const from = changedPeriods === 'latest' || changed.length === 0 ? null : changed.reduce((m, p) => (keys.indexOf(p) < keys.indexOf(m) ? p : m));
  const storedPeriods = (await resultPeriods(ex, campaign.id)).sort((x, y) => keys.indexOf(x) - keys.indexOf(y));
  const specKey = `${campaign.id}@${campaign.currentVersion}`;
  let input: Pick<StoreTask, 'columns' | 'built'>;
  if ('columns' in figs) input = { columns: figs.columns };
  else {
    const columns = columnsOf(figs.view, spec, specKey);
    input = columns ? { columns } : { built: builtInput(ctx, spec, figs.view, stateOf) };
  }
  // the engine's work: every slot of the year (a period without figures still ranks every unit)
  const size = spec.units.length * spec.indicators.length * keys.length;
  const task: StoreTask = { kind: 'store', specKey, specText: await ctx.specs.text(ex, campaign.id, campaign.currentVersion), ...input, states, storedPeriods, from };
  return { task, size, storedPeriods, changed };
}

/**
 * Runs the prepared task, each row handed to `write` as it is made (one period at a time, not the
 * year's rows at once); columns that cannot hold the figures exactly (the worker says so, before
 * any row) are replaced by the input built the exact way from `view` (read when needed).
 */
async function evaluateStored(ctx: Ctx, spec: Spec, p: Prepared, view: () => Promise<FigureView>, write: RowSink): Promise<StoreDone> {
  let rows = 0;
  const counted: RowSink = (row) => { rows++; return write(row); };
  try {
    return await ctx.evaluator.store(p.task, p.size, counted);
  } catch (err) {
    if (!(err instanceof Error && err.message.startsWith(NEEDS_EXACT)) || !p.task.columns || rows > 0) throw err;
    const built = builtInput(ctx, spec, await view(), (x) => p.task.states[x] ?? 'open');
    return ctx.evaluator.store({ ...p.task, columns: undefined, built }, p.size, write);
  }
}

/** Bytes sent as they are: a Buffer parameter goes to PostgreSQL in binary form (for text: the UTF-8 bytes). */
const bytes = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength);

/** Writes one computed row of a campaign's stored results (in the transaction that stores them all). */
async function writeRow(tx: Executor, campaign: { id: string; currentVersion: number }, w: StoredRow, at: Date): Promise<void> {
  await tx.execute(sql`INSERT INTO ${periodResults} (campaign_id, period, version, body, public_body, etag, standings, computed_at)
    VALUES (${campaign.id}, ${w.period}, ${campaign.currentVersion}, ${bytes(w.body)}, ${bytes(w.publicBody)}, ${w.etag}, ${w.standings}::jsonb, ${at})
    ON CONFLICT (campaign_id, period) DO UPDATE SET version = excluded.version, body = excluded.body, public_body = excluded.public_body,
      etag = excluded.etag, standings = excluded.standings, computed_at = excluded.computed_at`);
}

/**
 * A catch-up's rows wait here, in its own transaction's connection, until it knows they are still
 * the newest: then they are copied into period_results by one statement (storeStaged), under the
 * store lock, without passing through this process again. Emptied at every commit.
 */
const STAGED = sql.raw('leitai_staged_results');

async function stageTable(tx: Executor): Promise<void> {
  await tx.execute(sql`CREATE TEMP TABLE IF NOT EXISTS ${STAGED} (period text PRIMARY KEY, body text NOT NULL, public_body text NOT NULL, etag text NOT NULL, standings jsonb NOT NULL) ON COMMIT DELETE ROWS`);
  // rows a failed catch-up left in this connection's transaction are gone with it; none before this one
  await tx.execute(sql`DELETE FROM ${STAGED}`);
}

async function stageRow(tx: Executor, w: StoredRow): Promise<void> {
  await tx.execute(sql`INSERT INTO ${STAGED} (period, body, public_body, etag, standings) VALUES (${w.period}, ${bytes(w.body)}, ${bytes(w.publicBody)}, ${w.etag}, ${w.standings}::jsonb)`);
}

async function storeStaged(tx: Executor, campaign: { id: string; currentVersion: number }, at: Date): Promise<void> {
  await tx.execute(sql`INSERT INTO ${periodResults} (campaign_id, period, version, body, public_body, etag, standings, computed_at)
    SELECT ${campaign.id}, period, ${campaign.currentVersion}, body, public_body, etag, standings, ${at} FROM ${STAGED}
    ON CONFLICT (campaign_id, period) DO UPDATE SET version = excluded.version, body = excluded.body, public_body = excluded.public_body,
      etag = excluded.etag, standings = excluded.standings, computed_at = excluded.computed_at`);
  await tx.execute(sql`DELETE FROM ${STAGED}`);
}

/**
 * After the rows are written: drops the periods that no longer have results, records that the
 * stored results are those of `dataVersion` (never lowering it), drops the pending periods it
 * covers and signals. The caller holds STORE_LOCK.
 */
async function finishStored(
  tx: Executor, campaign: { id: string; currentVersion: number }, p: Prepared, done: StoreDone, dataVersion: number, signal: string[],
): Promise<void> {
  const gone = p.storedPeriods.filter((x) => !done.periods.includes(x));
  if (gone.length > 0) await tx.delete(periodResults).where(and(eq(periodResults.campaignId, campaign.id), inArray(periodResults.period, gone)));
  await tx.insert(campaignResults).values({ campaignId: campaign.id, dataVersion }).onConflictDoUpdate({
    target: campaignResults.campaignId,
    set: { dataVersion: sql`GREATEST(${campaignResults.dataVersion}, excluded.data_version)` },
  });
  await tx.delete(resultsPending).where(and(eq(resultsPending.campaignId, campaign.id), lte(resultsPending.dataVersion, dataVersion)));
  for (const period of signal) await notifyResults(tx, { campaign: campaign.id, period });
}

const storeLock = (ex: Executor, campaignId: string) => ex.execute(sql`SELECT pg_advisory_xact_lock(${STORE_LOCK}, hashtext(${campaignId}))`);

/** The periods written since the stored results' data version (results_pending). */
async function pendingPeriods(ex: Executor, campaignId: string, after: number): Promise<string[]> {
  const rows = await ex.selectDistinct({ period: resultsPending.period }).from(resultsPending)
    .where(and(eq(resultsPending.campaignId, campaignId), gt(resultsPending.dataVersion, after)));
  return rows.map((r) => r.period);
}

/** The data version of a campaign's stored results (-1: none recorded). */
async function resultsVersionOf(ex: Executor, campaignId: string): Promise<number> {
  const [row] = await ex.select({ v: campaignResults.dataVersion }).from(campaignResults).where(eq(campaignResults.campaignId, campaignId));
  return row ? row.v : -1;
}

/**
 * Recomputes the stored results from the figures stored now, inside the caller's transaction,
 * which holds the campaign's lock (no figure write runs meanwhile). Periods written by figure
 * writes whose results have not caught up yet are recomputed too: the results stored are those of
 * the campaign's figures now.
 * `figures`: the campaign's figures as the caller's write leaves them (else read in the transaction);
 * `changedPeriods`: the periods changed ('latest': a new spec, every period recomputed and the
 * latest signalled).
 */
export async function recomputeStored(
  tx: Executor, ctx: Ctx, campaign: { id: string; currentVersion: number }, spec: Spec, at: Date, changedPeriods: Iterable<string> | 'latest',
  figures?: FigureView,
): Promise<void> {
  await storeLock(tx, campaign.id);
  const dataVersion = (await dataVersionOf(tx, campaign.id)) ?? 0;
  const behind = await resultsVersionOf(tx, campaign.id);
  // pending periods of writes not caught up yet (behind with nothing pending: recompute every period)
  const pending = behind < dataVersion ? await pendingPeriods(tx, campaign.id, behind) : [];
  // behind with nothing pending (not from a figure write): every period is recomputed
  const periods = changedPeriods === 'latest' ? 'latest' : behind < dataVersion && pending.length === 0 ? [...changedPeriods, ...periodKeys(spec)] : [...changedPeriods, ...pending];
  // the figures read here (at 10,000 units a gigabyte of objects) are let go once they are in
  // columns, before the year is computed; should they not fit columns, they are read again
  const p = await prepare(tx, ctx, campaign, spec, { view: figures ?? await uncachedFigures(tx, campaign.id) }, periods);
  const exact = figures ? () => Promise.resolve(figures) : () => uncachedFigures(tx, campaign.id);
  // each period's row written as it is made (this transaction holds the store lock: readers see
  // them all at its commit)
  const done = await evaluateStored(ctx, spec, p, exact, (row) => writeRow(tx, campaign, row, at));
  const signal = periods === 'latest' ? done.periods.slice(-1) : p.changed;
  await finishStored(tx, campaign, p, done, dataVersion, signal);
}

/**
 * Inside a transaction holding the campaign's lock: its stored results caught up with its figures
 * (recomputed here when figure writes left them behind), for a change that reads them (publishing).
 */
export async function catchUpLocked(tx: Executor, ctx: Ctx, campaign: { id: string; currentVersion: number }): Promise<void> {
  const s = await ctx.results.state(tx, campaign.id);
  if (!s || s.results >= s.data) return;
  await recomputeStored(tx, ctx, campaign, await ctx.specs.get(tx, campaign.id, campaign.currentVersion), ctx.now(), []);
}

/** Recomputes the campaigns that have figures but no stored results (after a migration dropped them). */
export async function recomputeMissing(ctx: Ctx): Promise<void> {
  const missing = await ctx.db.selectDistinct({ id: figuresTable.campaignId }).from(figuresTable)
    .where(sql`NOT EXISTS (SELECT 1 FROM ${periodResults} WHERE ${periodResults.campaignId} = ${figuresTable.campaignId})`);
  for (const { id } of missing) {
    await ctx.db.transaction(async (tx) => {
      const c = await lockCampaign(tx, id);
      if (!c) return;
      const spec = await ctx.specs.get(tx, id, c.currentVersion);
      await recomputeStored(tx, ctx, c, spec, ctx.now(), 'latest');
    });
  }
}

/** Records, in a figure write's transaction, the periods whose results it leaves behind. */
export async function markPending(tx: Executor, campaignId: string, dataVersion: number, periods: Iterable<string>): Promise<void> {
  const rows = [...new Set(periods)].map((period) => ({ campaignId, dataVersion, period }));
  if (rows.length > 0) await tx.insert(resultsPending).values(rows).onConflictDoNothing();
}

/** a round of catch-ups: done, another process owns it (busy), or it failed (logged; the next reader tries again) */
type Once = 'done' | 'busy' | 'failed';

/**
 * When the catch-up of a campaign whose figures were written starts, unless a reader waits for its
 * results (then at once, in whichever process the reader is):
 * - once the campaign's saves pause: none running in this process and none ended for `quietMs` —
 *   but no later than `maxLagMs` after the first save it would catch up, however they keep coming;
 * - and no sooner than `factor` × d after the campaign's last catch-up ended, d what it cost
 *   (at most `maxMs`): catch-ups take at most about 1 / (1 + factor) of the time while saves keep
 *   coming, and the results' lag stays proportional to what a catch-up costs.
 * So a burst of saves is caught up together, after it or about once a second while it lasts, not
 * beside every save.
 */
export interface Pacing {
  factor: number;
  maxMs: number;
  quietMs: number;
  maxLagMs: number;
}

export const DEFAULT_PACING: Pacing = { factor: 3, maxMs: 5_000, quietMs: 50, maxLagMs: 1_000 };

/** The saves of a campaign not yet caught up in this process: when the first and the last kicked its catch-up (performance.now()). */
interface Kicks { first: number; last: number }

/** What a campaign's last catch-up in this process cost, and when it ended (performance.now()). */
interface LastRound { end: number; cost: number }

/**
 * Brings stored results up to the campaign's figures after figure writes that committed without
 * recomputing: at most one catch-up per campaign at a time across all processes (an advisory
 * lock), repeated while the figures moved on meanwhile, spaced by `pacing` unless a reader waits;
 * and readers' waits (`fresh`).
 */
export class ResultsKeeper {
  private readonly running = new Map<string, Promise<Once>>();
  /**
   * per campaign: the kicks waiting for a round (or a look at the state) that started after them;
   * a kick while the catch-up runs is seen here by its loop (another round)
   */
  private readonly kicked = new Map<string, ((r: Once) => void)[]>();
  private readonly waiters = new Map<string, Set<() => void>>();
  private listening: Promise<unknown> | undefined;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  private closed = false;
  /** the last catch-up that computed, per campaign (the next one's spacing; kept, one entry per campaign) */
  private readonly last = new Map<string, LastRound>();
  /** per campaign: the kicks since its last catch-up started */
  private readonly kicks = new Map<string, Kicks>();
  /** campaigns a reader waits for: their next catch-up is not spaced */
  private readonly urgent = new Set<string>();
  /** the spacing waits in progress, by campaign (ended early by a reader or close) */
  private readonly spacing = new Map<string, () => void>();
  /** catch-ups that computed results (and stored them unless newer ones were stored meanwhile), in this process */
  computed = 0;

  constructor(
    private readonly ctx: () => Ctx,
    private readonly hub: EventHub | undefined,
    private readonly log: (msg: string, err?: unknown) => void,
    /** catch-ups run at once in this process (each holds two pooled connections while it runs) */
    private readonly parallel = 2,
    /** longest a reader waits for results to catch up before it reads what is stored */
    private readonly waitMs = 120_000,
    private readonly pacing: Pacing = DEFAULT_PACING,
  ) {}

  /**
   * Starts the catch-up of a campaign, or marks the one running for another round; resolves when a
   * round that started after this call ends (or the catch-up ends finding the results caught up).
   * `urgent`: a reader waits for it (the round is not spaced).
   */
  kick(campaignId: string, urgent = false): Promise<Once> {
    const now = performance.now();
    const k = this.kicks.get(campaignId);
    if (k) k.last = now;
    else this.kicks.set(campaignId, { first: now, last: now });
    if (urgent) {
      this.urgent.add(campaignId);
      this.spacing.get(campaignId)?.();
    }
    const answered = new Promise<Once>((ok) => {
      const list = this.kicked.get(campaignId) ?? [];
      list.push(ok);
      this.kicked.set(campaignId, list);
    });
    if (!this.running.has(campaignId)) this.start(campaignId);
    return answered;
  }

  private start(campaignId: string): void {
    const run: Promise<Once> = this.loop(campaignId).then((r) => {
      if (this.running.get(campaignId) === run) this.running.delete(campaignId);
      // kicked after the catch-up's last look at the results' state: another catch-up
      if (this.kicked.has(campaignId) && !this.closed) this.start(campaignId);
      else this.answer(this.take(campaignId), r);
      return r;
    });
    this.running.set(campaignId, run);
  }

  /** The kicks of a campaign waiting for an answer (taken: the next round or look answers them). */
  private take(campaignId: string): ((r: Once) => void)[] {
    const list = this.kicked.get(campaignId) ?? [];
    this.kicked.delete(campaignId);
    return list;
  }

  private answer(list: ((r: Once) => void)[], r: Once): void {
    for (const ok of list) ok(r);
  }

  /** Whether the stored results are behind the figures, and the two versions (null: no such campaign). */
  async state(ex: Executor, campaignId: string): Promise<{ data: number; results: number } | null> {
    const [row] = await ex.select({ data: campaigns.dataVersion, results: sql<string | null>`${campaignResults.dataVersion}` })
      .from(campaigns).leftJoin(campaignResults, eq(campaignResults.campaignId, campaigns.id)).where(eq(campaigns.id, campaignId));
    return row ? { data: row.data, results: row.results === null ? -1 : Number(row.results) } : null;
  }

  /**
   * Resolves once the campaign's stored results reflect at least the figures committed when it was
   * called (read your writes; bounded by waitMs, then what is stored is read).
   */
  async fresh(campaignId: string): Promise<void> {
    const deadline = Date.now() + this.waitMs;
    let target: number | undefined;
    for (;;) {
      const s = await this.state(this.ctx().db, campaignId);
      if (!s) return;
      target ??= s.data;
      if (s.results >= target || this.closed) return;
      const signalled = this.signal(campaignId);
      const r = await this.kick(campaignId, true);
      // another process owns the catch-up: its NOTIFY (or a short wait, should that process die) says when to look again
      if (r === 'busy') await Promise.race([signalled, new Promise((ok) => setTimeout(ok, 250).unref())]);
      // a catch-up that failed (logged) is not retried in a loop by this reader: it reads what is
      // stored, and the next write or reader tries again
      if (r === 'failed') return;
      if (Date.now() > deadline) {
        this.log(`results of ${campaignId} did not catch up within ${this.waitMs} ms`);
        return;
      }
    }
  }

  /** Catches up every campaign whose results are behind (at startup: a recompute a killed process left undone). */
  async catchUpAll(): Promise<void> {
    const rows = await this.ctx().db.select({ id: campaigns.id }).from(campaigns).leftJoin(campaignResults, eq(campaignResults.campaignId, campaigns.id))
      .where(sql`${campaigns.dataVersion} > COALESCE(${campaignResults.dataVersion}, -1)`);
    for (const { id } of rows) await this.fresh(id);
  }

  /** Resolves once no catch-up of the campaign runs in this process, but one waiting for its spacing (tests, the benches). */
  async settled(campaignId: string): Promise<void> {
    for (let run = this.running.get(campaignId); run && !this.spacing.has(campaignId); run = this.running.get(campaignId)) {
      await Promise.race([run, new Promise((ok) => setImmediate(ok))]);
    }
  }

  /** Starts no more catch-ups and waits for those running (before the pool closes). */
  async close(): Promise<void> {
    this.closed = true;
    for (const end of [...this.spacing.values()]) end();
    await Promise.allSettled([...this.running.values()]);
  }

  private signal(campaignId: string): Promise<void> {
    if (this.hub && !this.listening) {
      this.listening = this.hub.subscribe('results', (e) => {
        const set = this.waiters.get(e.campaign);
        if (!set) return;
        this.waiters.delete(e.campaign);
        for (const w of set) w();
      }).catch((err: unknown) => this.log('results keeper could not listen', err));
    }
    return new Promise((ok) => {
      const set = this.waiters.get(campaignId) ?? new Set();
      set.add(ok);
      this.waiters.set(campaignId, set);
    });
  }

  private async loop(campaignId: string): Promise<Once> {
    let last: Once = 'done';
    // kicks answered by the next round (they came while the state was read, which found results behind)
    let carried: ((r: Once) => void)[] = [];
    for (;;) {
      await this.spaceOut(campaignId);
      if (this.closed) {
        this.answer(carried, last);
        return last;
      }
      this.urgent.delete(campaignId);
      this.kicks.delete(campaignId);
      // this round's snapshot sees the writes of every kick before it
      const covered = [...carried, ...this.take(campaignId)];
      carried = [];
      await this.slot();
      const t0 = performance.now();
      try {
        const r = await this.once(campaignId);
        last = r === 'computed' ? 'done' : r;
        if (r === 'computed') {
          this.computed++;
          const end = performance.now();
          this.last.set(campaignId, { end, cost: end - t0 });
        }
      } catch (err) {
        this.log(`catching up the results of ${campaignId} failed`, err);
        last = 'failed';
      } finally {
        this.release();
      }
      this.answer(covered, last);
      if (last !== 'done') return last;
      // the lock is released: a write that committed while we held it is seen here (it found the lock taken)
      const looked = this.take(campaignId);
      let behind: boolean;
      try {
        const s = await this.state(this.ctx().db, campaignId);
        behind = s !== null && s.results < s.data;
      } catch (err) {
        this.log(`reading the results state of ${campaignId} failed`, err);
        this.answer(looked, 'failed');
        return 'failed';
      }
      if (behind) carried = looked;
      else this.answer(looked, last);
      // kicked during the look (after the take above; only a kick adds to `kicked`, and no one
      // else takes this campaign's kicks while its loop runs): another round
      if (!behind && !this.kicked.has(campaignId)) return last;
    }
  }

  /** Waits until the campaign's catch-up may start (Pacing), unless a reader waits or the keeper closes. */
  private async spaceOut(campaignId: string): Promise<void> {
    for (;;) {
      if (this.urgent.has(campaignId) || this.closed) return;
      const wait = Math.min(this.startAt(campaignId) - performance.now(), 2 ** 31 - 1);
      if (wait <= 0) return;
      // (a save meanwhile moves the time on: it is worked out again when the timer fires)
      await new Promise<void>((ok) => {
        const timer = setTimeout(done, wait);
        timer.unref();
        function done() {
          clearTimeout(timer);
          ok();
        }
        this.spacing.set(campaignId, done);
      });
      this.spacing.delete(campaignId);
    }
  }

  /** When the campaign's next catch-up may start (performance.now() time; Pacing). */
  private startAt(campaignId: string): number {
    const { factor, maxMs, quietMs, maxLagMs } = this.pacing;
    const prev = this.last.get(campaignId);
    const paced = prev ? prev.end + Math.min(maxMs, factor * prev.cost) : 0;
    const k = this.kicks.get(campaignId);
    if (!k) return paced;
    // a save of the campaign running in this process: its end (and its kick) is awaited as well
    const quietFrom = this.ctx().figures.writing(campaignId) ? performance.now() : k.last;
    return Math.max(paced, Math.min(quietFrom + quietMs, k.first + maxLagMs));
  }

  private slot(): Promise<void> {
    if (this.active < this.parallel) {
      this.active++;
      return Promise.resolve();
    }
    return new Promise((ok) => this.queue.push(() => { this.active++; ok(); }));
  }

  private release(): void {
    this.active--;
    this.queue.shift()?.();
  }

  /**
   * One catch-up: owns the campaign's recompute (or says another process does), computes from one
   * snapshot, stores unless newer results were stored meanwhile ('computed'; 'done': nothing was behind).
   */
  private async once(campaignId: string): Promise<Once | 'computed'> {
    const ctx = this.ctx();
    return ctx.db.transaction(async (snap): Promise<Once | 'computed'> => {
      const got = await snap.execute<{ ok: boolean }>(sql`SELECT pg_try_advisory_xact_lock(${RECOMPUTE_LOCK}, hashtext(${campaignId})) AS ok`);
      if (!got.rows[0]?.ok) return 'busy';
      const [c] = await snap.select({ id: campaigns.id, currentVersion: campaigns.currentVersion, dataVersion: campaigns.dataVersion }).from(campaigns).where(eq(campaigns.id, campaignId));
      if (!c) return 'done';
      const behind = await resultsVersionOf(snap, campaignId);
      if (behind >= c.dataVersion) return 'done';
      const pending = await pendingPeriods(snap, campaignId, behind);
      const periods = pending.length === 0 ? 'latest' : pending;
      const spec = await ctx.specs.get(snap, campaignId, c.currentVersion);
      // the figures of the snapshot's data version, in columns (from the cache, which remembers the last writes)
      const figs = await ctx.figures.columns(snap, campaignId, c.dataVersion, spec, `${campaignId}@${c.currentVersion}`);
      const p = await prepare(snap, ctx, c, spec, figs, periods);
      await ctx.db.transaction(async (tx) => {
        // each period's row staged as it is made (not the year's rows held here at once), without
        // the store lock: a change recomputing inline meanwhile does not wait for this computation
        await stageTable(tx);
        const done = await evaluateStored(ctx, spec, p, () => ctx.figures.get(snap, campaignId, c.dataVersion), (row) => stageRow(tx, row));
        await storeLock(tx, campaignId);
        // results of this version or a later one were stored meanwhile (a change that recomputed inline)
        if ((await resultsVersionOf(tx, campaignId)) >= c.dataVersion) return;
        const at = ctx.now();
        await storeStaged(tx, c, at);
        await finishStored(tx, c, p, done, c.dataVersion, periods === 'latest' ? done.periods.slice(-1) : p.changed);
      });
      return 'computed';
    }, { isolationLevel: 'repeatable read' });
  }
}
