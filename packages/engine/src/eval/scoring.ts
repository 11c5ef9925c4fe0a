// Contract section 3: one indicator's scores for every unit in one period.
// The float formulas and the exact formulas below say the same thing twice, on purpose: the float
// one is fast, the exact one decides whenever the float one cannot (see fast.ts). Property tests
// check that both agree.
import { Rat } from '../decimal.ts';
import type { ValueIndicator } from '../model.ts';
import { targetRat, type Ctx, type IndicatorCtx } from './context.ts';
import { cmpOrNaN, cmpRatio, roundOrNaN, roundRatio, roundScaledRatio } from './fast.ts';
import { rankFamily, type Family } from './ranking.ts';

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
  /** best / range / rank: each unit's scope instance, and per instance the present count and the
   * units holding the highest and lowest ytd (-1 when none is present) */
  scopeOf: Int32Array | null;
  scopeN: Int32Array | null;
  scopeMaxU: Int32Array | null;
  scopeMinU: Int32Array | null;
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

function emptyPeriod(ctx: Ctx, U: number): IndicatorPeriod {
  return {
    score: ctx.arena.f64(U), missing: ctx.arena.u8(U), ytd: null, ytdBig: null, behind: null, events: null, veto: null,
    scopeOf: null, scopeN: null, scopeMaxU: null, scopeMinU: null, place: null,
  };
}

