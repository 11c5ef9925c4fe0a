// One evaluated period: scores, totals, ranks, flags and rule conditions (sections 3–6, 8), plus
// the running state of the year they feed (tallies, streaks, summary sums).
import { Rat } from '../decimal.ts';
import type { FlagRule } from '../model.ts';
import type { Ctx } from './context.ts';
import type { Owned } from './arena.ts';
import { bottomCut, rankByKeys, rankFamily, rankKeys, scatterRanks, topCut, type Family, type FamilyRanking } from './ranking.ts';
import { advanceRun, newRun, newShared, scoreIndicator, type IndicatorPeriod, type IndicatorRun, type PeriodSums, type Shared } from './scoring.ts';

/** Why a unit within the rank cut did not get a flag. */
export const EXCLUDED_VETOED = 1;
export const EXCLUDED_THRESHOLD = 2;
export const EXCLUDED_TOP = 3;

/** One flag rule applied in every instance of its scope, stored flat over the scope's family. */
export interface FlagAward {
  flag: number;
  /** null, with `cut` and `excluded` left empty, in a period that is not presented when the flag
   * went by an indicator's score to one unit per instance (see awardOne) */
  ranking: FamilyRanking | null;
  /** per family position: 1 when that member holds the flag */
  holds: Uint8Array;
  /** per family position: EXCLUDED_* when the rank fitted but the flag was withheld */
  excluded: Uint8Array;
  /** per instance: the rank cut (top: rank ≤ cut; bottom: rank ≥ cut) */
  cut: Int32Array;
}

export interface PeriodState {
  t: number;
  key: string;
  inds: IndicatorPeriod[];
  total: Float64Array;
  vetoed: Uint8Array;
  all: FamilyRanking;
  groups: FamilyRanking;
  pairs: FamilyRanking;
  rankAll: Int32Array;
  rankGroup: Int32Array;
  /** per flag rule */
  flags: FlagAward[];
  /** per flag rule: instances won by each unit this period */
  won: Uint16Array[];
  missingAny: Uint8Array;
  /** the typed arrays this state owns (see arena.ts); once the next period is evaluated, only
   * rankGroup and the flags' holds are left (what a result reads of its previous period) */
  owned: Owned;
}

export interface YearState {
  runs: IndicatorRun[];
  /** per flag rule: wins in the year so far */
  tally: Int32Array[];
  /** Σ bonus − Σ penalty so far (scaled) */
  eventNet: Float64Array;
  /** Σ totals so far (scaled) */
  totalSum: Float64Array;
  periods: number;
  vetoEver: Uint8Array;
  /** per rule: consecutive evaluated periods the rule's conditions held, up to now */
  streak: Int32Array[];
  /** next period whose figures the running sums have not yet taken */
  advancedTo: number;
  /** scratch buffers for indicator results that are not kept (see scoring.ts IndicatorRun) */
  shared: Shared;
}

export function newYear(ctx: Ctx): YearState {
  const U = ctx.U;
  // scores that rankings and flags read after scoring, in every period
  const readAfterScoring = new Set(ctx.tieBreak);
  for (const f of ctx.spec.flags) if (f.indicator !== undefined) readAfterScoring.add(ctx.indIndex.get(f.indicator) as number);
  return {
    runs: ctx.inds.map((ic, i) => newRun(ctx, ic, readAfterScoring.has(i))),
    tally: ctx.spec.flags.map(() => new Int32Array(U)),
    eventNet: new Float64Array(U),
    totalSum: new Float64Array(U),
    periods: 0,
    vetoEver: new Uint8Array(U),
    streak: ctx.spec.rules.map(() => new Int32Array(U)),
    advancedTo: 0,
    shared: newShared(U),
  };
}

/**
 * Evaluates period t (after every earlier period that is evaluated). `keep`: the indicators'
 * results are kept for presenting this period; otherwise only what later periods and the
 * period's own rankings, flags and rules read (see scoring.ts IndicatorRun).
 */
