// One evaluated period: scores, totals, ranks, flags and rule conditions (sections 3–6, 8), plus
// the running state of the year they feed (tallies, streaks, summary sums).
import { Rat } from '../decimal.ts';
import type { FlagRule } from '../model.ts';
import type { Ctx } from './context.ts';
import { bottomCut, rankMembers, scatterRanks, topCut, type Ranking } from './ranking.ts';
import { advanceRun, newRun, scoreIndicator, type IndicatorPeriod, type IndicatorRun } from './scoring.ts';

export interface FlagInstance {
  flag: number;
  /** `all`, a group id or a pair id */
  scope: string;
  members: Int32Array;
  ranking: Ranking;
  holders: number[];
  /** rank cut that decided the flag (top: rank ≤ cut; bottom: rank ≥ cut) */
  cut: number;
  /** units excluded: [unit, reason code] */
  excluded: Map<number, 'vetoed' | 'threshold' | 'top'>;
}

export interface PeriodState {
  t: number;
  key: string;
  inds: IndicatorPeriod[];
  total: Float64Array;
  vetoed: Uint8Array;
  all: Ranking;
  groups: Ranking[];
  pairs: Ranking[];
  rankAll: Int32Array;
  rankGroup: Int32Array;
  /** per flag rule: its instances */
  flags: FlagInstance[][];
  /** per flag rule: instances won by each unit this period */
  won: Uint16Array[];
  missingAny: Uint8Array;
  /** per rule: 1 where every condition held this period */
  cond: Uint8Array[];
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
  prev: PeriodState | null;
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
    prev: null,
  };
}

