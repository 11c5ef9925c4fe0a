// Selection under a fixed quota [名额]: the top N candidates by a score, of those reaching a
// threshold. Candidates tied at the quota's edge are never all taken silently beyond N: they are
// reported as a tie for the selecting body to decide (a recorded tie decision), and only those
// strictly ahead of the tie are selected.
import { Dec, Rat } from '../decimal.ts';

export interface QuotaCandidate {
  id: string;
  /** the score ranked (higher first): a decimal text, or an exact rational */
  score: string | Rat;
}

export interface QuotaOptions {
  /** how many may be selected at most, ≥ 0 */
  quota: number;
  /** a candidate below it is not eligible (compared exactly); none: everyone is */
  threshold?: string | Rat;
}

export interface QuotaSelection {
  /** selected, best first (never more than the quota) */
  selected: string[];
  /**
   * candidates tied at the quota's edge: more of them than places left. Null when there is no
   * such tie. `places` of `candidates` may still be chosen by a recorded decision.
   */
  tie: { candidates: string[]; places: number } | null;
  /** eligible but outside the quota (after the tie) */
  outside: string[];
  /** below the threshold */
  belowThreshold: string[];
  /** rank of every eligible candidate (competition ranking: 1, 2, 2, 4) */
  ranks: Record<string, number>;
}

function rat(x: string | Rat): Rat {
  if (x instanceof Rat) return x;
  const d = Dec.parse(x.trim());
  if (!d) throw new RangeError(`not a decimal: ${x}`);
  return d.toRat();
}

export function selectQuota(candidates: readonly QuotaCandidate[], opts: QuotaOptions): QuotaSelection {
  if (!Number.isInteger(opts.quota) || opts.quota < 0) throw new RangeError(`quota must be a whole number ≥ 0: ${opts.quota}`);
  const threshold = opts.threshold === undefined ? null : rat(opts.threshold);
  const scored = candidates.map((c) => ({ id: c.id, s: rat(c.score) }));
  const below = scored.filter((c) => threshold !== null && c.s.cmp(threshold) < 0).map((c) => c.id).sort();
  // best first; equal scores in id order so that the answer never depends on the input's order
  const eligible = scored.filter((c) => threshold === null || c.s.cmp(threshold) >= 0).sort((a, b) => b.s.cmp(a.s) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const ranks: Record<string, number> = {};
  eligible.forEach((c, i) => { ranks[c.id] = i > 0 && eligible[i - 1].s.cmp(c.s) === 0 ? ranks[eligible[i - 1].id] : i + 1; });
  const selected: string[] = [];
  let tie: QuotaSelection['tie'] = null;
  const outside: string[] = [];
  let i = 0;
  while (i < eligible.length) {
    let j = i;
    while (j < eligible.length && eligible[j].s.cmp(eligible[i].s) === 0) j += 1;
    const block = eligible.slice(i, j).map((c) => c.id);
    const left = opts.quota - selected.length;
    if (tie !== null || left <= 0) outside.push(...block);
    else if (block.length <= left) selected.push(...block);
    else tie = { candidates: block, places: left };
    i = j;
  }
  return { selected, tie, outside, belowThreshold: below, ranks };
}
