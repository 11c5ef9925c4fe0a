// Explanations: for every figure a person may question, the arithmetic with the actual numbers
// and a sentence in both languages. Built only when asked for, and only for the output period.
import { Dec, Rat, scaledToText } from '../decimal.ts';
import type { Rule, ValueIndicator } from '../model.ts';
import type { Explanation } from '../results.ts';
import { targetRat, weightDec, type Ctx, type IndicatorCtx, type RestrictedFamily } from './context.ts';
import { EXCLUDED_THRESHOLD, EXCLUDED_TOP, EXCLUDED_VETOED } from './flags.ts';
import type { PeriodState, TotalRanks, YearState } from './period.ts';
import { actionReason } from './reasons.ts';
import { ruleMatches } from './rules.ts';
import { instanceIds } from './scopes.ts';
import { expectedRat, ratioRat, ytdRat, type IndicatorPeriod } from './scoring.ts';
import type { FamilyRanking } from './ranking.ts';
import type { SummaryState } from './summary.ts';

/** A rational shown as a decimal rounded to `d` places, trailing zeros dropped. */
export function fmt(r: Rat, d = 4): string {
  return r.round(d).toString();
}

/**
 * A score (an integer counting 10^-precision) with exactly the campaign's decimals, as every page
 * and bulletin prints scores (92.40, not 92.4), so that an explanation reads the same numbers.
 */
export function fmtScaled(ctx: Ctx, v: number): string {
  return scaledToText(v, ctx.prec);
}

function ex(code: string, zh: string, en: string, formula?: string): Explanation {
  return formula === undefined ? { code, zh, en } : { code, formula, zh, en };
}