export function scoreIndicator(ctx: Ctx, ic: IndicatorCtx, run: IndicatorRun, t: number): IndicatorPeriod {
  const ind = ic.ind;
  const U = ctx.U;
  const out = emptyPeriod(ctx, U);
  const f = ctx.data.figures[ic.index];
  const base = t * U;
  if (ind.input === 'event') {
    const events = ctx.arena.f64(U);
    for (let u = 0; u < U; u++) {
      const m = f.mant[base + u];
      events[u] = m === m ? m / ic.unitF : 0;
    }
    out.events = events;
    if (ind.effect === 'veto') {
      out.veto = ctx.arena.u8(U);
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
      if (r !== r && !f.big) r = roundRatio(m * ctx.precF, ic.unitF);
      if (r !== r) r = Number(Rat.of(f.big ? (f.big[base + u] as bigint) : BigInt(m), ic.unitB).roundScaled(ctx.prec));
      out.score[u] = r;
    }
    return out;
  }

  // value input: year-to-date figures first
  const ytd = ctx.arena.f64(U);
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

function scoreAgainstTarget(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, t: number, out: IndicatorPeriod): void {
  const U = ctx.U;
  const ytd = out.ytd as Float64Array;
  const targetF = ic.targetF as Float64Array;
  const tm = ic.tm as Float64Array;
  const td = ic.td as Float64Array;
  const schedule = ind.method === 'schedule';
  // r = ytd ÷ (target × m/M); completion is the case m/M = 1
  const m = schedule ? t + 1 : 1;
  const M = schedule ? ctx.perYear : 1;
  const elapsed = m / M;
  const higher = ind.direction === 'higher';
  const cap = ic.capF;
  const capHi = cap * (1 + 1e-12);
  const capLo = cap * (1 - 1e-12);
  const wp = ic.weightF * ctx.precF;
  const unitF = ic.unitF;
  const precF = ctx.precF;
  const behind = schedule ? ctx.arena.u8(U) : null;
  const exactOnly = out.ytdBig !== null;
  for (let u = 0; u < U; u++) {
    const y = ytd[u];
    if (y !== y) continue;
    let score = NaN;
    let isBehind = -1;
    if (!exactOnly) {
      const yF = y / unitF;
      const goal = targetF[u] * elapsed;
      // the ratio as integers rN / rD (ytd ≤ 0 on a lower indicator gives r = cap)
      const capped = !higher && y <= 0;
      const rN = capped ? NaN : higher ? y * td[u] * M : tm[u] * m * unitF;
      const rD = capped ? NaN : higher ? unitF * tm[u] * m : td[u] * M * y;
      const r = capped ? cap : higher ? yF / goal : goal / yF;
      if (r > capHi || capped) score = ic.capScore;
      else if (r <= 0) score = 0;
      else if (r < capLo) {
        score = roundOrNaN(wp * r);
        if (score !== score) {
          // higher: x = wm·precF·td·M / (wd·unitF·tm·m) × y; lower: x = wm·precF·tm·m·unitF / (wd·td·M) ÷ y
          score = higher
            ? roundScaledRatio(ic.wm * precF * td[u] * M, ic.wd * unitF * tm[u] * m, y, 1)
            : roundScaledRatio(ic.wm * precF * tm[u] * m * unitF, ic.wd * td[u] * M, 1, y);
        }
      }
      if (schedule) {
        // behind schedule ⇔ r < 1; a lower indicator with ytd ≤ 0 has r = cap
        let c = capped ? (cap >= 1 ? 1 : -1) : cmpOrNaN(r, 1);
        if (c !== c) c = cmpRatio(rN, rD, 1, 1);
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
  const fam = ind.scope === 'all' ? ctx.allFam : ctx.groupFam;
  const S = fam.offsets.length - 1;
  out.scopeOf = ind.scope === 'all' ? ctx.arena.i32(U) : ctx.unitGroup;
  out.scopeN = ctx.arena.i32(S);
  out.scopeMaxU = ctx.arena.i32(S).fill(-1);
  out.scopeMinU = ctx.arena.i32(S).fill(-1);
  const ytd = out.ytd as Float64Array;
  const big = out.ytdBig;
  const missing = out.missing;
  const members = fam.members;
  // extremes per scope, exact: mantissas share one scale and are exact integers (or BigInts)
  for (let s = 0; s < S; s++) {
    let n = 0;
    let hiU = -1;
    let loU = -1;
    for (let p = fam.offsets[s]; p < fam.offsets[s + 1]; p++) {
      const u = members[p];
      if (missing[u]) continue;
      n++;
      if (big) {
        if (hiU < 0 || (big[u] as bigint) > (big[hiU] as bigint)) hiU = u;
        if (loU < 0 || (big[u] as bigint) < (big[loU] as bigint)) loU = u;
      } else {
        if (hiU < 0 || ytd[u] > ytd[hiU]) hiU = u;
        if (loU < 0 || ytd[u] < ytd[loU]) loU = u;
      }
    }
    out.scopeN[s] = n;
    out.scopeMaxU[s] = hiU;
    out.scopeMinU[s] = loU;
  }
  if (ind.method === 'rank') {
    scoreByPlace(ctx, ic, ind, out, fam);
    return;
  }
  const exactOnly = big !== null;
  const wp = ic.weightF * ctx.precF;
  const prec = ctx.prec;
  const prec10 = ctx.precF;
  for (let s = 0; s < S; s++) {
    const hiU = out.scopeMaxU[s];
    const loU = out.scopeMinU[s];
    if (hiU < 0) continue;
    const start = fam.offsets[s];
    const end = fam.offsets[s + 1];
    if (ind.method === 'best') {
      const m = ytd[hiU];
      if (m <= 0) continue; // every score of the scope stays 0
      for (let p = start; p < end; p++) {
        const u = members[p];
        if (missing[u]) continue;
        const y = ytd[u];
        let score = exactOnly ? NaN : roundOrNaN((wp * (y > 0 ? y : 0)) / m);
        if (score !== score && !exactOnly) score = roundRatio(ic.wm * prec10 * (y > 0 ? y : 0), ic.wd * m);
        if (score !== score) {
          score = Number(ic.weightR.mul((ytdRat(ic, out, u) as Rat).max(Rat.ZERO)).div(ytdRat(ic, out, hiU) as Rat).roundScaled(prec));
        }
        out.score[u] = score;
      }
    } else {
      const hi = ytd[hiU];
      const lo = ytd[loU];
      const same = exactOnly ? (big as (bigint | null)[])[hiU] === (big as (bigint | null)[])[loU] : hi === lo;
      const full = same ? Number(ic.weightR.roundScaled(prec)) : 0;
      const higher = ind.direction === 'higher';
      for (let p = start; p < end; p++) {
        const u = members[p];
        if (missing[u]) continue;
        if (same) {
          out.score[u] = full;
          continue;
        }
        const y = ytd[u];
        let score = exactOnly ? NaN : roundOrNaN((wp * (higher ? y - lo : hi - y)) / (hi - lo));
        if (score !== score && !exactOnly) score = roundRatio(ic.wm * prec10 * (higher ? y - lo : hi - y), ic.wd * (hi - lo));
        if (score !== score) {
          const yR = ytdRat(ic, out, u) as Rat;
          const loR = ytdRat(ic, out, loU) as Rat;
          const hiR = ytdRat(ic, out, hiU) as Rat;
          score = Number(ic.weightR.mul(higher ? yR.sub(loR) : hiR.sub(yR)).div(hiR.sub(loR)).roundScaled(prec));
        }
        out.score[u] = score;
      }
    }
  }
}

/** rank method: places by ytd within each scope, equal figures sharing a place. */
function scoreByPlace(ctx: Ctx, ic: IndicatorCtx, ind: ValueIndicator, out: IndicatorPeriod, fam: Family): void {
  const U = ctx.U;
  const S = fam.offsets.length - 1;
  // a family of the present members only: missing units take no part in places or n
  const offsets = ctx.arena.i32(S + 1);
  const present = ctx.arena.i32(fam.members.length);
  let w = 0;
  for (let s = 0; s < S; s++) {
    offsets[s] = w;
    for (let p = fam.offsets[s]; p < fam.offsets[s + 1]; p++) if (!out.missing[fam.members[p]]) present[w++] = fam.members[p];
  }
  offsets[S] = w;
  // the key: ytd itself (exact integers), or for very long figures their exact order as ordinals
  let key = out.ytd as Float64Array;
  if (out.ytdBig) {
    const big = out.ytdBig;
    const distinct = [...new Set(big.filter((b): b is bigint => b !== null))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ordinal = new Map(distinct.map((b, i) => [b, i]));
    key = new Float64Array(U);
    for (let u = 0; u < U; u++) if (big[u] !== null) key[u] = ordinal.get(big[u] as bigint) as number;
  }
  if (ind.direction === 'lower') {
    const neg = ctx.arena.f64(U);
    for (let u = 0; u < U; u++) neg[u] = -key[u];
    key = neg;
  }
  const r = rankFamily({ offsets, members: present.subarray(0, w) }, key, null, [], ctx.spec.campaign.ranking === 'dense', ctx.arena);
  const place = ctx.arena.i32(U);
  for (let p = 0; p < w; p++) place[present[p]] = r.memberRank[p];
  out.place = place;
  const wp = ic.weightF * ctx.precF;
  const scopeOf = out.scopeOf as Int32Array;
  const scopeN = out.scopeN as Int32Array;
  for (let p = 0; p < w; p++) {
    const u = present[p];
    const rk = place[u];
    let score: number;
    if (ic.stepR) {
      const x = (ic.weightF - ic.stepF * (rk - 1)) * ctx.precF;
      score = roundOrNaN(x < 0 ? 0 : x);
      if (score !== score) {
        // (wm/wd − sm/sd × (rank − 1)) × 10^precision = (wm × sd − sm × wd × (rank − 1)) × 10^precision / (wd × sd)
        const a = ic.wm * ic.sd;
        const b = ic.sm * ic.wd * (rk - 1);
        if (a < 2 ** 52 && b < 2 ** 52) score = a - b <= 0 ? 0 : roundRatio((a - b) * ctx.precF, ic.wd * ic.sd);
      }
      if (score !== score) score = Number(ic.weightR.sub(ic.stepR.mul(Rat.int(rk - 1))).max(Rat.ZERO).roundScaled(ctx.prec));
    } else {
      // step = weight / n, so s = weight × (n − rank + 1) / n
      const n = scopeN[scopeOf[u]];
      const left = Math.max(0, n - rk + 1);
      score = roundOrNaN((wp * left) / n);
      if (score !== score) score = roundRatio(ic.wm * ctx.precF * left, ic.wd * n);
      if (score !== score) score = Number(ic.weightR.mul(Rat.of(BigInt(left), BigInt(n))).roundScaled(ctx.prec));
    }
    out.score[u] = score;
  }
}
