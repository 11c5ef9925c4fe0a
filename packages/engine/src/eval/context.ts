// Everything about a spec that evaluation needs as indices and typed arrays.
//
// The part that depends on the spec alone (unit and group indices, the flat families of groups
// and pairs, every unit's target as an integer) is laid out once per spec object and kept for as
// long as the spec is (a WeakMap): a validated Spec is never changed, and reading 100,000 units'
// targets out of the spec's id-keyed maps costs a cache miss per unit and indicator — more than
// scoring them. The server evaluates one spec for several periods in a row; the benchmark reports
// the first evaluation of a freshly read spec separately. The rest (the data's scales, the arena)
// is per evaluation and cheap. Nothing here is one object per unit.
import { Dec, Rat, pow10 } from '../decimal.ts';
import type { Dataset } from '../data.ts';
import { targetOf, type Indicator, type Spec, type ValueIndicator } from '../model.ts';
import { periodKeys, periodsPerYear } from '../periods.ts';
import type { Family } from './ranking.ts';
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
  /** exact targets, made on demand (a campaign may have 100,000 units and few exact needs) */
  targetR: Map<number, Rat> | null;
  /** 10^scale of this indicator's mantissas */
  unitF: number;
  unitB: bigint;
  /** rank method: explicit step */
  stepF: number;
  stepR: Rat | null;
  /** integer forms for exact checks without BigInts (see fast.ts roundRatio): weight = wm / wd,
   * step = sm / sd, target of unit u = tm[u] / td (see TargetLayout) */
  wm: number;
  wd: number;
  sm: number;
  sd: number;
  tm: Float64Array | null;
  td: number;
  /** completion / schedule: the rounded score of a ratio at or above the cap */
  capScore: number;
}

/** The pairs a unit stands in: for unit u, entries offsets[u] .. offsets[u+1]. */
export interface UnitPairs {
  offsets: Int32Array;
  /** the pair's index in the spec */
  pair: Int32Array;
  /** the unit's position in pairFam.members */
  pos: Int32Array;
}

/**
 * Every unit's target on one completion / schedule indicator: tm[u] / td, with every target at
 * the indicator's largest target scale S (td = 10^S). tm[u] is NaN where that integer would not
 * be exact in a double (beyond 2^53), which makes every float and integer shortcut of the scoring
 * bail out to exact arithmetic.
 */
interface TargetLayout {
  tm: Float64Array;
  td: number;
}

/** The units and their scope instances, laid out once per spec object (read only once built). */
interface UnitLayout {
  unitIds: string[];
  unitGroup: Int32Array;
  /** each unit's position in groupFam.members (a group's members are in unit order) */
  unitGroupPos: Int32Array;
  /** the instances of each scope kind, flat (see ranking.ts) */
  allFam: Family;
  groupFam: Family;
  pairFam: Family;
  unitPairs: UnitPairs;
}

/** What evaluation needs of a spec, laid out once per spec object (read only once built). */
interface SpecLayout extends UnitLayout {
  targets: (TargetLayout | null)[];
  idOrder: Int32Array | null;
}

export interface Ctx extends UnitLayout {
  spec: Spec;
  data: Dataset;
  U: number;
  T: number;
  keys: string[];
  perYear: number;
  prec: number;
  /** 10^precision: scores are integers counting 10^-precision */
  precF: number;
  inds: IndicatorCtx[];
  indIndex: Map<string, number>;
  tieBreak: number[];
  flagIndex: Map<string, number>;
  /** recycles per-period typed arrays (see arena.ts) */
  arena: Arena;
  layout: SpecLayout;
}

const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);
const SAFE = 2 ** 53;

const layouts = new WeakMap<Spec, SpecLayout>();

