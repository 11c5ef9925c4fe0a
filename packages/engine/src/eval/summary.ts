// Contract section 7: the year so far, at one period.
import { Rat } from '../decimal.ts';
import type { Ctx } from './context.ts';
import type { PeriodState, YearState } from './period.ts';
import { rankFamily, scatterRanks } from './ranking.ts';

export interface SummaryState {
  score: Float64Array;
  /** the exact score before rounding, for explanations */
  exact: Rat[];
  vetoed: Uint8Array;
  rankAll: Int32Array;
  rankGroup: Int32Array;
  grade: (number | null)[];
}

export function summarize(ctx: Ctx, state: PeriodState, year: YearState): SummaryState | null {
  const summary = ctx.spec.summary;
  if (!summary) return null;
  const U = ctx.U;
  const unit = BigInt(ctx.precF);
  const exact: Rat[] = new Array<Rat>(U);
  const score = new Float64Array(U);
  const points = ctx.spec.flags.map((f) => summary.points[f.id]?.toRat() ?? null);
  for (let u = 0; u < U; u++) {
    let v: Rat;
    switch (summary.method) {
      case 'flags': {
        v = Rat.of(BigInt(year.eventNet[u]), unit);
        for (let f = 0; f < points.length; f++) {
          const p = points[f];
          if (p && year.tally[f][u] > 0) v = v.add(p.mul(Rat.int(year.tally[f][u])));
        }
        break;
      }
      case 'mean':
        v = Rat.of(BigInt(year.totalSum[u]), unit * BigInt(year.periods));
        break;
      case 'sum':
        v = Rat.of(BigInt(year.totalSum[u]), unit);
        break;
      case 'latest':
        v = Rat.of(BigInt(state.total[u]), unit);
        break;
    }
    exact[u] = v;
    score[u] = Number(v.roundScaled(ctx.prec));
  }
  const vetoed = year.vetoEver.slice();
  const dense = ctx.spec.campaign.ranking === 'dense';
  const rankAll = new Int32Array(U);
  const rankGroup = new Int32Array(U);
  scatterRanks(rankFamily(ctx.allFam, score, vetoed, [], dense), rankAll);
  scatterRanks(rankFamily(ctx.groupFam, score, vetoed, [], dense), rankGroup);
  const grades = summary.grades;
  const grade: (number | null)[] = new Array<number | null>(U).fill(null);
  const shares = grades.map((g) => (g.share ? g.share.toRat() : null));
  const mins = grades.map((g) => (g.minTotal ? g.minTotal.toRat() : null));
  if (grades.length > 0) {
    for (let u = 0; u < U; u++) {
      if (vetoed[u]) {
        grade[u] = grades.length - 1;
        continue;
      }
      for (let g = 0; g < grades.length; g++) {
        // share: rank.all ≤ floor(share × number of units) ⇔ rank.all × d ≤ n × units
        const share = shares[g];
        if (share && BigInt(rankAll[u]) * share.d > share.n * BigInt(U)) continue;
        // (1.1) count: rank.all ≤ count
        const count = grades[g].count;
        if (count !== undefined && rankAll[u] > count) continue;
        const min = mins[g];
        if (min && exactScaled(score[u], ctx).cmp(min) < 0) continue;
        grade[u] = g;
        break;
      }
    }
  }
  return { score, exact, vetoed, rankAll, rankGroup, grade };
}

function exactScaled(scaled: number, ctx: Ctx): Rat {
  return Rat.of(BigInt(scaled), BigInt(ctx.precF));
}
