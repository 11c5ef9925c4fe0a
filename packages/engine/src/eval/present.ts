// Builds section 10's result for one period from the computed state. Field order follows the
// contract's example so that the JSON reads the way the contract does.
import { Rat, scaledToNumber } from '../decimal.ts';
import type { ActionResult, FlagResult, IndicatorResult, PairResult, PeriodResult, UnitResult } from '../results.ts';
import type { Ctx } from './context.ts';
import { explainFlags, explainIndicator, explainRank, explainSummary, fmtScaled } from './explain.ts';
import type { PeriodState, YearState } from './period.ts';
import { rankMembers, scatterRanks } from './ranking.ts';
import { actionReason } from './reasons.ts';
import { expectedRat, ratioRat, ytdRat } from './scoring.ts';
import { summarize } from './summary.ts';

function r4(r: Rat): number {
  return scaledToNumber(r.roundScaled(4), 4);
}

export function present(ctx: Ctx, st: PeriodState, year: YearState, prev: PeriodState | null, explain: boolean): PeriodResult {
  const { spec, U } = ctx;
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
    scatterRanks(rankMembers(ctx.allMembers, score, st.vetoed, [], dense), a);
    for (const m of ctx.groupMembers) scatterRanks(rankMembers(m, score, st.vetoed, [], dense), g);
    indRankAll[ic.index] = a;
    indRankGroup[ic.index] = g;
  }

  const sum = summarize(ctx, st, year);
  // units by rank.all, then id
  const order = Array.from(ctx.allMembers).sort((a, b) => st.rankAll[a] - st.rankAll[b] || ctx.idOrder[a] - ctx.idOrder[b]);
  const pos = new Int32Array(U);
  order.forEach((u, k) => (pos[u] = k));
  const byOrder = (list: number[]) => list.slice().sort((a, b) => pos[a] - pos[b]);
  const figures = ctx.data.figures;

  const units: UnitResult[] = order.map((u) => {
    const rankPairs: Record<string, number> = {};
    for (const pi of ctx.unitPairs[u]) {
      const rk = st.pairs[pi];
      const k = rk.order.indexOf(u);
      rankPairs[spec.pairs[pi].id] = rk.rankAt[k];
    }
    const flags: string[] = [];
    const tally: Record<string, number> = {};
    spec.flags.forEach((f, i) => {
      if (st.won[i][u] > 0) flags.push(f.id);
      tally[f.id] = year.tally[i][u];
    });
    const indicators: Record<string, IndicatorResult> = {};
    for (const ic of ctx.inds) {
      const ind = ic.ind;
      const p = st.inds[ic.index];
      if (ind.input === 'event') {
        indicators[ind.id] = { events: (p.events as Float64Array)[u], score: num(p.score[u]) };
      } else {
        const missing = p.missing[u] === 1;
        const idx = st.t * U + u;
        const fig = figures[ic.index];
        const value = missing ? null : scaledToNumber(fig.big ? (fig.big[idx] as bigint) : fig.mant[idx], fig.scale);
        // assembled key by key so that the keys come in the contract's order
        const out: Record<string, unknown> = { value };
        if (ind.input === 'value') {
          const y = ytdRat(ic, p, u);
          out.ytd = y === null ? null : scaledToNumber(p.ytdBig ? (p.ytdBig[u] as bigint) : (p.ytd as Float64Array)[u], fig.scale);
          if (ind.method === 'completion' || ind.method === 'schedule') {
            out.target = r4((ic.targetR as Rat[])[u]);
            if (ind.method === 'schedule') out.expected = r4(expectedRat(ctx, ic, u, st.t));
            if (y !== null) out.ratio = r4(ratioRat(ctx, ic, ind, y, u, st.t));
          }
        }
        out.score = num(p.score[u]);
        out.missing = missing;
        if (ind.input === 'value' && ind.method === 'schedule' && !missing) out.ahead = (p.behind as Uint8Array)[u] === 0;
        out.rank = { all: (indRankAll[ic.index] as Int32Array)[u], group: (indRankGroup[ic.index] as Int32Array)[u] };
        indicators[ind.id] = out as unknown as IndicatorResult;
      }
      if (explain) (indicators[ind.id] as { explain?: unknown }).explain = explainIndicator(ctx, ic, p, u, st.t);
    }
    const unit: UnitResult = {
      unit: ctx.unitIds[u],
      group: spec.units[u].group,
      total: num(st.total[u]),
      vetoed: st.vetoed[u] === 1,
      rank: { all: st.rankAll[u], group: st.rankGroup[u], pairs: rankPairs },
      delta: prev ? prev.rankGroup[u] - st.rankGroup[u] : null,
      flags,
      tally,
      indicators,
    };
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
    if (explain) unit.explain = { rank: explainRank(ctx, st, u), flags: explainFlags(ctx, st, u) };
    return unit;
  });

  const pairs: PairResult[] = spec.pairs.map((p, pi) => {
    const rk = st.pairs[pi];
    const first = rk.order[0];
    const second = rk.order.length > 1 ? rk.order[1] : -1;
    const shared = second >= 0 && rk.rankAt[1] === rk.rankAt[0];
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
    st.flags[f].forEach((inst, k) => {
      const holders = byOrder(inst.holders);
      const res: FlagResult = { flag: rule.id, scope: inst.scope, holders: holders.map((u) => ctx.unitIds[u]) };
      if (rule.mobile) {
        const before = prev ? prev.flags[f][k].holders : [];
        const previous = byOrder(before);
        res.previous = previous.map((u) => ctx.unitIds[u]);
        res.kept = holders.filter((u) => before.includes(u)).map((u) => ctx.unitIds[u]);
        res.lost = previous.filter((u) => !inst.holders.includes(u)).map((u) => ctx.unitIds[u]);
      }
      flags.push(res);
    });
  });

  const actions: ActionResult[] = [];
  spec.rules.forEach((rule, r) => {
    const streak = year.streak[r];
    for (const u of order) {
      if (streak[u] < rule.when.consecutive) continue;
      const reason = actionReason(ctx, st, rule, u);
      const a: ActionResult = { rule: rule.id, action: rule.action, unit: ctx.unitIds[u], period: st.key, reason: reason.zh };
      if (explain) a.explain = reason;
      actions.push(a);
    }
  });

  return { campaign: spec.campaign.id, period: st.key, units, pairs, flags, actions };
}
