// One evaluated period: scores, totals, ranks, flags and rule conditions (sections 3–6, 8), plus
// the running state of the year they feed (tallies, streaks, summary sums).
import { Rat } from '../decimal.ts';
import type { FlagRule } from '../model.ts';
import type { Ctx } from './context.ts';
import { bottomCut, rankFamily, scatterRanks, topCut, type Family, type FamilyRanking } from './ranking.ts';
import { advanceRun, newRun, scoreIndicator, type IndicatorPeriod, type IndicatorRun } from './scoring.ts';

/** Why a unit within the rank cut did not get a flag. */
export const EXCLUDED_VETOED = 1;
export const EXCLUDED_THRESHOLD = 2;
export const EXCLUDED_TOP = 3;

/** One flag rule applied in every instance of its scope, stored flat over the scope's family. */
export interface FlagAward {
  flag: number;
  ranking: FamilyRanking;
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
  /** the typed arrays this state owns (see arena.ts) */
  owned: ReturnType<Ctx['arena']['begin']>;
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
}

export function newYear(ctx: Ctx): YearState {
  const U = ctx.U;
  return {
    runs: ctx.inds.map((ic) => newRun(ctx, ic)),
    tally: ctx.spec.flags.map(() => new Int32Array(U)),
    eventNet: new Float64Array(U),
    totalSum: new Float64Array(U),
    periods: 0,
    vetoEver: new Uint8Array(U),
    streak: ctx.spec.rules.map(() => new Int32Array(U)),
    advancedTo: 0,
  };
}

