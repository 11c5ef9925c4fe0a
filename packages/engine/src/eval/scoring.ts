// Contract section 3: one indicator's scores for every unit in one period — the part common to
// every input: the buffers an indicator writes to, its running sums, and the exact path.
// The float formulas (score-*.ts) and the exact formulas (scoreExactly below) say the same thing
// twice, on purpose: the float one is fast, the exact one decides whenever the float one cannot
// (see fast.ts). Property tests check that both agree.
//
// The loops over units are small functions of typed arrays and numbers only, one per method, so
// that V8 compiles each for one shape of input and keeps it compiled; the few units the float
// path cannot decide are collected and scored exactly afterwards. The presented period, and the
// scores a ranking or a flag reads in every period, go to buffers of the indicator's own; every
// other period writes to scratch buffers that all indicators share (see IndicatorRun). Each
// indicator adds its scores into the period's totals as it goes.
import { Rat } from '../decimal.ts';
import type { ValueIndicator } from '../model.ts';
import { baseRat, targetRat, weightRat, type Ctx, type IndicatorCtx } from './context.ts';
import { scoreEvents, scoreVetoes } from './score-events.ts';
import { scoreGiven } from './score-given.ts';
import { scoreAgainstScope } from './score-scope.ts';
import { scoreAgainstTarget, UNDECIDED } from './score-target.ts';

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
  /** (1.1) completion / schedule with a base: 1 where below base (never for a missing unit) */
  below: Uint8Array | null;
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

