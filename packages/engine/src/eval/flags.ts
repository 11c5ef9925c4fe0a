// Contract section 6: flags — who holds each flag in every instance of its scope this period,
// who was within the cut but did not get it (and why), and the year's tallies.
import { Rat } from '../decimal.ts';
import type { Ctx } from './context.ts';
import type { FlagAward, PeriodState, TotalRanks, Unranked, YearState } from './period.ts';
import { rankFamily, topCut as topCutImported, bottomCut as bottomCutImported, type Family, type FamilyRanking } from './ranking.ts';
import { flagFamily, flagTieBreak, totalRanking } from './scopes.ts';

// Speed: imported functions called in loops are read through module constants (see score-target.ts).
const topCut = topCutImported;
const bottomCut = bottomCutImported;

/** Why a unit within the rank cut did not get a flag. */
export const EXCLUDED_VETOED = 1;
export const EXCLUDED_THRESHOLD = 2;
export const EXCLUDED_TOP = 3;

/**
 * Section 6: top flags first (bottom flags must know them), then bottom flags. Each instance's
 * flag goes to the few members at its top (or bottom) by rank, so only those are visited: from
 * the start (or the end) of the instance's order, while the rank is within the cut. A flag won
 * also counts in the year's tally.
 */
export function awardFlags(ctx: Ctx, state: PeriodState, year: YearState, keep: boolean): void {
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
    const fam = flagFamily(ctx, f);
    const figure = rule.indicator === undefined ? state.total : state.inds[ctx.indIndex.get(rule.indicator) as number].score;
    // (1.1) a flag's own tie_break orders equal figures in place of the default
    const own = rule.tieBreak !== undefined;
    const tie = own ? flagTieBreak(ctx, f).map((i) => state.inds[i].score) : [];
    // a period that is not presented needs only who holds a flag by an indicator's score; for one
    // per instance that is whoever ties for the best (or worst) figure, without ranking everyone
    const byTotal = rule.indicator === undefined && !own;
    // the same on the total in a period without rankings of totals (count 1 there: see
    // evaluatePeriod), by the total's exact ranking keys (see awardAtKey)
    const byKey = byTotal && state.ranks === null;
    const one = byKey || (!keep && rule.indicator !== undefined && rule.count === 1 && tie.length === 0);
    const ranking = one ? null : byTotal ? totalRanking(state.ranks as TotalRanks, rule.scope) : rankFamily(fam, figure, state.vetoed, tie, dense, ctx.arena);
    const holds = ctx.arena.u8(fam.members.length);
    const excluded = ctx.arena.u8(fam.members.length);
    const cut = ctx.arena.i32(fam.offsets.length - 1, false);
    // bottom flags exclude the holders of a top flag on the same figure in the same instance
    const key = `${rule.scope}|${rule.indicator ?? ''}`;
    const min = rule.minTotal ? scaledThreshold(ctx, rule.minTotal.toRat()) : -Infinity;
    const max = rule.maxTotal ? scaledThreshold(ctx, rule.maxTotal.toRat()) : Infinity;
    const top = rule.award === 'top';
    let held = topHeld.get(key);
    if (top && !held) topHeld.set(key, (held = ctx.arena.u8(fam.members.length)));
    if (byKey) {
      const un = state.unranked as Unranked;
      const ext = un.extremes(rule.scope);
      awardAtKey(fam, top, un.key, top ? ext.hi : ext.lo, state.vetoed, figure, min, max, holds, held ?? NONE_HELD, state.won[f], year.tally[f]);
    } else if (ranking === null) awardOne(fam, top, figure, state.vetoed, min, max, holds, held ?? NONE_HELD, state.won[f], year.tally[f]);
    else if (top) awardTop(ranking, rule.count, figure, state.vetoed, min, max, holds, excluded, cut, held as Uint8Array, state.won[f], year.tally[f]);
    // no top flag on this figure in this scope: nobody is excluded for holding one
    else awardBottom(ranking, rule.count, figure, min, max, holds, excluded, cut, held ?? NONE_HELD, state.won[f], year.tally[f]);
    ctx.arena.keepLonger(holds);
    state.flags[f] = { flag: f, fam, ranking, holds, excluded, cut };
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
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; max = +max;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isTop = top === true;
  const { offsets, members } = fam;
  const anyHeld = held.length > 0;
  // the bottom is the top of the reversed order
  const dir = isTop ? 1 : -1;
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
      if (isTop ? vetoed[u] === 1 : anyHeld && held[p] === 1) continue;
      if (figure[u] < min || figure[u] >= max) continue;
      holds[p] = 1;
      if (isTop) held[p] = 1;
      won[u] += 1;
      tally[u] += 1;
    }
  }
}

/**
 * A flag on the total with count 1 in a period without rankings (see period.ts Unranked): the
 * members whose exact ranking key is their instance's highest (top) or lowest (bottom), `at[k]`,
 * are the ones awardTop / awardBottom would visit, with the same exclusions (min and max on the
 * total).
 */
function awardAtKey(fam: Family, top: boolean, key: Float64Array, at: Float64Array, vetoed: Uint8Array, figure: Float64Array, min: number, max: number, holds: Uint8Array, held: Uint8Array, won: Uint16Array, tally: Int32Array): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; max = +max;
  // booleans compared with true once: see BOOLEANS in fast.ts
  const isTop = top === true;
  const { offsets, members } = fam;
  const anyHeld = held.length > 0;
  for (let k = 0; k < offsets.length - 1; k++) {
    const a = at[k];
    for (let p = offsets[k]; p < offsets[k + 1]; p++) {
      const u = members[p];
      if (key[u] !== a) continue;
      if (isTop ? vetoed[u] === 1 : anyHeld && held[p] === 1) continue;
      if (figure[u] < min || figure[u] >= max) continue;
      holds[p] = 1;
      if (isTop) held[p] = 1;
      won[u] += 1;
      tally[u] += 1;
    }
  }
}

function awardTop(r: FamilyRanking, count: number, figure: Float64Array, vetoed: Uint8Array, min: number, max: number, holds: Uint8Array, excluded: Uint8Array, cut: Int32Array, held: Uint8Array, won: Uint16Array, tally: Int32Array): void {
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; max = +max;
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
  // scalars unboxed once: see SCALARS in fast.ts
  min = +min; max = +max;
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
