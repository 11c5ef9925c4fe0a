// The CPU-heavy part of storing results and of explaining one unit: the engine over a dataset, and
// the JSON text of what is stored. Pure (no I/O): run in a worker thread (services/evaluator.ts) for
// large campaigns, so that the event loop stays free and one campaign's recompute does not hold up
// another's save, or inline for small ones.
import { createHash } from 'node:crypto';
import { datasetFromColumns, evaluate, evaluateEach, parseSpec, periodKeys, resultColumns, type Dataset, type PeriodResult, type Spec, type UnitResult } from '@leitai/engine';
import type { UnitStanding } from '../db/schema.ts';

const specs = new Map<string, Spec>();

/** The parsed spec of `key` (campaign@version: a version's text never changes). */
export function specOf(key: string, text: string): Spec {
  let s = specs.get(key);
  if (!s) {
    const parsed = parseSpec(text);
    if (!parsed.ok) throw new Error(`stored spec ${key} does not parse`);
    s = parsed.value;
    if (specs.size > 64) specs.clear();
    specs.set(key, s);
  }
  return s;
}

/**
 * A campaign's stored figures laid out for the engine (services/figure-store.ts keeps them so, per
 * write): slot (i × T + t) × U + u for indicator i, period t, unit u of the spec. Built into the
 * engine's dataset, the per-unit counts and the unverified lists where the task runs (a worker
 * thread for large campaigns), not on the event loop.
 */
export interface FigureColumns {
  units: number;
  periods: number;
  indicators: number;
  /** the figure's mantissa at its own scale (NaN: no figure) */
  mant: Float64Array;
  /** the figure's scale (decimals as written) */
  scale: Int8Array;
  /** 0: no figure; else STATUS_CODE of the figure's verification status */
  status: Uint8Array;
}

export const STATUS_CODE = { approved: 1, pending: 2, returned: 3 } as const;
const STATUS_NAME = ['', 'approved', 'pending', 'returned'] as const;

/** The engine's input built already (figures that do not fit columns: checked the exact way on the caller's side). */
export interface BuiltInput {
  dataset: Dataset;
  /** periods with any stored figure */
  reported: string[];
  /** per period: the JSON text of its unverified figures (full view) */
  unverified: Record<string, string>;
  /** per period and unit: figures stored and figures counted (units with none stored: 0, 0) */
  counts: Record<string, Record<string, { reported: number; counted: number }>>;
}

export interface StoreTask {
  kind: 'store';
  specKey: string;
  specText: string;
  /** the figures: columns (built into the engine's input where the task runs) or the input built already */
  columns?: FigureColumns;
  built?: BuiltInput;
  /** every period's reporting state */
  states: Record<string, string>;
  /** the periods stored now, in order: when the list stays the same only `from` on is written */
  storedPeriods: string[];
  /** the earliest period whose results may have changed (null: all) */
  from: string | null;
}

/** Thrown (by message) when columns cannot hold the figures exactly: the caller builds the input the exact way. */
export const NEEDS_EXACT = 'figures need the exact layout';

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The engine's input from columns: the figures that count (every figure of an open period, the
 * approved ones of a period in verification or closed) as the engine's dataset, what each unit
 * stored and what counts, and the unverified figures of each period.
 */
export function buildInput(spec: Spec, c: FigureColumns, states: Record<string, string>): BuiltInput {
  const keys = periodKeys(spec);
  const U = c.units;
  const T = c.periods;
  if (U !== spec.units.length || T !== keys.length || c.indicators !== spec.indicators.length) throw new Error(NEEDS_EXACT);
  const open = keys.map((p) => (states[p] ?? 'open') === 'open');
  const rep = new Int32Array(T * U);
  const cnt = new Int32Array(T * U);
  const unverified: { t: number; u: number; i: number; st: number }[] = [];
  const columns = spec.indicators.map((_, i) => {
    let S = 0;
    for (let t = 0; t < T; t++) {
      const base = (i * T + t) * U;
      for (let u = 0; u < U; u++) {
        const st = c.status[base + u];
        if (st === 0) continue;
        rep[t * U + u]++;
        if (st !== 1) unverified.push({ t, u, i, st });
        if (open[t] || st === 1) {
          cnt[t * U + u]++;
          if (c.scale[base + u] > S) S = c.scale[base + u];
        }
      }
    }
    const mant = new Float64Array(T * U).fill(NaN);
    for (let t = 0; t < T; t++) {
      const base = (i * T + t) * U;
      for (let u = 0; u < U; u++) {
        const st = c.status[base + u];
        if (st === 0 || !(open[t] || st === 1)) continue;
        const s = c.scale[base + u];
        const m = s === S ? c.mant[base + u] : c.mant[base + u] * 10 ** (S - s);
        if (!Number.isSafeInteger(m)) throw new Error(NEEDS_EXACT);
        mant[t * U + u] = m;
      }
    }
    return { scale: S, mant };
  });
  let dataset: Dataset;
  try {
    dataset = datasetFromColumns(spec, columns);
  } catch {
    throw new Error(NEEDS_EXACT);
  }
  const reported: string[] = [];
  const counts: BuiltInput['counts'] = {};
  for (let t = 0; t < T; t++) {
    let any = false;
    for (let u = 0; u < U; u++) {
      if (rep[t * U + u] === 0) continue;
      any = true;
      (counts[keys[t]] ??= {})[spec.units[u].id] = { reported: rep[t * U + u], counted: cnt[t * U + u] };
    }
    if (any) reported.push(keys[t]);
  }
  const lists = new Map<number, { unit: string; indicator: string; status: string; counted: boolean }[]>();
  for (const x of unverified) {
    const list = lists.get(x.t) ?? [];
    list.push({ unit: spec.units[x.u].id, indicator: spec.indicators[x.i].id, status: STATUS_NAME[x.st], counted: open[x.t] });
    lists.set(x.t, list);
  }
  const unverifiedText: Record<string, string> = {};
  for (const [t, list] of lists) {
    list.sort((x, y) => byText(x.unit, y.unit) || byText(x.indicator, y.indicator));
    unverifiedText[keys[t]] = JSON.stringify(list);
  }
  return { dataset, reported, unverified: unverifiedText, counts };
}

