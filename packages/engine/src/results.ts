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

export interface UnitResult {
  unit: string;
  group: string;
  total: number;
  vetoed: boolean;
  rank: { all: number; group: number; pairs: Record<string, number> };
  delta: number | null;
  flags: string[];
  tally: Record<string, number>;
  indicators: Record<string, IndicatorResult>;
  summary?: SummaryResult;
  /** why the unit ranks where it does, and why it got or missed each flag */
  explain?: { rank: Explanation[]; flags: Explanation[] };
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
