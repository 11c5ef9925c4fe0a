// Contract section 3: one indicator's scores for every unit in one period.
// The float formulas and the exact formulas below say the same thing twice, on purpose: the float
// one is fast, the exact one decides whenever the float one cannot (see fast.ts). Property tests
// check that both agree.
//
// The loops over units are small functions of typed arrays and numbers only, one per method, so
// that V8 compiles each for one shape of input and keeps it compiled; the few units the float
// path cannot decide are collected and scored exactly afterwards. Each indicator writes into
// buffers of its own that live for the whole evaluation (only the latest period's scores are
// ever read again), and adds its scores into the period's totals as it goes.
import { Rat } from '../decimal.ts';
import type { ValueIndicator } from '../model.ts';
import { targetRat, type Ctx, type IndicatorCtx } from './context.ts';
import { cmpRatio, nearHalfAt, nearOne, roundRatio, roundScaledRatio } from './fast.ts';
import { radixSortU32, rankFamily, type Family } from './ranking.ts';

export interface IndicatorPeriod {
  /** scores as integers counting 10^-precision */
  score: Float64Array;
  /** value and score inputs: 1 where nothing was reported */
  missing: Uint8Array;
  /** value inputs: year-to-date mantissas, meaningful where reported (read `missing` first: a
   * non-cumulative indicator's are the running sums); exact BigInts for long figures */
  ytd: Float64Array | null;
  ytdBig: (bigint | null)[] | null;
  /** schedule: 1 where behind schedule (never for a missing unit) */
  behind: Uint8Array | null;
  /** event inputs: the count reported (0 when none) */
  events: Float64Array | null;
  /** veto events: 1 where vetoed */
  veto: Uint8Array | null;
  /** best / range / rank: each unit's scope instance, and per instance the present count and the
   * units holding the highest and lowest ytd (-1 when none is present) */
  scopeOf: Int32Array | null;
  scopeN: Int32Array | null;
  scopeMaxU: Int32Array | null;
  scopeMinU: Int32Array | null;
  /** rank method: the unit's place by ytd in its scope */
  place: Int32Array | null;
}

/**
 * One indicator through the year: the running sums of a non-cumulative indicator, and `p`, the
 * latest period's results (the same object every period, pointing at the buffers below).
 *
 * A period whose results are kept (the one presented, and always for the scores a ranking or a
 * flag reads: tie-breaks, flag figures) is written to buffers of the indicator's own, made on
 * first use. Every other period's scores are computed just the same and added into the totals,
 * but written to scratch buffers that all indicators share (Shared): nothing reads them again,
 * and one set of buffers stays in the processor's cache where thirty would not.
 */
export interface IndicatorRun {
  cum: Float64Array | null;
  cumBig: bigint[] | null;
  p: IndicatorPeriod;
  /** own buffers, made on first use */
  own: Partial<Pick<IndicatorPeriod, 'score' | 'missing' | 'ytd' | 'events' | 'veto' | 'place'>>;
  /** the indicator's scores are read after scoring in every period (tie-break, flag figure) */
  always: boolean;
  /** event inputs: the score of each small count, filled on first use (NaN = not yet known) */
  eventTable: Float64Array | null;
}

/** Scratch buffers for the periods whose indicator results are not kept (see IndicatorRun). */
export interface Shared {
  score: Float64Array;
  missing: Uint8Array;
  ytd: Float64Array;
  events: Float64Array;
  veto: Uint8Array;
  place: Int32Array;
  /** all zeros, never written: the scores of veto indicators */
  zeros: Float64Array;
}

export function newShared(U: number): Shared {
  return {
    score: new Float64Array(U), missing: new Uint8Array(U), ytd: new Float64Array(U), events: new Float64Array(U),
    veto: new Uint8Array(U), place: new Int32Array(U), zeros: new Float64Array(U),
  };
}

/** The period's sums that every indicator adds to. */
export interface PeriodSums {
  total: Float64Array;
  vetoed: Uint8Array;
  missingAny: Uint8Array;
  /** Σ bonus − Σ penalty of the year so far */
  eventNet: Float64Array;
}

export function newRun(ctx: Ctx, ic: IndicatorCtx, always: boolean): IndicatorRun {
  const ind = ic.ind;
  const U = ctx.U;
  const big = ctx.data.figures[ic.index].big !== null;
  const p: IndicatorPeriod = {
    score: EMPTY_F64, missing: EMPTY_U8, ytd: null, ytdBig: null, behind: null, events: null, veto: null,
    scopeOf: null, scopeN: null, scopeMaxU: null, scopeMinU: null, place: null,
  };
  const run: IndicatorRun = { cum: null, cumBig: null, p, own: {}, always, eventTable: null };
  if (ind.input === 'event' && ind.effect !== 'veto') run.eventTable = new Float64Array(64).fill(NaN);
  if (ind.input === 'value') {
    if (!ind.cumulative) {
      if (big) run.cumBig = new Array<bigint>(U).fill(0n);
      else run.cum = new Float64Array(U);
    }
    // rules read it in every period
    if (ind.method === 'schedule') p.behind = new Uint8Array(U);
    if (ind.method === 'best' || ind.method === 'range' || ind.method === 'rank') {
      const fam = ind.scope === 'all' ? ctx.allFam : ctx.groupFam;
      const S = fam.offsets.length - 1;
      p.scopeOf = ind.scope === 'all' ? new Int32Array(U) : ctx.unitGroup;
      p.scopeN = new Int32Array(S);
      p.scopeMaxU = new Int32Array(S);
      p.scopeMinU = new Int32Array(S);
    }
  }
  return run;
}

