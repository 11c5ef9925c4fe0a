// Contract section 3: one indicator's scores for every unit in one period.
// The float formulas and the exact formulas below say the same thing twice, on purpose: the float
// one is fast, the exact one decides whenever the float one cannot (see fast.ts). Property tests
// check that both agree.
import { Rat } from '../decimal.ts';
import type { ValueIndicator } from '../model.ts';
import type { Ctx, IndicatorCtx } from './context.ts';
import { cmpOrNaN, roundOrNaN } from './fast.ts';

export interface IndicatorPeriod {
  /** scores as integers counting 10^-precision */
  score: Float64Array;
  /** value and score inputs: 1 where nothing was reported */
  missing: Uint8Array;
  /** value inputs: year-to-date mantissas (NaN where missing); exact BigInts for long figures */
  ytd: Float64Array | null;
  ytdBig: (bigint | null)[] | null;
  /** schedule: 1 where behind schedule (never for a missing unit) */
  behind: Uint8Array | null;
  /** event inputs: the count reported (0 when none) */
  events: Float64Array | null;
  /** veto events: 1 where vetoed */
  veto: Uint8Array | null;
  /** best / range / rank: per scope instance statistics, for explanations */
  scopeOf: Int32Array | null;
  scopeMax: (Rat | null)[] | null;
  scopeLo: (Rat | null)[] | null;
  scopeHi: (Rat | null)[] | null;
  scopeN: Int32Array | null;
  /** rank method: the unit's place by ytd in its scope */
  place: Int32Array | null;
}

/** Running state across the periods of the year (sums of non-cumulative figures). */
export interface IndicatorRun {
  cum: Float64Array | null;
  cumBig: bigint[] | null;
}

export function newRun(ctx: Ctx, ic: IndicatorCtx): IndicatorRun {
  const ind = ic.ind;
  if (ind.input !== 'value' || ind.cumulative) return { cum: null, cumBig: null };
  const big = ctx.data.figures[ic.index].big !== null;
  return { cum: big ? null : new Float64Array(ctx.U), cumBig: big ? new Array<bigint>(ctx.U).fill(0n) : null };
}

/** Adds period t's figures to the running sums; call for every period of the year in order. */
export function advanceRun(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number): void {
  const f = ctx.data.figures[ic.index];
  const base = t * ctx.U;
  if (run.cum) {
    for (let u = 0; u < ctx.U; u++) {
      const m = f.mant[base + u];
      if (m === m) run.cum[u] += m;
    }
  } else if (run.cumBig && f.big) {
    for (let u = 0; u < ctx.U; u++) {
      const m = f.big[base + u];
      if (m !== null) run.cumBig[u] += m;
    }
  }
}

function emptyPeriod(U: number): IndicatorPeriod {
  return {
    score: new Float64Array(U), missing: new Uint8Array(U), ytd: null, ytdBig: null, behind: null, events: null, veto: null,
    scopeOf: null, scopeMax: null, scopeLo: null, scopeHi: null, scopeN: null, place: null,
  };
}

export function scoreIndicator(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number): IndicatorPeriod {
  const ind = ic.ind;
  const U = ctx.U;
  const out = emptyPeriod(U);
  const f = ctx.data.figures[ic.index];
  const base = t * U;
  if (ind.input === 'event') {
    const events = new Float64Array(U);
    for (let u = 0; u < U; u++) {
      const m = f.mant[base + u];
      events[u] = m === m ? m / ic.unitF : 0;
    }
    out.events = events;
    if (ind.effect === 'veto') {
      out.veto = new Uint8Array(U);
      for (let u = 0; u < U; u++) out.veto[u] = events[u] > 0 ? 1 : 0;
    } else {
      for (let u = 0; u < U; u++) out.score[u] = eventScore(ctx, ic, events[u]);
    }
    return out;
  }
  if (ind.input === 'score') {
    for (let u = 0; u < U; u++) {
      const m = f.mant[base + u];
      if (m !== m) {
        out.missing[u] = 1;
        continue;
      }
      // points as given, rounded to the campaign's precision
      const x = (m / ic.unitF) * ctx.precF;
      let r = roundOrNaN(x);
      if (r !== r) r = Number(Rat.of(f.big ? (f.big[base + u] as bigint) : BigInt(m), ic.unitB).roundScaled(ctx.prec));
      out.score[u] = r;
    }
    return out;
  }

  // value input: year-to-date figures first
  const ytd = new Float64Array(U);
  let ytdBig: (bigint | null)[] | null = null;
  if (f.big) {
    ytdBig = new Array<bigint | null>(U).fill(null);
    for (let u = 0; u < U; u++) {
      const m = f.big[base + u];
      if (m === null) {
        ytd[u] = NaN;
        out.missing[u] = 1;
      } else {
        const y = run.cumBig ? run.cumBig[u] : m;
        ytdBig[u] = y;
        ytd[u] = Number(y);
      }
    }
  } else {
    for (let u = 0; u < U; u++) {
      const m = f.mant[base + u];
      if (m !== m) {
        ytd[u] = NaN;
        out.missing[u] = 1;
      } else {
        ytd[u] = run.cum ? run.cum[u] : m;
      }
    }
  }
  out.ytd = ytd;
  out.ytdBig = ytdBig;
  switch (ind.method) {
    case 'completion':
    case 'schedule':
      scoreAgainstTarget(ctx, ic, ind, t, out);
      break;
    case 'best':
    case 'range':
    case 'rank':
      scoreAgainstScope(ctx, ic, ind, out);
      break;
  }
  return out;
}

