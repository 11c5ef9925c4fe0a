// A combined ranking from several parts [综合排序] — e.g. Jiangyan's 述比排序: 量化考核 60 % +
// 述职评议 40 %. Pure and exact: the parts' scores go in (decimals or exact rationals), each
// candidate's combined score comes out with the arithmetic behind it.
//
// The reading (docs/api-plan.md, selections: 述比排序):
// - each part is first put on a 100-point scale [折算为百分制]:
//     scale 'top'          score ÷ the highest score of that part among the candidates × 100
//                          (以最高分为 100 分折算); when that highest score is not above 0 the part
//                          is taken as it is (nothing to scale by);
//     scale { full: F }    score ÷ F × 100 (the part's full mark, e.g. the panel's highest mark);
// - a candidate without a score in a part (e.g. no judge marked them) gets 0 for it, and the
//   explanation says so;
// - combined = Σ weight × scaled ÷ Σ weight (with weights 60 and 40: (60 × a + 40 × b) ÷ 100),
//   exact; only the combined score is rounded, half away from zero to `precision` decimals
//   (contract section 3.5); scaled parts are shown to 4 decimals, as ratios are;
// - candidates rank by the ROUNDED combined score (what is shown is what ranks, as the contract's
//   summary ranks by its rounded score): competition ranking 1, 2, 2, 4; equal scores listed in id
//   order, so the answer never depends on the order the candidates are given in.
// With scores ≥ 0 the result is monotone: a higher score in any part never lowers a candidate's
// combined score nor worsens their rank.
import { Dec, Rat } from '../decimal.ts';
import type { Explanation } from '../results.ts';
import type { BallotIssue } from './aggregate.ts';

export interface CombinePart {
  id: string;
  name: string;
  /** > 0, a decimal as written ("60") */
  weight: string;
  /** how the part's score is put on a 100-point scale */
  scale: 'top' | { full: string };
}

export interface CombineCandidate {
  id: string;
  /** part id → score (decimal text or exact rational); null or absent: no score in that part */
  scores: Record<string, string | Rat | null | undefined>;
}

export interface CombineOptions {
  parts: CombinePart[];
  /** decimals of the combined score, 0 … 4 */
  precision: number;
}

export interface CombinedPart {
  part: string;
  /** the score as given (4 decimals), null when none */
  score: string | null;
  /** on the 100-point scale (4 decimals) */
  scaled: string;
  scaledExact: Rat;
  weight: string;
}

export interface CombinedCandidate {
  id: string;
  parts: CombinedPart[];
  /** the exact combined score */
  exact: Rat;
  /** rounded to the precision, as text with exactly `precision` decimals ("87.50") */
  score: string;
  /** competition rank on the rounded score */
  rank: number;
  explain: Explanation;
}

export interface CombinedPartInfo {
  id: string;
  name: string;
  weight: string;
  /** 'top' or the full mark */
  scale: 'top' | string;
  /** 'top': the highest score of the part among the candidates (4 decimals), null when nobody has one */
  top: string | null;
  /** 'top' with a highest score not above 0: the part is taken as it is */
  unscaled: boolean;
}

export interface CombineResult {
  parts: CombinedPartInfo[];
  /** best first; equal rounded scores in id order */
  candidates: CombinedCandidate[];
}

const MAX_PREC = 4;
const HUNDRED = Rat.int(100);
const fmt4 = (r: Rat) => r.round(4).toString();

function dec(text: string): Dec | null {
  return typeof text === 'string' ? Dec.parse(text.trim()) : null;
}

function ratOf(x: string | Rat): Rat | null {
  if (x instanceof Rat) return x;
  const d = dec(x);
  return d ? d.toRat() : null;
}

/** Problems with the parts and the candidates' scores, each naming where (empty: fine). */
export function checkCombine(candidates: readonly CombineCandidate[], opts: CombineOptions): BallotIssue[] {
  const out: BallotIssue[] = [];
  const bad = (code: string, zh: string, en: string) => out.push({ code, zh, en });
  if (!Number.isInteger(opts.precision) || opts.precision < 0 || opts.precision > MAX_PREC) bad('combine.precision', `小数位数须为 0–4：${opts.precision}`, `precision must be 0–4: ${opts.precision}`);
  if (opts.parts.length === 0) bad('combine.parts', '至少要有一个组成部分', 'at least one part is needed');
  if (new Set(opts.parts.map((p) => p.id)).size !== opts.parts.length) bad('combine.parts', '组成部分重复', 'a part is listed twice');
  for (const p of opts.parts) {
    const w = dec(p.weight);
    if (!w || w.sign() <= 0) bad('combine.weight', `“${p.name}”的权重须为大于 0 的数：${p.weight}`, `part "${p.name}": weight must be a number > 0: ${p.weight}`);
    if (p.scale !== 'top') {
      const f = dec(p.scale.full);
      if (!f || f.sign() <= 0) bad('combine.full', `“${p.name}”的满分须为大于 0 的数：${p.scale.full}`, `part "${p.name}": the full mark must be a number > 0: ${p.scale.full}`);
    }
  }
  if (new Set(candidates.map((c) => c.id)).size !== candidates.length) bad('combine.candidates', '排序对象重复', 'a candidate is listed twice');
  const parts = new Set(opts.parts.map((p) => p.id));
  for (const c of candidates) {
    for (const [k, v] of Object.entries(c.scores)) {
      if (!parts.has(k)) bad('combine.part', `${c.id}：组成部分不存在：${k}`, `${c.id}: unknown part: ${k}`);
      else if (v !== null && v !== undefined && !ratOf(v)) bad('combine.score', `${c.id}：“${k}”的得分不是数：${String(v)}`, `${c.id}: the score of "${k}" is not a number: ${String(v)}`);
    }
  }
  return out;
}

