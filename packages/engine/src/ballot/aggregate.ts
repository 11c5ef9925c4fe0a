// Ballots [测评 / 投票]: many raters in weighted rater groups mark, approve or grade subjects
// (units or persons). Pure: the ballots cast go in, each subject's figure comes out with the
// arithmetic behind it. Exact: every mean and share is a rational of BigInts; only the figure is
// rounded (half away from zero, to the campaign's precision, contract section 3.5), and shares and
// means are shown rounded to 4 decimals as ratios are.
//
// Kinds:
// - marks: each subject a mark 0 … weight; optionally drop the t highest and the t lowest marks of
//   a group when it has more than 2t marks for the subject;
// - approval: each ballot approves up to k subjects; share in a group = approvals / ballots cast in it;
//   the figure is weight × share;
// - levels (民主测评): each subject one level; its marks are the points of the levels chosen (trimmed
//   as marks); level shares per group; outcome rules on the (weighted) shares.
// Subject figure = Σ w_g × (mean mark, or weight × share) over the groups that gave the subject a
// mark (for approval: that cast ballots) ÷ Σ of those groups' w_g.
import { Dec, Rat } from '../decimal.ts';
import type { Explanation } from '../results.ts';

export type BallotKind = 'marks' | 'approval' | 'levels';

export interface RaterGroup {
  id: string;
  name: string;
  /** > 0, a decimal as written ("0.6") */
  weight: string;
}

export interface BallotLevel {
  id: string;
  name: string;
  /** the mark a ballot putting a subject in this level gives it, 0 … weight */
  points: string;
}

/** `level` share `op` `share` → `outcome`; the first rule that holds decides (in the order given). */
export interface OutcomeRule {
  level: string;
  op: '>=' | '>';
  /** a fraction as a decimal ("0.6") or a ratio ("1/3") */
  share: string;
  outcome: string;
}

export interface BallotDef {
  kind: BallotKind;
  subjects: string[];
  groups: RaterGroup[];
  /** the indicator's weight: the highest mark, and what a share of 1 is worth */
  weight: string;
  /** decimals of the figure (the campaign's precision), 0 … 4 */
  precision: number;
  /** marks and levels: drop the t highest and t lowest marks of a group (when it has more than 2t) */
  trim?: number;
  /** approval: how many subjects a ballot may approve at most (default: all) */
  choose?: number;
  /** levels: the levels in order (best first) */
  levels?: BallotLevel[];
  outcomes?: OutcomeRule[];
}

/** One ballot as cast: which group it belongs to, and its content for the ballot's kind. */
export interface CastBallot {
  group: string;
  /** marks: subject → mark (a subject left out is not marked on this ballot) */
  marks?: Record<string, string>;
  /** approval: the subjects approved */
  approvals?: string[];
  /** levels: subject → level id */
  levels?: Record<string, string>;
}

export interface GroupTally {
  group: string;
  weight: string;
  /** ballots cast in the group */
  cast: number;
  /** marks given to the subject in the group (marks, levels) */
  marked: number;
  /** marks, levels: the marks dropped by trimming, highest and lowest */
  dropped: { high: string[]; low: string[] };
  /** marks, levels: the mean of the marks kept (4 decimals), null when none */
  mean: string | null;
  /** approval: approvals of the subject; levels: per level id, ballots choosing it */
  approvals?: number;
  share?: string;
  levelCounts?: Record<string, number>;
  levelShares?: Record<string, string>;
  /** whether the group counts for this subject (it gave a mark; for approval: it cast ballots) */
  counted: boolean;
}

export interface SubjectTally {
  subject: string;
  /** the figure rounded to the precision, as text ("87.50"), null when no group counted */
  figure: string | null;
  /** the exact figure (for ordering without rounding), null when no group counted */
  exact: Rat | null;
  groups: GroupTally[];
  /** approval: the weighted share over counted groups (4 decimals) */
  share?: string;
  shareExact?: Rat;
  /** levels: weighted share of each level over counted groups (4 decimals) */
  levelShares?: Record<string, string>;
  levelSharesExact?: Record<string, Rat>;
  /** levels: the outcome of the first outcome rule that holds, else null */
  outcome?: string | null;
  explain: Explanation;
}