export function evaluatePeriod(ctx: Ctx, year: YearState, t: number, keep = true): PeriodState {
  const U = ctx.U;
  const owned = ctx.arena.begin();
  // running sums take every period up to t, evaluated or not (a skipped period has no figures);
  // scoring adds period t's own
  for (; year.advancedTo < t; year.advancedTo++) {
    for (let i = 0; i < ctx.inds.length; i++) advanceRun(ctx, ctx.inds[i], year.runs[i], year.advancedTo);
  }
  year.advancedTo = t + 1;
  const total = ctx.arena.f64(U);
  const vetoed = ctx.arena.u8(U);
  const missingAny = ctx.arena.u8(U);
  const sums: PeriodSums = { total, vetoed, missingAny, eventNet: year.eventNet };
  const inds = new Array<IndicatorPeriod>(ctx.inds.length);
  for (let i = 0; i < ctx.inds.length; i++) inds[i] = scoreIndicator(ctx, ctx.inds[i], year.runs[i], t, sums, year.shared, keep);
  const dense = ctx.spec.campaign.ranking === 'dense';
  const tie = ctx.tieBreak.map((i) => inds[i].score);
  // the three rankings of totals share one key per unit
  const keys = rankKeys(ctx.allFam.members, U, total, vetoed, tie, ctx.arena);
  const rank = (fam: Family) => (keys ? rankByKeys(fam, keys, dense, ctx.arena) : rankFamily(fam, total, vetoed, tie, dense, ctx.arena));
  const all = rank(ctx.allFam);
  const groups = rank(ctx.groupFam);
  const pairs = rank(ctx.pairFam);
  if (keys) ctx.arena.free(keys.key);
  // all units' family is the units in order: its member ranks are the ranks by unit
  const rankAll = all.memberRank;
  const rankGroup = ctx.arena.i32(U, false);
  scatterRanks(groups, rankGroup);
  ctx.arena.keepLonger(rankGroup);

  const state: PeriodState = { t, key: ctx.keys[t], inds, total, vetoed, all, groups, pairs, rankAll, rankGroup, flags: [], won: [], missingAny, owned };
  awardFlags(ctx, state, year, keep);
  addYear(year.totalSum, total, year.vetoEver, vetoed);
  year.periods += 1;
  applyRules(ctx, state, year);
  return state;
}

function addYear(totalSum: Float64Array, total: Float64Array, vetoEver: Uint8Array, vetoed: Uint8Array): void {
  for (let u = 0; u < total.length; u++) {
    totalSum[u] += total[u];
    vetoEver[u] |= vetoed[u];
  }
}

export function familyOfScope(ctx: Ctx, scope: 'all' | 'group' | 'pair'): Family {
  return scope === 'all' ? ctx.allFam : scope === 'group' ? ctx.groupFam : ctx.pairFam;
}

/** The scope instance ids of a family, in the spec's order. */
export function instanceIds(ctx: Ctx, scope: 'all' | 'group' | 'pair'): string[] {
  return scope === 'all' ? ['all'] : scope === 'group' ? ctx.spec.groups.map((g) => g.id) : ctx.spec.pairs.map((p) => p.id);
}

function totalRanking(state: PeriodState, scope: 'all' | 'group' | 'pair'): FamilyRanking {
  return scope === 'all' ? state.all : scope === 'group' ? state.groups : state.pairs;
}

/**
 * Section 6: top flags first (bottom flags must know them), then bottom flags. Each instance's
 * flag goes to the few members at its top (or bottom) by rank, so only those are visited: from
 * the start (or the end) of the instance's order, while the rank is within the cut. A flag won
 * also counts in the year's tally.
 */
function awardFlags(ctx: Ctx, state: PeriodState, year: YearState, keep: boolean): void {
  const U = ctx.U;
  const dense = ctx.spec.campaign.ranking === 'dense';
  const rules = ctx.spec.flags;
  state.flags = new Array<FlagAward>(rules.length);
  state.won = rules.map(() => ctx.arena.u16(U));
  // top holders per (scope kind, figure), over the scope's family positions
  const topHeld = new Map<string, Uint8Array>();
  const order = rules.map((_, i) => i).sort((a, b) => (rules[a].award === rules[b].award ? a - b : rules[a].award === 'top' ? -1 : 1));
  for (const f of order) {
    const rule = rules[f];
    const fam = familyOfScope(ctx, rule.scope);
    const figure = rule.indicator === undefined ? state.total : state.inds[ctx.indIndex.get(rule.indicator) as number].score;
    // a period that is not presented needs only who holds a flag by an indicator's score; for one
    // per instance that is whoever ties for the best (or worst) figure, without ranking everyone
    const one = !keep && rule.indicator !== undefined && rule.count === 1;
    const ranking = rule.indicator === undefined ? totalRanking(state, rule.scope) : one ? null : rankFamily(fam, figure, state.vetoed, [], dense, ctx.arena);
    const holds = ctx.arena.u8(fam.members.length);
    const excluded = ctx.arena.u8(fam.members.length);
    const cut = ctx.arena.i32(fam.offsets.length - 1, false);
    const key = `${rule.scope}|${rule.indicator ?? ''}`;
    const min = rule.minTotal ? scaledThreshold(ctx, rule.minTotal.toRat()) : -Infinity;
    const max = rule.maxTotal ? scaledThreshold(ctx, rule.maxTotal.toRat()) : Infinity;
    const top = rule.award === 'top';
    let held = topHeld.get(key);
    if (top && !held) topHeld.set(key, (held = ctx.arena.u8(fam.members.length)));
    if (ranking === null) awardOne(fam, top, figure, state.vetoed, min, max, holds, held ?? NONE_HELD, state.won[f], year.tally[f]);
    else if (top) awardTop(ranking, rule.count, figure, state.vetoed, min, max, holds, excluded, cut, held as Uint8Array, state.won[f], year.tally[f]);
    // no top flag on this figure in this scope: nobody is excluded for holding one
    else awardBottom(ranking, rule.count, figure, min, max, holds, excluded, cut, held ?? NONE_HELD, state.won[f], year.tally[f]);
    ctx.arena.keepLonger(holds);
    state.flags[f] = { flag: f, ranking, holds, excluded, cut };
  }
}