const EMPTY_F64 = new Float64Array(0);
const EMPTY_U8 = new Uint8Array(0);

/** Points `p` at the indicator's own buffers (kept) or at the shared scratch ones. */
function bind(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, shared: Shared, keep: boolean): void {
  const ind = ic.ind;
  const p = run.p;
  const U = ctx.U;
  const own = keep || run.always;
  const o = run.own;
  if (ind.input === 'event') {
    p.events = own ? (o.events ??= new Float64Array(U)) : shared.events;
    if (ind.effect === 'veto') {
      p.score = shared.zeros;
      p.veto = own ? (o.veto ??= new Uint8Array(U)) : shared.veto;
    } else p.score = own ? (o.score ??= new Float64Array(U)) : shared.score;
    // never missing
    p.missing = own ? (o.missing ??= new Uint8Array(U)) : shared.missing.fill(0);
    return;
  }
  p.score = own ? (o.score ??= new Float64Array(U)) : shared.score;
  p.missing = own ? (o.missing ??= new Uint8Array(U)) : shared.missing;
  if (ind.input !== 'value') return;
  // otherwise ytd is the period's column itself or the running sums (see prepareYtd)
  if (ctx.data.figures[ic.index].big) p.ytd = own ? (o.ytd ??= new Float64Array(U)) : shared.ytd;
  if (ind.method === 'rank') p.place = own ? (o.place ??= new Int32Array(U)) : shared.place;
}

/**
 * Adds period t's figures to the running sums, for a period that is not evaluated (scoring a
 * period adds its own figures as it reads them: see accumulates); every period of the year passes one way or the
 * other, in order.
 */
export function advanceRun(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number): void {
  const f = ctx.data.figures[ic.index];
  const base = t * ctx.U;
  if (run.cum) addColumn(run.cum, f.mant, base);
  else if (run.cumBig && f.big) {
    for (let u = 0; u < ctx.U; u++) {
      const m = f.big[base + u];
      if (m !== null) run.cumBig[u] += m;
    }
  }
}

function addColumn(cum: Float64Array, col: Float64Array, base: number): void {
  for (let u = 0; u < cum.length; u++) {
    const m = col[base + u];
    if (m === m) cum[u] += m;
  }
}

/**
 * Scores indicator `ic` for period t, adding into the period's sums; its results go to its own
 * buffers when `keep` (see IndicatorRun).
 */
export function scoreIndicator(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number, sums: PeriodSums, shared: Shared, keep: boolean): IndicatorPeriod {
  const ind = ic.ind;
  const p = run.p;
  bind(ctx, ic, run, shared, keep);
  const f = ctx.data.figures[ic.index];
  const base = t * ctx.U;
  if (ind.input === 'event') {
    if (ind.effect === 'veto') scoreVetoes(f.mant, base, ic.unitF, p.events as Float64Array, p.veto as Uint8Array, sums.vetoed);
    else scoreEvents(ctx, ic, run, f.mant, base, sums);
    return p;
  }
  if (ind.input === 'score') {
    scoreGiven(ctx, ic, f.mant, base, p, sums, f.big);
    return p;
  }
  const mask = prepareYtd(ctx, ic, run, t);
  const acc = accumulates(ctx, ic, run);
  const pending = ctx.arena.tmpI32(ctx.U);
  let np: number;
  switch (ind.method) {
    case 'completion':
    case 'schedule':
      np = scoreAgainstTarget(ctx, ic, ind, t, p, mask, acc, sums, pending);
      break;
    case 'best':
    case 'range':
    case 'rank':
      np = scoreAgainstScope(ctx, ic, ind, p, mask, acc, sums, pending);
      break;
  }
  // what the float path left open, exactly
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    scoreExactly(ctx, ic, ind, p, u, t);
    sums.total[u] += p.score[u];
  }
  ctx.arena.free(pending);
  return p;
}

// ---- events

function scoreVetoes(col: Float64Array, base: number, unitF: number, events: Float64Array, veto: Uint8Array, vetoed: Uint8Array): void {
  for (let u = 0; u < events.length; u++) {
    const m = col[base + u];
    // NaN (not reported) and 0 are no event
    if (m > 0) {
      events[u] = m / unitF;
      veto[u] = 1;
      vetoed[u] = 1;
    } else {
      events[u] = 0;
      veto[u] = 0;
    }
  }
}

function scoreEvents(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, col: Float64Array, base: number, sums: PeriodSums): void {
  const p = run.p;
  const events = p.events as Float64Array;
  const score = p.score;
  const table = run.eventTable as Float64Array;
  const { total, eventNet } = sums;
  const unitF = ic.unitF;
  for (let u = 0; u < events.length; u++) {
    const m = col[base + u];
    if (!(m > 0)) {
      events[u] = 0;
      score[u] = 0;
      continue;
    }
    const c = m / unitF;
    let s = c < table.length ? table[c] : NaN;
    if (s !== s) {
      s = eventScore(ctx, ic, c);
      if (c < table.length) table[c] = s;
    }
    events[u] = c;
    score[u] = s;
    total[u] += s;
    eventNet[u] += s;
  }
}

