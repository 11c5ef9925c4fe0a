// What a signed-in board needs to say about a period's results before they are final: until the
// period is closed every rank, flag, grade and action is provisional (预计), and a unit with nothing
// counted yet is listed as 未报 / 待审核 instead of ranked as if it scored 0. One place, so that
// every board (leaderboard, groups, pairs, indicator, unit page, trend) says it the same way.
import type { ResultsResponse } from '../api/types.ts';

export type Unranked = 'notReported' | 'pendingReview';

export interface BoardStatus {
  /** the period is not closed: results are provisional */
  provisional: boolean;
  /** why a unit is not ranked (nothing counted yet), or null when it is */
  unranked: (unit: string) => Unranked | null;
  /** the figure of a unit and indicator is stored but not counted (in verification, not approved) */
  awaiting: (unit: string, indicator: string) => boolean;
  /** movement of the overall rank (null: none before) */
  moveAll: (unit: string) => number | null;
  /** movement of the group rank (null: none before) */
  moveGroup: (unit: string, fallback: number | null) => number | null;
}

export function boardStatus(data: ResultsResponse | undefined): BoardStatus {
  const counts = data?.counts ?? {};
  const movement = data?.movement ?? {};
  const awaiting = new Set((data?.unverified ?? []).filter((u) => !u.counted).map((u) => `${u.unit}\u0000${u.indicator}`));
  const provisional = !!data?.result && data.state !== 'closed';
  return {
    provisional,
    // once the period is closed the result is final: a unit that reported nothing scored what the
    // rules give it (the bulletin lists it so), and the boards show it the same way
    unranked: (unit) => {
      const c = counts[unit];
      if (!provisional || !c || c.counted > 0) return null;
      return c.reported > 0 ? 'pendingReview' : 'notReported';
    },
    awaiting: (unit, indicator) => awaiting.has(`${unit}\u0000${indicator}`),
    moveAll: (unit) => movement[unit]?.all ?? null,
    moveGroup: (unit, fallback) => (movement[unit] ? movement[unit].group : fallback),
  };
}

/** A board with nothing to qualify: final results, every unit ranked. */
export const FINAL: BoardStatus = {
  provisional: false, unranked: () => null, awaiting: () => false, moveAll: () => null, moveGroup: (_u, f) => f,
};