function eventScore(ctx: Ctx, ic: IndicatorCtx, events: number): number {
  const ind = ic.ind;
  if (ind.input !== 'event' || ind.effect === 'veto' || !ind.points || events === 0) return 0;
  // points × events, bounded by cap, exactly (both are short decimals)
  let v = ind.points.toRat().mul(Rat.int(events));
  if (ind.cap) v = v.min(ind.cap.toRat());
  const s = Number(v.roundScaled(ctx.prec));
  return ind.effect === 'penalty' ? -s : s;
}

/** The exact ytd of unit u as a rational. */
export function ytdRat(ic: IndicatorCtx, p: IndicatorPeriod, u: number): Rat | null {
  if (p.missing[u]) return null;
  const y = p.ytdBig ? (p.ytdBig[u] as bigint) : BigInt(p.ytd ? p.ytd[u] : 0);
  return Rat.of(y, ic.unitB);
}

/** expected = target × elapsed, exactly. */
export function expectedRat(ctx: Ctx, ic: IndicatorCtx, u: number, t: number): Rat {
  return (ic.targetR as Rat[])[u].mul(Rat.of(BigInt(t + 1), BigInt(ctx.perYear)));
}

/** completion / schedule: the ratio r, exactly (section 3.2). */
export function ratioRat(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, ytd: Rat, u: number, t: number): Rat {
  const goal = ind.method === 'schedule' ? expectedRat(ctx, ic, u, t) : (ic.targetR as Rat[])[u];
  if (ind.direction === 'higher') return ytd.div(goal);
  return ytd.sign() <= 0 ? ic.capR : goal.div(ytd);
}

function scoreAgainstTarget(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, t: number, out: IndicatorPeriod): void {
  const U = ctx.U;
  const ytd = out.ytd as Float64Array;
  const targetF = ic.targetF as Float64Array;
  const schedule = ind.method === 'schedule';
  const elapsed = (t + 1) / ctx.perYear;
  const higher = ind.direction === 'higher';
  const cap = ic.capF;
  const wp = ic.weightF * ctx.precF;
  const behind = schedule ? new Uint8Array(U) : null;
  const exactOnly = out.ytdBig !== null;
  for (let u = 0; u < U; u++) {
    const y = ytd[u];
    if (y !== y) continue;
    let score = NaN;
    let isBehind = -1;
    if (!exactOnly) {
      const yF = y / ic.unitF;
      const goal = schedule ? targetF[u] * elapsed : targetF[u];
      const r = higher ? yF / goal : yF <= 0 ? cap : goal / yF;
      score = roundOrNaN(wp * (r < 0 ? 0 : r > cap ? cap : r));
      if (schedule) {
        const c = cmpOrNaN(r, 1);
        isBehind = c !== c ? -1 : c < 0 ? 1 : 0;
      }
    }
    if (score !== score || (schedule && isBehind < 0)) {
      const r = ratioRat(ctx, ic, ind, ytdRat(ic, out, u) as Rat, u, t);
      if (score !== score) score = Number(ic.weightR.mul(r.clamp(Rat.ZERO, ic.capR)).roundScaled(ctx.prec));
      if (schedule && isBehind < 0) isBehind = r.cmp(Rat.ONE) < 0 ? 1 : 0;
    }
    out.score[u] = score;
    if (behind) behind[u] = isBehind;
  }
  out.behind = behind;
}

