// Contract section 9: checks reported figures and lays them out for evaluation. Every bad row is
// reported with its spreadsheet row number and offending text; a dataset exists only when none is.
//
// Layout: per indicator, one Float64Array of T×U integer mantissas (value × 10^scale, NaN where
// nothing was reported). Integers below 2^53 add up exactly in doubles, so year-to-date sums are
// exact; an indicator whose figures are too long for that keeps BigInt mantissas instead and is
// always scored on the exact path.
import { Dec, pow10 } from './decimal.ts';
import type { Issue, Result } from './issues.ts';
import { isApplicable, weightOf, type Indicator, type Spec, type Unit } from './model.ts';
import { periodKeys } from './periods.ts';

export interface DataRow {
  unit: string;
  indicator: string;
  period: string;
  /** the figure exactly as written */
  value: string;
  /** the row number as a spreadsheet shows it (the header is row 1) */
  row: number;
}

export interface IndicatorFigures {
  /** decimals of the mantissas */
  scale: number;
  /** T×U mantissas, index t*U+u; NaN = not reported. Exact while `big` is null. */
  mant: Float64Array;
  /** exact mantissas when some figure or sum would not fit 2^53 */
  big: (bigint | null)[] | null;
}

export interface Dataset {
  units: number;
  periods: number;
  /** per period index: 1 when any unit reported anything */
  reported: Uint8Array;
  /** per indicator of the spec, in spec order */
  figures: IndicatorFigures[];
}

const SAFE = Number.MAX_SAFE_INTEGER;

/** A unit or indicator as a person knows it: its name, with the id the file uses. */
export function namedZh(x: { id: string; name: string }): string {
  return x.name === x.id ? `“${x.id}”` : `“${x.name}”（${x.id}）`;
}

export function namedEn(x: { id: string; name: string }): string {
  return x.name === x.id ? `"${x.id}"` : `"${x.name}" (${x.id})`;
}

