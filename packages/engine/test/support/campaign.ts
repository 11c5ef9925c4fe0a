// Test helpers: build small specs and data inline, run the engine, pick results apart.
// Nothing here computes an expected number — every test writes its own arithmetic.
import {
  checkData,
  evaluate,
  evaluateAll,
  parseSpec,
  type DataRow,
  type Dataset,
  type EvaluateOptions,
  type EventIndicatorResult,
  type FlagResult,
  type Issue,
  type PairResult,
  type PeriodResult,
  type Spec,
  type UnitResult,
  type ValueIndicatorResult,
} from '../../src/index.ts';

export interface SpecParts {
  /** the `campaign:` mapping, flow style; default: month cadence, year 2026 */
  campaign?: string;
  groups?: string;
  units?: string;
  pairs?: string;
  indicators: string;
  flags?: string;
  summary?: string;
  rules?: string;
}

export const CAMPAIGN = '{id: t, name: 测试, year: 2026, cadence: month}';
export const ONE_GROUP = '[{id: g1, name: 一组}]';
export const UNITS_ABC = '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g1}]';

/** A spec as YAML text, from flow-style fragments. */
export function specText(p: SpecParts): string {
  const lines = [
    'version: 1',
    `campaign: ${p.campaign ?? CAMPAIGN}`,
    `groups: ${p.groups ?? ONE_GROUP}`,
    `units: ${p.units ?? UNITS_ABC}`,
  ];
  if (p.pairs) lines.push(`pairs: ${p.pairs}`);
  lines.push(`indicators: ${p.indicators}`);
  if (p.flags) lines.push(`flags: ${p.flags}`);
  if (p.summary) lines.push(`summary: ${p.summary}`);
  if (p.rules) lines.push(`rules: ${p.rules}`);
  return lines.join('\n') + '\n';
}

function describeIssues(issues: Issue[]): string {
  return issues.map((i) => `${i.code} ${i.path ?? ''}${i.row ?? ''}: ${i.message}`).join('\n');
}

/** Parses a spec that must be valid. */
export function spec(text: string | SpecParts): Spec {
  const r = parseSpec(typeof text === 'string' ? text : specText(text));
  if (!r.ok) throw new Error(`spec should be valid, got:\n${describeIssues(r.issues)}`);
  return r.value;
}

/** Issues of a spec that must be invalid. */
export function specIssues(text: string | SpecParts): Issue[] {
  const r = parseSpec(typeof text === 'string' ? text : specText(text));
  if (r.ok) throw new Error('spec should be invalid, but it parsed');
  return r.issues;
}

/**
 * Data rows from lines `unit,indicator,period,value` (no header). Row numbers are as a spreadsheet
 * shows them below a header: the first line is row 2.
 */
export function rows(text: string): DataRow[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l, i) => {
      const [unit, indicator, period, value] = l.split(',');
      return { unit, indicator, period, value, row: i + 2 };
    });
}

export function dataset(s: Spec, text: string): Dataset {
  const r = checkData(s, rows(text));
  if (!r.ok) throw new Error(`data should be valid, got:\n${describeIssues(r.issues)}`);
  return r.value;
}

export function dataIssues(s: Spec, text: string): Issue[] {
  const r = checkData(s, rows(text));
  if (r.ok) throw new Error('data should be invalid, but it was accepted');
  return r.issues;
}

/** Evaluates one period (default: the latest with data). */
export function run(specSrc: string | SpecParts, data: string, options: EvaluateOptions = {}): PeriodResult {
  const s = spec(specSrc);
  return evaluate(s, dataset(s, data), options);
}

export function runAll(specSrc: string | SpecParts, data: string): PeriodResult[] {
  const s = spec(specSrc);
  return evaluateAll(s, dataset(s, data));
}

export function unit(res: PeriodResult, id: string): UnitResult {
  const u = res.units.find((x) => x.unit === id);
  if (!u) throw new Error(`no unit ${id} in result`);
  return u;
}

export function val(res: PeriodResult, unitId: string, indicatorId: string): ValueIndicatorResult {
  const r = unit(res, unitId).indicators[indicatorId];
  if (!r || !('rank' in r)) throw new Error(`no value/score indicator ${indicatorId} for ${unitId}`);
  return r;
}

export function evt(res: PeriodResult, unitId: string, indicatorId: string): EventIndicatorResult {
  const r = unit(res, unitId).indicators[indicatorId];
  if (!r || !('events' in r)) throw new Error(`no event indicator ${indicatorId} for ${unitId}`);
  return r;
}

/** score of one indicator per unit id */
export function scores(res: PeriodResult, indicatorId: string): Record<string, number> {
  return Object.fromEntries(res.units.map((u) => [u.unit, u.indicators[indicatorId].score]));
}

export function totals(res: PeriodResult): Record<string, number> {
  return Object.fromEntries(res.units.map((u) => [u.unit, u.total]));
}

export function ranksAll(res: PeriodResult): Record<string, number> {
  return Object.fromEntries(res.units.map((u) => [u.unit, u.rank.all]));
}

export function pair(res: PeriodResult, id: string): PairResult {
  const p = res.pairs.find((x) => x.pair === id);
  if (!p) throw new Error(`no pair ${id}`);
  return p;
}

export function flag(res: PeriodResult, id: string, scope: string): FlagResult {
  const f = res.flags.find((x) => x.flag === id && x.scope === scope);
  if (!f) throw new Error(`no flag ${id}/${scope}`);
  return f;
}

/** units holding a flag (any instance), as unit ids sorted */
export function holders(res: PeriodResult, flagId: string): string[] {
  return res.units.filter((u) => u.flags.includes(flagId)).map((u) => u.unit).sort();
}

export function actions(res: PeriodResult): string[] {
  return res.actions.map((a) => `${a.rule}:${a.unit}`);
}

/** every key anywhere in a JSON-like value */
export function allKeys(v: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(v)) for (const x of v) allKeys(x, out);
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      out.add(k);
      allKeys(x, out);
    }
  }
  return out;
}

export const UNITS_ABCD =
  '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g1}, {id: d, name: 丁, group: g1}]';
/** two groups: g1 = {a, b}, g2 = {c, d} */
export const TWO_GROUPS = '[{id: g1, name: 一组}, {id: g2, name: 二组}]';
export const UNITS_AB_CD =
  '[{id: a, name: 甲, group: g1}, {id: b, name: 乙, group: g1}, {id: c, name: 丙, group: g2}, {id: d, name: 丁, group: g2}]';
/** one score indicator `s` of weight 100: a handy way to set totals directly */
export const S100 = '[{id: s, name: 评分, input: score, weight: 100}]';
