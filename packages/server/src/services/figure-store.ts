// The figures of a campaign as this process last read them, keyed by the campaign's data version
// (campaigns.data_version: a trigger moves it on with every statement that changes the campaign's
// figures, whichever process runs it). A caller reads the version in its own snapshot — a writer
// under the campaign's lock — and gets the cached figures when they are of that version, else reads
// them again: every process sees the figures of the version it read, never a stale or mixed set.
// A write applies its own changes to the cache after it commits (no re-read of the whole campaign).
//
// The engine's layout of the counted figures (per indicator, T×U mantissas) is built from the cache
// without re-parsing every figure: each figure's mantissa and scale are kept with it.
import { datasetFromColumns, checkData, Dec, periodKeys, type Dataset, type Spec } from '@leitai/engine';
import { eq, sql } from 'drizzle-orm';
import type { Database, Executor } from '../db/client.ts';
import { campaigns, type FigureStatus } from '../db/schema.ts';
import { campaignFigureStates, figureKey, type FigureKey } from '../repositories/figures.ts';
import type { Ctx } from './context.ts';
import { STATUS_CODE, type FigureColumns } from './eval-task.ts';

export interface StoredFigure extends FigureKey {
  value: string;
  version: number;
  status: FigureStatus;
  late: boolean;
  explanation: string | null;
}

interface Parsed { mant: bigint; scale: number }

/** A campaign's figures: as cached, or as a write leaves them (the cached ones with its changes over them). */
export interface FigureView {
  readonly campaignId: string;
  get(key: string): StoredFigure | undefined;
  values(): Iterable<[string, StoredFigure]>;
  readonly size: number;
  /**
   * Only these units' figures (every indicator and period of each) when the view was read for a
   * write while the cache did not hold the campaign (FigureStore.forWrite); absent: every figure.
   * Asking such a view for another unit's figure is a bug: get throws rather than answer "none".
   */
  readonly units?: ReadonlySet<string>;
  /** the parsed mantissa of a figure (cached with the figures it came from) */
  parsed(key: string, f: StoredFigure): Parsed | null;
  /** these figures with `set` stored over them and `cleared` removed (nothing is copied) */
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView;
}

function parse(f: StoredFigure): Parsed | null {
  const d = Dec.parse(f.value.trim());
  return d ? { mant: d.mantAt(d.scale), scale: d.scale } : null;
}

/** Where each unit, indicator and period of a spec sits in columns, and the columns of a cached entry. */
interface Layout {
  specKey: string;
  unitIx: Map<string, number>;
  indIx: Map<string, number>;
  perIx: Map<string, number>;
  cols: FigureColumns;
}

