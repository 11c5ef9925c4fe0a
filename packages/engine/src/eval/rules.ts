// Contract section 8: accountability rules — whether each rule's conditions hold this period, and
// the streaks of consecutive periods they count.
import type { Rule } from '../model.ts';
import type { Ctx } from './context.ts';
import type { PeriodState, Unranked, YearState } from './period.ts';
import { bottomCut as bottomCutImported, type Family, type FamilyRanking } from './ranking.ts';
import { familyOfScope, totalRanking } from './scopes.ts';

// Speed: imported functions called in loops are read through module constants (see score-target.ts).
const bottomCut = bottomCutImported;

/**
 * Section 8: does each rule's every condition hold this period? Streaks count consecutive
 * periods: every streak goes up by one, then each condition that fails resets it.
 */
export function applyRules(ctx: Ctx, state: PeriodState, year: YearState): void {
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
      if (state.ranks) markBottom(totalRanking(state.ranks, w.scope), w.count, atBottom);
      // a period without rankings of totals (count 1 there: see evaluatePeriod)
      else markWorst(familyOfScope(ctx, w.scope), state.unranked as Unranked, w.scope, atBottom);
      where8(atBottom);
      ctx.arena.free(atBottom);
    }
    if (w.behindSchedule !== undefined) {
      const behind = behindAny(ctx, state, w.behindSchedule);
      where8(behind);
      ctx.arena.free(behind);
    }
    if (w.belowBase !== undefined) {
      const below = belowAny(ctx, state, w.belowBase);
      where8(below);
      ctx.arena.free(below);
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

/**
 * Marks the units tied at the lowest exact ranking key of each instance: the bottom place that
 * markBottom marks with count 1 (equal keys are equal in every criterion, so they share a rank).
 */
function markWorst(fam: Family, unranked: Unranked, scope: 'all' | 'group' | 'pair', into: Uint8Array): void {
  markAt(fam.offsets, fam.members, unranked.key, unranked.extremes(scope).lo, into);
}

function markAt(offsets: Int32Array, members: Int32Array, key: Float64Array, at: Float64Array, into: Uint8Array): void {
  for (let k = 0; k < offsets.length - 1; k++) {
    const a = at[k];
    for (let q = offsets[k]; q < offsets[k + 1]; q++) if (key[members[q]] === a) into[members[q]] = 1;
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

/** (1.1) the indicators with a base, all or those listed */
export function baseIndicators(ctx: Ctx, which: true | string[]): number[] {
  return ctx.inds.filter((ic) => ic.ind.input === 'value' && ic.ind.base !== undefined && (which === true || which.includes(ic.ind.id))).map((ic) => ic.index);
}

/** 1 where below base on any of the indicators (a scratch array: give it back) */
function belowAny(ctx: Ctx, state: PeriodState, which: true | string[]): Uint8Array {
  const out = ctx.arena.tmpU8(ctx.U).fill(0);
  for (const i of baseIndicators(ctx, which)) orInto(out, state.inds[i].below as Uint8Array);
  return out;
}

/**
 * (1.1) Does rule r match unit u at this period, given its streak? Its conditions held in the last
 * `consecutive` evaluated periods (H); `at` limits the periods; `repeat: false` wants H not to have
 * held at the previous evaluated period — with the streak one more than it was there, that is a
 * streak of exactly `consecutive`.
 */
export function ruleMatches(rule: Rule, key: string, streak: number): boolean {
  const c = rule.when.consecutive;
  if (streak < c) return false;
  if (rule.at !== undefined && !rule.at.includes(key)) return false;
  return rule.repeat || streak === c;
}

function orInto(out: Uint8Array, b: Uint8Array): void {
  for (let u = 0; u < out.length; u++) out[u] |= b[u];
}

