// When a reported figure needs an explanation (情况说明): when, with it, the unit is behind the
// pro-rata schedule on the indicator (the engine's `ahead: false`), or when the figure jumps
// against the period before. Used by the reporter's form preview (to ask for one) and by figure
// writes (to refuse a figure without one), so both say the same thing.
//
// A jump compares what the unit achieved in the period with what it achieved in the period
// before: for a cumulative (year-to-date) figure that is the increase over the previous figure,
// otherwise the figure itself — a year-to-date figure that doubles from month 1 to month 2 is
// the normal course of a year, not a jump. (Spec 1.1) A rate (`quantity: rate`: a growth rate, an
// energy intensity) is a level, not a sum: it is judged on the level itself. It is a jump when the two differ by more than half of
// the earlier one; without an earlier figure, or when it was 0, there is nothing to compare.
// Nothing here is a score: scores come from the engine only.
import { Dec, periodKeys, type Issue, type Spec, type ValueIndicator } from '@leitai/engine';
import type { Role } from '../db/schema.ts';

export type ExplanationNeed = 'behind_schedule' | 'jump';

/** more than this share of the earlier period's figure is a jump */
const JUMP_SHARE = new Dec(5n, 1);

/** Who must give the explanation: the unit's own reporter. Organizers and admins, who check figures, may give one. */
export const mustExplain = (role: Role | undefined): boolean => role === 'reporter';

/** The period before `period` in the campaign's year, or null for the first. */
export function previousPeriodOf(spec: Spec, period: string): string | null {
  const keys = periodKeys(spec);
  const t = keys.indexOf(period);
  return t > 0 ? keys[t - 1] : null;
}

export interface Jump {
  /** this period's figure (or increase, for a cumulative figure) */
  current: string;
  /** the period before's */
  previous: string;
  /** the change against the earlier one, in whole percent (display only) */
  percent: number;
  /** current and previous are increases of a year-to-date figure */
  increase: boolean;
}

const neg = (d: Dec) => d.mul(new Dec(-1n, 0));
const abs = (d: Dec) => (d.sign() < 0 ? neg(d) : d);

/** Does the period's achievement of this indicator come from the increase of a year-to-date figure? (not for a rate) */
const byIncrease = (ind: ValueIndicator): boolean => ind.cumulative && ind.quantity !== 'rate';

/** What the unit achieved in period index t: the figure, or for a cumulative amount its increase over t − 1. */
function achievedAt(ind: ValueIndicator, keys: string[], t: number, valueOf: (period: string) => string | undefined): Dec | null {
  const text = valueOf(keys[t]);
  const v = text === undefined ? null : Dec.parse(text.trim());
  if (v === null) return null;
  if (!byIncrease(ind) || t === 0) return v;
  const beforeText = valueOf(keys[t - 1]);
  const before = beforeText === undefined ? null : Dec.parse(beforeText.trim());
  return before === null ? null : v.add(neg(before));
}

/** The jump of the unit's figure for `period` against the period before, or null when it is none. */
export function jumpOf(spec: Spec, ind: ValueIndicator, period: string, valueOf: (period: string) => string | undefined): Jump | null {
  const keys = periodKeys(spec);
  const t = keys.indexOf(period);
  if (t <= 0) return null;
  const previous = achievedAt(ind, keys, t - 1, valueOf);
  const current = achievedAt(ind, keys, t, valueOf);
  if (previous === null || current === null || previous.sign() === 0) return null;
  const diff = current.add(neg(previous));
  if (abs(diff).cmp(abs(previous).mul(JUMP_SHARE)) <= 0) return null;
  return { current: current.toString(), previous: previous.toString(), percent: Math.round((diff.toNumber() / abs(previous).toNumber()) * 100), increase: byIncrease(ind) };
}

export interface NeedFacts {
  /** the engine's `ahead` for the unit, indicator and period (undefined: not a schedule indicator, or missing) */
  ahead: boolean | undefined;
  /** the engine's `ytd` and `expected`, for the message */
  ytd?: number | null;
  expected?: number;
  jump: Jump | null;
}

export function needOf(f: NeedFacts): ExplanationNeed | null {
  if (f.ahead === false) return 'behind_schedule';
  return f.jump ? 'jump' : null;
}

/** The issue naming the indicator and why it needs an explanation, in both languages. */
export function needIssue(ind: { id: string; name: string }, unitName: string, period: string, value: string, need: ExplanationNeed, f: NeedFacts, row?: number): Issue {
  const where = { zh: `${ind.name}（${unitName}，${period}）`, en: `${ind.name} (${unitName}, ${period})` };
  let zh: string;
  let en: string;
  if (need === 'behind_schedule') {
    zh = `${where.zh}落后序时进度（累计 ${f.ytd ?? value}，序时目标 ${f.expected ?? '—'}），请填写情况说明`;
    en = `${where.en} is behind schedule (${f.ytd ?? value} against an expected ${f.expected ?? '—'}): add an explanation`;
  } else {
    const j = f.jump as Jump;
    const sign = j.percent > 0 ? '+' : '';
    const what = j.increase ? { zh: '新增', en: 'an increase of ' } : { zh: '', en: '' };
    zh = `${where.zh}较上期变化异常（本期${what.zh} ${j.current}，上期${what.zh} ${j.previous}，${sign}${j.percent}%），请填写情况说明`;
    en = `${where.en} jumps against the period before (${what.en}${j.current} against ${j.previous}, ${sign}${j.percent}%): add an explanation`;
  }
  return {
    kind: 'data', code: `explanation.${need}`, text: value,
    ...(row === undefined ? { message: en, messageZh: zh } : { row, message: `row ${row}: ${en}`, messageZh: `第 ${row} 行：${zh}` }),
  };
}