const NONE_HELD = new Uint8Array(0);

/**
 * A flag with count 1 by a figure, without a ranking: in each instance, the members tied at the
 * best (top) or worst (bottom) place — by not vetoed first, then the figure, as rankFamily orders
 * them — are the ones awardTop / awardBottom would visit (rank ≤ the first member's rank, or ≥ the
 * last one's), and the same exclusions apply to them.
 */
function awardOne(fam: Family, top: boolean, figure: Float64Array, vetoed: Uint8Array, min: number, max: number, holds: Uint8Array, held: Uint8Array, won: Uint16Array, tally: Int32Array): void {
  const { offsets, members } = fam;
  const anyHeld = held.length > 0;
  // the bottom is the top of the reversed order
  const dir = top ? 1 : -1;
  for (let k = 0; k < offsets.length - 1; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    if (start === end) continue;
    let bestOk = (1 - vetoed[members[start]]) * dir;
    let bestFig = figure[members[start]] * dir;
    for (let p = start + 1; p < end; p++) {
      const u = members[p];
      const ok = (1 - vetoed[u]) * dir;
      const fig = figure[u] * dir;
      if (ok > bestOk || (ok === bestOk && fig > bestFig)) {
        bestOk = ok;
        bestFig = fig;
      }
    }
    for (let p = start; p < end; p++) {
      const u = members[p];
      if ((1 - vetoed[u]) * dir !== bestOk || figure[u] * dir !== bestFig) continue;
      if (top ? vetoed[u] === 1 : anyHeld && held[p] === 1) continue;
      if (figure[u] < min || figure[u] >= max) continue;
      holds[p] = 1;
      if (top) held[p] = 1;
      won[u] += 1;
      tally[u] += 1;
    }
  }
}

function awardTop(r: FamilyRanking, count: number, figure: Float64Array, vetoed: Uint8Array, min: number, max: number, holds: Uint8Array, excluded: Uint8Array, cut: Int32Array, held: Uint8Array, won: Uint16Array, tally: Int32Array): void {
  const { offsets, members } = r.fam;
  const { order, rankAt } = r;
  for (let k = 0; k < offsets.length - 1; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    const c = topCut(r, k, count);
    cut[k] = c;
    for (let q = start; q < end && rankAt[q] <= c; q++) {
      const p = order[q];
      const u = members[p];
      if (vetoed[u]) excluded[p] = EXCLUDED_VETOED;
      else if (figure[u] < min || figure[u] >= max) excluded[p] = EXCLUDED_THRESHOLD;
      else {
        holds[p] = 1;
        held[p] = 1;
        won[u] += 1;
        tally[u] += 1;
      }
    }
  }
}

function awardBottom(r: FamilyRanking, count: number, figure: Float64Array, min: number, max: number, holds: Uint8Array, excluded: Uint8Array, cut: Int32Array, held: Uint8Array, won: Uint16Array, tally: Int32Array): void {
  const { offsets, members } = r.fam;
  const { order, rankAt } = r;
  const anyHeld = held.length > 0;
  for (let k = 0; k < offsets.length - 1; k++) {
    const start = offsets[k];
    const end = offsets[k + 1];
    const c = bottomCut(r, k, count);
    cut[k] = c;
    for (let q = end - 1; q >= start && rankAt[q] >= c; q--) {
      const p = order[q];
      const u = members[p];
      if (anyHeld && held[p]) excluded[p] = EXCLUDED_TOP;
      else if (figure[u] < min || figure[u] >= max) excluded[p] = EXCLUDED_THRESHOLD;
      else {
        holds[p] = 1;
        won[u] += 1;
        tally[u] += 1;
      }
    }
  }
}