export class CombineError extends Error {
  readonly issues: BallotIssue[];
  constructor(issues: BallotIssue[]) {
    super(issues.map((i) => i.en).join('; '));
    this.issues = issues;
  }
}

function padTo(text: string, prec: number): string {
  if (prec === 0) return text;
  const [i, f = ''] = text.split('.');
  return `${i}.${f.padEnd(prec, '0')}`;
}

/** The combined score of every candidate, ranked, each with its arithmetic. Throws CombineError on bad input. */
export function combineScores(candidates: readonly CombineCandidate[], opts: CombineOptions): CombineResult {
  const issues = checkCombine(candidates, opts);
  if (issues.length > 0) throw new CombineError(issues);
  const scoreOf = (c: CombineCandidate, part: string): Rat | null => {
    const v = c.scores[part];
    return v === null || v === undefined ? null : (ratOf(v) as Rat);
  };
  // each part's divisor: its full mark, or the highest score among the candidates
  const infos: CombinedPartInfo[] = [];
  const divisor = new Map<string, Rat | null>();
  for (const p of opts.parts) {
    if (p.scale === 'top') {
      let top: Rat | null = null;
      for (const c of candidates) {
        const s = scoreOf(c, p.id);
        if (s && (!top || s.cmp(top) > 0)) top = s;
      }
      const unscaled = !top || top.sign() <= 0;
      divisor.set(p.id, unscaled ? null : top);
      infos.push({ id: p.id, name: p.name, weight: p.weight.trim(), scale: 'top', top: top ? fmt4(top) : null, unscaled: top !== null && unscaled });
    } else {
      divisor.set(p.id, (dec(p.scale.full) as Dec).toRat());
      infos.push({ id: p.id, name: p.name, weight: p.weight.trim(), scale: p.scale.full.trim(), top: null, unscaled: false });
    }
  }
  const weights = opts.parts.map((p) => (dec(p.weight) as Dec).toRat());
  const wSum = weights.reduce((a, b) => a.add(b), Rat.ZERO);

  const scored = candidates.map((c) => {
    const parts: CombinedPart[] = [];
    let num = Rat.ZERO;
    const zh: string[] = [];
    const en: string[] = [];
    opts.parts.forEach((p, i) => {
      const s = scoreOf(c, p.id);
      const div = divisor.get(p.id) ?? null;
      const scaled = s === null ? Rat.ZERO : div ? s.div(div).mul(HUNDRED) : s;
      parts.push({ part: p.id, score: s ? fmt4(s) : null, scaled: fmt4(scaled), scaledExact: scaled, weight: p.weight.trim() });
      num = num.add(weights[i].mul(scaled));
      const info = infos[i];
      if (s === null) {
        zh.push(`${p.name}无得分，按 0 计`);
        en.push(`${p.name}: no score, counted as 0`);
      } else if (!div) {
        zh.push(`${p.name} ${fmt4(s)}（最高分不大于 0，不折算）`);
        en.push(`${p.name} ${fmt4(s)} (the highest score is not above 0: taken as it is)`);
      } else if (p.scale === 'top') {
        zh.push(`${p.name} ${fmt4(s)} ÷ 最高分 ${info.top} × 100 = ${fmt4(scaled)}`);
        en.push(`${p.name} ${fmt4(s)} ÷ top ${info.top} × 100 = ${fmt4(scaled)}`);
      } else {
        zh.push(`${p.name} ${fmt4(s)} ÷ 满分 ${info.scale} × 100 = ${fmt4(scaled)}`);
        en.push(`${p.name} ${fmt4(s)} ÷ full mark ${info.scale} × 100 = ${fmt4(scaled)}`);
      }
    });
    const exact = num.div(wSum);
    const score = padTo(exact.round(opts.precision).toString(), opts.precision);
    const formula = `(${parts.map((x) => `${x.weight} × ${x.scaled}`).join(' + ')}) ÷ ${opts.parts.length > 1 ? `(${parts.map((x) => x.weight).join(' + ')})` : parts[0].weight} = ${fmt4(exact)} → ${score}`;
    const explain: Explanation = {
      code: 'combine.weighted',
      formula,
      zh: `各部分折算为百分制后按权重加权：${zh.join('；')}；${opts.parts.map((p) => `${p.name}权重 ${p.weight.trim()}`).join('，')}`,
      en: `each part on a 100-point scale, weighted: ${en.join('; ')}; weights ${opts.parts.map((p) => `${p.name} ${p.weight.trim()}`).join(', ')}`,
    };
    return { id: c.id, parts, exact, score, rounded: (Dec.parse(score) as Dec).toRat(), explain };
  });
  scored.sort((a, b) => b.rounded.cmp(a.rounded) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const out: CombinedCandidate[] = [];
  scored.forEach((s, i) => {
    const rank = i > 0 && scored[i - 1].rounded.cmp(s.rounded) === 0 ? out[i - 1].rank : i + 1;
    out.push({ id: s.id, parts: s.parts, exact: s.exact, score: s.score, rank, explain: s.explain });
  });
  return { parts: infos, candidates: out };
}