export function explainIndicator(ctx: Ctx, ic: IndicatorCtx, p: IndicatorPeriod, u: number, t: number): Explanation {
  const ind = ic.ind;
  const s = fmtScaled(ctx, p.score[u]);
  if (ind.input === 'event') {
    const n = (p.events as Float64Array)[u];
    if (ind.effect === 'veto') {
      return n > 0
        ? ex('event.veto', `发生 ${n} 次，一票否决`, `${n} event(s): vetoed`)
        : ex('event.veto_none', '未发生一票否决事项', 'no veto event');
    }
    const pts = (ind.points as Dec).toString();
    const sign = ind.effect === 'penalty' ? '−' : '+';
    const raw = `${n} × ${pts} = ${(ind.points as Dec).mul(Dec.fromNumber(n)).toString()}`;
    const capped = ind.cap && (ind.points as Dec).mul(Dec.fromNumber(n)).cmp(ind.cap) > 0 ? ` → 封顶 ${ind.cap.toString()}` : '';
    const word = ind.effect === 'penalty' ? ['扣分', 'penalty'] : ['加分', 'bonus'];
    return ex(`event.${ind.effect}`, `${word[0]}：${n} 次 × ${pts} 分${capped ? `，封顶 ${ind.cap?.toString()} 分` : ''}，计 ${sign}${s.replace('-', '')}`,
      `${word[1]}: ${n} × ${pts}${capped ? `, capped at ${ind.cap?.toString()}` : ''} = ${sign}${s.replace('-', '')}`, `${raw}${capped}`);
  }
  if (p.missing[u]) return ex('missing', '未报送，记 0 分', 'not reported: scores 0', '— → 0');
  // (1.1) w(u), the weight of the unit's group
  const w = weightDec(ctx, ic, u).toString();
  if (ind.input === 'score') {
    return ex('score.given', `责任科室评分 ${s} 分（满分 ${w}）`, `points given by the scoring section: ${s} of ${w}`, `${s}`);
  }
  const ytd = ytdRat(ic, p, u) as Rat;
  const y = fmt(ytd, 6);
  const ytdNote = ind.cumulative ? '' : '（各期累计）';
  const ytdNoteEn = ind.cumulative ? '' : ' (sum of the year so far)';
  switch (ind.method) {
    case 'completion':
    case 'schedule': {
      const r = ratioRat(ctx, ic, ind, ytd, u, t);
      const target = targetRat(ctx, ic, u);
      const rc = r.clamp(Rat.ZERO, ic.capR);
      const capNote = r.cmp(ic.capR) > 0 ? ` → 封顶 ${fmt(ic.capR)}` : r.sign() < 0 ? ' → 0' : '';
      let ratio: string;
      if (ind.method === 'schedule') {
        const goal = `(${fmt(target)} × ${t + 1}/${ctx.perYear})`;
        ratio = ind.direction === 'higher' ? `${y} ÷ ${goal}` : ytd.sign() <= 0 ? `${y} ≤ 0 → ${fmt(ic.capR)}` : `${goal} ÷ ${y}`;
      } else {
        ratio = ind.direction === 'higher' ? `${y} ÷ ${fmt(target)}` : ytd.sign() <= 0 ? `${y} ≤ 0 → ${fmt(ic.capR)}` : `${fmt(target)} ÷ ${y}`;
      }
      const formula = `${ratio} = ${fmt(r)}${capNote} → ${w} × ${fmt(rc)} = ${s}`;
      if (ind.method === 'schedule') {
        const e = expectedRat(ctx, ic, u, t);
        const ahead = r.cmp(Rat.ONE) >= 0;
        return ex('method.schedule',
          `序时进度：累计完成 ${y}${ytdNote}，序时目标 ${fmt(e)}（年度目标 ${fmt(target)} × ${t + 1}/${ctx.perYear}），比值 ${fmt(r)}，${ahead ? '超序时' : '落后序时'}；得分 ${s}`,
          `schedule: ${y}${ytdNoteEn} against an expected ${fmt(e)} (target ${fmt(target)} × ${t + 1}/${ctx.perYear}), ratio ${fmt(r)}, ${ahead ? 'ahead of' : 'behind'} schedule; score ${s}`,
          formula);
      }
      return ex('method.completion',
        `完成率：完成 ${y}${ytdNote}，目标 ${fmt(target)}，完成率 ${fmt(r)}；得分 ${s}`,
        `completion: ${y}${ytdNoteEn} of a target of ${fmt(target)}, ratio ${fmt(r)}; score ${s}`, formula);
    }
    case 'best': {
      const sc = (p.scopeOf as Int32Array)[u];
      const m = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[sc]) as Rat;
      const where = scopeWords(ctx, ind, u);
      if (m.sign() <= 0) return ex('method.best', `${where[0]}最高值不大于 0，记 0 分`, `the highest in ${where[1]} is not above 0: scores 0`, `max ≤ 0 → 0`);
      return ex('method.best', `最高值折算：${y}${ytdNote} ÷ ${where[0]}最高值 ${fmt(m, 6)} × ${w}；得分 ${s}`,
        `best: ${y}${ytdNoteEn} ÷ the highest in ${where[1]} (${fmt(m, 6)}) × ${w}; score ${s}`,
        `${w} × ${ytd.sign() < 0 ? '0' : y} ÷ ${fmt(m, 6)} = ${s}`);
    }
    case 'range': {
      const sc = (p.scopeOf as Int32Array)[u];
      const lo = ytdRat(ic, p, (p.scopeMinU as Int32Array)[sc]) as Rat;
      const hi = ytdRat(ic, p, (p.scopeMaxU as Int32Array)[sc]) as Rat;
      const where = scopeWords(ctx, ind, u);
      if (lo.cmp(hi) === 0) return ex('method.range', `${where[0]}最高值与最低值相同，得满分 ${s}`, `all equal in ${where[1]}: full points ${s}`, `hi = lo → ${w}`);
      const part = ind.direction === 'higher' ? `(${y} − ${fmt(lo, 6)})` : `(${fmt(hi, 6)} − ${y})`;
      return ex('method.range', `极差法：${where[0]}最低 ${fmt(lo, 6)}、最高 ${fmt(hi, 6)}，本单位 ${y}${ytdNote}；得分 ${s}`,
        `range: lowest ${fmt(lo, 6)} and highest ${fmt(hi, 6)} in ${where[1]}, this unit ${y}${ytdNoteEn}; score ${s}`,
        `${w} × ${part} ÷ (${fmt(hi, 6)} − ${fmt(lo, 6)}) = ${s}`);
    }
    case 'rank': {
      const sc = (p.scopeOf as Int32Array)[u];
      const n = (p.scopeN as Int32Array)[sc];
      const place = (p.place as Int32Array)[u];
      const where = scopeWords(ctx, ind, u);
      const step = ic.stepR ?? weightDec(ctx, ic, u).toRat().div(Rat.int(n));
      return ex('method.rank', `排位赋分：${y}${ytdNote} 在${where[0]} ${n} 个单位中排第 ${place} 名，每名次 ${fmt(step)} 分；得分 ${s}`,
        `rank: ${y}${ytdNoteEn} places ${place} of ${n} in ${where[1]}, ${fmt(step)} points a place; score ${s}`,
        `max(0, ${w} − ${fmt(step)} × (${place} − 1)) = ${s}`);
    }
  }
}