export interface BallotResult {
  kind: BallotKind;
  /** ballots cast per group */
  turnout: Record<string, number>;
  subjects: SubjectTally[];
}

export interface BallotIssue {
  code: string;
  zh: string;
  en: string;
}

const MAX_PREC = 4;

function dec(text: string): Dec | null {
  return typeof text === 'string' ? Dec.parse(text.trim()) : null;
}

/** "0.6" or "1/3" as an exact rational in [0, 1]; null otherwise. */
export function parseShare(text: string): Rat | null {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  let r: Rat | null = null;
  if (m) {
    if (BigInt(m[2]) === 0n) return null;
    r = Rat.of(BigInt(m[1]), BigInt(m[2]));
  } else {
    const d = dec(text);
    if (d) r = d.toRat();
  }
  if (!r || r.sign() < 0 || r.cmp(Rat.ONE) > 0) return null;
  return r;
}

const fmt4 = (r: Rat) => r.round(4).toString();

/** Problems with a ballot's definition, each naming where (empty: fine). */
export function checkBallotDef(def: BallotDef): BallotIssue[] {
  const out: BallotIssue[] = [];
  const bad = (code: string, zh: string, en: string) => out.push({ code, zh, en });
  const w = dec(def.weight);
  if (!w || w.sign() <= 0) bad('ballot.weight', `满分（weight）须为大于 0 的数：${def.weight}`, `weight must be a number > 0: ${def.weight}`);
  if (!Number.isInteger(def.precision) || def.precision < 0 || def.precision > MAX_PREC) bad('ballot.precision', `小数位数须为 0–4：${def.precision}`, `precision must be 0–4: ${def.precision}`);
  if (def.subjects.length === 0) bad('ballot.subjects', '至少要有一个测评对象', 'at least one subject is needed');
  if (new Set(def.subjects).size !== def.subjects.length) bad('ballot.subjects', '测评对象重复', 'a subject is listed twice');
  if (def.groups.length === 0) bad('ballot.groups', '至少要有一个评议组', 'at least one rater group is needed');
  if (new Set(def.groups.map((g) => g.id)).size !== def.groups.length) bad('ballot.groups', '评议组重复', 'a rater group is listed twice');
  for (const g of def.groups) {
    const gw = dec(g.weight);
    if (!gw || gw.sign() <= 0) bad('ballot.group_weight', `评议组“${g.name}”的权重须大于 0：${g.weight}`, `rater group "${g.name}": weight must be > 0: ${g.weight}`);
  }
  if (def.trim !== undefined && (!Number.isInteger(def.trim) || def.trim < 0)) bad('ballot.trim', `去掉最高最低分个数须为非负整数：${def.trim}`, `trim must be a whole number ≥ 0: ${def.trim}`);
  if (def.kind === 'approval' && def.choose !== undefined && (!Number.isInteger(def.choose) || def.choose < 1)) bad('ballot.choose', `最多可选人数须为正整数：${def.choose}`, `choose must be a whole number ≥ 1: ${def.choose}`);
  if (def.kind === 'levels') {
    const levels = def.levels ?? [];
    if (levels.length < 2) bad('ballot.levels', '等次测评至少要有两个等次', 'a levels ballot needs at least two levels');
    if (new Set(levels.map((l) => l.id)).size !== levels.length) bad('ballot.levels', '等次重复', 'a level is listed twice');
    for (const l of levels) {
      const p = dec(l.points);
      if (!p || p.sign() < 0 || (w && p.cmp(w) > 0)) bad('ballot.level_points', `等次“${l.name}”的分值须在 0 到满分 ${def.weight} 之间：${l.points}`, `level "${l.name}": points must be 0 … ${def.weight}: ${l.points}`);
    }
    for (const [i, o] of (def.outcomes ?? []).entries()) {
      if (!levels.some((l) => l.id === o.level)) bad('ballot.outcome', `第 ${i + 1} 条结果规则的等次不存在：${o.level}`, `outcome rule ${i + 1}: unknown level ${o.level}`);
      if (!parseShare(o.share)) bad('ballot.outcome', `第 ${i + 1} 条结果规则的比例须在 0 到 1 之间（如 0.6 或 1/3）：${o.share}`, `outcome rule ${i + 1}: the share must be 0 … 1 (e.g. 0.6 or 1/3): ${o.share}`);
      if (o.op !== '>=' && o.op !== '>') bad('ballot.outcome', `第 ${i + 1} 条结果规则的比较须为 >= 或 >`, `outcome rule ${i + 1}: op must be >= or >`);
    }
  } else if ((def.outcomes ?? []).length > 0) {
    bad('ballot.outcome', '只有等次测评可设结果规则', 'only a levels ballot has outcome rules');
  }
  return out;
}