/** points × events, bounded by cap, exactly; counts repeat, so each is computed once */
const eventScores = new WeakMap<IndicatorCtx, Map<number, number>>();

function eventScore(ctx: Ctx, ic: IndicatorCtx, events: number): number {
  const ind = ic.ind;
  if (ind.input !== 'event' || ind.effect === 'veto' || !ind.points || events === 0) return 0;
  let cache = eventScores.get(ic);
  if (!cache) eventScores.set(ic, (cache = new Map()));
  const known = cache.get(events);
  if (known !== undefined) return known;
  let v = ind.points.toRat().mul(Rat.int(events));
  if (ind.cap) v = v.min(ind.cap.toRat());
  const s = Number(v.roundScaled(ctx.prec));
  const score = ind.effect === 'penalty' ? -s : s;
  cache.set(events, score);
  return score;
}

// ---- section scores (input: score)

function scoreGiven(ctx: Ctx, ic: IndicatorCtx, col: Float64Array, base: number, p: IndicatorPeriod, sums: PeriodSums, big: (bigint | null)[] | null): void {
  const pending = ctx.arena.tmpI32(ctx.U);
  const np = big === null ? givenKernel(col, base, ic.unitF, ctx.precF, p.score, p.missing, sums.total, sums.missingAny, pending) : allReported(big, base, p.score, p.missing, sums.missingAny, pending);
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    const s = Number(Rat.of(big ? (big[base + u] as bigint) : BigInt(col[base + u]), ic.unitB).roundScaled(ctx.prec));
    p.score[u] = s;
    sums.total[u] += s;
  }
  ctx.arena.free(pending);
}

/** points as given, rounded to the campaign's precision: m × precF / unitF */
function givenKernel(col: Float64Array, base: number, unitF: number, precF: number, score: Float64Array, missing: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array): number {
  // an integer (exact) when the figures have no more decimals than the precision
  const c = precF / unitF;
  let np = 0;
  for (let u = 0; u < score.length; u++) {
    const m = col[base + u];
    if (m !== m) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      continue;
    }
    missing[u] = 0;
    const x = m * c;
    // scores are 0…weight, so m ≥ 0; roundRatio is exact, or NaN when the numbers are too long
    const fl = Math.floor(x + 0.5);
    const s = nearHalfAt(x, fl) ? roundRatio(m * precF, unitF) : fl;
    score[u] = s;
    if (s !== s) pending[np++] = u;
    else total[u] += s;
  }
  return np;
}

function allReported(big: (bigint | null)[], base: number, score: Float64Array, missing: Uint8Array, missingAny: Uint8Array, pending: Int32Array): number {
  let np = 0;
  for (let u = 0; u < score.length; u++) {
    const reported = big[base + u] !== null;
    missing[u] = reported ? 0 : 1;
    score[u] = 0;
    if (reported) pending[np++] = u;
    else missingAny[u] = 1;
  }
  return np;
}

// ---- value inputs

/**
 * The period's year-to-date figures: the column itself, or (non-cumulative) the running sums with
 * this period's figures added. Returns the period's column, NaN where not reported: which units
 * are missing.
 */
function prepareYtd(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number): Float64Array {
  const ind = ic.ind as ValueIndicator;
  const p = run.p;
  const f = ctx.data.figures[ic.index];
  const U = ctx.U;
  const base = t * U;
  const column = f.mant.subarray(base, base + U);
  if (f.big) {
    if (run.cumBig) advanceRun(ctx, ic, run, t);
    const ytd = p.ytd as Float64Array;
    const ytdBig = (p.ytdBig ??= new Array<bigint | null>(U).fill(null));
    for (let u = 0; u < U; u++) {
      const m = f.big[base + u];
      if (m === null) {
        ytd[u] = NaN;
        ytdBig[u] = null;
      } else {
        const y = run.cumBig ? run.cumBig[u] : m;
        ytdBig[u] = y;
        ytd[u] = Number(y);
      }
    }
  } else if (ind.cumulative) {
    p.ytd = column;
  } else {
    // the scoring loop adds the period's figures as it reads them (see accumulates)
    p.ytd = run.cum;
  }
  return column;
}

/**
 * A non-cumulative indicator of ordinary figures: its ytd buffer holds the running sums of the
 * periods before, and the scoring loop adds each present unit's figure of this period as it reads
 * it (one pass over the sums instead of two).
 */
function accumulates(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun): boolean {
  return run.cum !== null && ctx.data.figures[ic.index].big === null;
}

/** The exact ytd of unit u as a rational. */
export function ytdRat(ic: IndicatorCtx, p: IndicatorPeriod, u: number): Rat | null {
  if (p.missing[u]) return null;
  const y = p.ytdBig ? (p.ytdBig[u] as bigint) : BigInt(p.ytd ? p.ytd[u] : 0);
  return Rat.of(y, ic.unitB);
}