export function evaluatePeriod(ctx: Ctx, year: YearState, t: number): PeriodState {
  const U = ctx.U;
  // running sums take every period up to t, evaluated or not (a skipped period has no figures)
  for (; year.advancedTo <= t; year.advancedTo++) {
    ctx.inds.forEach((ic, i) => advanceRun(ctx, ic, year.runs[i], year.advancedTo));
  }
  const inds = ctx.inds.map((ic, i) => scoreIndicator(ctx, ic, year.runs[i], t));
  const total = new Float64Array(U);
  const vetoed = new Uint8Array(U);
  const missingAny = new Uint8Array(U);
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
  const all = rankMembers(ctx.allMembers, total, vetoed, tie, dense);
  const groups = ctx.groupMembers.map((m) => rankMembers(m, total, vetoed, tie, dense));
  const pairs = ctx.pairMembers.map((m) => rankMembers(m, total, vetoed, tie, dense));
  const rankAll = new Int32Array(U);
  const rankGroup = new Int32Array(U);
  scatterRanks(all, rankAll);
  for (const g of groups) scatterRanks(g, rankGroup);

  const state: PeriodState = {
    t, key: ctx.keys[t], inds, total, vetoed, all, groups, pairs, rankAll, rankGroup,
    flags: [], won: [], missingAny, cond: [],
  };
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

function instancesOf(ctx: Ctx, state: PeriodState, rule: FlagRule): { scope: string; members: Int32Array; ranking: Ranking }[] {
  if (rule.scope === 'all') return [{ scope: 'all', members: ctx.allMembers, ranking: state.all }];
  if (rule.scope === 'group') return ctx.spec.groups.map((g, i) => ({ scope: g.id, members: ctx.groupMembers[i], ranking: state.groups[i] }));
  return ctx.spec.pairs.map((p, i) => ({ scope: p.id, members: ctx.pairMembers[i], ranking: state.pairs[i] }));
}

function figureOf(ctx: Ctx, state: PeriodState, rule: FlagRule): Float64Array {
  return rule.indicator === undefined ? state.total : state.inds[ctx.indIndex.get(rule.indicator) as number].score;
}

/** value (scaled) ≥ threshold, exactly */
function atLeast(ctx: Ctx, scaled: number, threshold: Rat): boolean {
  return Rat.of(BigInt(scaled), BigInt(ctx.precF)).cmp(threshold) >= 0;
}

/** Section 6: top flags first (bottom flags must know them), then bottom flags. */
function awardFlags(ctx: Ctx, state: PeriodState): void {
  const U = ctx.U;
  const dense = ctx.spec.campaign.ranking === 'dense';
  const rules = ctx.spec.flags;
  state.flags = rules.map(() => []);
  state.won = rules.map(() => new Uint16Array(U));
  // top holders per (scope kind, figure, instance)
  const topHeld = new Map<string, Set<number>>();
  const order = rules.map((_, i) => i).sort((a, b) => (rules[a].award === rules[b].award ? a - b : rules[a].award === 'top' ? -1 : 1));
  for (const f of order) {
    const rule = rules[f];
    const figure = figureOf(ctx, state, rule);
    for (const inst of instancesOf(ctx, state, rule)) {
      const ranking = rule.indicator === undefined ? inst.ranking : rankMembers(inst.members, figure, state.vetoed, [], dense);
      const holders: number[] = [];
      const excluded = new Map<number, 'vetoed' | 'threshold' | 'top'>();
      const key = `${rule.scope}|${rule.indicator ?? ''}|${inst.scope}`;
      let cut: number;
      if (rule.award === 'top') {
        cut = topCut(ranking, rule.count);
        for (let k = 0; k < ranking.order.length && ranking.rankAt[k] <= cut; k++) {
          const u = ranking.order[k];
          if (state.vetoed[u]) excluded.set(u, 'vetoed');
          else if (!passes(ctx, rule, figure[u])) excluded.set(u, 'threshold');
          else holders.push(u);
        }
        let held = topHeld.get(key);
        if (!held) topHeld.set(key, (held = new Set()));
        for (const u of holders) held.add(u);
      } else {
        cut = bottomCut(ranking, rule.count);
        const held = topHeld.get(key);
        for (let k = 0; k < ranking.order.length; k++) {
          if (ranking.rankAt[k] < cut) continue;
          const u = ranking.order[k];
          if (held?.has(u)) excluded.set(u, 'top');
          else if (!passes(ctx, rule, figure[u])) excluded.set(u, 'threshold');
          else holders.push(u);
        }
      }
      for (const u of holders) state.won[f][u] += 1;
      state.flags[f].push({ flag: f, scope: inst.scope, members: inst.members, ranking, holders, cut, excluded });
    }
  }
}

function passes(ctx: Ctx, rule: FlagRule, scaled: number): boolean {
  if (rule.minTotal && !atLeast(ctx, scaled, rule.minTotal.toRat())) return false;
  if (rule.maxTotal && atLeast(ctx, scaled, rule.maxTotal.toRat())) return false;
  return true;
}

/** Section 8: does each rule's every condition hold this period? Streaks count consecutive periods. */
function applyRules(ctx: Ctx, state: PeriodState, year: YearState): void {
  const U = ctx.U;
  state.cond = ctx.spec.rules.map((rule, r) => {
    const w = rule.when;
    const cond = new Uint8Array(U).fill(1);
    if (w.flag !== undefined) {
      const won = state.won[ctx.flagIndex.get(w.flag) as number];
      for (let u = 0; u < U; u++) if (!won[u]) cond[u] = 0;
    }
    if (w.rank === 'bottom') {
      const atBottom = new Uint8Array(U);
      const mark = (rk: Ranking) => {
        const cut = bottomCut(rk, w.count);
        for (let k = 0; k < rk.order.length; k++) if (rk.rankAt[k] >= cut) atBottom[rk.order[k]] = 1;
      };
      if (w.scope === 'all') mark(state.all);
      else if (w.scope === 'group') state.groups.forEach(mark);
      else state.pairs.forEach(mark);
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
    return cond;
  });
}

export function scheduleIndicators(ctx: Ctx, which: true | string[]): number[] {
  return ctx.inds
    .filter((ic) => ic.ind.input === 'value' && ic.ind.method === 'schedule' && (which === true || which.includes(ic.ind.id)))
    .map((ic) => ic.index);
}

function behindAny(ctx: Ctx, state: PeriodState, which: true | string[]): Uint8Array {
  const out = new Uint8Array(ctx.U);
  for (const i of scheduleIndicators(ctx, which)) {
    const b = state.inds[i].behind as Uint8Array;
    for (let u = 0; u < ctx.U; u++) out[u] |= b[u];
  }
  return out;
}
