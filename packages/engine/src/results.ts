// The shape of `evaluate`'s output: contract section 10, field for field. Numbers are JSON numbers
// carrying already-rounded values. `explain` keys appear only when explanations were asked for.

/** A sentence in both languages the interface speaks. */
export interface Explanation {
  /** stable code of the rule that produced the figure, e.g. `method.schedule` */
  code: string;
  /** the arithmetic with the actual figures, e.g. `3.275 ÷ (12 × 3/12) = 1.0917 → 30 × 1.0917 = 32.75` */
  formula?: string;
  zh: string;
  en: string;
}

export interface IndicatorRank {
  all: number;
  group: number;
}

export interface ValueIndicatorResult {
  value: number | null;
  ytd?: number | null;
  target?: number;
  expected?: number;
  /** (1.1) the base target [基本目标], completion and schedule indicators with a base */
  base?: number;
  /** (1.1) below the base target (not when missing) */
  below_base?: boolean;
  ratio?: number;
  ahead?: boolean;
  score: number;
  missing: boolean;
  rank: IndicatorRank;
  explain?: Explanation;
}

export interface EventIndicatorResult {
  events: number;
  score: number;
  explain?: Explanation;
}

export type IndicatorResult = ValueIndicatorResult | EventIndicatorResult;

export interface SummaryResult {
  score: number;
  vetoed: boolean;
  rank: IndicatorRank;
  grade?: string | null;
  explain?: Explanation[];
}

/** (1.1) a category's subtotal and ranks [龙虎榜分类] */
export interface CategoryResult {
  score: number;
  rank: IndicatorRank;
}

export interface UnitResult {
  unit: string;
  group: string;
  total: number;
  vetoed: boolean;
  rank: { all: number; group: number; pairs: Record<string, number> };
  delta: number | null;
  flags: string[];
  tally: Record<string, number>;
  /** (1.1) only the indicators that apply to the unit */
  indicators: Record<string, IndicatorResult>;
  /** (1.1) when any value or score indicator has a category: one entry per category of an
   * indicator that applies to the unit */
  categories?: Record<string, CategoryResult>;
  summary?: SummaryResult;
  /** why the unit ranks where it does, why it got or missed each flag, and (1.1) why each rule
   * matched it or not */
  explain?: { rank: Explanation[]; flags: Explanation[]; rules?: Explanation[] };
}

export interface PairResult {
  pair: string;
  units: string[];
  winner: string | null;
  margin: number | null;
  explain?: Explanation;
}

export interface FlagResult {
  flag: string;
  /** `all`, a group id or a pair id */
  scope: string;
  holders: string[];
  previous?: string[];
  kept?: string[];
  lost?: string[];
}

export interface ActionResult {
  rule: string;
  action: string;
  unit: string;
  period: string;
  reason: string;
  explain?: Explanation;
}

export interface PeriodResult {
  campaign: string;
  period: string;
  units: UnitResult[];
  pairs: PairResult[];
  flags: FlagResult[];
  actions: ActionResult[];
}