/**
 * The smallest scaled integer that is ≥ the threshold. Since scores are integers counting
 * 10^-precision, `score ≥ threshold` ⇔ `scaled ≥ ceil(threshold × 10^precision)`, exactly.
 */
function scaledThreshold(ctx: Ctx, threshold: Rat): number {
  const x = threshold.mul(Rat.int(ctx.precF));
  const q = x.n / x.d;
  const ceil = x.n > 0n && x.n % x.d !== 0n ? q + 1n : q;
  return Number(ceil);
}

/**
 * Section 8: does each rule's every condition hold this period? Streaks count consecutive
 * periods: every streak goes up by one, then each condition that fails resets it.
 */
function applyRules(ctx: Ctx, state: PeriodState, year: YearState): void {
  const U = ctx.U;
  ctx.spec.rules.forEach((rule, r) => {
    const w = rule.when;
    const streak = year.streak[r];
    // the first condition moves the streak on (one up where it holds, 0 elsewhere) in the same
    // pass; each further condition only resets it where it fails
    let first = true;
    const where8 = (cond: Uint8Array) => {
      if (first) incrementWhere8(streak, cond);
      else keepWhere8(streak, cond);
      first = false;
    };
    if (w.flag !== undefined) {
      incrementWhere16(streak, state.won[ctx.flagIndex.get(w.flag) as number]);
      first = false;
    }
    if (w.rank === 'bottom') {
      const atBottom = ctx.arena.tmpU8(U).fill(0);
      markBottom(totalRanking(state, w.scope), w.count, atBottom);
      where8(atBottom);
      ctx.arena.free(atBottom);
    }
    if (w.behindSchedule !== undefined) {
      const behind = behindAny(ctx, state, w.behindSchedule);
      where8(behind);
      ctx.arena.free(behind);
    }
    if (w.missing) where8(state.missingAny);
    if (w.vetoed) where8(state.vetoed);
    if (first) increment(streak);
  });
}

function increment(a: Int32Array): void {
  for (let u = 0; u < a.length; u++) a[u] += 1;
}

// (c + 255) >> 8 is 1 for any c > 0 and 0 for 0: a condition as a factor, in integer arithmetic
// (a comparison turned into a number costs a branch per unit in V8)

/** streak + 1 where cond is set, else 0 */
function incrementWhere8(streak: Int32Array, cond: Uint8Array): void {
  for (let u = 0; u < streak.length; u++) streak[u] = (streak[u] + 1) * ((cond[u] + 255) >> 8);
}

function incrementWhere16(streak: Int32Array, cond: Uint16Array): void {
  for (let u = 0; u < streak.length; u++) streak[u] = (streak[u] + 1) * ((cond[u] + 65535) >> 16);
}

/** streak stays where cond is set, else 0 */
function keepWhere8(streak: Int32Array, cond: Uint8Array): void {
  for (let u = 0; u < streak.length; u++) streak[u] *= (cond[u] + 255) >> 8;
}

/** Marks the units at the bottom `count` places of each instance (by the order, from its end). */
function markBottom(r: FamilyRanking, count: number, into: Uint8Array): void {
  const { offsets, members } = r.fam;
  for (let k = 0; k < offsets.length - 1; k++) {
    const c = bottomCut(r, k, count);
    for (let q = offsets[k + 1] - 1; q >= offsets[k] && r.rankAt[q] >= c; q--) into[members[r.order[q]]] = 1;
  }
}

export function scheduleIndicators(ctx: Ctx, which: true | string[]): number[] {
  return ctx.inds
    .filter((ic) => ic.ind.input === 'value' && ic.ind.method === 'schedule' && (which === true || which.includes(ic.ind.id)))
    .map((ic) => ic.index);
}

/** 1 where behind schedule on any of the indicators (a scratch array: give it back) */
function behindAny(ctx: Ctx, state: PeriodState, which: true | string[]): Uint8Array {
  const out = ctx.arena.tmpU8(ctx.U);
  const inds = scheduleIndicators(ctx, which);
  if (inds.length === 0) return out.fill(0);
  out.set(state.inds[inds[0]].behind as Uint8Array);
  for (let k = 1; k < inds.length; k++) orInto(out, state.inds[inds[k]].behind as Uint8Array);
  return out;
}

function orInto(out: Uint8Array, b: Uint8Array): void {
  for (let u = 0; u < out.length; u++) out[u] |= b[u];
}

export type { FlagRule };