/** expected = target × elapsed, exactly. */
export function expectedRat(ctx: Ctx, ic: IndicatorCtx, u: number, t: number): Rat {
  return targetRat(ctx, ic, u).mul(Rat.of(BigInt(t + 1), BigInt(ctx.perYear)));
}

/** completion / schedule: the ratio r, exactly (section 3.2). */
export function ratioRat(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, ytd: Rat, u: number, t: number): Rat {
  const goal = ind.method === 'schedule' ? expectedRat(ctx, ic, u, t) : targetRat(ctx, ic, u);
  if (ind.direction === 'higher') return ytd.div(goal);
  return ytd.sign() <= 0 ? ic.capR : goal.div(ytd);
}

/** Undecided marker for `behind` while the float path cannot tell. */
const UNDECIDED = 255;

/** Returns the number of units left in `pending` for the exact path. */
function scoreAgainstTarget(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, t: number, p: IndicatorPeriod, mask: Float64Array, acc: boolean, sums: PeriodSums, pending: Int32Array): number {
  const schedule = ind.method === 'schedule';
  // r = ytd ÷ (target × m/M); completion is the case m/M = 1
  const m = schedule ? t + 1 : 1;
  const M = schedule ? ctx.perYear : 1;
  const ytd = p.ytd as Float64Array;
  const behind = p.behind ?? ctx.arena.tmpU8(ctx.U);
  let np: number;
  if (p.ytdBig !== null) {
    // figures too long for doubles: every present unit exactly
    np = 0;
    for (let u = 0; u < ctx.U; u++) {
      if (ytd[u] !== ytd[u]) {
        p.missing[u] = 1;
        sums.missingAny[u] = 1;
        p.score[u] = 0;
        behind[u] = 0;
      } else {
        p.missing[u] = 0;
        p.score[u] = NaN;
        behind[u] = UNDECIDED;
        pending[np++] = u;
      }
    }
  } else {
    const wp = ic.weightF * ctx.precF;
    const kernel = ind.direction === 'higher' ? higherKernel : lowerKernel;
    np = kernel(ytd, mask, acc, ic.tm as Float64Array, ic.td, p.score, p.missing, behind, sums.total, sums.missingAny, pending,
      schedule, m, M, ic.capF, wp * ic.capF, ic.capScore, wp, ic.unitF, ctx.precF, ic.wm, ic.wd);
  }
  if (!p.behind) ctx.arena.free(behind);
  return np;
}

/**
 * completion / schedule, direction higher, for every unit: r = ytd ÷ (target × m/M) =
 * y × td × M / (unitF × tm[u] × m) with y the ytd mantissa, score = round(weight × clamp(r, 0,
 * cap)), behind ⇔ r < 1. In doubles where they provably decide (see fast.ts; five roundings at
 * most), without data-dependent branches; then in integers; units neither decides go to `pending`
 * with score NaN and/or behind UNDECIDED.
 */
function higherKernel(
  ytd: Float64Array, mask: Float64Array, acc: boolean, tm: Float64Array, td: number,
  score: Float64Array, missing: Uint8Array, behind: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array,
  schedule: boolean, m: number, M: number, cap: number, capX: number, capScore: number, wp: number, unitF: number, precF: number, wm: number, wd: number,
): number {
  const a = (td * M) / (unitF * m);
  let np = 0;
  for (let u = 0; u < ytd.length; u++) {
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      behind[u] = 0;
      continue;
    }
    const y = acc ? (ytd[u] += fig) : ytd[u];
    missing[u] = 0;
    const r = (y * a) / tm[u];
    const x = r * wp;
    // round(x), capScore above the cap, 0 at or below 0 (+ 0 turns −0 into 0)
    const fl = Math.floor(x + 0.5);
    let s = (fl + (capScore - fl) * +(x > capX)) * +(x > 0) + 0;
    // x near a .5 (or tm[u] not exact): decide in integers, x = wm·precF·td·M / (wd·unitF·tm·m) × y
    if (nearHalfAt(x, fl) || x !== x) s = openScore(r, cap, capScore, wm * precF * td * M, wd * unitF * tm[u] * m, y, 1);
    let b = 0;
    if (schedule) {
      b = +(r < 1);
      if (nearOne(r) || r !== r) b = openBehind(y * td * M, unitF * tm[u] * m);
    }
    score[u] = s;
    behind[u] = b;
    if (s !== s || b === UNDECIDED) pending[np++] = u;
    else total[u] += s;
  }
  return np;
}

