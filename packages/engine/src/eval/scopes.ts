// The three scope kinds (all units, groups, pairs) as the families that rankings and flags work on.
import type { Ctx } from './context.ts';
import type { PeriodState } from './period.ts';
import type { Family, FamilyRanking } from './ranking.ts';

export function familyOfScope(ctx: Ctx, scope: 'all' | 'group' | 'pair'): Family {
  return scope === 'all' ? ctx.allFam : scope === 'group' ? ctx.groupFam : ctx.pairFam;
}

/** The scope instance ids of a family, in the spec's order. */
export function instanceIds(ctx: Ctx, scope: 'all' | 'group' | 'pair'): string[] {
  return scope === 'all' ? ['all'] : scope === 'group' ? ctx.spec.groups.map((g) => g.id) : ctx.spec.pairs.map((p) => p.id);
}

export function totalRanking(state: PeriodState, scope: 'all' | 'group' | 'pair'): FamilyRanking {
  return scope === 'all' ? state.all : scope === 'group' ? state.groups : state.pairs;
}
