// One evaluated period: scores, totals, ranks, flags and rule conditions (sections 3–6, 8), plus
// the running state of the year they feed (tallies, streaks, summary sums).
import type { Spec } from '../model.ts';
import type { Ctx } from './context.ts';
import type { Arr, Owned } from './arena.ts';
import { awardFlags } from './flags.ts';
import { rankByKeys, rankByOverall, rankFamily, rankKeys, scatterRanks, type Family, type FamilyRanking, type RankKeys } from './ranking.ts';
import { applyRules } from './rules.ts';
import { familyOfScope } from './scopes.ts';
import { advanceRun, newRun, newShared, scoreIndicator, type IndicatorPeriod, type IndicatorRun, type PeriodSums, type Shared } from './scoring.ts';

/** One flag rule applied in every instance of its scope, stored flat over the scope's family. */
export interface FlagAward {
  flag: number;
  /** the family the flag works on (see flagFamily): positions below are into its members */
  fam: Family;
  /** null, with `cut` and `excluded` left empty, in a period that is not presented when the flag
   * went to one unit per instance without a ranking (see awardOne) */
  ranking: FamilyRanking | null;
  /** per family position: 1 when that member holds the flag */
  holds: Uint8Array;
  /** per family position: EXCLUDED_* when the rank fitted but the flag was withheld */
  excluded: Uint8Array;
  /** per instance: the rank cut (top: rank ≤ cut; bottom: rank ≥ cut) */
  cut: Int32Array;
}

/** A period's rankings of totals (section 5): all units, each group, each pair. */
export interface TotalRanks {
  all: FamilyRanking;
  groups: FamilyRanking;
  pairs: FamilyRanking;
  rankAll: Int32Array;
  rankGroup: Int32Array;
}

/**
 * A period without rankings of totals: each unit's ranking key of its total (rankKeys, exact: a
 * larger key is better, equal keys are equal in every criterion, vetoed units have the lowest),
 * and per scope each instance's highest and lowest key, found in one pass when first asked for
 * and shared by the flags and rules on that scope: the units at an instance's top (bottom) place
 * are those whose key is its highest (lowest).
 */
export interface Unranked {
  key: Float64Array;
  extremes(scope: 'all' | 'group' | 'pair'): KeyExtremes;
}

export interface KeyExtremes {
  /** per instance of the scope's family (-Infinity / Infinity for an empty one) */
  hi: Float64Array;
  lo: Float64Array;
}

export interface PeriodState {
  t: number;
  key: string;
  inds: IndicatorPeriod[];
  total: Float64Array;
  vetoed: Uint8Array;
  /** null in a period whose rankings of totals nobody reads (see evaluatePeriod's `ranked`) */
  ranks: TotalRanks | null;
  /** in a period without rankings of totals, while it is evaluated: what flags and rules on
   * totals read instead (see Unranked); null otherwise */
  unranked: Unranked | null;
  /** per flag rule */
  flags: FlagAward[];
  /** per flag rule: instances won by each unit this period */
  won: Uint16Array[];
  missingAny: Uint8Array;
  /** the typed arrays this state owns (see arena.ts); once the next period is evaluated, only
   * ranks.rankGroup and the flags' holds are left (what a result reads of its previous period) */
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
  /** the evaluated periods so far, in order (period indices) */
  evaluated: number[];
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
  for (const f of ctx.spec.flags) {
    if (f.indicator !== undefined) readAfterScoring.add(ctx.indIndex.get(f.indicator) as number);
    for (const id of f.tieBreak ?? []) readAfterScoring.add(ctx.indIndex.get(id) as number);
  }
  return {
    runs: ctx.inds.map((ic, i) => newRun(ctx, ic, readAfterScoring.has(i))),
    tally: ctx.spec.flags.map(() => ctx.arena.yearI32(U)),
    eventNet: ctx.arena.yearF64(U),
    totalSum: ctx.arena.yearF64(U),
    periods: 0,
    evaluated: [],
    vetoEver: ctx.arena.yearU8(U),
    streak: ctx.spec.rules.map(() => ctx.arena.yearI32(U)),
    advancedTo: 0,
    shared: newShared(ctx),
  };
}

/**
 * Evaluates period t (after every earlier period that is evaluated). `keep`: the indicators'
 * results are kept for presenting this period; otherwise only what later periods and the
 * period's own rankings, flags and rules read (see scoring.ts IndicatorRun). `ranked`: the
 * rankings of totals are read after the period is evaluated (it is presented, or the next
 * evaluated period is: its rank deltas read this one's group ranks); otherwise, when the spec's
 * flags and rules on totals each want one unit per instance (oneByTotals), the period is not
 * ranked at all and they take each instance's best or worst key instead.
 */