function layoutOf(spec: Spec, specKey: string): Layout {
  const keys = periodKeys(spec);
  const U = spec.units.length;
  const T = keys.length;
  const I = spec.indicators.length;
  return {
    specKey,
    unitIx: new Map(spec.units.map((u, i) => [u.id, i])),
    indIx: new Map(spec.indicators.map((d, i) => [d.id, i])),
    perIx: new Map(keys.map((k, i) => [k, i])),
    cols: { units: U, periods: T, indicators: I, mant: new Float64Array(I * T * U).fill(NaN), scale: new Int8Array(I * T * U), status: new Uint8Array(I * T * U) },
  };
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Puts figure `f` (undefined: none) of key `k` into its slot of `cols`; false when it does not fit columns. */
function setSlot(l: Layout, cols: FigureColumns, k: FigureKey, f: StoredFigure | undefined, p: Parsed | null | undefined): boolean {
  const i = l.indIx.get(k.indicator);
  const t = l.perIx.get(k.period);
  const u = l.unitIx.get(k.unit);
  if (i === undefined || t === undefined || u === undefined) return false;
  const at = (i * cols.periods + t) * cols.units + u;
  if (!f) {
    cols.mant[at] = NaN;
    cols.scale[at] = 0;
    cols.status[at] = 0;
    return true;
  }
  if (!p || p.scale > 100 || p.mant > SAFE || p.mant < -SAFE) return false;
  cols.mant[at] = Number(p.mant);
  cols.scale[at] = p.scale;
  cols.status[at] = STATUS_CODE[f.status];
  return true;
}

const copyColumns = (c: FigureColumns): FigureColumns => ({ ...c, mant: c.mant.slice(), scale: c.scale.slice(), status: c.status.slice() });

/** The columns of any view of figures (null: some figure does not fit them). */
export function columnsOf(figs: FigureView, spec: Spec, specKey: string, parsedOf = (k: string, f: StoredFigure) => figs.parsed(k, f)): FigureColumns | null {
  const l = layoutOf(spec, specKey);
  for (const [k, f] of figs.values()) if (!setSlot(l, l.cols, f, f, parsedOf(k, f))) return null;
  return l.cols;
}

/** A figure's parsed value, parsed once per view (`memo`: the view's, by key). */
function parsedOnce(memo: Map<string, Parsed | null>, key: string, f: StoredFigure): Parsed | null {
  let p = memo.get(key);
  if (p === undefined) {
    p = parse(f);
    memo.set(key, p);
  }
  return p;
}

/** What a write changed: the figures its keys held before (to step a copy of the columns back). */
interface Step { from: number; to: number; before: { key: FigureKey; f: StoredFigure | undefined }[] }

/** writes remembered per campaign, to give columns of a version a little older than the cache's */
const HISTORY = 512;

/** A view over a map of stored figures by key, each parsed at most once. */
abstract class MapView implements FigureView {
  protected readonly parsedByKey = new Map<string, Parsed | null>();
  constructor(readonly campaignId: string, protected readonly byKey: Map<string, StoredFigure>) {}
  get(key: string) { return this.byKey.get(key); }
  values() { return this.byKey.entries(); }
  get size() { return this.byKey.size; }
  parsed(key: string, f: StoredFigure): Parsed | null {
    return parsedOnce(this.parsedByKey, key, f);
  }
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView {
    return new Overlay(this, set, cleared);
  }
}

class Entry extends MapView {
  /** columns kept up to date with every write (null: the figures do not fit columns; undefined: not built yet) */
  private layout: Layout | null | undefined;
  private nullFor = '';
  private readonly history: Step[] = [];
  constructor(campaignId: string, public dataVersion: number, byKey: Map<string, StoredFigure>) {
    super(campaignId, byKey);
  }
  apply(set: StoredFigure[], cleared: FigureKey[], to: number): void {
    const before = new Map<string, { key: FigureKey; f: StoredFigure | undefined }>();
    for (const k of [...cleared, ...set]) if (!before.has(figureKey(k))) before.set(figureKey(k), { key: { unit: k.unit, indicator: k.indicator, period: k.period }, f: this.byKey.get(figureKey(k)) });
    for (const k of cleared) {
      this.byKey.delete(figureKey(k));
      this.parsedByKey.delete(figureKey(k));
    }
    for (const f of set) {
      this.byKey.set(figureKey(f), f);
      this.parsedByKey.delete(figureKey(f));
    }
    const l = this.layout;
    if (l) {
      for (const { key } of before.values()) {
        const f = this.byKey.get(figureKey(key));
        if (!setSlot(l, l.cols, key, f, f ? this.parsed(figureKey(key), f) : undefined)) {
          this.layout = undefined;
          break;
        }
      }
    } else if (l === null) this.layout = undefined;
    this.history.push({ from: this.dataVersion, to, before: [...before.values()] });
    if (this.history.length > HISTORY) this.history.shift();
    this.dataVersion = to;
  }

  /**
   * Builds the columns for `spec` when they are not built yet, `slice` figures at a time, letting
   * the event loop run between slices (at 1,000 units parsing 100,000 figures at once held it for
   * hundreds of milliseconds). Writes applied meanwhile are laid over the result. Leaves the columns
   * unbuilt (columnsAt builds them at once) should more writes than remembered be applied meanwhile.
   */
  async buildColumnsSliced(spec: Spec, specKey: string, slice: number): Promise<void> {
    const needed = () => this.layout === undefined || (this.layout !== null && this.layout.specKey !== specKey) || (this.layout === null && this.nullFor !== specKey);
    if (!needed()) return;
    const figs = [...this.byKey.values()];
    const at = this.dataVersion;
    const l = layoutOf(spec, specKey);
    let fits = true;
    for (let j = 0; j < figs.length && fits; j++) {
      if (j > 0 && j % slice === 0) await new Promise((ok) => setImmediate(ok));
      fits = setSlot(l, l.cols, figs[j], figs[j], parse(figs[j]));
    }
    if (!needed()) return;
    if (!fits) {
      this.layout = null;
      this.nullFor = specKey;
      return;
    }
    // the writes applied since the slices began: their keys take the figures stored now
    let j = this.history.length;
    let v = this.dataVersion;
    while (v > at) {
      j--;
      if (j < 0 || this.history[j].to !== v) return;
      v = this.history[j].from;
    }
    if (v !== at) return;
    for (const step of this.history.slice(j)) {
      for (const { key } of step.before) {
        const f = this.byKey.get(figureKey(key));
        if (!setSlot(l, l.cols, key, f, f ? parse(f) : undefined)) return;
      }
    }
    this.layout = l;
    this.nullFor = specKey;
  }

  /**
   * A copy of the columns of these figures as they were at `version` (at most HISTORY writes
   * ago), for `spec`; null when they do not fit columns or that version is not remembered.
   */
  columnsAt(version: number, spec: Spec, specKey: string): FigureColumns | null {
    if (version > this.dataVersion) return null;
    if (this.layout === undefined || (this.layout && this.layout.specKey !== specKey) || (this.layout === null && this.nullFor !== specKey)) {
      // (each figure parsed here without keeping its parse: the columns hold it)
      const cols = columnsOf(this, spec, specKey, (_k, f) => parse(f));
      this.layout = cols ? { ...layoutOf(spec, specKey), cols } : null;
      this.nullFor = specKey;
    }
    const l = this.layout;
    if (!l) return null;
    const copy = copyColumns(l.cols);
    let at = this.dataVersion;
    for (let j = this.history.length - 1; j >= 0 && at > version; j--) {
      const step = this.history[j];
      if (step.to !== at) return null;
      for (const { key, f } of step.before) if (!setSlot(l, copy, key, f, f ? parse(f) : undefined)) return null;
      at = step.from;
    }
    return at === version ? copy : null;
  }
}

/** The figures of some units of a campaign, every indicator and period of each (read for a write). */
class UnitsView extends MapView {
  constructor(campaignId: string, readonly units: ReadonlySet<string>, byKey: Map<string, StoredFigure>) {
    super(campaignId, byKey);
  }
  override get(key: string) {
    const unit = key.slice(0, key.indexOf('\u0000'));
    if (!this.units.has(unit)) throw new Error(`the figures of ${this.campaignId} read for a write are those of ${this.units.size} units, not ${unit}'s`);
    return this.byKey.get(key);
  }
}

class Overlay implements FigureView {
  private readonly changes = new Map<string, StoredFigure | null>();
  private readonly parsedByKey = new Map<string, Parsed | null>();
  private count: number;
  constructor(private readonly base: FigureView, set: StoredFigure[], cleared: FigureKey[]) {
    for (const k of cleared) this.changes.set(figureKey(k), null);
    for (const f of set) this.changes.set(figureKey(f), f);
    this.count = base.size;
    for (const [k, f] of this.changes) this.count += (base.get(k) ? -1 : 0) + (f ? 1 : 0);
  }
  get campaignId() { return this.base.campaignId; }
  get units() { return this.base.units; }
  get size() { return this.count; }
  get(key: string) {
    const c = this.changes.get(key);
    return c === undefined ? this.base.get(key) : (c ?? undefined);
  }
  *values(): Iterable<[string, StoredFigure]> {
    for (const [k, f] of this.base.values()) if (!this.changes.has(k)) yield [k, f];
    for (const [k, f] of this.changes) if (f) yield [k, f];
  }
  parsed(key: string, f: StoredFigure): Parsed | null {
    if (!this.changes.has(key)) return this.base.parsed(key, f);
    return parsedOnce(this.parsedByKey, key, f);
  }
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView {
    return new Overlay(this, set, cleared);
  }
}

/** What to read of a campaign's figures. */
export interface ReadOptions {
  /** only these units' figures (every indicator and period of each); absent: every figure */
  units?: readonly string[];
  /** rows a statement (default READ_PAGE) */
  page?: number;
  /** asked between pages: true ends the read (it throws: the process is closing) */
  stop?: () => boolean;
}

/** How a campaign's figures are read (injected by tests). */
export type FigureReader = (ex: Executor, campaignId: string, opts?: ReadOptions) => Promise<Map<string, StoredFigure>>;

/**
 * Rows a statement of a read of figures, and rows mapped in one turn of the event loop. At 1,000
 * units a period's 17,000 rows mapped at once held the loop 100–190 ms; pages of 10,000 rows still
 * held it up to 150 ms (the driver parses every chunk of a result that has arrived in one turn of
 * the loop), pages of 2,000 about 30 ms under the profiler at load 9.
 */
export const READ_PAGE = 2_000;
const MAP_SLICE = 1_000;

/** A row of figures as the driver gives it. */
interface Row extends Record<string, unknown> { unit_id: string; indicator_id: string; period: string; value: string; version: number; status: string; late: boolean; explanation: string | null }

/**
 * A campaign's figures (or those of some units: `opts.units`), read a page at a time in the order of
 * the table's key — unit, indicator, period — each page starting after the last key of the page
 * before (at 10,000 units × 30 indicators × 12 months: 1,620 statements of 2,000 rows, not 3.24
 * million rows and their driver objects at once, and no turn of the event loop maps more than 1,000
 * rows). Each figure is kept as one small object whose unit, indicator, period and status strings are
 * shared with every other figure's (one string per distinct text, not one per row). The reads are of
 * one state of the figures: in a snapshot (repeatable read) they are by themselves; otherwise the
 * campaign's data version (moved on by every statement that changes its figures) is the same before
 * and after them, else they are read again (after three tries, in one statement).
 */
export async function readFigures(ex: Executor, campaignId: string, opts: ReadOptions = {}): Promise<Map<string, StoredFigure>> {
  const page = opts.page ?? READ_PAGE;
  const texts = new Map<string, string>();
  const shared = (t: string): string => {
    const hit = texts.get(t);
    if (hit !== undefined) return hit;
    texts.set(t, t);
    return t;
  };
  const units = opts.units ? sql` AND unit_id = ANY(${sql.param(opts.units.length > 0 ? [...opts.units] : [''])}::text[])` : sql``;
  for (let attempt = 0; ; attempt++) {
    const before = await dataVersionOf(ex, campaignId);
    const out = new Map<string, StoredFigure>();
    let last: StoredFigure | undefined;
    for (;;) {
      if (opts.stop?.()) throw new Error(`the read of ${campaignId}'s figures was stopped`);
      const after = last ? sql` AND (unit_id, indicator_id, period) > (${last.unit}, ${last.indicator}, ${last.period})` : sql``;
      // (the driver's rows as they come: no second mapping of each row by the query builder)
      const { rows } = await ex.execute<Row>(sql`SELECT unit_id, indicator_id, period, value, version, status, late, explanation FROM figures
        WHERE campaign_id = ${campaignId}${units}${after} ORDER BY unit_id, indicator_id, period LIMIT ${page}`);
      for (let j = 0; j < rows.length; j++) {
        // the event loop runs between slices of a page
        if (j > 0 && j % MAP_SLICE === 0) await new Promise((ok) => setImmediate(ok));
        const r = rows[j];
        const f: StoredFigure = { unit: shared(r.unit_id), indicator: shared(r.indicator_id), period: shared(r.period), value: r.value, version: r.version, status: shared(r.status) as FigureStatus, late: r.late, explanation: r.explanation };
        out.set(figureKey(f), f);
        last = f;
      }
      if (rows.length < page) break;
    }
    // the same version before and after: no change of the figures committed between the reads
    // (in a transaction that sees others' commits); after three tries, one statement reads them all
    if ((await dataVersionOf(ex, campaignId)) === before) return out;
    if (attempt >= 2) {
      const all = new Map<string, StoredFigure>();
      const units = opts.units && new Set(opts.units);
      for (const r of await campaignFigureStates(ex, campaignId)) {
        if (units && !units.has(r.unit)) continue;
        all.set(figureKey(r), { ...r, unit: shared(r.unit), indicator: shared(r.indicator), period: shared(r.period), status: shared(r.status) as FigureStatus });
      }
      return all;
    }
  }
}

/** Figures read in the caller's transaction and not cached (they may not be committed). */
export async function uncachedFigures(ex: Executor, campaignId: string, read: FigureReader = readFigures): Promise<FigureView> {
  return new Entry(campaignId, -1, await read(ex, campaignId));
}

/** The campaign's data version in the caller's snapshot (null: no such campaign). */
export async function dataVersionOf(ex: Executor, campaignId: string): Promise<number | null> {
  const [row] = await ex.select({ v: campaigns.dataVersion }).from(campaigns).where(eq(campaigns.id, campaignId));
  return row ? row.v : null;
}

/** The campaign's figures in one read-only snapshot (cached when at the version cached). */
export function figureSnapshot(ctx: Ctx, campaignId: string): Promise<FigureView> {
  return ctx.db.transaction(async (tx) => ctx.figures.get(tx, campaignId, (await dataVersionOf(tx, campaignId)) ?? 0), { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

export class FigureStore {
  private readonly cache = new Map<string, Entry>();
  /** per campaign: the last write queued in this process (writes of a campaign take turns here, see exclusive) */
  private readonly queued = new Map<string, Promise<void>>();
  /** per campaign: the write running now in this process, until its changes are in the cache */
  private readonly running = new Map<string, Promise<void>>();
  /** how many times a campaign's figures were read from the database (not found in the cache) */
  reads = 0;
  /** figures read from the database: every figure of a campaign (a miss of the cache, a fill), or some units' for a write */
  readFigures = { all: 0, units: 0 };
  /** figures laid into a campaign's columns between two turns of the event loop (columns) */
  columnsSlice = 1_000;
  /** rows a statement when figures are read (readFigures) */
  readPage = READ_PAGE;
  /** a write of more units than this reads every figure of the campaign (at once) when they are not cached */
  unitsMax = 2_000;
  /** per campaign: the read of all its figures running now in this process, on a connection of its own */
  private readonly loading = new Map<string, Promise<void>>();
  /** per campaign: the fill of the cache running in the background (fillLater) */
  private readonly filling = new Map<string, Promise<void>>();
  /** per campaign, while it is filled: the writes this process committed meanwhile, laid over the fill's figures when read */
  private readonly missed = new Map<string, { from: number; to: number; set: StoredFigure[]; cleared: FigureKey[] }[]>();
  private closed = false;
  /** fills of the cache that failed (the next write reads its units again, and fills again) */
  fillErrors: unknown[] = [];
  /**
   * Campaigns kept: at most `max`, and at most `maxFigures` figures over all of them (least recently
   * used dropped beyond either; the one just read is kept whatever its size). A figure costs about
   * 150–250 bytes here: its object and value text (unit, indicator, period and status texts are
   * shared), its key and its place in the map; once its campaign's columns are built, 10 more.
   */
  constructor(private readonly max = 16, public read: FigureReader = readFigures, private readonly maxFigures = 4_000_000) {}

  /** figures held over every campaign cached */
  get figureCount(): number {
    let n = 0;
    for (const e of this.cache.values()) n += e.size;
    return n;
  }

  /** the data version of the campaign's figures cached now (undefined: not cached) */
  versionOf(campaignId: string): number | undefined {
    return this.cache.get(campaignId)?.dataVersion;
  }

  /** campaigns cached now, least recently used first */
  cached(): string[] {
    return [...this.cache.keys()];
  }

  /** Whether a write of the campaign's figures runs or waits its turn in this process (exclusive). */
  writing(campaignId: string): boolean {
    return this.queued.has(campaignId);
  }

  /**
   * Runs a write of the campaign's figures (its transaction and its `applied` after commit) after
   * the writes of the campaign queued before it in this process. They would take turns anyway on
   * the campaign's row lock; taking turns here first keeps them from holding a pooled connection
   * each while they wait, and a write never finds a version the write before it committed but had
   * not yet applied to the cache (PostgreSQL releases the row lock before it answers the COMMIT).
   */
  exclusive<T>(campaignId: string, fn: () => Promise<T>): Promise<T> {
    const before = this.queued.get(campaignId) ?? Promise.resolve();
    const run = before.then(() => {
      const p = fn();
      const done = p.then(() => undefined, () => undefined);
      this.running.set(campaignId, done);
      void done.then(() => { if (this.running.get(campaignId) === done) this.running.delete(campaignId); });
      return p;
    });
    const tail = run.then(() => undefined, () => undefined);
    this.queued.set(campaignId, tail);
    void tail.then(() => { if (this.queued.get(campaignId) === tail) this.queued.delete(campaignId); });
    return run;
  }

  /** The campaign's figures at `dataVersion` (read from `ex` unless cached at that version). */
  async get(ex: Executor, campaignId: string, dataVersion: number): Promise<FigureView> {
    for (;;) {
      const hit = this.cache.get(campaignId);
      if (hit && hit.dataVersion === dataVersion) {
        this.cache.delete(campaignId);
        this.cache.set(campaignId, hit);
        return hit;
      }
      // a read of the campaign is running (a fill, another request): its figures may be the ones
      // wanted (it holds a connection of its own: waiting for it never waits for this one)
      const running = this.loading.get(campaignId);
      if (!running) break;
      await running;
    }
    return this.track(campaignId, () => this.load(ex, campaignId, dataVersion, false));
  }

  /** Runs `fn` (a read of every figure of the campaign) as the campaign's read running now: get and columns wait for it. */
  private async track<T>(campaignId: string, fn: () => Promise<T>): Promise<T> {
    let done = () => {};
    const running = new Promise<void>((ok) => { done = ok; });
    this.loading.set(campaignId, running);
    try {
      return await fn();
    } finally {
      if (this.loading.get(campaignId) === running) this.loading.delete(campaignId);
      done();
    }
  }

  /**
   * Reads every figure of the campaign at `dataVersion` in `ex` into the cache; `replay`: the writes
   * this process committed while the read ran are then laid over them (the entry moves on to the
   * version they left; columnsAt still gives the one read). Else the entry stays at `dataVersion`.
   */
  private async load(ex: Executor, campaignId: string, dataVersion: number, replay: boolean): Promise<Entry> {
    this.reads++;
    // the entry being replaced is let go first (not held while its successor is read)
    const hit = this.cache.get(campaignId);
    if (hit && hit.dataVersion < dataVersion) this.cache.delete(campaignId);
    const figs = await this.read(ex, campaignId, { page: this.readPage, stop: () => this.closed });
    this.readFigures.all += figs.size;
    const entry = new Entry(campaignId, dataVersion, figs);
    if (replay) {
      for (const w of this.missed.get(campaignId) ?? []) if (w.from === entry.dataVersion) entry.apply(w.set, w.cleared, w.to);
    }
    // a newer version may have been cached meanwhile by another request: keep the newest
    const now = this.cache.get(campaignId);
    if (!now || now.dataVersion <= entry.dataVersion) {
      this.cache.delete(campaignId);
      this.cache.set(campaignId, entry);
      this.trim();
    }
    return entry;
  }

  /**
   * The figures a write of `units` reads under the campaign's lock, at `dataVersion`: the cache's
   * when it holds that version; otherwise only those units' figures (every indicator and period of
   * each: all a write checks — the figures it replaces, their versions and verification states, and
   * the explanation rule's schedule and jump over the unit's year), read in `ex`, and the cache is
   * filled from `db` in the background (fillLater), off the write and its lock. `units` 'all', or more
   * than `unitsMax` of them: every figure, read now (a write that recomputes in its own transaction).
   */
  async forWrite(ex: Executor, campaignId: string, dataVersion: number, units: readonly string[] | 'all', db?: Database['db']): Promise<FigureView> {
    const hit = this.cache.get(campaignId);
    if (units === 'all' || units.length > this.unitsMax || (hit && hit.dataVersion === dataVersion)) return this.get(ex, campaignId, dataVersion);
    const wanted = [...new Set(units)];
    const figs = await this.read(ex, campaignId, { units: wanted, page: this.readPage });
    this.readFigures.units += figs.size;
    if (db) this.fillLater(db, campaignId);
    return new UnitsView(campaignId, new Set(wanted), figs);
  }

  /**
   * Fills the cache with the campaign's figures in the background, unless a fill of it runs already:
   * in a read-only snapshot of its own (one state of the figures, whatever commits meanwhile), a page
   * at a time (the event loop runs between pages), at the data version of that snapshot; the writes
   * this process commits meanwhile are laid over them at the end, in order (a write of another
   * process leaves the entry at an older version: a later write reads its units again). Requests
   * asking for the campaign's figures meanwhile wait for it once it reads (get).
   */
  fillLater(db: Database['db'], campaignId: string): void {
    if (this.filling.has(campaignId) || this.closed) return;
    this.missed.set(campaignId, []);
    const run = new Promise<void>((ok) => setImmediate(ok))
      .then(() => db.transaction((tx) => this.track(campaignId, async () => {
        if (this.closed) return;
        // the snapshot's version: the figures read below are of it, whatever commits meanwhile
        const version = await dataVersionOf(tx, campaignId);
        const hit = this.cache.get(campaignId);
        if (version === null || (hit && hit.dataVersion >= version)) return;
        await this.load(tx, campaignId, version, true);
      }), { isolationLevel: 'repeatable read', accessMode: 'read only' }))
      .catch((err: unknown) => { if (!this.closed && this.fillErrors.length < 100) this.fillErrors.push(err); })
      .finally(() => {
        this.filling.delete(campaignId);
        this.missed.delete(campaignId);
      });
    this.filling.set(campaignId, run);
  }

  /** Resolves when no fill of the campaign's cache runs (tests, the benches). */
  async filled(campaignId: string): Promise<void> {
    for (let f = this.filling.get(campaignId); f; f = this.filling.get(campaignId)) await f;
  }

  /** Stops the fills running (their reads end at their next page) and waits for them. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.filling.values()]);
  }

  /**
   * After a committed write that moved the campaign from `from` to `to`: the cached figures take the
   * write's changes (`set` figures as now stored, `cleared` keys gone). Nothing happens when the
   * cache is not at `from` (it will be read again when next needed).
   */
  applied(campaignId: string, from: number, to: number, set: StoredFigure[], cleared: FigureKey[]): void {
    const e = this.cache.get(campaignId);
    if (!e || e.dataVersion !== from) {
      // a fill runs: the write is laid over its figures when they are read
      const missed = this.missed.get(campaignId);
      if (missed && missed.length < HISTORY) missed.push({ from, to, set, cleared });
      return;
    }
    e.apply(set, cleared, to);
  }

  /**
   * The campaign's figures at `dataVersion` laid out in columns for `spec` (a copy: the caller may
   * hand it to a worker thread), from the cache when it holds that version or remembers it, else
   * read from `ex`; or, when the figures do not fit columns, the figures themselves.
   */
  async columns(ex: Executor, campaignId: string, dataVersion: number, spec: Spec, specKey: string): Promise<{ columns: FigureColumns; size: number } | { view: FigureView }> {
    // a read of the campaign's figures runs (a fill): its figures, or a later version's, may serve
    for (let running = this.loading.get(campaignId); running; running = this.loading.get(campaignId)) await running;
    let hit = this.cache.get(campaignId);
    // a write of this process committed (the snapshot sees it) but is not in the cache yet: wait for it
    const writing = this.running.get(campaignId);
    if (hit && hit.dataVersion < dataVersion && writing) {
      await writing;
      hit = this.cache.get(campaignId);
    }
    if (hit && hit.dataVersion >= dataVersion) await hit.buildColumnsSliced(spec, specKey, this.columnsSlice);
    const cols = hit?.columnsAt(dataVersion, spec, specKey);
    if (hit && cols) return { columns: cols, size: hit.size };
    const view = await this.get(ex, campaignId, dataVersion);
    if (view instanceof Entry) await view.buildColumnsSliced(spec, specKey, this.columnsSlice);
    const again = view instanceof Entry ? view.columnsAt(dataVersion, spec, specKey) : null;
    return again ? { columns: again, size: view.size } : { view };
  }

  /** Drops the least recently used campaigns beyond `max` campaigns or `maxFigures` figures (never the latest). */
  private trim(): void {
    let total = this.figureCount;
    while (this.cache.size > 1 && (this.cache.size > this.max || total > this.maxFigures)) {
      const [oldest, e] = this.cache.entries().next().value as [string, Entry];
      total -= e.size;
      this.cache.delete(oldest);
    }
  }

  forget(campaignId: string): void {
    this.cache.delete(campaignId);
  }

  /**
   * The engine's dataset of the figures for which `counts` is true, for `spec` (whose units,
   * indicators and periods every stored figure fits: a spec version is refused otherwise).
   */
  dataset(figs: FigureView, spec: Spec, counts: (f: StoredFigure) => boolean): Dataset {
    const U = spec.units.length;
    const keys = periodKeys(spec);
    const T = keys.length;
    const unitIx = new Map(spec.units.map((u, i) => [u.id, i]));
    const indIx = new Map(spec.indicators.map((d, i) => [d.id, i]));
    const perIx = new Map(keys.map((k, i) => [k, i]));
    const picked: { i: number; at: number; p: Parsed }[] = [];
    const scale = new Array<number>(spec.indicators.length).fill(0);
    for (const [k, f] of figs.values()) {
      if (!counts(f)) continue;
      const i = indIx.get(f.indicator);
      const u = unitIx.get(f.unit);
      const t = perIx.get(f.period);
      if (i === undefined || u === undefined || t === undefined) return checkedDataset(figs, spec, counts);
      const p = figs.parsed(k, f);
      if (p === null) return checkedDataset(figs, spec, counts);
      if (p.scale > scale[i]) scale[i] = p.scale;
      picked.push({ i, at: t * U + u, p });
    }
    const columns = spec.indicators.map((_, i) => ({ scale: scale[i], mant: new Float64Array(T * U).fill(NaN) }));
    const safe = BigInt(Number.MAX_SAFE_INTEGER);
    for (const { i, at, p } of picked) {
      const m = p.scale === scale[i] ? p.mant : p.mant * 10n ** BigInt(scale[i] - p.scale);
      if (m > safe || m < -safe) return checkedDataset(figs, spec, counts);
      columns[i].mant[at] = Number(m);
    }
    try {
      return datasetFromColumns(spec, columns);
    } catch {
      // figures too long for columns (sums beyond 2^53): the exact layout
      return checkedDataset(figs, spec, counts);
    }
  }
}

function checkedDataset(figs: FigureView, spec: Spec, counts: (f: StoredFigure) => boolean): Dataset {
  const rows: { unit: string; indicator: string; period: string; value: string; row: number }[] = [];
  for (const [, f] of figs.values()) if (counts(f)) rows.push({ unit: f.unit, indicator: f.indicator, period: f.period, value: f.value, row: rows.length + 2 });
  const c = checkData(spec, rows);
  if (!c.ok) throw new Error(`stored figures of ${figs.campaignId} do not fit its spec: ${c.issues[0]?.message}`);
  return c.value;
}
