// The three scope kinds (all units, groups, pairs) as the families that rankings and flags work on.
import type { Ctx } from './context.ts';
import type { TotalRanks } from './period.ts';
import type { Family, FamilyRanking } from './ranking.ts';

export function familyOfScope(ctx: Ctx, scope: 'all' | 'group' | 'pair'): Family {
  return scope === 'all' ? ctx.allFam : scope === 'group' ? ctx.groupFam : ctx.pairFam;
}

/** The scope instance ids of a family, in the spec's order. */
export function instanceIds(ctx: Ctx, scope: 'all' | 'group' | 'pair'): string[] {
  return scope === 'all' ? ['all'] : scope === 'group' ? ctx.spec.groups.map((g) => g.id) : ctx.spec.pairs.map((p) => p.id);
}

/**
 * The family a flag rule works on: its scope's, narrowed (1.1) to the units its indicator applies
 * to (an instance with none awards nothing).
 */
export function flagFamily(ctx: Ctx, f: number): Family {
  const rule = ctx.spec.flags[f];
  if (rule.indicator !== undefined) {
    const fams = ctx.inds[ctx.indIndex.get(rule.indicator) as number].fams;
    if (fams) return fams[rule.scope];
  }
  return familyOfScope(ctx, rule.scope);
}

/** (1.1) The tie-break indicators of a flag rule: its own, else the campaign's (total) or none (indicator). */
export function flagTieBreak(ctx: Ctx, f: number): number[] {
  const rule = ctx.spec.flags[f];
  if (rule.tieBreak !== undefined) return rule.tieBreak.map((id) => ctx.indIndex.get(id) as number);
  return rule.indicator === undefined ? ctx.tieBreak : [];
}

export function totalRanking(ranks: TotalRanks, scope: 'all' | 'group' | 'pair'): FamilyRanking {
  return scope === 'all' ? ranks.all : scope === 'group' ? ranks.groups : ranks.pairs;
}