/** (1.1) significant digits of a plain decimal as written: from its first to its last non-zero digit */
export function significantDigits(text: string): number {
  const digits = text.replace(/^[+-]/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length;
}

export const MAX_SIGNIFICANT = 15;

/**
 * (1.1) What is wrong with a well-formed figure of a unit on an indicator, beyond its form: a unit
 * the indicator does not apply to, more than 15 significant digits, a value outside min/max or not
 * whole, a score outside 0…w(u), an event count that is not a whole number ≥ 0. Null when fine.
 */
export function figureProblem(ind: Indicator, unit: Unit, text: string, d: Dec): { code: string; en: string; zh: string } | null {
  if (!isApplicable(ind, unit.group)) {
    return { code: 'data.not_applicable', en: `indicator ${namedEn(ind)} does not apply to unit ${namedEn(unit)} (its group is not assessed on it)`, zh: `指标${namedZh(ind)}不适用于单位${namedZh(unit)}（该单位所在赛组不考核此指标）` };
  }
  if (significantDigits(text) > MAX_SIGNIFICANT) {
    return { code: 'data.too_many_digits', en: `${text} has more than ${MAX_SIGNIFICANT} significant digits (indicator ${namedEn(ind)})`, zh: `${text} 的有效数字超过 ${MAX_SIGNIFICANT} 位（指标${namedZh(ind)}）` };
  }
  if (ind.input === 'value') {
    if (ind.min && d.cmp(ind.min) < 0) return { code: 'data.below_min', en: `${text} is below the smallest figure allowed for indicator ${namedEn(ind)} (${ind.min.toString()})`, zh: `${text} 低于指标${namedZh(ind)}允许的最小值 ${ind.min.toString()}` };
    if (ind.max && d.cmp(ind.max) > 0) return { code: 'data.above_max', en: `${text} is above the largest figure allowed for indicator ${namedEn(ind)} (${ind.max.toString()})`, zh: `${text} 超过指标${namedZh(ind)}允许的最大值 ${ind.max.toString()}` };
    if (ind.whole && !d.isInteger()) return { code: 'data.not_whole', en: `${text} is not a whole number, as indicator ${namedEn(ind)} requires`, zh: `指标${namedZh(ind)}须填整数，${text} 不是整数` };
  } else if (ind.input === 'score') {
    const w = weightOf(ind, unit.group);
    if (d.sign() < 0 || d.cmp(w) > 0) return { code: 'data.score_range', en: `score ${text} is outside 0…${w.toString()} for indicator ${namedEn(ind)}`, zh: `分数 ${text} 超出指标${namedZh(ind)}的范围 0…${w.toString()}` };
  } else if (!d.isInteger() || d.sign() < 0) {
    return { code: 'data.event_count', en: `event count ${text} is not a whole number ≥ 0 for indicator ${namedEn(ind)}`, zh: `指标${namedZh(ind)}的事件次数 ${text} 不是非负整数` };
  }
  return null;
}

function dataIssue(row: number, code: string, text: string, en: string, zh: string): Issue {
  return { kind: 'data', code, row, text, message: `row ${row}: ${en}`, messageZh: `第 ${row} 行：${zh}` };
}

export function checkData(spec: Spec, rows: readonly DataRow[]): Result<Dataset> {
  const U = spec.units.length;
  const keys = periodKeys(spec);
  const T = keys.length;
  const unitIx = new Map(spec.units.map((u, i) => [u.id, i]));
  const indIx = new Map(spec.indicators.map((d, i) => [d.id, i]));
  const perIx = new Map(keys.map((k, i) => [k, i]));
  const issues: Issue[] = [];
  const seen = new Map<string, number>();
  const parsed: { i: number; t: number; u: number; d: Dec }[] = [];

  for (const r of rows) {
    const unit = r.unit.trim();
    const indicator = r.indicator.trim();
    const period = r.period.trim();
    const text = r.value.trim();
    const u = unitIx.get(unit);
    const i = indIx.get(indicator);
    const t = perIx.get(period);
    let bad = false;
    if (u === undefined) {
      issues.push(dataIssue(r.row, 'data.unknown_unit', unit, `unknown unit "${unit}"`, `未知单位“${unit}”`));
      bad = true;
    }
    if (i === undefined) {
      issues.push(dataIssue(r.row, 'data.unknown_indicator', indicator, `unknown indicator "${indicator}"`, `未知指标“${indicator}”`));
      bad = true;
    }
    if (t === undefined) {
      issues.push(dataIssue(r.row, 'data.unknown_period', period, `"${period}" is not a period of ${spec.campaign.year} by ${spec.campaign.cadence} (${keys[0]} … ${keys[T - 1]})`, `“${period}”不是 ${spec.campaign.year} 年的考核期（${keys[0]} … ${keys[T - 1]}）`));
      bad = true;
    }
    const d = Dec.parse(text);
    if (!d) {
      issues.push(dataIssue(r.row, 'data.not_decimal', text, `"${text}" is not a plain decimal (like -12 or 3.275; no exponent, no thousands separators)`, `“${text}”不是普通小数（如 -12 或 3.275；不能用科学计数法或千位分隔符）`));
      bad = true;
    } else if (i !== undefined && u !== undefined) {
      const problem = figureProblem(spec.indicators[i], spec.units[u], text, d);
      if (problem) {
        issues.push(dataIssue(r.row, problem.code, text, problem.en, problem.zh));
        bad = true;
      }
    }
    if (u !== undefined && i !== undefined && t !== undefined) {
      const key = `${u}|${i}|${t}`;
      const first = seen.get(key);
      if (first !== undefined) {
        issues.push(dataIssue(r.row, 'data.duplicate', `${unit},${indicator},${period}`, `second figure for ${namedEn(spec.units[u])} / ${namedEn(spec.indicators[i])} / ${period} (first on row ${first})`, `${namedZh(spec.units[u])} / ${namedZh(spec.indicators[i])} / ${period} 重复填报（首次在第 ${first} 行）`));
        bad = true;
      } else {
        seen.set(key, r.row);
      }
    }
    if (!bad && d && u !== undefined && i !== undefined && t !== undefined) parsed.push({ i, t, u, d });
  }
  if (issues.length > 0) return { ok: false, issues };

  const scale = new Array<number>(spec.indicators.length).fill(0);
  for (const p of parsed) if (p.d.scale > scale[p.i]) scale[p.i] = p.d.scale;
  const figures: IndicatorFigures[] = spec.indicators.map((_, i) => ({ scale: scale[i], mant: new Float64Array(T * U).fill(NaN), big: null }));
  const reported = new Uint8Array(T);
  // sum of magnitudes per indicator bounds every year-to-date sum
  const mag = new Array<bigint>(spec.indicators.length).fill(0n);
  for (const p of parsed) {
    const m = p.d.mantAt(scale[p.i]);
    mag[p.i] += m < 0n ? -m : m;
  }
  for (const p of parsed) {
    const f = figures[p.i];
    const m = p.d.mantAt(scale[p.i]);
    if (mag[p.i] > BigInt(SAFE)) {
      if (!f.big) f.big = new Array<bigint | null>(T * U).fill(null);
      f.big[p.t * U + p.u] = m;
      f.mant[p.t * U + p.u] = Number(m);
    } else {
      f.mant[p.t * U + p.u] = Number(m);
    }
    reported[p.t] = 1;
  }
  return { ok: true, value: { units: U, periods: T, reported, figures } };
}

/** The exact figure of (indicator, period, unit), or null when not reported. */
export function figureDec(f: IndicatorFigures, index: number): Dec | null {
  const m = f.mant[index];
  if (Number.isNaN(m)) return null;
  return new Dec(f.big ? (f.big[index] as bigint) : BigInt(m), f.scale);
}

export { pow10 };

/**
 * A dataset from columns already in the engine's layout: per indicator, T×U mantissas at a scale
 * (NaN = not reported). For bulk callers (benchmarks, stored figures) that would otherwise build
 * millions of row objects. Figures are checked as checkData checks them; the first bad one throws.
 */
export function datasetFromColumns(spec: Spec, columns: { scale: number; mant: Float64Array }[]): Dataset {
  const U = spec.units.length;
  const T = periodKeys(spec).length;
  if (columns.length !== spec.indicators.length) throw new RangeError(`expected ${spec.indicators.length} columns, got ${columns.length}`);
  const reported = new Uint8Array(T);
  const figures: IndicatorFigures[] = columns.map((c, i) => {
    if (c.mant.length !== T * U) throw new RangeError(`column ${i}: expected ${T * U} figures, got ${c.mant.length}`);
    const ind = spec.indicators[i];
    const unit = 10 ** c.scale;
    // (1.1) applicability, bounds and per-group weights: the checks of checkData, one figure at a time
    const strict = ind.appliesTo !== undefined || (ind.input === 'value' && (ind.min || ind.max || ind.whole)) || (ind.input === 'score' && Object.keys(ind.groupWeights).length > 0);
    let mag = 0;
    for (let t = 0; t < T; t++) {
      for (let u = 0; u < U; u++) {
        const m = c.mant[t * U + u];
        if (m !== m) continue;
        if (!Number.isInteger(m)) throw new RangeError(`column ${i}: mantissa ${m} is not an integer`);
        mag += Math.abs(m);
        reported[t] = 1;
        if (strict) {
          const d = new Dec(BigInt(m), c.scale);
          const problem = figureProblem(ind, spec.units[u], d.toString(), d);
          if (problem) throw new RangeError(`${ind.id} / ${spec.units[u].id}: ${problem.en}`);
        } else {
          if (ind.input === 'score' && (m < 0 || ind.weight.cmp(new Dec(BigInt(m), c.scale)) < 0)) throw new RangeError(`${ind.id}: score ${m / unit} outside 0…${ind.weight.toString()}`);
          if (ind.input === 'event' && (m < 0 || m % unit !== 0)) throw new RangeError(`${ind.id}: event count ${m / unit} is not a whole number ≥ 0`);
        }
      }
    }
    if (mag > SAFE) throw new RangeError(`${ind.id}: figures too long for columns; use checkData`);
    return { scale: c.scale, mant: c.mant, big: null };
  });
  return { units: U, periods: T, reported, figures };
}