export interface StoredPeriod {
  period: string;
  body: string;
  publicBody: string;
  etag: string;
  /** JSON text of unit id → its standing */
  standings: string;
}

/**
 * A stored period's row as it is handed to the writer: its two bodies as UTF-8 bytes. From a worker
 * thread they are moved, not copied, and their memory is outside the event loop's heap: at 10,000
 * units a period's bodies as strings are ~50 MB there, left until a major collection.
 */
export interface StoredRow {
  period: string;
  body: Uint8Array;
  publicBody: Uint8Array;
  etag: string;
  standings: string;
}

const utf8 = new TextEncoder();

export const rowBytes = (r: StoredPeriod): StoredRow => ({ period: r.period, body: utf8.encode(r.body), publicBody: utf8.encode(r.publicBody), etag: r.etag, standings: r.standings });

export interface StoreOutput {
  /** every period with a stored result after this write, in order */
  periods: string[];
  /** the rows to write (the others stay as stored) */
  write: StoredPeriod[];
}

/** What a store task writes: the periods named first, then each row made when asked for. */
export interface StorePlan {
  /** every period with a stored result after this write, in order */
  periods: string[];
  /**
   * The rows to write (the others stay as stored), in order, each computed and serialised when the
   * next is asked for: a caller that writes each and lets it go holds one period's result, not the
   * year's (at 10,000 units × 30 indicators a period's two bodies are tens of megabytes).
   */
  rows: Generator<StoredPeriod, void, undefined>;
}

export interface ExplainTask {
  kind: 'explain';
  specKey: string;
  specText: string;
  dataset: Dataset;
  period: string;
  unit: string;
}

export type Task = StoreTask | ExplainTask;

/** What a reporter sees of a unit on the leaderboard: scores and ranks, no figures (docs/api-plan.md). */
function publicUnit(u: UnitResult): UnitResult {
  const indicators: UnitResult['indicators'] = {};
  for (const [id, r] of Object.entries(u.indicators)) {
    indicators[id] = 'events' in r ? { events: r.events, score: r.score } : { value: null, score: r.score, missing: r.missing, rank: r.rank };
  }
  return { ...u, indicators };
}

/** The strong validator of a stored body. */
export const etagOf = (body: string, publicBody: string): string => createHash('sha256').update(body).update('\u0000').update(publicBody).digest('base64url').slice(0, 27);

interface Extra { counts: string; movement: string }

/** The units' ranks of the stored period before (all that is kept of it: its movement's base). */
type Ranks = { unit: string; rank: UnitResult['rank'] }[];

const envelope = (period: string, periods: string[], state: string, unverified: string, extra: Extra, result: string): string =>
  `{"period":${JSON.stringify(period)},"periods":${JSON.stringify(periods)},"state":${JSON.stringify(state)},"unverified":${unverified},"counts":${extra.counts},"movement":${extra.movement},"result":${result}}`;

/**
 * Per unit of the result: how many of its figures are stored for the period and how many of them
 * the result counts (0 counted: 未报 / 待审核, not a score of 0); and the movement of its overall
 * and group rank against the stored period before (positive: it rose; null without one).
 */
function extraOf(r: PeriodResult, before: Ranks | undefined, counts: Record<string, { reported: number; counted: number }> | undefined): Extra {
  const c: Record<string, { reported: number; counted: number }> = {};
  const movement: Record<string, { all: number | null; group: number | null }> = {};
  const prev = new Map((before ?? []).map((u) => [u.unit, u.rank]));
  for (const u of r.units) {
    c[u.unit] = counts?.[u.unit] ?? { reported: 0, counted: 0 };
    const b = prev.get(u.unit);
    movement[u.unit] = { all: b ? b.all - u.rank.all : null, group: b ? b.group - u.rank.group : null };
  }
  return { counts: JSON.stringify(c), movement: JSON.stringify(movement) };
}

