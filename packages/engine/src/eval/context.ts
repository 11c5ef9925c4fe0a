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
import { baseOf, perUnitOf, targetOf, weightOf, type Indicator, type PerUnit, type Spec, type ValueIndicator } from '../model.ts';
import { periodKeys, periodsPerYear } from '../periods.ts';
import type { Family } from './ranking.ts';
import { Arena, type FreeArrays } from './arena.ts';

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
  /** 1 / tm[u], the double nearest (see TargetLayout) */
  tinv: Float64Array | null;
  /** completion / schedule: the rounded score of a ratio at or above the cap */
  capScore: number;
  /** (1.1) per unit, 1 where the indicator applies; null: it applies to every unit */
  applies: Uint8Array | null;
  /** (1.1) the families of the units it applies to (null: every unit, use the ctx's families) */
  fams: Restricted | null;
  /** (1.1) false when w(u) differs between the units it applies to: then every score is exact
   * (the float kernels take one weight), and wByGroup holds w(u) per group index */
  uniform: boolean;
  wByGroup: Rat[] | null;
  /** (1.1) base targets, like targets: base of unit u = bm[u] / bd (NaN where not exact) */
  bm: Float64Array | null;
  bd: number;
  baseR: Map<number, Rat> | null;
}

/**
 * (1.1) A scope family narrowed to the units an indicator applies to: the same instances (some
 * maybe empty), their members in the same order; `back` maps a position of the full family to
 * the position here (-1 for a unit left out).
 */
export interface RestrictedFamily extends Family {
  back: Int32Array;
}

export interface Restricted {
  all: RestrictedFamily;
  group: RestrictedFamily;
  pair: RestrictedFamily;
}

/** (1.1) A category of value and score indicators [龙虎榜分类]: the units with an entry for it. */
export interface CategoryLayout {
  name: string;
  /** indices of its value and score indicators */
  inds: number[];
  /** per unit, 1 when some indicator of the category applies to it; null: every unit */
  has: Uint8Array | null;
  all: Family;
  group: Family;
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
  /**
   * 1 / tm[u] (NaN where tm[u] is): the float kernels multiply by it instead of dividing by tm[u]
   * — one rounding more, still far inside fast.ts's error margin, and a division per unit and
   * period less
   */
  tinv: Float64Array;
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
  /** units per group */
  groupSize: Int32Array;
  targets: (TargetLayout | null)[];
  bases: (TargetLayout | null)[];
  applies: (Uint8Array | null)[];
  fams: (Restricted | null)[];
  categories: CategoryLayout[];
  idOrder: Int32Array | null;
  /** the arenas' free arrays, shared by the evaluations of this spec (see arena.ts) */
  freeArrays: FreeArrays;
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
  const inds: IndicatorCtx[] = spec.indicators.map((ind, index) => indicatorCtx(spec, data, ind, index, L, L.targets[index]));
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
    arena: new Arena(L.freeArrays),
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
  const allFam: Family = { offsets: Int32Array.of(0, U), members: allMembers, identity: true };
  const applies = spec.indicators.map((ind) => {
    if (ind.appliesTo === undefined) return null;
    const ok = new Uint8Array(spec.groups.length);
    for (const g of ind.appliesTo) ok[groupIx.get(g) as number] = 1;
    const a = new Uint8Array(U);
    for (let u = 0; u < U; u++) a[u] = ok[unitGroup[u]];
    return a;
  });
  const fams = applies.map((a) => (a ? { all: restrict(allFam, a), group: restrict(groupFam, a), pair: restrict(pairFam, a) } : null));
  return {
    unitIds,
    unitGroup,
    unitGroupPos,
    allFam,
    groupFam,
    pairFam,
    unitPairs,
    groupSize,
    targets: spec.indicators.map((ind) => (ind.input === 'value' && ind.target ? targets(spec, ind.target) : null)),
    bases: spec.indicators.map((ind) => (ind.input === 'value' && ind.base ? targets(spec, ind.base) : null)),
    applies,
    fams,
    categories: categoriesOf(spec, applies, allFam, groupFam),
    freeArrays: new Map(),
    idOrder: null,
  };
}

/** (1.1) A family narrowed to the members where keep[u] is 1. */
export function restrict(fam: Family, keep: Uint8Array): RestrictedFamily {
  const K = fam.offsets.length - 1;
  const offsets = new Int32Array(K + 1);
  const back = new Int32Array(fam.members.length).fill(-1);
  const kept: number[] = [];
  for (let k = 0; k < K; k++) {
    offsets[k] = kept.length;
    for (let p = fam.offsets[k]; p < fam.offsets[k + 1]; p++) {
      const u = fam.members[p];
      if (!keep[u]) continue;
      back[p] = kept.length;
      kept.push(u);
    }
  }
  offsets[K] = kept.length;
  return { offsets, members: Int32Array.from(kept), identity: false, back };
}

