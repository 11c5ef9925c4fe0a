// Contract section 5: ordering a set of units. Keys are integers (scores count 10^-precision), so
// comparisons are exact. Vetoed units come after every unit that is not vetoed; among equal
// totals the tie-break keys decide in turn; what is still equal shares a rank.

export interface Ranking {
  /** the members in rank order */
  order: Int32Array;
  /** rank of order[k] */
  rankAt: Int32Array;
}

export function rankMembers(
  members: ArrayLike<number>,
  primary: Float64Array,
  vetoed: Uint8Array,
  tie: readonly Float64Array[],
  dense: boolean,
): Ranking {
  const n = members.length;
  const order = Int32Array.from(members as ArrayLike<number>);
  const cmp = (a: number, b: number): number => {
    const va = vetoed[a];
    const vb = vetoed[b];
    if (va !== vb) return va - vb;
    const d = primary[b] - primary[a];
    if (d !== 0) return d;
    for (let k = 0; k < tie.length; k++) {
      const e = tie[k][b] - tie[k][a];
      if (e !== 0) return e;
    }
    return 0;
  };
  order.sort(cmp);
  const rankAt = new Int32Array(n);
  let rank = 0;
  for (let k = 0; k < n; k++) {
    if (k === 0 || cmp(order[k - 1], order[k]) !== 0) rank = dense ? rank + 1 : k + 1;
    rankAt[k] = rank;
  }
  return { order, rankAt };
}

/** rank of each member, written into `into` at the member's unit index */
export function scatterRanks(r: Ranking, into: Int32Array): void {
  for (let k = 0; k < r.order.length; k++) into[r.order[k]] = r.rankAt[k];
}

/**
 * Units whose rank is no worse than the rank at position `count` (top), or no better than the rank
 * at position n − count + 1 (bottom). Positions beyond the list are clamped to it.
 */
export function topCut(r: Ranking, count: number): number {
  const n = r.order.length;
  return n === 0 ? 0 : r.rankAt[Math.min(count, n) - 1];
}

export function bottomCut(r: Ranking, count: number): number {
  const n = r.order.length;
  return n === 0 ? 0 : r.rankAt[Math.max(n - count, 0)];
}