export function buildContext(spec: Spec, data: Dataset): Ctx {
  let layout = layouts.get(spec);
  if (!layout) layouts.set(spec, (layout = layoutOf(spec)));
  const L = layout;
  const inds: IndicatorCtx[] = spec.indicators.map((ind, index) => indicatorCtx(spec, data, ind, index, L.targets[index]));
  const indIndex = new Map(spec.indicators.map((d, i) => [d.id, i]));
  return {
    spec, data,
    U: spec.units.length,
    T: data.periods,
    keys: periodKeys(spec),
    perYear: periodsPerYear(spec.campaign.cadence),
    prec: spec.campaign.precision,
    precF: 10 ** spec.campaign.precision,
    unitIds: L.unitIds,
    unitGroup: L.unitGroup,
    allFam: L.allFam,
    unitGroupPos: L.unitGroupPos,
    groupFam: L.groupFam,
    pairFam: L.pairFam,
    unitPairs: L.unitPairs,
    inds,
    indIndex,
    tieBreak: spec.campaign.tieBreak.map((id) => indIndex.get(id) as number),
    flagIndex: new Map(spec.flags.map((f, i) => [f.id, i])),
    arena: new Arena(),
    layout: L,
  };
}

function layoutOf(spec: Spec): SpecLayout {
  const U = spec.units.length;
  const groupIx = new Map(spec.groups.map((g, i) => [g.id, i]));
  const unitIx = new Map<string, number>();
  const unitIds = new Array<string>(U);
  const unitGroup = new Int32Array(U);
  const groupSize = new Int32Array(spec.groups.length);
  for (let u = 0; u < U; u++) {
    const unit = spec.units[u];
    unitIds[u] = unit.id;
    unitIx.set(unit.id, u);
    const g = groupIx.get(unit.group) as number;
    unitGroup[u] = g;
    groupSize[g]++;
  }
  const { pairFam, unitPairs } = pairFamily(spec, unitIx, U);
  const allMembers = new Int32Array(U);
  for (let u = 0; u < U; u++) allMembers[u] = u;
  const groupFam = groupFamily(unitGroup, groupSize);
  const unitGroupPos = new Int32Array(U);
  for (let p = 0; p < U; p++) unitGroupPos[groupFam.members[p]] = p;
  return {
    unitIds,
    unitGroup,
    unitGroupPos,
    allFam: { offsets: Int32Array.of(0, U), members: allMembers, identity: true },
    groupFam,
    pairFam,
    unitPairs,
    targets: spec.indicators.map((ind) => (ind.input === 'value' && ind.target ? targets(spec, ind.target) : null)),
    idOrder: null,
  };
}

/** Groups in spec order, each with its units in spec order, by a counting pass. */
function groupFamily(unitGroup: Int32Array, groupSize: Int32Array): Family {
  const G = groupSize.length;
  const offsets = new Int32Array(G + 1);
  for (let g = 0; g < G; g++) offsets[g + 1] = offsets[g] + groupSize[g];
  const fill = offsets.slice(0, G);
  const members = new Int32Array(unitGroup.length);
  for (let u = 0; u < unitGroup.length; u++) members[fill[unitGroup[u]]++] = u;
  return { offsets, members, identity: false };
}

function pairFamily(spec: Spec, unitIx: Map<string, number>, U: number): { pairFam: Family; unitPairs: UnitPairs } {
  const P = spec.pairs.length;
  const offsets = new Int32Array(P + 1);
  for (let k = 0; k < P; k++) offsets[k + 1] = offsets[k] + spec.pairs[k].units.length;
  const members = new Int32Array(offsets[P]);
  const count = new Int32Array(U + 1);
  for (let k = 0; k < P; k++) {
    const ids = spec.pairs[k].units;
    for (let j = 0; j < ids.length; j++) {
      const u = unitIx.get(ids[j]) as number;
      members[offsets[k] + j] = u;
      count[u + 1]++;
    }
  }
  for (let u = 0; u < U; u++) count[u + 1] += count[u];
  const fill = count.slice(0, U);
  const pair = new Int32Array(members.length);
  const pos = new Int32Array(members.length);
  // positions in pair order, so that each unit's pairs come in spec order
  for (let k = 0; k < P; k++) {
    for (let p = offsets[k]; p < offsets[k + 1]; p++) {
      const at = fill[members[p]]++;
      pair[at] = k;
      pos[at] = p;
    }
  }
  return { pairFam: { offsets, members, identity: false }, unitPairs: { offsets: count, pair, pos } };
}