export function evaluatePeriod(ctx: Ctx, year: YearState, t: number): PeriodState {
  const U = ctx.U;
  const owned = ctx.arena.begin();
  // running sums take every period up to t, evaluated or not (a skipped period has no figures)
  for (; year.advancedTo <= t; year.advancedTo++) {
    ctx.inds.forEach((ic, i) => advanceRun(ctx, ic, year.runs[i], year.advancedTo));
  }
  const inds = ctx.inds.map((ic, i) => scoreIndicator(ctx, ic, year.runs[i], t));
  const total = ctx.arena.f64(U);
  const vetoed = ctx.arena.u8(U);
  const missingAny = ctx.arena.u8(U);
  for (let i = 0; i < inds.length; i++) {
    const p = inds[i];
    const s = p.score;
    for (let u = 0; u < U; u++) total[u] += s[u];
    if (p.veto) for (let u = 0; u < U; u++) vetoed[u] |= p.veto[u];
    if (ctx.inds[i].ranked) for (let u = 0; u < U; u++) missingAny[u] |= p.missing[u];
    if (p.events) for (let u = 0; u < U; u++) year.eventNet[u] += s[u];
  }
  const dense = ctx.spec.campaign.ranking === 'dense';
  const tie = ctx.tieBreak.map((i) => inds[i].score);
  const all = rankFamily(ctx.allFam, total, vetoed, tie, dense, ctx.arena);
  const groups = rankFamily(ctx.groupFam, total, vetoed, tie, dense, ctx.arena);
  const pairs = rankFamily(ctx.pairFam, total, vetoed, tie, dense, ctx.arena);
  const rankAll = ctx.arena.i32(U);
  const rankGroup = ctx.arena.i32(U);
  scatterRanks(all, rankAll);
  scatterRanks(groups, rankGroup);

  const state: PeriodState = { t, key: ctx.keys[t], inds, total, vetoed, all, groups, pairs, rankAll, rankGroup, flags: [], won: [], missingAny, owned };
  awardFlags(ctx, state);
  for (let f = 0; f < state.won.length; f++) {
    const w = state.won[f];
    const tl = year.tally[f];
    for (let u = 0; u < U; u++) tl[u] += w[u];
  }
  for (let u = 0; u < U; u++) {
    year.totalSum[u] += total[u];
    year.vetoEver[u] |= vetoed[u];
  }
  year.periods += 1;
  applyRules(ctx, state, year);
  return state;
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

/** Section 6: top flags first (bottom flags must know them), then bottom flags. */
function awardFlags(ctx: Ctx, state: PeriodState): void {
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
    const ranking = rule.indicator === undefined ? totalRanking(state, rule.scope) : rankFamily(fam, figure, state.vetoed, [], dense, ctx.arena);
    const holds = ctx.arena.u8(fam.members.length);
    const excluded = ctx.arena.u8(fam.members.length);
    const instances = fam.offsets.length - 1;
    const cut = ctx.arena.i32(instances);
    const key = `${rule.scope}|${rule.indicator ?? ''}`;
    const min = rule.minTotal ? scaledThreshold(ctx, rule.minTotal.toRat()) : null;
    const max = rule.maxTotal ? scaledThreshold(ctx, rule.maxTotal.toRat()) : null;
    let held = topHeld.get(key);
    if (rule.award === 'top' && !held) topHeld.set(key, (held = ctx.arena.u8(fam.members.length)));
    for (let k = 0; k < instances; k++) {
      const c = rule.award === 'top' ? topCut(ranking, k, rule.count) : bottomCut(ranking, k, rule.count);
      cut[k] = c;
      for (let p = fam.offsets[k]; p < fam.offsets[k + 1]; p++) {
        const rank = ranking.memberRank[p];
        const u = fam.members[p];
        if (rule.award === 'top' ? rank > c : rank < c) continue;
        let why = 0;
        if (rule.award === 'top' && state.vetoed[u]) why = EXCLUDED_VETOED;
        else if (rule.award === 'bottom' && held && held[p]) why = EXCLUDED_TOP;
        else if ((min !== null && figure[u] < min) || (max !== null && figure[u] >= max)) why = EXCLUDED_THRESHOLD;
        if (why) {
          excluded[p] = why;
          continue;
        }
        holds[p] = 1;
        state.won[f][u] += 1;
        if (rule.award === 'top') (held as Uint8Array)[p] = 1;
      }
    }
    state.flags[f] = { flag: f, ranking, holds, excluded, cut };
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

/** Section 8: does each rule's every condition hold this period? Streaks count consecutive periods. */
function applyRules(ctx: Ctx, state: PeriodState, year: YearState): void {
  const U = ctx.U;
  ctx.spec.rules.forEach((rule, r) => {
    const w = rule.when;
    const cond = ctx.arena.u8(U).fill(1);
    if (w.flag !== undefined) {
      const won = state.won[ctx.flagIndex.get(w.flag) as number];
      for (let u = 0; u < U; u++) if (!won[u]) cond[u] = 0;
    }
    if (w.rank === 'bottom') {
      const atBottom = ctx.arena.u8(U);
      const rk = totalRanking(state, w.scope);
      const fam = rk.fam;
      for (let k = 0; k < fam.offsets.length - 1; k++) {
        const c = bottomCut(rk, k, w.count);
        for (let p = fam.offsets[k]; p < fam.offsets[k + 1]; p++) if (rk.memberRank[p] >= c) atBottom[fam.members[p]] = 1;
      }
      for (let u = 0; u < U; u++) if (!atBottom[u]) cond[u] = 0;
    }
    if (w.behindSchedule !== undefined) {
      const behind = behindAny(ctx, state, w.behindSchedule);
      for (let u = 0; u < U; u++) if (!behind[u]) cond[u] = 0;
    }
    if (w.missing) for (let u = 0; u < U; u++) if (!state.missingAny[u]) cond[u] = 0;
    if (w.vetoed) for (let u = 0; u < U; u++) if (!state.vetoed[u]) cond[u] = 0;
    const streak = year.streak[r];
    for (let u = 0; u < U; u++) streak[u] = cond[u] ? streak[u] + 1 : 0;
  });
}

export function scheduleIndicators(ctx: Ctx, which: true | string[]): number[] {
  return ctx.inds
    .filter((ic) => ic.ind.input === 'value' && ic.ind.method === 'schedule' && (which === true || which.includes(ic.ind.id)))
    .map((ic) => ic.index);
}

function behindAny(ctx: Ctx, state: PeriodState, which: true | string[]): Uint8Array {
  const out = ctx.arena.u8(ctx.U);
  for (const i of scheduleIndicators(ctx, which)) {
    const b = state.inds[i].behind as Uint8Array;
    for (let u = 0; u < ctx.U; u++) out[u] |= b[u];
  }
  return out;
}

export type { FlagRule };
