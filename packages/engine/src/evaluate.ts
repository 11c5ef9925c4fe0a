// `evaluate`: results of one period (or every period with data) for a spec and a dataset.
import type { Dataset } from './data.ts';
import type { Spec } from './model.ts';
import type { PeriodResult } from './results.ts';
import { buildContext, type Ctx } from './eval/context.ts';
import { evaluatePeriod, newYear, type PeriodState } from './eval/period.ts';
import { present } from './eval/present.ts';
import { periodKeys } from './periods.ts';

export interface EvaluateOptions {
  /** a period key; default: the latest period that has any data */
  period?: string;
  /** add `explain` entries to the result */
  explain?: boolean;
}

export class EvaluateError extends Error {
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/** Period indices evaluated up to and including `last`: `last` and every earlier period with data. */
function evaluatedUpTo(data: Dataset, last: number): number[] {
  const out: number[] = [];
  for (let t = 0; t < last; t++) if (data.reported[t]) out.push(t);
  out.push(last);
  return out;
}

function latestWithData(data: Dataset): number {
  for (let t = data.periods - 1; t >= 0; t--) if (data.reported[t]) return t;
  return -1;
}

/** Runs the year up to `last`, presenting the periods in `outputs`. */
function run(spec: Spec, data: Dataset, last: number, outputs: Set<number>, explain: boolean): PeriodResult[] {
  return [...runEach(spec, data, last, outputs, explain)];
}

/** `run`, each presented period's result made when the caller asks for the next one. */
function* runEach(spec: Spec, data: Dataset, last: number, outputs: Set<number>, explain: boolean): Generator<PeriodResult, void, undefined> {
  const ctx = buildContext(spec, data);
  const year = newYear(ctx);
  let prev: PeriodState | null = null;
  let cur: PeriodState | null = null;
  const periods = evaluatedUpTo(data, last);
  try {
    for (let k = 0; k < periods.length; k++) {
      const t = periods[k];
      // ranked when presented, or when the next period is (its rank deltas read this one's ranks)
      cur = evaluatePeriod(ctx, year, t, outputs.has(t), outputs.has(t) || (k + 1 < periods.length && outputs.has(periods[k + 1])));
      if (outputs.has(t)) yield present(ctx, cur, year, prev, explain);
      // a result reads only its own period and a little of the previous one
      ctx.arena.release(cur.owned.short);
      if (prev) ctx.arena.release(prev.owned.long);
      prev = cur;
    }
  } finally {
    // the results are objects of their own: nothing reads the arrays any more (a caller that
    // stops early returns the generator, which comes here too)
    releaseAll(ctx, cur, prev);
  }
}

/**
 * Gives back every array an evaluation still holds, once nothing reads it: the latest period's
 * (`cur`), what the one before it kept for it (`prev`), and the year's. A list given back is
 * emptied, so giving one back twice gives nothing.
 */
function releaseAll(ctx: Ctx, cur: PeriodState | null, prev: PeriodState | null): void {
  if (cur) {
    ctx.arena.release(cur.owned.short);
    ctx.arena.release(cur.owned.long);
  }
  if (prev) ctx.arena.release(prev.owned.long);
  ctx.arena.releaseYear();
}

/**
 * A computed year up to one period: every evaluated period's scores, totals, ranks, flags, tallies,
 * rule streaks and the summary sums, held in typed arrays. `present` materialises the contract's
 * result objects from it; for 100,000 units that is millions of small objects, so callers that
 * need only part of it (a page of a leaderboard, one unit) should not pay for the rest.
 */
export interface ComputedPeriod {
  period: string;
  present(options?: { explain?: boolean }): PeriodResult;
  /**
   * Gives the typed arrays back to the spec's pool, for the next evaluation of the same spec;
   * `present` refuses afterwards. Optional: an unreleased one is collected as any object, but
   * each evaluation then allocates its arrays afresh (about 50 MB at 100,000 units, which V8
   * answers with a full collection of the heap).
   */
  release(): void;
}

export function computePeriod(spec: Spec, data: Dataset, period?: string): ComputedPeriod {
  const t = resolvePeriod(spec, data, period);
  const ctx = buildContext(spec, data);
  const year = newYear(ctx);
  let prev: PeriodState | null = null;
  let st: PeriodState | null = null;
  const periods = evaluatedUpTo(data, t);
  for (let k = 0; k < periods.length; k++) {
    const p = periods[k];
    // the result of period p reads its own state and a little of the previous period's
    if (prev) ctx.arena.release(prev.owned.long);
    if (st) ctx.arena.release(st.owned.short);
    prev = st;
    // only the last period is presented: the others' indicator results need not be kept, and
    // only the one before it is read for rank deltas (its group ranks)
    st = evaluatePeriod(ctx, year, p, p === t, k >= periods.length - 2);
  }
  const last = st as PeriodState;
  let released = false;
  return {
    period: last.key,
    present: (o = {}) => {
      if (released) throw new EvaluateError('computed.released', `the computed period ${last.key} was released: compute it again to present it`);
      return present(ctx, last, year, prev, o.explain ?? false);
    },
    release: () => {
      if (released) return;
      released = true;
      releaseAll(ctx, last, prev);
    },
  };
}

function resolvePeriod(spec: Spec, data: Dataset, period: string | undefined): number {
  let t: number;
  if (period !== undefined) {
    t = periodKeys(spec).indexOf(period);
    if (t < 0) {
      const keys = periodKeys(spec);
      throw new EvaluateError('period.unknown', `"${period}" is not a period of this campaign (${keys[0]} … ${keys[keys.length - 1]})`);
    }
  } else {
    t = latestWithData(data);
    if (t < 0) throw new EvaluateError('period.no_data', 'there is no data yet, so there is no period to evaluate');
  }
  return t;
}

export function evaluate(spec: Spec, data: Dataset, options: EvaluateOptions = {}): PeriodResult {
  const t = resolvePeriod(spec, data, options.period);
  return run(spec, data, t, new Set([t]), options.explain ?? false)[0];
}

/** One result per period that has data, in order (`--period all`). */
export function evaluateAll(spec: Spec, data: Dataset, options: Pick<EvaluateOptions, 'explain'> = {}): PeriodResult[] {
  const last = latestWithData(data);
  if (last < 0) return [];
  const outputs = new Set(evaluatedUpTo(data, last));
  return run(spec, data, last, outputs, options.explain ?? false);
}

/**
 * `evaluateAll`'s results one at a time, in order, each made when the caller asks for the next: a
 * caller that keeps only the one it handles holds one period's result objects, not the year's.
 * `from`: only the periods with data from this one on are presented (the year before it is still
 * evaluated: their results are the same as `evaluateAll`'s).
 */
export function evaluateEach(spec: Spec, data: Dataset, options: { from?: string } = {}): Generator<PeriodResult, void, undefined> {
  const first = options.from === undefined ? 0 : periodKeys(spec).indexOf(options.from);
  if (first < 0) throw new EvaluateError('period.unknown', `"${options.from}" is not a period of this campaign`);
  const last = latestWithData(data);
  if (last < first) return (function* () {})();
  const outputs = new Set(evaluatedUpTo(data, last).filter((t) => t >= first));
  return runEach(spec, data, last, outputs, false);
}