/** completion / schedule, direction lower: r = target × m/M ÷ ytd, and r = cap where ytd ≤ 0. */
function lowerKernel(
  ytd: Float64Array, mask: Float64Array, acc: boolean, tm: Float64Array, td: number,
  score: Float64Array, missing: Uint8Array, behind: Uint8Array, total: Float64Array, missingAny: Uint8Array, pending: Int32Array,
  schedule: boolean, m: number, M: number, cap: number, capX: number, capScore: number, wp: number, unitF: number, precF: number, wm: number, wd: number,
): number {
  const a = (m * unitF) / (td * M);
  let np = 0;
  for (let u = 0; u < ytd.length; u++) {
    const fig = mask[u];
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      score[u] = 0;
      behind[u] = 0;
      continue;
    }
    const y = acc ? (ytd[u] += fig) : ytd[u];
    missing[u] = 0;
    let s: number;
    let b = 0;
    if (y <= 0) {
      // nothing consumed (or less than nothing): the ratio is the cap
      s = capScore;
      b = cap < 1 ? 1 : 0;
    } else {
      const r = (tm[u] * a) / y;
      const x = r * wp;
      const fl = Math.floor(x + 0.5);
      s = fl + (capScore - fl) * +(x > capX);
      // x = wm·precF·tm·m·unitF / (wd·td·M) ÷ y
      if (nearHalfAt(x, fl) || x !== x) s = openScore(r, cap, capScore, wm * precF * tm[u] * m * unitF, wd * td * M, 1, y);
      if (schedule) {
        b = +(r < 1);
        if (nearOne(r) || r !== r) b = openBehind(tm[u] * m * unitF, td * M * y);
      }
    }
    score[u] = s;
    behind[u] = b;
    if (s !== s || b === UNDECIDED) pending[np++] = u;
    else total[u] += s;
  }
  return np;
}

const CAP_HI = 1 + 1e-12;
const CAP_LO = 1 - 1e-12;

/**
 * The score when x is near a .5: the cap or 0 when the ratio is clearly beyond them, else
 * round(c × yN / (d × yD)) in integers; NaN (the exact path) when that cannot decide either.
 */
function openScore(r: number, cap: number, capScore: number, c: number, d: number, yN: number, yD: number): number {
  if (r > cap * CAP_HI) return capScore;
  if (r <= 0) return 0;
  if (r < cap * CAP_LO) return roundScaledRatio(c, d, yN, yD);
  return NaN;
}

/** behind ⇔ rN / rD < 1, in integers; UNDECIDED when they are too long. */
function openBehind(rN: number, rD: number): number {
  const c = cmpRatio(rN, rD, 1, 1);
  return c !== c ? UNDECIDED : c < 0 ? 1 : 0;
}

/** Decides exactly what the float path left open for unit u (score NaN, behind UNDECIDED). */
function scoreExactly(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, p: IndicatorPeriod, u: number, t: number): void {
  const prec = ctx.prec;
  const ytd = ytdRat(ic, p, u) as Rat;
  switch (ind.method) {
    case 'completion':
    case 'schedule': {
      const r = ratioRat(ctx, ic, ind, ytd, u, t);
      if (p.score[u] !== p.score[u]) p.score[u] = Number(ic.weightR.mul(r.clamp(Rat.ZERO, ic.capR)).roundScaled(prec));
      if (p.behind && p.behind[u] === UNDECIDED) p.behind[u] = r.cmp(Rat.ONE) < 0 ? 1 : 0;
      return;
    }
    case 'best': {
      const s = (p.scopeOf as Int32Array)[u];
      const hi = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[s]) as Rat;
      p.score[u] = Number(ic.weightR.mul(ytd.max(Rat.ZERO)).div(hi).roundScaled(prec));
      return;
    }
    case 'range': {
      const s = (p.scopeOf as Int32Array)[u];
      const lo = ytdRat(ic, p, (p.scopeMinU as Int32Array)[s]) as Rat;
      const hi = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[s]) as Rat;
      const part = ind.direction === 'higher' ? ytd.sub(lo) : hi.sub(ytd);
      p.score[u] = Number(ic.weightR.mul(part).div(hi.sub(lo)).roundScaled(prec));
      return;
    }
    case 'rank': {
      const rk = (p.place as Int32Array)[u];
      if (ic.stepR) {
        p.score[u] = Number(ic.weightR.sub(ic.stepR.mul(Rat.int(rk - 1))).max(Rat.ZERO).roundScaled(prec));
      } else {
        const n = (p.scopeN as Int32Array)[(p.scopeOf as Int32Array)[u]];
        p.score[u] = Number(ic.weightR.mul(Rat.of(BigInt(Math.max(0, n - rk + 1)), BigInt(n))).roundScaled(prec));
      }
      return;
    }
  }
}

/**
 * best / range / rank compare a unit with the others of its scope (its group, or all units).
 * Scope by scope: its present count and extremes first, then its members' scores, while the
 * scope's figures are still in the processor's cache.
 */