export function newShared(ctx: Ctx): Shared {
  const a = ctx.arena;
  const U = ctx.U;
  return {
    score: a.yearF64(U), missing: a.yearU8(U), ytd: a.yearF64(U), events: a.yearF64(U),
    veto: a.yearU8(U), place: a.yearI32(U), zeros: a.yearF64(U),
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
    score: EMPTY_F64, missing: EMPTY_U8, ytd: null, ytdBig: null, behind: null, below: null, events: null, veto: null,
    scopeOf: null, scopeN: null, scopeMaxU: null, scopeMinU: null, place: null,
  };
  const run: IndicatorRun = { cum: null, cumBig: null, p, own: {}, always, eventTable: null };
  if (ind.input === 'event' && ind.effect !== 'veto') run.eventTable = new Float64Array(64).fill(NaN);
  if (ind.input === 'value') {
    if (!ind.cumulative) {
      if (big) run.cumBig = new Array<bigint>(U).fill(0n);
      else run.cum = ctx.arena.yearF64(U);
    }
    // rules read it in every period
    if (ind.method === 'schedule') p.behind = ctx.arena.yearU8(U);
    if (ind.base) p.below = ctx.arena.yearU8(U);
    if (ind.method === 'best' || ind.method === 'range' || ind.method === 'rank') {
      const fam = ind.scope === 'all' ? ctx.allFam : ctx.groupFam;
      const S = fam.offsets.length - 1;
      p.scopeOf = ind.scope === 'all' ? ctx.arena.yearI32(U) : ctx.unitGroup;
      p.scopeN = ctx.arena.yearI32(S);
      p.scopeMaxU = ctx.arena.yearI32(S);
      p.scopeMinU = ctx.arena.yearI32(S);
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
  const a = ctx.arena;
  if (ind.input === 'event') {
    p.events = own ? (o.events ??= a.yearF64(U)) : shared.events;
    if (ind.effect === 'veto') {
      p.score = shared.zeros;
      p.veto = own ? (o.veto ??= a.yearU8(U)) : shared.veto;
    } else p.score = own ? (o.score ??= a.yearF64(U)) : shared.score;
    // never missing
    p.missing = own ? (o.missing ??= a.yearU8(U)) : shared.missing.fill(0);
    return;
  }
  p.score = own ? (o.score ??= a.yearF64(U)) : shared.score;
  // the kernels mark only the missing units (one store per unit less)
  p.missing = (own ? (o.missing ??= a.yearU8(U)) : shared.missing).fill(0);
  if (ind.input !== 'value') return;
  // otherwise ytd is the period's column itself or the running sums (see prepareYtd)
  if (ctx.data.figures[ic.index].big) p.ytd = own ? (o.ytd ??= a.yearF64(U)) : shared.ytd;
  if (ind.method === 'rank') p.place = own ? (o.place ??= a.yearI32(U)) : shared.place;
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
  // results read after scoring (see IndicatorRun): otherwise the kernels write a score only where
  // the exact path must decide it, and event counts only where something happened
  const full = keep || run.always;
  const f = ctx.data.figures[ic.index];
  const base = t * ctx.U;
  if (ind.input === 'event') {
    // (1.1) a unit an event indicator does not apply to has no figures: no event, nothing to undo
    if (ind.effect === 'veto') scoreVetoes(f.mant, base, ic.unitF, p.events as Float64Array, p.veto as Uint8Array, sums.vetoed, full);
    else scoreEvents(ctx, ic, run, f.mant, base, sums, full);
    return p;
  }
  if (ic.applies === null) scoreValueOrGiven(ctx, ic, run, t, sums, full);
  else {
    // (1.1) the units it does not apply to have no figures, so the kernels see them as missing
    // (score 0, no part in any scope); they are not missing: their marks are taken back here
    const missingAny = ctx.arena.tmpU8(ctx.U).fill(0);
    scoreValueOrGiven(ctx, ic, run, t, { ...sums, missingAny }, full);
    notApplicable(ic.applies, p.missing, missingAny, sums.missingAny);
    ctx.arena.free(missingAny);
  }
  if (p.below) belowBase(ctx, ic, p, t);
  return p;
}

/** (1.1) missing only where the indicator applies; the period's missingAny takes those. */
function notApplicable(applies: Uint8Array, missing: Uint8Array, mine: Uint8Array, missingAny: Uint8Array): void {
  for (let u = 0; u < applies.length; u++) {
    missing[u] &= applies[u];
    missingAny[u] |= mine[u] & applies[u];
  }
}

/**
 * (1.1) below base: ytd < base × (elapsed for schedule) for direction higher, > for lower, for
 * units that are not missing; in integers while exact, else exactly.
 */
function belowBase(ctx: Ctx, ic: IndicatorCtx, p: IndicatorPeriod, t: number): void {
  const ind = ic.ind as ValueIndicator;
  const below = p.below as Uint8Array;
  const bm = ic.bm as Float64Array;
  const m = ind.method === 'schedule' ? t + 1 : 1;
  const M = ind.method === 'schedule' ? ctx.perYear : 1;
  const higher = ind.direction === 'higher';
  const ytd = p.ytd as Float64Array;
  // ytd / unitF vs bm / bd × m / M  ⇔  ytd × bd × M vs bm × m × unitF
  const left = ic.bd * M;
  const rightF = m * ic.unitF;
  for (let u = 0; u < ctx.U; u++) {
    if (p.missing[u] || (ic.applies !== null && !ic.applies[u])) {
      below[u] = 0;
      continue;
    }
    const L = p.ytdBig ? NaN : ytd[u] * left;
    const R = bm[u] * rightF;
    let c: number;
    if (Number.isSafeInteger(L) && Number.isSafeInteger(R)) c = L < R ? -1 : L > R ? 1 : 0;
    else c = (ytdRat(ic, p, u) as Rat).cmp(baseRat(ctx, ic, u).mul(Rat.of(BigInt(m), BigInt(M))));
    below[u] = (higher ? c < 0 : c > 0) ? 1 : 0;
  }
}

function scoreValueOrGiven(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number, sums: PeriodSums, full: boolean): void {
  const ind = ic.ind;
  const p = run.p;
  const f = ctx.data.figures[ic.index];
  const base = t * ctx.U;
  if (ind.input === 'score') {
    scoreGiven(ctx, ic, f.mant, base, p, sums, f.big, full);
    return;
  }
  if (ind.input !== 'value') return;
  const mask = prepareYtd(ctx, ic, run, t);
  const acc = accumulates(ctx, ic, run);
  const pending = ctx.arena.tmpI32(ctx.U);
  let np: number;
  switch (ind.method) {
    case 'completion':
    case 'schedule':
      np = scoreAgainstTarget(ctx, ic, ind, t, p, mask, acc, sums, pending, full);
      break;
    case 'best':
    case 'range':
    case 'rank':
      np = scoreAgainstScope(ctx, ic, ind, p, mask, acc, sums, pending, full);
      break;
  }
  // what the float path left open, exactly
  for (let k = 0; k < np; k++) {
    const u = pending[k];
    scoreExactly(ctx, ic, ind, p, u, t);
    sums.total[u] += p.score[u];
  }
  ctx.arena.free(pending);
}

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
    // the kernels rely on it: not accumulating, they take a unit's ytd from the column they read anyway
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

/** Decides exactly what the float path left open for unit u (score NaN, behind UNDECIDED). */
function scoreExactly(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, p: IndicatorPeriod, u: number, t: number): void {
  const prec = ctx.prec;
  const ytd = ytdRat(ic, p, u) as Rat;
  // (1.1) w(u): the unit's group's weight
  const w = weightRat(ctx, ic, u);
  switch (ind.method) {
    case 'completion':
    case 'schedule': {
      const r = ratioRat(ctx, ic, ind, ytd, u, t);
      if (p.score[u] !== p.score[u]) p.score[u] = Number(w.mul(r.clamp(Rat.ZERO, ic.capR)).roundScaled(prec));
      if (p.behind && p.behind[u] === UNDECIDED) p.behind[u] = r.cmp(Rat.ONE) < 0 ? 1 : 0;
      return;
    }
    case 'best': {
      const s = (p.scopeOf as Int32Array)[u];
      const hi = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[s]) as Rat;
      p.score[u] = hi.sign() <= 0 ? 0 : Number(w.mul(ytd.max(Rat.ZERO)).div(hi).roundScaled(prec));
      return;
    }
    case 'range': {
      const s = (p.scopeOf as Int32Array)[u];
      const lo = ytdRat(ic, p, (p.scopeMinU as Int32Array)[s]) as Rat;
      const hi = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[s]) as Rat;
      const part = ind.direction === 'higher' ? ytd.sub(lo) : hi.sub(ytd);
      p.score[u] = Number((hi.cmp(lo) === 0 ? w : w.mul(part).div(hi.sub(lo))).roundScaled(prec));
      return;
    }
    case 'rank': {
      const rk = (p.place as Int32Array)[u];
      if (ic.stepR) {
        p.score[u] = Number(w.sub(ic.stepR.mul(Rat.int(rk - 1))).max(Rat.ZERO).roundScaled(prec));
      } else {
        const n = (p.scopeN as Int32Array)[(p.scopeOf as Int32Array)[u]];
        p.score[u] = Number(w.mul(Rat.of(BigInt(Math.max(0, n - rk + 1)), BigInt(n))).roundScaled(prec));
      }
      return;
    }
  }
}