/**
 * Called with the length of a body just made, while the period's result is still needed for the
 * next one: a worker collects the garbage of making a large one there (eval-worker.mjs).
 */
export type Collect = (textLength: number) => void;

/** The rows of a store task: the periods with results, then each row when asked for (`StorePlan`). */
export function planStore(t: StoreTask, collect?: Collect): StorePlan {
  const spec = specOf(t.specKey, t.specText);
  const keys = periodKeys(spec);
  const input = t.built ?? buildInput(spec, t.columns as FigureColumns, t.states);
  const data = input.dataset;
  const reported = new Set(input.reported);
  // the periods with results: those with data (evaluateAll's), and a period in verification or
  // closed, or with any reported figure (not one open or not yet open without any), even when none
  // of its figures counts yet
  const hasData = (k: number) => data.reported[k] === 1;
  const shown = (p: string) => (t.states[p] !== 'open' && t.states[p] !== 'unopened') || reported.has(p);
  const periods = keys.filter((p, k) => hasData(k) || shown(p));
  const same = periods.length === t.storedPeriods.length && periods.every((p, i) => p === t.storedPeriods[i]);
  const from = same && t.from !== null ? keys.indexOf(t.from) : -1;
  // the first period written, and the one before it (its ranks: the first one's movement)
  const first = periods.findIndex((p) => keys.indexOf(p) >= from);
  function* rows(): Generator<StoredPeriod, void, undefined> {
    if (first < 0) return;
    const start = Math.max(0, first - 1);
    const each = evaluateEach(spec, data, { from: periods[start] });
    let before: Ranks | undefined;
    try {
      for (let i = start; i < periods.length; i++) {
        const p = periods[i];
        const k = keys.indexOf(p);
        let r: PeriodResult | undefined;
        if (hasData(k)) {
          const next = each.next();
          if (next.done || next.value.period !== p) throw new Error(`the engine's results are out of step at ${p}`);
          r = next.value;
        } else {
          r = evaluate(spec, data, { period: p });
        }
        const row = i >= first ? storedPeriod(r, periods, t.states[p] ?? 'open', input.unverified[p] ?? '[]', extraOf(r, before, input.counts[p]), collect) : undefined;
        before = r.units.map((u) => ({ unit: u.unit, rank: u.rank }));
        // the result is let go before the row is handed over (a collection then frees it)
        r = undefined;
        if (row) yield row;
      }
    } finally {
      // the evaluation gives its arrays back to the spec's pool (the last period's result was
      // taken without asking for the next one, so it has not ended on its own)
      each.return();
    }
  }
  return { periods, rows: rows() };
}

/** The store task's rows all at once (a small campaign's, or a test's). */
export function runStore(t: StoreTask): StoreOutput {
  const plan = planStore(t);
  return { periods: plan.periods, write: [...plan.rows] };
}

// the result is stored in columns (engine resultColumns: about a third of the bytes of its rows):
// sent so to a client that asks for them (the web), turned back into rows for the others
function storedPeriod(r: PeriodResult, periods: string[], state: string, unverified: string, extra: Extra, collect?: Collect): StoredPeriod {
  const body = envelope(r.period, periods, state, unverified, extra, JSON.stringify(resultColumns(r)));
  collect?.(body.length);
  const publicBody = envelope(r.period, periods, state, '[]', extra, JSON.stringify(resultColumns({ ...r, units: r.units.map(publicUnit) })));
  const standings: Record<string, UnitStanding> = {};
  for (const u of r.units) standings[u.unit] = { total: u.total, rank: u.rank, delta: u.delta, flags: u.flags, vetoed: u.vetoed };
  return { period: r.period, body, publicBody, etag: etagOf(body, publicBody), standings: JSON.stringify(standings) };
}

export interface ExplainOutput {
  /** JSON text of { period, unit, pairs, actions } (null unit: the unit has no result that period) */
  json: string;
}

export function runExplain(t: ExplainTask): ExplainOutput {
  const spec = specOf(t.specKey, t.specText);
  const r = evaluate(spec, t.dataset, { period: t.period, explain: true });
  const unit = r.units.find((u) => u.unit === t.unit) ?? null;
  return {
    json: JSON.stringify({
      period: r.period,
      unit,
      pairs: r.pairs.filter((p) => p.units.includes(t.unit)),
      actions: r.actions.filter((a) => a.unit === t.unit),
    }),
  };
}

export function runTask(t: Task): StoreOutput | ExplainOutput {
  return t.kind === 'store' ? runStore(t) : runExplain(t);
}