function scopeWords(ctx: Ctx, ind: ValueIndicator, u: number): [string, string] {
  if (ind.scope === 'all') return ['全部单位', 'all units'];
  const g = ctx.spec.groups[ctx.unitGroup[u]];
  return [`${g.name}`, `group ${g.name}`];
}

/** Why a unit ranks where it does: its total, veto, and which tie_break decided against equals. */
export function explainRank(ctx: Ctx, st: PeriodState, u: number): Explanation[] {
  const out: Explanation[] = [];
  const total = fmtScaled(ctx, st.total[u]);
  const g = ctx.spec.groups[ctx.unitGroup[u]];
  // a presented period is ranked (see evaluatePeriod's `ranked`)
  const { rankAll, rankGroup } = st.ranks as TotalRanks;
  out.push(ex('rank.total', `总分 ${total}，全部单位第 ${rankAll[u]} 名，${g.name}第 ${rankGroup[u]} 名`,
    `total ${total}: rank ${rankAll[u]} of all units, ${rankGroup[u]} in ${g.name}`));
  if (st.vetoed[u]) out.push(ex('rank.vetoed', '一票否决：排在所有未被否决的单位之后', 'vetoed: ranked after every unit that is not vetoed'));
  const equals: number[] = [];
  for (let v = 0; v < ctx.U; v++) if (v !== u && st.total[v] === st.total[u] && st.vetoed[v] === st.vetoed[u]) equals.push(v);
  for (const v of equals) {
    const name = ctx.spec.units[v].name;
    let decided = false;
    for (const i of ctx.tieBreak) {
      const a = st.inds[i].score[u];
      const b = st.inds[i].score[v];
      if (a === b) continue;
      const ind = ctx.spec.indicators[i];
      const rel = a > b ? ['高于', 'above', '前'] : ['低于', 'below', '后'];
      out.push(ex('rank.tie_break', `与${name}总分同为 ${total}，按${ind.name}得分 ${fmtScaled(ctx, a)} ${rel[0]} ${fmtScaled(ctx, b)}，排在其${rel[2]}`,
        `same total ${total} as ${name}: ${ind.name} score ${fmtScaled(ctx, a)} is ${rel[1]} ${fmtScaled(ctx, b)}`));
      decided = true;
      break;
    }
    if (!decided) out.push(ex('rank.shared', `与${name}总分同为 ${total}${ctx.tieBreak.length ? '，比较项得分也相同' : ''}，并列`, `same total ${total} as ${name}${ctx.tieBreak.length ? ' and the same tie-break scores' : ''}: rank shared`));
  }
  return out;
}

/** The family positions of unit u in a scope kind, with the instance each belongs to. */
function positionsOf(ctx: Ctx, scope: 'all' | 'group' | 'pair', u: number): { pos: number; k: number }[] {
  if (scope === 'all') return [{ pos: u, k: 0 }];
  if (scope === 'group') {
    const k = ctx.unitGroup[u];
    const fam = ctx.groupFam;
    for (let p = fam.offsets[k]; p < fam.offsets[k + 1]; p++) if (fam.members[p] === u) return [{ pos: p, k }];
    return [];
  }
  const up = ctx.unitPairs;
  const out: { pos: number; k: number }[] = [];
  for (let j = up.offsets[u]; j < up.offsets[u + 1]; j++) out.push({ pos: up.pos[j], k: up.pair[j] });
  return out;
}