function scoreAgainstScope(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, p: IndicatorPeriod, mask: Float64Array, acc: boolean, sums: PeriodSums, pending: Int32Array): number {
  const fam = ind.scope === 'all' ? ctx.allFam : ctx.groupFam;
  const scopeN = p.scopeN as Int32Array;
  const maxU = p.scopeMaxU as Int32Array;
  const minU = p.scopeMinU as Int32Array;
  if (p.ytdBig) return scoreAgainstScopeExactly(ctx, ic, ind, fam, p, sums, pending);
  const ytd = p.ytd as Float64Array;
  const { offsets, members } = fam;
  const S = offsets.length - 1;
  const { missing, score } = p;
  const { total, missingAny } = sums;
  const wp = ic.weightF * ctx.precF;
  const wmp = ic.wm * ctx.precF;
  const wd = ic.wd;
  let np = 0;
  if (ind.method === 'best') {
    for (let s = 0; s < S; s++) {
      scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
      if (maxU[s] >= 0) np = bestScores(members, offsets[s], offsets[s + 1], ytd, missing, score, total, pending, np, ytd[maxU[s]], wp, wmp, wd);
    }
    return np;
  }
  if (ind.method === 'range') {
    const higher = ind.direction === 'higher';
    const full = Number(ic.weightR.roundScaled(ctx.prec));
    for (let s = 0; s < S; s++) {
      scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
      if (maxU[s] >= 0) np = rangeScores(members, offsets[s], offsets[s + 1], ytd, missing, score, total, pending, np, ytd[maxU[s]], ytd[minU[s]], higher, wp, wmp, wd, full);
    }
    return np;
  }
  // rank: places first (a large scope sorts distances from its best figure as 32-bit integers)
  for (let s = 0; s < S; s++) scanScope(members, offsets[s], offsets[s + 1], ytd, mask, acc, missing, missingAny, score, scopeN, maxU, minU, s);
  if (!placesFit(fam, ytd, maxU, minU)) {
    placesExact(ctx, ind, fam, p);
    return rankScores(ctx, ic, fam, p, total, pending, 0, S, 0);
  }
  const higher = ind.direction === 'higher';
  const dense = ctx.spec.campaign.ranking === 'dense';
  const place = p.place as Int32Array;
  const arena = ctx.arena;
  const vals = arena.tmpF64(SMALL);
  const us = arena.tmpI32(SMALL);
  for (let s = 0; s < S; s++) {
    const start = offsets[s];
    const end = offsets[s + 1];
    if (end - start <= SMALL || maxU[s] < 0) placesSmall(members, start, end, ytd, missing, place, higher, dense, vals, us);
    else placesLarge(members, start, end, ytd, missing, place, higher ? ytd[maxU[s]] : ytd[minU[s]], higher, dense, arena);
    np = rankScores(ctx, ic, fam, p, total, pending, s, s + 1, np);
  }
  arena.free(vals);
  arena.free(us);
  return np;
}

/** Scores of rank indicators for scopes [from, to) from their places. */
function rankScores(ctx: Ctx, ic: IndicatorCtx, fam: Family, p: IndicatorPeriod, total: Float64Array, pending: Int32Array, from: number, to: number, np: number): number {
  const { offsets, members } = fam;
  const place = p.place as Int32Array;
  for (let s = from; s < to; s++) {
    np = ic.stepR
      ? rankStepScores(members, offsets[s], offsets[s + 1], p.missing, place, p.score, total, pending, np, ic.weightF, ic.stepF, ctx.precF, ic.wm, ic.wd, ic.sm, ic.sd)
      : rankShareScores(members, offsets[s], offsets[s + 1], p.missing, place, (p.scopeN as Int32Array)[s], p.score, total, pending, np, ic.weightF * ctx.precF, ic.wm * ctx.precF, ic.wd);
  }
  return np;
}

/** Every large scope's figures lie within 2^32 of each other (placesLarge's keys). */
function placesFit(fam: Family, ytd: Float64Array, maxU: Int32Array, minU: Int32Array): boolean {
  const offsets = fam.offsets;
  for (let s = 0; s < offsets.length - 1; s++) {
    if (offsets[s + 1] - offsets[s] > SMALL && maxU[s] >= 0 && !(ytd[maxU[s]] - ytd[minU[s]] < 2 ** 32)) return false;
  }
  return true;
}

/** Very long figures (BigInts): every score exactly. */
function scoreAgainstScopeExactly(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, fam: Family, p: IndicatorPeriod, sums: PeriodSums, pending: Int32Array): number {
  const maxU = p.scopeMaxU as Int32Array;
  const minU = p.scopeMinU as Int32Array;
  const big = p.ytdBig as (bigint | null)[];
  extremesBig(fam, big, p.missing, sums.missingAny, p.score, p.scopeN as Int32Array, maxU, minU);
  if (ind.method === 'rank') placesExact(ctx, ind, fam, p);
  let np = allPresent(fam, p.missing, p.score, pending);
  const scopeOf = p.scopeOf as Int32Array;
  // a range scope whose figures are all equal scores full points without dividing
  if (ind.method === 'range') np = rangeSameBig(scopeOf, big, maxU, minU, p.score, sums.total, pending, np, Number(ic.weightR.roundScaled(ctx.prec)));
  else if (ind.method === 'best') np = bestNonPositiveBig(scopeOf, big, maxU, p.score, pending, np);
  return np;
}

/** One scope: its members' missing flags (scores start at 0), present count and extremes. */
function scanScope(members: Int32Array, start: number, end: number, ytd: Float64Array, mask: Float64Array, acc: boolean, missing: Uint8Array, missingAny: Uint8Array, score: Float64Array, scopeN: Int32Array, maxU: Int32Array, minU: Int32Array, s: number): void {
  let n = 0;
  let hiU = -1;
  let loU = -1;
  let hi = -Infinity;
  let lo = Infinity;
  for (let q = start; q < end; q++) {
    const u = members[q];
    const fig = mask[u];
    score[u] = 0;
    if (fig !== fig) {
      missing[u] = 1;
      missingAny[u] = 1;
      continue;
    }
    const y = acc ? (ytd[u] += fig) : ytd[u];
    missing[u] = 0;
    n++;
    if (y > hi) {
      hi = y;
      hiU = u;
    }
    if (y < lo) {
      lo = y;
      loU = u;
    }
  }
  scopeN[s] = n;
  maxU[s] = hiU;
  minU[s] = loU;
}