/** Problems with one ballot as cast against its definition (empty: it may be stored). */
export function checkCastBallot(def: BallotDef, b: CastBallot): BallotIssue[] {
  const out: BallotIssue[] = [];
  const bad = (code: string, zh: string, en: string) => out.push({ code, zh, en });
  const subjects = new Set(def.subjects);
  if (!def.groups.some((g) => g.id === b.group)) bad('cast.group', `评议组不存在：${b.group}`, `unknown rater group: ${b.group}`);
  const w = dec(def.weight);
  if (def.kind === 'marks') {
    const marks = b.marks ?? {};
    if (b.approvals !== undefined || b.levels !== undefined) bad('cast.kind', '本次为打分测评', 'this ballot takes marks');
    for (const [s, m] of Object.entries(marks)) {
      if (!subjects.has(s)) { bad('cast.subject', `测评对象不存在：${s}`, `unknown subject: ${s}`); continue; }
      const d = dec(m);
      if (!d || d.sign() < 0 || (w && d.cmp(w) > 0) || d.scale > MAX_PREC) bad('cast.mark', `分数须在 0 到 ${def.weight} 之间（最多 4 位小数）：${m}`, `a mark must be 0 … ${def.weight} (at most 4 decimals): ${m}`);
    }
  } else if (def.kind === 'approval') {
    const ap = b.approvals ?? [];
    if (b.marks !== undefined || b.levels !== undefined) bad('cast.kind', '本次为推荐投票', 'this ballot takes approvals');
    if (new Set(ap).size !== ap.length) bad('cast.duplicate', '同一对象只能选一次', 'a subject is chosen twice');
    for (const s of ap) if (!subjects.has(s)) bad('cast.subject', `测评对象不存在：${s}`, `unknown subject: ${s}`);
    if (def.choose !== undefined && ap.length > def.choose) bad('cast.choose', `最多可选 ${def.choose} 个，选了 ${ap.length} 个`, `at most ${def.choose} may be chosen, ${ap.length} were`);
  } else {
    const lv = b.levels ?? {};
    if (b.marks !== undefined || b.approvals !== undefined) bad('cast.kind', '本次为等次测评', 'this ballot takes levels');
    const ids = new Set((def.levels ?? []).map((l) => l.id));
    for (const [s, l] of Object.entries(lv)) {
      if (!subjects.has(s)) bad('cast.subject', `测评对象不存在：${s}`, `unknown subject: ${s}`);
      else if (!ids.has(l)) bad('cast.level', `等次不存在：${l}`, `unknown level: ${l}`);
    }
  }
  return out;
}

export class BallotError extends Error {
  readonly issues: BallotIssue[];
  constructor(issues: BallotIssue[]) {
    super(issues.map((i) => i.en).join('; '));
    this.issues = issues;
  }
}

/** The mean of the marks kept after dropping the t highest and t lowest (when more than 2t). */
function trimmed(marks: Dec[], t: number): { kept: Dec[]; high: Dec[]; low: Dec[] } {
  const sorted = [...marks].sort((a, b) => a.cmp(b));
  if (t <= 0 || sorted.length <= 2 * t) return { kept: sorted, high: [], low: [] };
  return { kept: sorted.slice(t, sorted.length - t), low: sorted.slice(0, t), high: sorted.slice(sorted.length - t).reverse() };
}

