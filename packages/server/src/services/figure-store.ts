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
import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client.ts';
import { campaigns, type FigureStatus } from '../db/schema.ts';
import { campaignFigureStates, figureKey, type FigureKey } from '../repositories/figures.ts';
import type { Ctx } from './context.ts';

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
  /** the parsed mantissa of a figure (cached with the figures it came from) */
  parsed(key: string, f: StoredFigure): Parsed | null;
  /** these figures with `set` stored over them and `cleared` removed (nothing is copied) */
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView;
}

function parse(f: StoredFigure): Parsed | null {
  const d = Dec.parse(f.value.trim());
  return d ? { mant: d.mantAt(d.scale), scale: d.scale } : null;
}

class Entry implements FigureView {
  private readonly parsedByKey = new Map<string, Parsed | null>();
  constructor(readonly campaignId: string, public dataVersion: number, readonly byKey: Map<string, StoredFigure>) {}
  get(key: string) { return this.byKey.get(key); }
  values() { return this.byKey.entries(); }
  get size() { return this.byKey.size; }
  parsed(key: string, f: StoredFigure): Parsed | null {
    let p = this.parsedByKey.get(key);
    if (p === undefined) {
      p = parse(f);
      this.parsedByKey.set(key, p);
    }
    return p;
  }
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView {
    return new Overlay(this, set, cleared);
  }
  apply(set: StoredFigure[], cleared: FigureKey[]): void {
    for (const k of cleared) {
      this.byKey.delete(figureKey(k));
      this.parsedByKey.delete(figureKey(k));
    }
    for (const f of set) {
      this.byKey.set(figureKey(f), f);
      this.parsedByKey.delete(figureKey(f));
    }
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
    let p = this.parsedByKey.get(key);
    if (p === undefined) {
      p = parse(f);
      this.parsedByKey.set(key, p);
    }
    return p;
  }
  with(set: StoredFigure[], cleared: FigureKey[]): FigureView {
    return new Overlay(this, set, cleared);
  }
}

/** Figures read in the caller's transaction and not cached (they may not be committed). */
export async function uncachedFigures(ex: Executor, campaignId: string): Promise<FigureView> {
  const rows = await campaignFigureStates(ex, campaignId);
  return new Entry(campaignId, -1, new Map(rows.map((r) => [figureKey(r), r])));
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
  /** campaigns kept (least recently used dropped beyond this) */
  constructor(private readonly max = 16) {}

  /** The campaign's figures at `dataVersion` (read from `ex` unless cached at that version). */
  async get(ex: Executor, campaignId: string, dataVersion: number): Promise<FigureView> {
    const hit = this.cache.get(campaignId);
    if (hit && hit.dataVersion === dataVersion) {
      this.cache.delete(campaignId);
      this.cache.set(campaignId, hit);
      return hit;
    }
    const rows = await campaignFigureStates(ex, campaignId);
    const entry = new Entry(campaignId, dataVersion, new Map(rows.map((r) => [figureKey(r), r])));
    // a newer version may have been cached meanwhile by another request: keep the newest
    const now = this.cache.get(campaignId);
    if (!now || now.dataVersion <= dataVersion) {
      this.cache.delete(campaignId);
      this.cache.set(campaignId, entry);
      while (this.cache.size > this.max) this.cache.delete(this.cache.keys().next().value as string);
    }
    return entry;
  }

  /**
   * After a committed write that moved the campaign from `from` to `to`: the cached figures take the
   * write's changes (`set` figures as now stored, `cleared` keys gone). Nothing happens when the
   * cache is not at `from` (it will be read again when next needed).
   */
  applied(campaignId: string, from: number, to: number, set: StoredFigure[], cleared: FigureKey[]): void {
    const e = this.cache.get(campaignId);
    if (!e || e.dataVersion !== from) return;
    e.apply(set, cleared);
    e.dataVersion = to;
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