function extremesBig(fam: Family, big: (bigint | null)[], missing: Uint8Array, missingAny: Uint8Array, score: Float64Array, scopeN: Int32Array, maxU: Int32Array, minU: Int32Array): void {
  const { offsets, members } = fam;
  for (let s = 0; s < offsets.length - 1; s++) {
    let n = 0;
    let hiU = -1;
    let loU = -1;
    for (let q = offsets[s]; q < offsets[s + 1]; q++) {
      const u = members[q];
      score[u] = 0;
      const y = big[u];
      if (y === null) {
        missing[u] = 1;
        missingAny[u] = 1;
        continue;
      }
      missing[u] = 0;
      n++;
      if (hiU < 0 || y > (big[hiU] as bigint)) hiU = u;
      if (loU < 0 || y < (big[loU] as bigint)) loU = u;
    }
    scopeN[s] = n;
    maxU[s] = hiU;
    minU[s] = loU;
  }
}

/** Every present unit, for the exact path. */
function allPresent(fam: Family, missing: Uint8Array, score: Float64Array, pending: Int32Array): number {
  let np = 0;
  for (let q = 0; q < fam.members.length; q++) {
    const u = fam.members[q];
    if (missing[u]) continue;
    score[u] = NaN;
    pending[np++] = u;
  }
  return np;
}

/** Drops from `pending` the units whose score needs no division, setting it; returns the new count. */
function rangeSameBig(scopeOf: Int32Array, big: (bigint | null)[], maxU: Int32Array, minU: Int32Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, full: number): number {
  let w = 0;
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    const s = scopeOf[u];
    if (big[maxU[s]] === big[minU[s]]) {
      score[u] = full;
      total[u] += full;
    } else pending[w++] = u;
  }
  return w;
}

function bestNonPositiveBig(scopeOf: Int32Array, big: (bigint | null)[], maxU: Int32Array, score: Float64Array, pending: Int32Array, np: number): number {
  let w = 0;
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    const s = scopeOf[u];
    if ((big[maxU[s]] as bigint) <= 0n) score[u] = 0;
    else pending[w++] = u;
  }
  return w;
}