function meanOf(ds: Dec[]): Rat | null {
  if (ds.length === 0) return null;
  let sum = Rat.ZERO;
  for (const d of ds) sum = sum.add(d.toRat());
  return sum.div(Rat.int(ds.length));
}

/**
 * Aggregates the ballots cast. Throws BallotError when the definition or a ballot is invalid
 * (a server stores only checked ballots, so this does not happen there).
 */
export function aggregateBallots(def: BallotDef, ballots: readonly CastBallot[]): BallotResult {
  const defIssues = checkBallotDef(def);
  if (defIssues.length > 0) throw new BallotError(defIssues);
  for (const b of ballots) {
    const is = checkCastBallot(def, b);
    if (is.length > 0) throw new BallotError(is);
  }
  const weight = (Dec.parse(def.weight.trim()) as Dec).toRat();
  const t = def.trim ?? 0;
  const levelPoints = new Map((def.levels ?? []).map((l) => [l.id, Dec.parse(l.points.trim()) as Dec]));
  const levelName = new Map((def.levels ?? []).map((l) => [l.id, l.name]));
  const groupName = new Map(def.groups.map((g) => [g.id, g.name]));
  const turnout: Record<string, number> = {};
  for (const g of def.groups) turnout[g.id] = 0;
  for (const b of ballots) turnout[b.group] += 1;

  const subjects: SubjectTally[] = def.subjects.map((subject) => {
    const groups: GroupTally[] = [];
    let num = Rat.ZERO;
    let den = Rat.ZERO;
    const parts: string[] = [];
    const levelNum = new Map<string, Rat>();
    for (const g of def.groups) {
      const gw = (Dec.parse(g.weight.trim()) as Dec).toRat();
      const mine = ballots.filter((b) => b.group === g.id);
      const cast = mine.length;
      const tally: GroupTally = { group: g.id, weight: g.weight.trim(), cast, marked: 0, dropped: { high: [], low: [] }, mean: null, counted: false };
      let value: Rat | null = null;
      if (def.kind === 'approval') {
        const approvals = mine.filter((b) => (b.approvals ?? []).includes(subject)).length;
        tally.approvals = approvals;
        if (cast > 0) {
          const share = Rat.of(BigInt(approvals), BigInt(cast));
          tally.share = fmt4(share);
          value = weight.mul(share);
          parts.push(`${g.name}: ${approvals}/${cast}`);
          levelNum.set('approve', (levelNum.get('approve') ?? Rat.ZERO).add(gw.mul(share)));
        }
      } else {
        const marks: Dec[] = [];
        const counts: Record<string, number> = {};
        for (const l of def.levels ?? []) counts[l.id] = 0;
        for (const b of mine) {
          if (def.kind === 'marks') {
            const m = b.marks?.[subject];
            if (m !== undefined) marks.push(Dec.parse(m.trim()) as Dec);
          } else {
            const l = b.levels?.[subject];
            if (l !== undefined) {
              marks.push(levelPoints.get(l) as Dec);
              counts[l] += 1;
            }
          }
        }
        tally.marked = marks.length;
        const { kept, high, low } = trimmed(marks, t);
        tally.dropped = { high: high.map(String), low: low.map(String) };
        const mean = meanOf(kept);
        if (mean) {
          tally.mean = fmt4(mean);
          value = mean;
          parts.push(`${g.name}: ${kept.length} 个分数均值 ${fmt4(mean)}${high.length + low.length > 0 ? `（去掉最高 ${high.join('、')}，最低 ${low.join('、')}）` : ''}`);
        }
        if (def.kind === 'levels') {
          tally.levelCounts = counts;
          if (marks.length > 0) {
            tally.levelShares = {};
            for (const l of def.levels ?? []) {
              const sh = Rat.of(BigInt(counts[l.id]), BigInt(marks.length));
              tally.levelShares[l.id] = fmt4(sh);
              levelNum.set(l.id, (levelNum.get(l.id) ?? Rat.ZERO).add(gw.mul(sh)));
            }
          }
        }
      }
      if (value) {
        tally.counted = true;
        num = num.add(gw.mul(value));
        den = den.add(gw);
      }
      groups.push(tally);
    }
    const exact = den.isZero() ? null : num.div(den);
    const figure = exact ? exact.round(def.precision).toString() : null;
    const fixed = figure === null ? null : padTo(figure, def.precision);
    const out: SubjectTally = { subject, figure: fixed, exact, groups, explain: explainOf(def, groups, groupName, exact, fixed, parts) };
    if (def.kind === 'approval' && !den.isZero()) {
      out.shareExact = (levelNum.get('approve') ?? Rat.ZERO).div(den);
      out.share = fmt4(out.shareExact);
    }
    if (def.kind === 'levels') {
      out.outcome = null;
      if (!den.isZero()) {
        out.levelSharesExact = {};
        out.levelShares = {};
        for (const l of def.levels ?? []) {
          const sh = (levelNum.get(l.id) ?? Rat.ZERO).div(den);
          out.levelSharesExact[l.id] = sh;
          out.levelShares[l.id] = fmt4(sh);
        }
        for (const o of def.outcomes ?? []) {
          const sh = out.levelSharesExact[o.level];
          const c = sh.cmp(parseShare(o.share) as Rat);
          if (o.op === '>=' ? c >= 0 : c > 0) {
            out.outcome = o.outcome;
            out.explain = {
              ...out.explain,
              zh: `${out.explain.zh}；${levelName.get(o.level)}票占 ${fmt4(sh)}，${o.op === '>=' ? '≥' : '>'} ${o.share} → ${o.outcome}`,
              en: `${out.explain.en}; ${levelName.get(o.level)} share ${fmt4(sh)} ${o.op === '>=' ? '≥' : '>'} ${o.share} → ${o.outcome}`,
            };
            break;
          }
        }
      }
    }
    return out;
  });
  return { kind: def.kind, turnout, subjects };
}