/**
 * Every unit's target as an integer at the indicator's largest target scale. Reads the spec's
 * target map once per unit, in unit order.
 */
function targets(spec: Spec, target: NonNullable<ValueIndicator['target']>): TargetLayout {
  const U = spec.units.length;
  const own = target.units;
  const def = target.default;
  const tm = new Float64Array(U);
  const scale = new Uint8Array(U);
  let S = 0;
  const defM = def ? Number(def.mant) : 0;
  for (let u = 0; u < U; u++) {
    // own is a map without prototype (see validate.ts readTarget): a missing key reads undefined
    const t = own[spec.units[u].id];
    const d = t === undefined ? (def as Dec) : t;
    tm[u] = t === undefined ? defM : Number(d.mant);
    if (d.scale > S) S = d.scale;
    scale[u] = d.scale < 255 ? d.scale : 255;
  }
  // every mantissa at scale S where exact (a product of exact doubles is exact when below 2^53)
  const exactS = S < POW10.length;
  for (let u = 0; u < U; u++) {
    const m = tm[u];
    const at = exactS && Number.isSafeInteger(m) ? (scale[u] === S ? m : m * POW10[S - scale[u]]) : NaN;
    tm[u] = at < SAFE ? at : NaN;
  }
  return { tm, td: exactS ? POW10[S] : NaN };
}

function indicatorCtx(spec: Spec, data: Dataset, ind: Indicator, index: number, target: TargetLayout | null): IndicatorCtx {
  const scale = data.figures[index]?.scale ?? 0;
  const base: IndicatorCtx = {
    ind, index, ranked: ind.input !== 'event',
    weightF: 0, weightR: Rat.ZERO, capF: 1, capR: Rat.ONE, targetR: null,
    unitF: 10 ** scale, unitB: pow10(scale), stepF: 0, stepR: null,
    wm: NaN, wd: NaN, sm: NaN, sd: NaN, tm: null, td: NaN, capScore: 0,
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
    if (target) {
      base.tm = target.tm;
      base.td = target.td;
      base.targetR = new Map();
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
}

/** The target of unit u as the double its decimal reads as. */
export function targetFloat(ctx: Ctx, ic: IndicatorCtx, u: number): number {
  const m = (ic.tm as Float64Array)[u];
  // a quotient of exact integers is correctly rounded: the double the decimal text reads as
  return m === m && ic.td === ic.td ? m / ic.td : (targetOf(ic.ind as ValueIndicator, ctx.unitIds[u]) as Dec).toNumber();
}

/** The exact target of unit u (completion / schedule indicators). */
export function targetRat(ctx: Ctx, ic: IndicatorCtx, u: number): Rat {
  const cache = ic.targetR as Map<number, Rat>;
  let r = cache.get(u);
  if (r === undefined) {
    r = (targetOf(ic.ind as ValueIndicator, ctx.unitIds[u]) as Dec).toRat();
    cache.set(u, r);
  }
  return r;
}

/** Per unit, its position in the order of unit ids (for listing units by rank, then id). */
export function idOrder(ctx: Ctx): Int32Array {
  const L = ctx.layout;
  if (L.idOrder) return L.idOrder;
  const ids = ctx.unitIds;
  const sorted = ids.map((_, i) => i).sort((a, b) => (ids[a] < ids[b] ? -1 : ids[a] > ids[b] ? 1 : 0));
  const out = new Int32Array(ctx.U);
  for (let pos = 0; pos < sorted.length; pos++) out[sorted[pos]] = pos;
  L.idOrder = out;
  return out;
}