export function evaluatePeriod(ctx: Ctx, year: YearState, t: number, keep = true, ranked = keep): PeriodState {
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
  const tie = ctx.tieBreak.map((i) => inds[i].score);
  // the three rankings of totals share one key per unit
  const keys = rankKeys(ctx.allFam.members, U, total, vetoed, tie, ctx.arena);
  const unranked = !ranked && keys !== null && keys.exact && oneByTotals(ctx.spec);
  const ranks = unranked ? null : rankTotals(ctx, total, vetoed, tie, keys);

  const scratch: Arr[] = [];
  const lean = unranked && keys ? unrankedOf(ctx, keys.key, scratch) : null;
  const state: PeriodState = { t, key: ctx.keys[t], inds, total, vetoed, ranks, unranked: lean, flags: [], won: [], missingAny, owned };
  awardFlags(ctx, state, year, keep);
  addYear(year.totalSum, total, year.vetoEver, vetoed);
  year.periods += 1;
  year.evaluated.push(t);
  applyRules(ctx, state, year);
  state.unranked = null;
  if (keys) ctx.arena.free(keys.key);
  for (const a of scratch) ctx.arena.free(a);
  return state;
}

/** The keys of a period without rankings, and its extremes per scope, made on first use (scratch arrays go to `scratch`). */
function unrankedOf(ctx: Ctx, key: Float64Array, scratch: Arr[]): Unranked {
  const made = new Map<string, KeyExtremes>();
  return {
    key,
    extremes(scope) {
      let e = made.get(scope);
      if (!e) {
        const fam = familyOfScope(ctx, scope);
        const S = fam.offsets.length - 1;
        e = { hi: ctx.arena.tmpF64(S), lo: ctx.arena.tmpF64(S) };
        scratch.push(e.hi, e.lo);
        keyExtremes(fam, key, e.hi, e.lo);
        made.set(scope, e);
      }
      return e;
    },
  };
}

function keyExtremes(fam: Family, key: Float64Array, hi: Float64Array, lo: Float64Array): void {
  const { offsets, members } = fam;
  for (let k = 0; k < offsets.length - 1; k++) {
    let h = -Infinity;
    let l = Infinity;
    for (let q = offsets[k]; q < offsets[k + 1]; q++) {
      const v = key[members[q]];
      h = v > h ? v : h;
      l = v < l ? v : l;
    }
    hi[k] = h;
    lo[k] = l;
  }
}

/**
 * Every flag and rule on totals wants the one best or worst unit of each instance (count 1, the
 * campaign's tie-break): the units tied at an instance's highest (lowest) exact key, found in one
 * pass, without ranking. Flags with a tie-break of their own, and flags on an indicator, rank
 * (or not) on their own.
 */
function oneByTotals(spec: Spec): boolean {
  return spec.flags.every((f) => f.indicator !== undefined || f.tieBreak !== undefined || f.count === 1) && spec.rules.every((r) => r.when.rank === undefined || r.when.count === 1);
}

/** The period's three rankings of totals, and each unit's overall and group rank. */
function rankTotals(ctx: Ctx, total: Float64Array, vetoed: Uint8Array, tie: Float64Array[], keys: RankKeys | null): TotalRanks {
  const dense = ctx.spec.campaign.ranking === 'dense';
  const rank = (fam: Family) => (keys ? rankByKeys(fam, keys, dense, ctx.arena) : rankFamily(fam, total, vetoed, tie, dense, ctx.arena));
  const all = rank(ctx.allFam);
  // groups: dealt from the overall order when the keys decide every criterion (one pass)
  const groups = keys?.exact ? rankByOverall(ctx.groupFam, ctx.unitGroup, ctx.unitGroupPos, all, keys, dense, ctx.arena) : rank(ctx.groupFam);
  const pairs = rank(ctx.pairFam);
  // all units' family is the units in order: its member ranks are the ranks by unit
  const rankAll = all.memberRank;
  const rankGroup = ctx.arena.i32(ctx.U, false);
  scatterRanks(groups, rankGroup);
  ctx.arena.keepLonger(rankGroup);
  return { all, groups, pairs, rankAll, rankGroup };
}

function addYear(totalSum: Float64Array, total: Float64Array, vetoEver: Uint8Array, vetoed: Uint8Array): void {
  for (let u = 0; u < total.length; u++) {
    totalSum[u] += total[u];
    vetoEver[u] |= vetoed[u];
  }
}