function padTo(text: string, prec: number): string {
  if (prec === 0) return text;
  const [i, f = ''] = text.split('.');
  return `${i}.${f.padEnd(prec, '0')}`;
}

function explainOf(def: BallotDef, groups: GroupTally[], groupName: Map<string, string>, exact: Rat | null, figure: string | null, parts: string[]): Explanation {
  const counted = groups.filter((g) => g.counted);
  const none = groups.filter((g) => !g.counted).map((g) => groupName.get(g.group) ?? g.group);
  if (!exact || figure === null) {
    return { code: `ballot.${def.kind}.none`, zh: '没有评议组对其投票，无得分', en: 'no rater group voted on it: no figure' };
  }
  const term = (g: GroupTally) => (def.kind === 'approval' ? `${g.weight} × ${def.weight} × ${g.share}` : `${g.weight} × ${g.mean}`);
  const formula = `(${counted.map(term).join(' + ')}) ÷ (${counted.map((g) => g.weight).join(' + ')}) = ${fmt4(exact)} → ${figure}`;
  const noneZh = none.length > 0 ? `；${none.join('、')}未投票，不计入` : '';
  const noneEn = none.length > 0 ? `; ${none.join(', ')} cast no ballots and do not count` : '';
  const what = def.kind === 'approval' ? { zh: '各组赞成票占比 × 满分', en: 'each group\'s approval share × weight' } : { zh: '各组平均分', en: 'each group\'s mean mark' };
  return {
    code: `ballot.${def.kind}`,
    formula,
    zh: `${what.zh}按组权重加权：${parts.join('；')}${noneZh}`,
    en: `${what.en}, weighted by group: ${counted.map((g) => `${groupName.get(g.group) ?? g.group} ${def.kind === 'approval' ? `${g.approvals}/${g.cast}` : `mean ${g.mean} of ${g.marked - g.dropped.high.length - g.dropped.low.length}${g.dropped.high.length + g.dropped.low.length > 0 ? ` (dropped highest ${g.dropped.high.join(', ')}, lowest ${g.dropped.low.join(', ')})` : ''}`}`).join('; ')}${noneEn}`,
  };
}
