// Builds section 10's result for one period from the computed state. Field order follows the
// contract's example so that the JSON reads the way the contract does.
import { Rat, scaledToNumber } from '../decimal.ts';
import type { ActionResult, CategoryResult, FlagResult, IndicatorResult, PairResult, PeriodResult, UnitResult, ValueIndicatorResult } from '../results.ts';
import { baseFloat, baseRat, idOrder, targetFloat, targetRat, type Ctx, type IndicatorCtx } from './context.ts';
import { explainFlags, explainIndicator, explainRank, explainRules, explainSummary, fmtScaled } from './explain.ts';
import type { PeriodState, TotalRanks, YearState } from './period.ts';
import { ruleMatches } from './rules.ts';
import { instanceIds } from './scopes.ts';
import { rankFamily, scatterRanks } from './ranking.ts';
import { roundOrNaN } from './fast.ts';
import { actionReason } from './reasons.ts';
import { expectedRat, ratioRat, ytdRat, type IndicatorPeriod } from './scoring.ts';
import { summarize } from './summary.ts';

function r4(r: Rat): number {
  return scaledToNumber(r.roundScaled(4), 4);
}

/** A double shown at 4 decimals when floating point can decide the rounding, else NaN. */
function f4(x: number): number {
  const v = roundOrNaN(x * 1e4);
  return v === v ? v / 1e4 : NaN;
}