/** best / range / rank compare a unit with the others of its scope (its group, or all units). */
function scoreAgainstScope(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, out: IndicatorPeriod): void {
  const U = ctx.U;
  const scopes = ind.scope === 'all' ? [ctx.allMembers] : ctx.groupMembers;
  const scopeOf = ind.scope === 'all' ? new Int32Array(U) : ctx.unitGroup;
  const S = scopes.length;
  out.scopeOf = scopeOf;
  out.scopeN = new Int32Array(S);
  const ytd = out.ytd as Float64Array;
  const exactOnly = out.ytdBig !== null;
  const yr = (u: number) => ytdRat(ic, out, u) as Rat;
  const wp = ic.weightF * ctx.precF;
  if (ind.method === 'rank') out.place = new Int32Array(U);
  else if (ind.method === 'best') out.scopeMax = new Array<Rat | null>(S).fill(null);
  else {
    out.scopeLo = new Array<Rat | null>(S).fill(null);
    out.scopeHi = new Array<Rat | null>(S).fill(null);
  }
  for (let s = 0; s < S; s++) {
    const members = scopes[s];
    // present members and extremes (exact on mantissas: all share one scale)
    let n = 0;
    let hiU = -1;
    let loU = -1;
    for (let k = 0; k < members.length; k++) {
      const u = members[k];
      if (out.missing[u]) continue;
      n++;
      if (hiU < 0 || greater(out, u, hiU)) hiU = u;
      if (loU < 0 || greater(out, loU, u)) loU = u;
    }
    out.scopeN[s] = n;
    if (n === 0) continue;
    if (ind.method === 'best') {
      const maxR = yr(hiU);
      (out.scopeMax as (Rat | null)[])[s] = maxR;
      const m = ytd[hiU];
      for (let k = 0; k < members.length; k++) {
        const u = members[k];
        if (out.missing[u]) continue;
        if (maxR.sign() <= 0) {
          out.score[u] = 0;
          continue;
        }
        const y = ytd[u];
        let score = exactOnly ? NaN : roundOrNaN(wp * ((y > 0 ? y : 0) / m));
        if (score !== score) score = Number(ic.weightR.mul(yr(u).max(Rat.ZERO)).div(maxR).roundScaled(ctx.prec));
        out.score[u] = score;
      }
    } else if (ind.method === 'range') {
      const loR = yr(loU);
      const hiR = yr(hiU);
      (out.scopeLo as (Rat | null)[])[s] = loR;
      (out.scopeHi as (Rat | null)[])[s] = hiR;
      const same = loR.cmp(hiR) === 0;
      const span = ytd[hiU] - ytd[loU];
      for (let k = 0; k < members.length; k++) {
        const u = members[k];
        if (out.missing[u]) continue;
        if (same) {
          out.score[u] = Number(ic.weightR.roundScaled(ctx.prec));
          continue;
        }
        const y = ytd[u];
        const part = ind.direction === 'higher' ? y - ytd[loU] : ytd[hiU] - y;
        let score = exactOnly ? NaN : roundOrNaN((wp * part) / span);
        if (score !== score) {
          const partR = ind.direction === 'higher' ? yr(u).sub(loR) : hiR.sub(yr(u));
          score = Number(ic.weightR.mul(partR).div(hiR.sub(loR)).roundScaled(ctx.prec));
        }
        out.score[u] = score;
      }
    } else {
      scoreByPlace(ctx, ic, ind, out, members, n);
    }
  }
}

/** y(a) > y(b), exactly */
function greater(p: IndicatorPeriod, a: number, b: number): boolean {
  if (p.ytdBig) return (p.ytdBig[a] as bigint) > (p.ytdBig[b] as bigint);
  const y = p.ytd as Float64Array;
  return y[a] > y[b];
}

function scoreByPlace(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, out: IndicatorPeriod, members: Int32Array, n: number): void {
  const present: number[] = [];
  for (let k = 0; k < members.length; k++) if (!out.missing[members[k]]) present.push(members[k]);
  const better = ind.direction === 'higher' ? (a: number, b: number) => greater(out, a, b) : (a: number, b: number) => greater(out, b, a);
  const equal = (a: number, b: number) => !better(a, b) && !better(b, a);
  present.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
  const place = out.place as Int32Array;
  const dense = ctx.spec.campaign.ranking === 'dense';
  let rank = 0;
  for (let k = 0; k < present.length; k++) {
    if (k === 0 || !equal(present[k], present[k - 1])) rank = dense ? rank + 1 : k + 1;
    place[present[k]] = rank;
  }
  const wp = ic.weightF * ctx.precF;
  for (const u of present) {
    const r = place[u];
    let score: number;
    if (ic.stepR) {
      const x = (ic.weightF - ic.stepF * (r - 1)) * ctx.precF;
      score = roundOrNaN(x < 0 ? 0 : x);
      if (score !== score) score = Number(ic.weightR.sub(ic.stepR.mul(Rat.int(r - 1))).max(Rat.ZERO).roundScaled(ctx.prec));
    } else {
      // step = weight / n, so s = weight × (n − rank + 1) / n
      score = roundOrNaN((wp * Math.max(0, n - r + 1)) / n);
      if (score !== score) score = Number(ic.weightR.mul(Rat.of(BigInt(Math.max(0, n - r + 1)), BigInt(n))).roundScaled(ctx.prec));
    }
    out.score[u] = score;
  }
}