/** Why a unit got or missed each flag whose scope instance it stands in. */
export function explainFlags(ctx: Ctx, st: PeriodState, u: number): Explanation[] {
  const out: Explanation[] = [];
  ctx.spec.flags.forEach((rule, f) => {
    const award = st.flags[f];
    // a presented period always has its flags' rankings (only others may go without: awardOne)
    const ranking = award.ranking as FamilyRanking;
    const ids = instanceIds(ctx, rule.scope);
    // (1.1) a flag by an indicator works on the units it applies to: positions in that family
    const back = (award.fam as Partial<RestrictedFamily>).back;
    for (const at of positionsOf(ctx, rule.scope, u)) {
      const pos = back ? back[at.pos] : at.pos;
      const k = at.k;
      if (pos < 0) continue;
      const rank = ranking.memberRank[pos];
      const cut = award.cut[k];
      const where = instanceWords(ctx, rule.scope, ids[k], u);
      const fig = rule.indicator ? ctx.spec.indicators[ctx.indIndex.get(rule.indicator) as number].name : '总分';
      const figEn = rule.indicator ? ctx.spec.indicators[ctx.indIndex.get(rule.indicator) as number].name : 'total';
      const edge = rule.award === 'top' ? `前 ${rule.count} 名（第 ${cut} 名及以前）` : `后 ${rule.count} 名（第 ${cut} 名及以后）`;
      const edgeEn = rule.award === 'top' ? `top ${rule.count} (rank ≤ ${cut})` : `bottom ${rule.count} (rank ≥ ${cut})`;
      if (award.holds[pos]) {
        out.push(ex('flag.won', `获${rule.name}：${where[0]}按${fig}排第 ${rank} 名，属${edge}`, `won ${rule.name}: rank ${rank} by ${figEn} in ${where[1]}, within the ${edgeEn}`));
        continue;
      }
      const why = award.excluded[pos];
      if (why === EXCLUDED_VETOED) out.push(ex('flag.vetoed', `未获${rule.name}：一票否决的单位不得红旗`, `no ${rule.name}: a vetoed unit never gets a top flag`));
      else if (why === EXCLUDED_TOP) out.push(ex('flag.top_already', `未获${rule.name}：本期已在${where[0]}按${fig}获得先进旗帜`, `no ${rule.name}: it already got a top flag in ${where[1]} on ${figEn}`));
      else if (why === EXCLUDED_THRESHOLD) {
        const th = [rule.minTotal ? `不低于 ${rule.minTotal.toString()}` : '', rule.maxTotal ? `低于 ${rule.maxTotal.toString()}` : ''].filter(Boolean).join('且');
        const thEn = [rule.minTotal ? `at least ${rule.minTotal.toString()}` : '', rule.maxTotal ? `below ${rule.maxTotal.toString()}` : ''].filter(Boolean).join(' and ');
        out.push(ex('flag.threshold', `未获${rule.name}：排名符合，但${fig}须${th}`, `no ${rule.name}: the rank fits, but the ${figEn} must be ${thEn}`));
      } else if (rule.award === 'top') {
        out.push(ex('flag.missed', `未获${rule.name}：${where[0]}按${fig}排第 ${rank} 名，须在${edge}`, `no ${rule.name}: rank ${rank} by ${figEn} in ${where[1]}; needs the ${edgeEn}`));
      }
    }
  });
  return out;
}

function instanceWords(ctx: Ctx, scope: 'all' | 'group' | 'pair', id: string, u: number): [string, string] {
  if (scope === 'all') return ['全部单位中', 'all units'];
  if (scope === 'group') {
    const g = ctx.spec.groups.find((x) => x.id === id);
    return [`${g?.name ?? id}内`, `group ${g?.name ?? id}`];
  }
  // a pair is known by its units, not by its id: "与白石镇的结对中"
  const pair = ctx.spec.pairs.find((p) => p.id === id);
  const self = ctx.spec.units[u].id;
  const others = (pair?.units ?? []).filter((x) => x !== self).map((x) => ctx.spec.units.find((v) => v.id === x)?.name ?? x);
  if (others.length === 0) return [`结对 ${id} 中`, `pair ${id}`];
  return [`与${others.join('、')}的结对中`, `the pair with ${others.join(', ')}`];
}

export function explainSummary(ctx: Ctx, sum: SummaryState, st: PeriodState, periods: number, tally: Int32Array[], eventNet: Float64Array, u: number): Explanation[] {
  const summary = ctx.spec.summary;
  if (!summary) return [];
  const s = fmtScaled(ctx, sum.score[u]);
  const out: Explanation[] = [];
  switch (summary.method) {
    case 'flags': {
      const parts: string[] = [];
      ctx.spec.flags.forEach((f, i) => {
        const p = summary.points[f.id];
        if (p && tally[i][u] > 0) parts.push(`${f.name} ${tally[i][u]} × ${p.toString()}`);
      });
      if (eventNet[u] !== 0) parts.push(`${eventNet[u] > 0 ? '加扣分' : '加扣分'} ${fmtScaled(ctx, eventNet[u])}`);
      out.push(ex('summary.flags', `年度得分 ${s}：${parts.length ? parts.join(' + ') : '未获计分旗帜'}`, `year score ${s} from flags won and bonus/penalty`, `${parts.join(' + ') || '0'} = ${s}`));
      break;
    }
    case 'mean':
      out.push(ex('summary.mean', `年度得分 ${s}：${periods} 期总分的平均值`, `year score ${s}: the mean of ${periods} period totals`, `${fmt(sum.exact[u].mul(Rat.int(periods)), ctx.prec)} ÷ ${periods} = ${fmt(sum.exact[u])} → ${s}`));
      break;
    case 'sum':
      out.push(ex('summary.sum', `年度得分 ${s}：${periods} 期总分之和`, `year score ${s}: the sum of ${periods} period totals`));
      break;
    case 'latest':
      out.push(ex('summary.latest', `年度得分 ${s}：本期总分 ${fmtScaled(ctx, st.total[u])}`, `year score ${s}: this period's total`));
      break;
  }
  if (sum.vetoed[u]) out.push(ex('summary.vetoed', '本年度曾被一票否决：排在最后，取最低等次', 'vetoed this year: ranked last and given the last grade'));
  const g = sum.grade[u];
  if (g !== null) {
    const gr = summary.grades[g];
    const cond = gr.share ? `年度排名前 ${gr.share.toString()}（第 ${sum.rankAll[u]} 名）` : gr.minTotal ? `年度得分不低于 ${gr.minTotal.toString()}` : '其余单位';
    out.push(ex('summary.grade', `考核等次：${gr.name}（${sum.vetoed[u] ? '一票否决' : cond}）`, `grade: ${gr.name}`));
  }
  return out;
}