export function present(ctx: Ctx, st: PeriodState, year: YearState, prev: PeriodState | null, explain: boolean): PeriodResult {
  const { spec, U } = ctx;
  // a presented period is ranked, and so is the one before it (see evaluatePeriod's `ranked`)
  const ranks = st.ranks as TotalRanks;
  const prevRankGroup = prev ? (prev.ranks as TotalRanks).rankGroup : null;
  const prec = ctx.prec;
  const num = (v: number) => scaledToNumber(v, prec);
  const dense = spec.campaign.ranking === 'dense';

  // per indicator ranks (value and score inputs), by the indicator's score alone
  const indRankAll: (Int32Array | null)[] = ctx.inds.map(() => null);
  const indRankGroup: (Int32Array | null)[] = ctx.inds.map(() => null);
  for (const ic of ctx.inds) {
    if (!ic.ranked) continue;
    const score = st.inds[ic.index].score;
    const a = new Int32Array(U);
    const g = new Int32Array(U);
    // (1.1) among the units the indicator applies to
    scatterRanks(rankFamily(ic.fams?.all ?? ctx.allFam, score, st.vetoed, [], dense), a);
    scatterRanks(rankFamily(ic.fams?.group ?? ctx.groupFam, score, st.vetoed, [], dense), g);
    indRankAll[ic.index] = a;
    indRankGroup[ic.index] = g;
  }

  // (1.1) category subtotals and their ranks (section 4a), without tie_break
  const cats = ctx.layout.categories.map((c) => {
    const score = new Float64Array(U);
    for (const i of c.inds) {
      const sc = st.inds[i].score;
      for (let u = 0; u < U; u++) score[u] += sc[u];
    }
    const all = new Int32Array(U);
    const group = new Int32Array(U);
    scatterRanks(rankFamily(c.all, score, st.vetoed, [], dense), all);
    scatterRanks(rankFamily(c.group, score, st.vetoed, [], dense), group);
    return { name: c.name, has: c.has, score, all, group };
  });

  const sum = summarize(ctx, st, year);
  // units by rank.all, then id
  const ids = idOrder(ctx);
  const packed = new Float64Array(U);
  for (let u = 0; u < U; u++) packed[u] = ranks.rankAll[u] * U + ids[u];
  packed.sort();
  const byId = new Int32Array(U);
  for (let u = 0; u < U; u++) byId[ids[u]] = u;
  const order = new Array<number>(U);
  const pos = new Int32Array(U);
  for (let k = 0; k < U; k++) {
    const u = byId[packed[k] % U];
    order[k] = u;
    pos[u] = k;
  }
  const byOrder = (list: number[]) => list.sort((a, b) => pos[a] - pos[b]);

  // Objects keyed by indicator and flag ids start as copies of a template holding every key in
  // order: filling existing keys is much cheaper than growing 30-key objects one key at a time.
  // (1.1) a unit's indicators are those that apply to it: one template per set of them (groups
  // with the same set share one, so that their units' objects share one shape)
  const bySet = new Map<string, Record<string, IndicatorResult | null>>();
  const indicatorTemplates = spec.groups.map((g) => {
    const ids = ctx.inds.filter((ic) => ic.ind.appliesTo === undefined || ic.ind.appliesTo.includes(g.id)).map((ic) => ic.ind.id);
    const sig = ids.join('\u0000');
    let t = bySet.get(sig);
    if (!t) {
      t = {};
      for (const id of ids) t[id] = null;
      bySet.set(sig, t);
    }
    return t;
  });
  const categoryTemplate: Record<string, CategoryResult | null> = {};
  for (const c of cats) categoryTemplate[c.name] = null;
  const everyCategory = cats.every((c) => c.has === null);
  const tallyTemplate: Record<string, number> = {};
  for (const f of spec.flags) tallyTemplate[f.id] = 0;

  const units: UnitResult[] = order.map((u) => {
    const rankPairs: Record<string, number> = {};
    const up = ctx.unitPairs;
    for (let j = up.offsets[u]; j < up.offsets[u + 1]; j++) rankPairs[spec.pairs[up.pair[j]].id] = ranks.pairs.memberRank[up.pos[j]];
    const flags: string[] = [];
    const tally: Record<string, number> = { ...tallyTemplate };
    for (let i = 0; i < spec.flags.length; i++) {
      const id = spec.flags[i].id;
      if (st.won[i][u] > 0) flags.push(id);
      tally[id] = year.tally[i][u];
    }
    const indicators = { ...indicatorTemplates[ctx.unitGroup[u]] } as Record<string, IndicatorResult>;
    for (let i = 0; i < ctx.inds.length; i++) {
      const ic = ctx.inds[i];
      if (ic.applies !== null && ic.applies[u] === 0) continue;
      const p = st.inds[i];
      const res = ic.ranked
        ? valueResult(ctx, ic, p, st, u, num, (indRankAll[i] as Int32Array)[u], (indRankGroup[i] as Int32Array)[u])
        : { events: (p.events as Float64Array)[u], score: num(p.score[u]) };
      if (explain) (res as { explain?: unknown }).explain = explainIndicator(ctx, ic, p, u, st.t);
      indicators[ic.ind.id] = res;
    }
    const unit: UnitResult = {
      unit: ctx.unitIds[u],
      group: spec.units[u].group,
      total: num(st.total[u]),
      vetoed: st.vetoed[u] === 1,
      rank: { all: ranks.rankAll[u], group: ranks.rankGroup[u], pairs: rankPairs },
      delta: prevRankGroup ? prevRankGroup[u] - ranks.rankGroup[u] : null,
      flags,
      tally,
      indicators,
    };
    if (cats.length > 0) {
      const categories = (everyCategory ? { ...categoryTemplate } : {}) as Record<string, CategoryResult>;
      for (const c of cats) {
        if (c.has !== null && c.has[u] === 0) continue;
        categories[c.name] = { score: num(c.score[u]), rank: { all: c.all[u], group: c.group[u] } };
      }
      unit.categories = categories;
    }
    if (sum && spec.summary) {
      unit.summary = {
        score: num(sum.score[u]),
        vetoed: sum.vetoed[u] === 1,
        rank: { all: sum.rankAll[u], group: sum.rankGroup[u] },
      };
      if (spec.summary.grades.length > 0) {
        const g = sum.grade[u];
        unit.summary.grade = g === null ? null : spec.summary.grades[g].id;
      }
      if (explain) unit.summary.explain = explainSummary(ctx, sum, st, year.periods, year.tally, year.eventNet, u);
    }
    if (explain) unit.explain = { rank: explainRank(ctx, st, u), flags: explainFlags(ctx, st, u), rules: explainRules(ctx, st, year, u) };
    return unit;
  });

  const pairs: PairResult[] = spec.pairs.map((p, pi) => {
    const rk = ranks.pairs;
    const start = ctx.pairFam.offsets[pi];
    const n = ctx.pairFam.offsets[pi + 1] - start;
    const first = ctx.pairFam.members[rk.order[start]];
    const second = n > 1 ? ctx.pairFam.members[rk.order[start + 1]] : -1;
    const shared = second >= 0 && rk.rankAt[start + 1] === rk.rankAt[start];
    const winner = shared ? null : ctx.unitIds[first];
    let margin: number | null;
    if (shared) margin = 0;
    else if (second < 0) margin = null;
    else if (st.vetoed[second] && !st.vetoed[first]) margin = null;
    else margin = num(st.total[first] - st.total[second]);
    const res: PairResult = { pair: p.id, units: p.units.slice(), winner, margin };
    if (explain) {
      const a = spec.units[first].name;
      res.explain = shared
        ? { code: 'pair.shared', zh: '并列第一，无胜者', en: 'first place shared: no winner' }
        : margin === null
          ? { code: 'pair.veto', zh: `${a}胜出：对方被一票否决`, en: `${a} wins: the other side is vetoed` }
          : { code: 'pair.margin', formula: `${fmtScaled(ctx, st.total[first])} − ${fmtScaled(ctx, st.total[second])} = ${fmtScaled(ctx, st.total[first] - st.total[second])}`, zh: `${a}领先 ${fmtScaled(ctx, st.total[first] - st.total[second])} 分`, en: `${a} leads by ${fmtScaled(ctx, st.total[first] - st.total[second])}` };
    }
    return res;
  });

  const flags: FlagResult[] = [];
  spec.flags.forEach((rule, f) => {
    const award = st.flags[f];
    const fam = award.fam;
    const before = prev ? prev.flags[f] : null;
    instanceIds(ctx, rule.scope).forEach((scope, k) => {
      const holders: number[] = [];
      const previous: number[] = [];
      for (let p = fam.offsets[k]; p < fam.offsets[k + 1]; p++) {
        if (award.holds[p]) holders.push(fam.members[p]);
        if (before && before.holds[p]) previous.push(fam.members[p]);
      }
      byOrder(holders);
      const res: FlagResult = { flag: rule.id, scope, holders: holders.map((u) => ctx.unitIds[u]) };
      if (rule.mobile) {
        byOrder(previous);
        res.previous = previous.map((u) => ctx.unitIds[u]);
        res.kept = holders.filter((u) => previous.includes(u)).map((u) => ctx.unitIds[u]);
        res.lost = previous.filter((u) => !holders.includes(u)).map((u) => ctx.unitIds[u]);
      }
      flags.push(res);
    });
  });

  const actions: ActionResult[] = [];
  spec.rules.forEach((rule, r) => {
    const streak = year.streak[r];
    for (const u of order) {
      if (!ruleMatches(rule, st.key, streak[u])) continue;
      const reason = actionReason(ctx, st, rule, u);
      const a: ActionResult = { rule: rule.id, action: rule.action, unit: ctx.unitIds[u], period: st.key, reason: reason.zh };
      if (explain) a.explain = reason;
      actions.push(a);
    }
  });

  return { campaign: spec.campaign.id, period: st.key, units, pairs, flags, actions };
}

