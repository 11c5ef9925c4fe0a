// Everything about a spec that evaluation needs as indices and typed arrays, computed once.
import { Dec, Rat, pow10 } from '../decimal.ts';
import type { Dataset } from '../data.ts';
import { targetOf, type Indicator, type Spec, type ValueIndicator } from '../model.ts';
import { periodKeys, periodsPerYear } from '../periods.ts';
import { familyOf, type Family } from './ranking.ts';
import { Arena } from './arena.ts';

export interface IndicatorCtx {
  ind: Indicator;
  index: number;
  /** value and score indicators take part in totals as weighted scores and in indicator ranks */
  ranked: boolean;
  weightF: number;
  weightR: Rat;
  capF: number;
  capR: Rat;
  /** per unit target (completion / schedule) */
  targetF: Float64Array | null;
  /** exact targets, made on demand (a campaign may have 100,000 units and few exact needs) */
  targetR: (Rat | undefined)[] | null;
  /** 10^scale of this indicator's mantissas */
  unitF: number;
  unitB: bigint;
  /** rank method: explicit step */
  stepF: number;
  stepR: Rat | null;
  /** integer forms for exact checks without BigInts (see fast.ts roundRatio): weight = wm / wd,
   * step = sm / sd, target of unit u = tm[u] / td[u] */
  wm: number;
  wd: number;
  sm: number;
  sd: number;
  tm: Float64Array | null;
  td: Float64Array | null;
  /** completion / schedule: the rounded score of a ratio at or above the cap */
  capScore: number;
}

export interface Ctx {
  spec: Spec;
  data: Dataset;
  U: number;
  T: number;
  keys: string[];
  perYear: number;
  prec: number;
  /** 10^precision: scores are integers counting 10^-precision */
  precF: number;
  unitIds: string[];
  unitGroup: Int32Array;
  groupMembers: Int32Array[];
  pairMembers: Int32Array[];
  /** per unit: indices of the pairs it stands in, in spec order */
  unitPairs: number[][];
  /** `all` scope: every unit */
  allMembers: Int32Array;
  /** the instances of each scope kind, flat (see ranking.ts) */
  allFam: Family;
  groupFam: Family;
  pairFam: Family;
  /** per unit: its positions in pairFam.members, aligned with unitPairs */
  unitPairPos: number[][];
  inds: IndicatorCtx[];
  indIndex: Map<string, number>;
  tieBreak: number[];
  flagIndex: Map<string, number>;
  /** recycles per-period typed arrays (see arena.ts) */
  arena: Arena;
  /** id order rank of each unit, for listing units by rank then id */
  idOrder: Int32Array;
}

export function buildContext(spec: Spec, data: Dataset): Ctx {
  const U = spec.units.length;
  const groupIx = new Map(spec.groups.map((g, i) => [g.id, i]));
  const unitIx = new Map(spec.units.map((u, i) => [u.id, i]));
  const unitGroup = new Int32Array(U);
  const groupLists: number[][] = spec.groups.map(() => []);
  spec.units.forEach((u, i) => {
    const g = groupIx.get(u.group) as number;
    unitGroup[i] = g;
    groupLists[g].push(i);
  });
  const unitPairs: number[][] = spec.units.map(() => []);
  const unitPairPos: number[][] = spec.units.map(() => []);
  let pos = 0;
  const pairMembers = spec.pairs.map((p, pi) => {
    const m = Int32Array.from(p.units.map((id) => unitIx.get(id) as number));
    for (const u of m) {
      unitPairs[u].push(pi);
      unitPairPos[u].push(pos++);
    }
    return m;
  });
  const inds: IndicatorCtx[] = spec.indicators.map((ind, index) => {
    const scale = data.figures[index]?.scale ?? 0;
    const base: IndicatorCtx = {
      ind, index, ranked: ind.input !== 'event',
      weightF: 0, weightR: Rat.ZERO, capF: 1, capR: Rat.ONE, targetF: null, targetR: null,
      unitF: 10 ** scale, unitB: pow10(scale), stepF: 0, stepR: null,
      wm: NaN, wd: NaN, sm: NaN, sd: NaN, tm: null, td: null, capScore: 0,
    };
    if (ind.input === 'value' || ind.input === 'score') {
      base.weightF = ind.weight.toNumber();
      base.weightR = ind.weight.toRat();
      base.wm = Number(ind.weight.mant);
      base.wd = 10 ** ind.weight.scale;
    }
    if (ind.input === 'value') {
      base.capF = ind.cap.toNumber();
      base.capR = ind.cap.toRat();
      if (ind.target) {
        // per unit: the target as a double and as integers tm / td (target = tm / 10^scale)
        const tm = new Float64Array(U);
        const td = new Float64Array(U);
        const targetF = new Float64Array(U);
        const def = ind.target.default;
        const own = ind.target.units;
        for (let k = 0; k < U; k++) {
          const id = spec.units[k].id;
          const t = Object.prototype.hasOwnProperty.call(own, id) ? own[id] : (def as Dec);
          tm[k] = Number(t.mant);
          td[k] = 10 ** t.scale;
          // a quotient of exact integers is correctly rounded: the double the decimal text reads as
          targetF[k] = Number.isSafeInteger(tm[k]) ? tm[k] / td[k] : t.toNumber();
        }
        base.targetR = new Array<Rat | undefined>(U);
        base.targetF = targetF;
        base.tm = tm;
        base.td = td;
      }
      if (ind.step) {
        base.stepF = ind.step.toNumber();
        base.stepR = ind.step.toRat();
        base.sm = Number(ind.step.mant);
        base.sd = 10 ** ind.step.scale;
      }
      base.capScore = Number(ind.weight.toRat().mul(ind.cap.toRat()).roundScaled(spec.campaign.precision));
    }
    return base;
  });
  const indIndex = new Map(spec.indicators.map((d, i) => [d.id, i]));
  const ids = spec.units.map((u) => u.id);
  const sortedIds = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const idOrder = new Int32Array(U);
  sortedIds.forEach((u, pos) => (idOrder[u] = pos));
  return {
    spec, data, U,
    T: data.periods,
    keys: periodKeys(spec),
    perYear: periodsPerYear(spec.campaign.cadence),
    prec: spec.campaign.precision,
    precF: 10 ** spec.campaign.precision,
    unitIds: ids,
    unitGroup,
    groupMembers: groupLists.map((l) => Int32Array.from(l)),
    pairMembers,
    unitPairs,
    allMembers: Int32Array.from(ids.map((_, i) => i)),
    allFam: familyOf([Int32Array.from(ids.map((_, i) => i))]),
    groupFam: familyOf(groupLists),
    pairFam: familyOf(pairMembers),
    unitPairPos,
    inds,
    indIndex,
    tieBreak: spec.campaign.tieBreak.map((id) => indIndex.get(id) as number),
    flagIndex: new Map(spec.flags.map((f, i) => [f.id, i])),
    idOrder,
    arena: new Arena(),
  };
}

/** The exact target of unit u (completion / schedule indicators). */
export function targetRat(ctx: Ctx, ic: IndicatorCtx, u: number): Rat {
  const cache = ic.targetR as (Rat | undefined)[];
  let r = cache[u];
  if (r === undefined) {
    r = (targetOf(ic.ind as ValueIndicator, ctx.unitIds[u]) as Dec).toRat();
    cache[u] = r;
  }
  return r;
}