/** (1.1) What a rule's conditions ask, in words (for a rule that did not match). */
function whenWords(ctx: Ctx, rule: Rule): [string, string] {
  const w = rule.when;
  const zh: string[] = [];
  const en: string[] = [];
  if (w.flag !== undefined) {
    const f = ctx.spec.flags[ctx.flagIndex.get(w.flag) as number];
    zh.push(`获${f.name}`);
    en.push(`getting ${f.name}`);
  }
  if (w.rank === 'bottom') {
    zh.push(w.count > 1 ? `排名后${w.count}名` : '排名末位');
    en.push(w.count > 1 ? `ranking in the bottom ${w.count}` : 'ranking last');
  }
  if (w.behindSchedule !== undefined) {
    zh.push('落后序时进度');
    en.push('behind schedule');
  }
  if (w.belowBase !== undefined) {
    zh.push('低于基本目标');
    en.push('below base');
  }
  if (w.missing) {
    zh.push('未报送数据');
    en.push('a missing figure');
  }
  if (w.vetoed) {
    zh.push('一票否决');
    en.push('a veto');
  }
  return [zh.join('且'), en.join(' and ')];
}

/**
 * (1.1) Why each rule matched the unit this period or not: its conditions, the periods it is
 * checked at (`at`), and once per streak (`repeat: false`: when it was issued in this streak).
 */
export function explainRules(ctx: Ctx, st: PeriodState, year: YearState, u: number): Explanation[] {
  return ctx.spec.rules.map((rule, r) => {
    const streak = year.streak[r][u];
    const c = rule.when.consecutive;
    const name = rule.name;
    if (ruleMatches(rule, st.key, streak)) {
      const why = actionReason(ctx, st, rule, u);
      return ex('rule.fired', `${name}：触发（${why.zh}）`, `${name}: issued (${why.en})`);
    }
    if (streak >= c && rule.at !== undefined && !rule.at.includes(st.key)) {
      return ex('rule.not_at', `${name}：条件已满足，但本期不是检查期（仅在 ${rule.at.join('、')} 检查），未触发`, `${name}: the conditions hold, but it is checked in ${rule.at.join(', ')} only: not issued`);
    }
    if (streak > c && !rule.repeat) {
      // the streak reached `consecutive` (streak − c) evaluated periods ago
      const ev = year.evaluated;
      const first = ctx.keys[ev[ev.length - 1 - (streak - c)]];
      if (rule.at === undefined || rule.at.includes(first)) {
        return ex('rule.once', `${name}：已于 ${first} 发出，本轮未再触发`, `${name}: issued in ${first}; not again in the same streak`);
      }
      return ex('rule.once', `${name}：条件自 ${first} 起持续满足，每轮只处理一次，本期未再触发`, `${name}: the conditions have held since ${first}; once per streak, not issued again`);
    }
    const [zh, en] = whenWords(ctx, rule);
    const run = c > 1 ? [`须连续 ${c} 期${zh}，目前连续 ${streak} 期`, `needs ${en} in ${c} consecutive periods, ${streak} so far`] : [`本期未${zh}`, `no ${en} this period`];
    return ex('rule.not_met', `${name}：未触发（${run[0]}）`, `${name}: not issued (${run[1]})`);
  });
}
