// The validated campaign model. Every number a person wrote in the spec is kept as an exact
// decimal (Dec) next to nothing else: the engine never computes a score from a float it parsed.
import type { Dec } from './decimal.ts';

export type Cadence = 'month' | 'quarter' | 'half' | 'year';
export type RankingStyle = 'competition' | 'dense';
export type Direction = 'higher' | 'lower';
export type Method = 'completion' | 'schedule' | 'best' | 'range' | 'rank';
export type ScopeKind = 'group' | 'all';

export interface Campaign {
  id: string;
  name: string;
  organizer?: string;
  year: number;
  cadence: Cadence;
  ranking: RankingStyle;
  precision: number;
  tieBreak: string[];
}

export interface Group {
  id: string;
  name: string;
}

export interface Unit {
  id: string;
  name: string;
  group: string;
}

export interface Pair {
  id: string;
  units: string[];
}

interface IndicatorBase {
  id: string;
  name: string;
  category?: string;
  measure?: string;
}

export interface ValueIndicator extends IndicatorBase {
  input: 'value';
  weight: Dec;
  method: Method;
  direction: Direction;
  cumulative: boolean;
  /** completion and schedule: the default and the units' own targets (every unit has one of them) */
  target?: { default?: Dec; units: Record<string, Dec> };
  cap: Dec;
  scope: ScopeKind;
  /** rank only: explicit points lost per place */
  step?: Dec;
}

export interface ScoreIndicator extends IndicatorBase {
  input: 'score';
  weight: Dec;
  /** the published standard the section scores against (shown to units before the period) */
  standard?: string;
}

export interface EventIndicator extends IndicatorBase {
  input: 'event';
  effect: 'bonus' | 'penalty' | 'veto';
  points?: Dec;
  cap?: Dec;
}

export type Indicator = ValueIndicator | ScoreIndicator | EventIndicator;

export interface FlagRule {
  id: string;
  name: string;
  color?: string;
  award: 'top' | 'bottom';
  count: number;
  scope: 'group' | 'pair' | 'all';
  indicator?: string;
  mobile: boolean;
  minTotal?: Dec;
  maxTotal?: Dec;
}

export interface Grade {
  id: string;
  name: string;
  share?: Dec;
  minTotal?: Dec;
}

export interface Summary {
  method: 'flags' | 'mean' | 'sum' | 'latest';
  points: Record<string, Dec>;
  grades: Grade[];
}

export interface RuleWhen {
  flag?: string;
  rank?: 'bottom';
  scope: 'group' | 'pair' | 'all';
  count: number;
  behindSchedule?: true | string[];
  missing?: boolean;
  vetoed?: boolean;
  consecutive: number;
}

export interface Rule {
  id: string;
  name: string;
  action: string;
  when: RuleWhen;
}

export interface Spec {
  version: 1;
  campaign: Campaign;
  groups: Group[];
  units: Unit[];
  pairs: Pair[];
  indicators: Indicator[];
  flags: FlagRule[];
  summary?: Summary;
  rules: Rule[];
}

/** The target of a unit on a completion or schedule indicator: its own, else the default. */
export function targetOf(ind: ValueIndicator, unitId: string): Dec | undefined {
  const t = ind.target;
  if (!t) return undefined;
  return Object.prototype.hasOwnProperty.call(t.units, unitId) ? t.units[unitId] : t.default;
}