/**
 * One value or score indicator's result. Each case is one object literal, so that every result of
 * a kind shares one shape (this is the hot path of presenting 100,000 units), with the keys in
 * the contract's order and only the keys the contract gives that case.
 */
function valueResult(ctx: Ctx, ic: IndicatorCtx, p: IndicatorPeriod, st: PeriodState, u: number, num: (v: number) => number, all: number, group: number): IndicatorResult {
  const ind = ic.ind;
  const missing = p.missing[u] === 1;
  const fig = ctx.data.figures[ic.index];
  const idx = st.t * ctx.U + u;
  const value = missing ? null : scaledToNumber(fig.big ? (fig.big[idx] as bigint) : fig.mant[idx], fig.scale);
  const score = num(p.score[u]);
  const rank = { all, group };
  if (ind.input !== 'value') return { value, score, missing, rank };
  const ytd = missing ? null : scaledToNumber(p.ytdBig ? (p.ytdBig[u] as bigint) : (p.ytd as Float64Array)[u], fig.scale);
  if (ind.method !== 'completion' && ind.method !== 'schedule') return { value, ytd, score, missing, rank };
  const tF = targetFloat(ctx, ic, u);
  let v = f4(tF);
  const target = v === v ? v : r4(targetRat(ctx, ic, u));
  const eF = ind.method === 'schedule' ? (tF * (st.t + 1)) / ctx.perYear : tF;
  let ratio = 0;
  if (!missing) {
    const yF = (p.ytd as Float64Array)[u] / ic.unitF;
    const rF = ind.direction === 'higher' ? yF / eF : yF <= 0 ? ic.capF : eF / yF;
    v = p.ytdBig ? NaN : f4(rF);
    ratio = v === v ? v : r4(ratioRat(ctx, ic, ind, ytdRat(ic, p, u) as Rat, u, st.t));
  }
  if (ind.method === 'completion') {
    const res: ValueIndicatorResult = missing ? { value, ytd, target, score, missing, rank } : { value, ytd, target, ratio, score, missing, rank };
    return ind.base ? withBase(ctx, ic, p, u, res, missing) : res;
  }
  v = f4(eF);
  const expected = v === v ? v : r4(expectedRat(ctx, ic, u, st.t));
  if (missing) {
    const res: ValueIndicatorResult = { value, ytd, target, expected, score, missing, rank };
    return ind.base ? withBase(ctx, ic, p, u, res, missing) : res;
  }
  const ahead = (p.behind as Uint8Array)[u] === 0;
  const res: ValueIndicatorResult = { value, ytd, target, expected, ratio, score, missing, ahead, rank };
  return ind.base ? withBase(ctx, ic, p, u, res, missing) : res;
}

/** (1.1) `base` (4 decimals) and, when not missing, `below_base`. */
function withBase(ctx: Ctx, ic: IndicatorCtx, p: IndicatorPeriod, u: number, res: ValueIndicatorResult, missing: boolean): ValueIndicatorResult {
  const b = f4(baseFloat(ctx, ic, u));
  res.base = b === b ? b : r4(baseRat(ctx, ic, u));
  if (!missing) res.below_base = (p.below as Uint8Array)[u] === 1;
  return res;
}