/** (1.1) The categories of value and score indicators, in the order they first appear. */
function categoriesOf(spec: Spec, applies: (Uint8Array | null)[], allFam: Family, groupFam: Family): CategoryLayout[] {
  const out: CategoryLayout[] = [];
  const U = spec.units.length;
  spec.indicators.forEach((ind, i) => {
    if (ind.input === 'event' || ind.category === undefined) return;
    let c = out.find((x) => x.name === ind.category);
    if (!c) out.push((c = { name: ind.category, inds: [], has: new Uint8Array(U), all: allFam, group: groupFam }));
    c.inds.push(i);
    const a = applies[i];
    const has = c.has as Uint8Array;
    for (let u = 0; u < U; u++) has[u] |= a ? a[u] : 1;
  });
  for (const c of out) {
    const has = c.has as Uint8Array;
    if (has.every((x) => x === 1)) c.has = null;
    else {
      c.all = restrict(allFam, has);
      c.group = restrict(groupFam, has);
    }
  }
  return out;
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
function targets(spec: Spec, target: PerUnit): TargetLayout {
  const U = spec.units.length;
  const own = target.units;
  const def = target.default;
  const tm = new Float64Array(U);
  const scale = new Uint8Array(U);
  let S = 0;
  const defM = def ? Number(def.mant) : 0;
  for (let u = 0; u < U; u++) {
    // own is a map without prototype (see validate.ts readPerUnit): a missing key reads undefined
    const t = own[spec.units[u].id];
    // (1.1) a unit the indicator does not apply to may have none: its entry is never read
    const d = t === undefined ? (def ?? Dec.ONE) : t;
    tm[u] = t === undefined && def ? defM : Number(d.mant);
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
  const tinv = new Float64Array(U);
  for (let u = 0; u < U; u++) tinv[u] = 1 / tm[u];
  return { tm, td: exactS ? POW10[S] : NaN, tinv };
}

function indicatorCtx(spec: Spec, data: Dataset, ind: Indicator, index: number, L: SpecLayout, target: TargetLayout | null): IndicatorCtx {
  const scale = data.figures[index]?.scale ?? 0;
  const base: IndicatorCtx = {
    ind, index, ranked: ind.input !== 'event',
    weightF: 0, weightR: Rat.ZERO, capF: 1, capR: Rat.ONE, targetR: null,
    unitF: 10 ** scale, unitB: pow10(scale), stepF: 0, stepR: null,
    wm: NaN, wd: NaN, sm: NaN, sd: NaN, tm: null, td: NaN, tinv: null, capScore: 0,
    applies: L.applies[index], fams: L.fams[index], uniform: true, wByGroup: null, bm: null, bd: NaN, baseR: null,
  };
  let weight = Dec.ZERO;
  if (ind.input === 'value' || ind.input === 'score') {
    // (1.1) the weight every applicable unit has, when they all have the same
    // (only a spec with weights per group can have different ones)
    const own = Object.keys(ind.groupWeights).length > 0;
    const used = own ? spec.groups.filter((g, k) => (ind.appliesTo === undefined || ind.appliesTo.includes(g.id)) && L.groupSize[k] > 0) : [];
    const ws = used.map((g) => weightOf(ind, g.id));
    weight = ws[0] ?? ind.weight;
    if (ws.some((w) => w.cmp(weight) !== 0)) {
      base.uniform = false;
      base.wByGroup = spec.groups.map((g) => weightOf(ind, g.id).toRat());
    }
    base.weightF = weight.toNumber();
    base.weightR = weight.toRat();
    base.wm = Number(weight.mant);
    base.wd = 10 ** weight.scale;
  }
  if (ind.input === 'value') {
    base.capF = ind.cap.toNumber();
    base.capR = ind.cap.toRat();
    if (target) {
      base.tm = target.tm;
      base.td = target.td;
      base.tinv = target.tinv;
      base.targetR = new Map();
    }
    if (ind.step) {
      base.stepF = ind.step.toNumber();
      base.stepR = ind.step.toRat();
      base.sm = Number(ind.step.mant);
      base.sd = 10 ** ind.step.scale;
    }
    base.capScore = Number(weight.toRat().mul(ind.cap.toRat()).roundScaled(spec.campaign.precision));
    const b = L.bases[index];
    if (b) {
      base.bm = b.tm;
      base.bd = b.td;
      base.baseR = new Map();
    }
  }
  return base;
}

/** (1.1) w(u) of unit u, exactly. */
export function weightRat(ctx: Ctx, ic: IndicatorCtx, u: number): Rat {
  return ic.wByGroup ? ic.wByGroup[ctx.unitGroup[u]] : ic.weightR;
}

/** (1.1) w(u) as the decimal the spec wrote. */
export function weightDec(ctx: Ctx, ic: IndicatorCtx, u: number): Dec {
  const ind = ic.ind;
  return ind.input === 'event' ? Dec.ZERO : weightOf(ind, ctx.spec.units[u].group);
}

/** (1.1) Does indicator ic apply to unit u? */
export function applies(ic: IndicatorCtx, u: number): boolean {
  return ic.applies === null || ic.applies[u] === 1;
}

/** (1.1) The exact base target of unit u. */
export function baseRat(ctx: Ctx, ic: IndicatorCtx, u: number): Rat {
  const cache = ic.baseR as Map<number, Rat>;
  let r = cache.get(u);
  if (r === undefined) {
    r = (baseOf(ic.ind as ValueIndicator, ctx.unitIds[u]) as Dec).toRat();
    cache.set(u, r);
  }
  return r;
}

/** (1.1) The base of unit u as the double its decimal reads as. */
export function baseFloat(ctx: Ctx, ic: IndicatorCtx, u: number): number {
  const m = (ic.bm as Float64Array)[u];
  return m === m && ic.bd === ic.bd ? m / ic.bd : (perUnitOf((ic.ind as ValueIndicator).base, ctx.unitIds[u]) as Dec).toNumber();
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
