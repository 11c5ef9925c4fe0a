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
  /** (1.1) free text shown to people; no effect on results */
  description?: string;
  /**
   * (Leitai extension, not in the contract) who competes: units (the default, left out of the
   * model) or persons. No effect on any result: the engine treats a person like any unit.
   */
  subject?: 'person';
}

export interface Group {
  id: string;
  name: string;
}

export interface Unit {
  id: string;
  name: string;
  group: string;
  /** (Leitai extension) in a person campaign, the person record this competitor stands for; no effect on results */
  person?: number;
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
  /** (1.1) free text shown to people */
  description?: string;
  /** (1.1) the scoring standard published before the period [评分标准]; free text */
  standard?: string;
  /** (1.1) the groups whose units take part; undefined: every group (see appliesTo below) */
  appliesTo?: string[];
}

/**
 * (1.1) Full points of a value or score indicator: `weight` is the one number written, or the
 * map's `default`; `groupWeights` the groups' own entries (empty for one number). When the map
 * has no default, `weight` is the largest group entry (what the indicator is worth at most) and
 * every unit the indicator applies to has its group's entry (validation sees to it). Use
 * weightOf for a unit's w(u).
 */
interface Weighted {
  weight: Dec;
  groupWeights: Record<string, Dec>;
}

/** (1.1) a per-unit number (target, base): the default and the units' own */
export interface PerUnit {
  default?: Dec;
  units: Record<string, Dec>;
}

export interface ValueIndicator extends IndicatorBase, Weighted {
  input: 'value';
  method: Method;
  direction: Direction;
  cumulative: boolean;
  /** (1.1) amount (adds up over the year) | rate (a level); changes no score */
  quantity: 'amount' | 'rate';
  /** (1.1) bounds of each reported figure */
  min?: Dec;
  max?: Dec;
  whole: boolean;
  /** completion and schedule: the default and the units' own targets (every applicable unit has one of them) */
  target?: PerUnit;
  /** (1.1) completion and schedule, optional: the base target [基本目标], same forms as target */
  base?: PerUnit;
  cap: Dec;
  scope: ScopeKind;
  /** rank only: explicit points lost per place */
  step?: Dec;
}

export interface ScoreIndicator extends IndicatorBase, Weighted {
  input: 'score';
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
  /** (1.1) orders equal figures in place of the default (the campaign's for a flag on the total, none on an indicator) */
  tieBreak?: string[];
  description?: string;
}

export interface Grade {
  id: string;
  name: string;
  share?: Dec;
  /** (1.1) summary rank.all ≤ count */
  count?: number;
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
  /** (1.1) below base on any (listed) indicator with a base */
  belowBase?: true | string[];
  consecutive: number;
}

export interface Rule {
  id: string;
  name: string;
  action: string;
  when: RuleWhen;
  /** (1.1) the only periods in which the rule may match (period keys); undefined: every period */
  at?: string[];
  /** (1.1) false: once per streak (matches when its conditions hold and did not at the previous evaluated period) */
  repeat: boolean;
  description?: string;
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

/** A unit's own number, else the default. */
export function perUnitOf(t: PerUnit | undefined, unitId: string): Dec | undefined {
  if (!t) return undefined;
  return Object.prototype.hasOwnProperty.call(t.units, unitId) ? t.units[unitId] : t.default;
}

/** The target of a unit on a completion or schedule indicator: its own, else the default. */
export function targetOf(ind: ValueIndicator, unitId: string): Dec | undefined {
  return perUnitOf(ind.target, unitId);
}

/** (1.1) The base target of a unit, when the indicator has one. */
export function baseOf(ind: ValueIndicator, unitId: string): Dec | undefined {
  return perUnitOf(ind.base, unitId);
}

/** (1.1) Does the indicator apply to units of this group? */
export function isApplicable(ind: Indicator, groupId: string): boolean {
  return ind.appliesTo === undefined || ind.appliesTo.includes(groupId);
}

/** (1.1) w(u): the weight of a value or score indicator for units of this group. */
export function weightOf(ind: ValueIndicator | ScoreIndicator, groupId: string): Dec {
  return Object.prototype.hasOwnProperty.call(ind.groupWeights, groupId) ? ind.groupWeights[groupId] : ind.weight;
}