/** best, one scope: round(wp × max(y, 0) / m), m the scope's highest (every score 0 when m ≤ 0). */
function bestScores(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, m: number, wp: number, wmp: number, wd: number): number {
  if (m <= 0) return np;
  const c = wp / m;
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    const y = ytd[u] * +(ytd[u] > 0) + 0;
    const x = y * c;
    let v = Math.floor(x + 0.5);
    if (nearHalfAt(x, v)) v = roundRatio(wmp * y, wd * m);
    score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** range, one scope: round(wp × (y − lo) / (hi − lo)), or (hi − y) for direction lower. */
function rangeScores(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, hi: number, lo: number, higher: boolean, wp: number, wmp: number, wd: number, full: number): number {
  const same = hi === lo;
  const c = wp / (hi - lo);
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    if (same) {
      // every figure of the scope equal: full points
      score[u] = full;
      total[u] += full;
      continue;
    }
    const part = higher ? ytd[u] - lo : hi - ytd[u];
    const x = part * c;
    let v = Math.floor(x + 0.5);
    if (nearHalfAt(x, v)) v = roundRatio(wmp * part, wd * (hi - lo));
    score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

// rank method: places by ytd within each scope, equal figures sharing a place

const SMALL = 48;

/** Places in a small scope: its present members sorted by insertion, best first. */
function placesSmall(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, higher: boolean, dense: boolean, vals: Float64Array, us: Int32Array): void {
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    // a larger value is better
    const v = higher ? ytd[u] : -ytd[u];
    let k = m++;
    while (k > 0 && vals[k - 1] < v) {
      vals[k] = vals[k - 1];
      us[k] = us[k - 1];
      k--;
    }
    vals[k] = v;
    us[k] = u;
  }
  let rank = 0;
  for (let k = 0; k < m; k++) {
    if (k === 0 || vals[k] !== vals[k - 1]) rank = dense ? rank + 1 : k + 1;
    place[us[k]] = rank;
  }
}

/**
 * Places in a large scope: a radix sort of each present member's distance from the best figure.
 * (The loops are functions of their own, here and below: a function whose loop V8 compiles
 * while it runs must not reach code that has never run before, or it is thrown back to the
 * interpreter.)
 */
function placesLarge(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, best: number, higher: boolean, dense: boolean, arena: Ctx['arena']): void {
  const n = end - start;
  const key = arena.tmpI32(n);
  const who = arena.tmpI32(n);
  const m = distances(members, start, end, ytd, missing, place, best, higher, key, who);
  const sorted = radixSortU32(key, who, m, arena);
  placesBySortedKeys(sorted.keys, sorted.values, m, dense, place);
  arena.free(sorted.keys);
  arena.free(sorted.values);
  arena.free(sorted.spareKeys);
  arena.free(sorted.spareValues);
}

/** Each present member's distance from the best figure (below 2^32, checked by the caller). */
function distances(members: Int32Array, start: number, end: number, ytd: Float64Array, missing: Uint8Array, place: Int32Array, best: number, higher: boolean, key: Int32Array, who: Int32Array): number {
  let m = 0;
  for (let q = start; q < end; q++) {
    const u = members[q];
    place[u] = 0;
    if (missing[u]) continue;
    key[m] = (higher ? best - ytd[u] : ytd[u] - best) | 0;
    who[m++] = u;
  }
  return m;
}

function placesBySortedKeys(k: Int32Array, w: Int32Array, m: number, dense: boolean, place: Int32Array): void {
  let rank = 0;
  for (let i = 0; i < m; i++) {
    if (i === 0 || k[i] !== k[i - 1]) rank = dense ? rank + 1 : i + 1;
    place[w[i]] = rank;
  }
}

/** Places by exact order: for very long figures (BigInts), their order as ordinals. */
function placesExact(ctx: Ctx, ind: ValueIndicator, fam: Family, p: IndicatorPeriod): void {
  const U = ctx.U;
  const S = fam.offsets.length - 1;
  const arena = ctx.arena;
  // a family of the present members only: missing units take no part in places or n
  const offsets = arena.tmpI32(S + 1);
  const present = arena.tmpI32(fam.members.length);
  let w = 0;
  for (let s = 0; s < S; s++) {
    offsets[s] = w;
    for (let q = fam.offsets[s]; q < fam.offsets[s + 1]; q++) if (!p.missing[fam.members[q]]) present[w++] = fam.members[q];
  }
  offsets[S] = w;
  const key = arena.tmpF64(U);
  if (p.ytdBig) {
    const big = p.ytdBig;
    const distinct = [...new Set(big.filter((b): b is bigint => b !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ordinal = new Map(distinct.map((b, i) => [b, i]));
    for (let u = 0; u < U; u++) key[u] = big[u] !== null ? (ordinal.get(big[u] as bigint) as number) : 0;
  } else key.set(p.ytd as Float64Array);
  if (ind.direction === 'lower') negate(key, key);
  const r = rankFamily({ offsets, members: present.subarray(0, w), identity: false }, key, null, [], ctx.spec.campaign.ranking === 'dense', scratchOf(ctx));
  const place = p.place as Int32Array;
  place.fill(0);
  for (let q = 0; q < w; q++) place[present[q]] = r.memberRank[q];
  arena.free(r.order);
  arena.free(r.rankAt);
  arena.free(r.memberRank);
  arena.free(offsets);
  arena.free(present);
  arena.free(key);
}

function negate(from: Float64Array, to: Float64Array): void {
  for (let u = 0; u < from.length; u++) to[u] = -from[u];
}

/** An allocator whose every array is scratch (given back by the caller). */
function scratchOf(ctx: Ctx) {
  const a = ctx.arena;
  return {
    f64: (n: number) => a.tmpF64(n), i32: (n: number) => a.tmpI32(n), u8: (n: number) => a.tmpU8(n), u16: (n: number) => new Uint16Array(n),
    tmpF64: (n: number) => a.tmpF64(n), tmpI32: (n: number) => a.tmpI32(n), tmpU8: (n: number) => a.tmpU8(n),
    free: (x: Float64Array | Int32Array | Uint8Array | Uint16Array) => a.free(x),
  };
}

/** rank with an explicit step, one scope: max(0, weight − step × (place − 1)) */
function rankStepScores(members: Int32Array, start: number, end: number, missing: Uint8Array, place: Int32Array, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, weightF: number, stepF: number, precF: number, wm: number, wd: number, sm: number, sd: number): number {
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    const rk = place[u];
    const x = (weightF - stepF * (rk - 1)) * precF;
    const fl = Math.floor(x + 0.5);
    let v = fl * +(x > 0) + 0;
    if (x > 0 && nearHalfAt(x, fl)) {
      // (wm/wd − sm/sd × (rank − 1)) × 10^precision = (wm × sd − sm × wd × (rank − 1)) × 10^precision / (wd × sd)
      const a = wm * sd;
      const b = sm * wd * (rk - 1);
      v = a < 2 ** 52 && b < 2 ** 52 ? (a - b <= 0 ? 0 : roundRatio((a - b) * precF, wd * sd)) : NaN;
    }
    score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}

/** rank without a step, one scope of n present: step = weight / n, so s = weight × (n − place + 1) / n */
function rankShareScores(members: Int32Array, start: number, end: number, missing: Uint8Array, place: Int32Array, n: number, score: Float64Array, total: Float64Array, pending: Int32Array, np: number, wp: number, wmp: number, wd: number): number {
  const c = wp / n;
  for (let q = start; q < end; q++) {
    const u = members[q];
    if (missing[u]) continue;
    // place ≤ n among the present units, so left ≥ 1
    const left = n - place[u] + 1;
    const x = left * c;
    let v = Math.floor(x + 0.5);
    if (nearHalfAt(x, v)) v = roundRatio(wmp * left, wd * n);
    score[u] = v;
    if (v !== v) pending[np++] = u;
    else total[u] += v;
  }
  return np;
}
