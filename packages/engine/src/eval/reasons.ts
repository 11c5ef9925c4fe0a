// The readable reason of an accountability action (section 8): it names what triggered it, in the
// campaign's language (Chinese), with an English rendering for the English interface.
import { Rat } from '../decimal.ts';
import type { Rule } from '../model.ts';
import type { Explanation } from '../results.ts';
import type { Ctx } from './context.ts';
import type { PeriodState } from './period.ts';
import { baseRat } from './context.ts';
import { baseIndicators, scheduleIndicators } from './rules.ts';
import { ratioRat, ytdRat } from './scoring.ts';
import { fmt } from './explain.ts';

const ratioScale = Rat.int(100);

export function actionReason(ctx: Ctx, st: PeriodState, rule: Rule, u: number): Explanation {
  const w = rule.when;
  const c = w.consecutive;
  const zh: string[] = [];
  const en: string[] = [];
  const times = c > 1 ? [`连续${c}期`, ` in ${c} consecutive periods`] : ['本期', ' this period'];
  if (w.flag !== undefined) {
    const f = ctx.spec.flags[ctx.flagIndex.get(w.flag) as number];
    zh.push(`${times[0]}获${f.name}`);
    en.push(`got ${f.name}${times[1]}`);
  }
  if (w.rank === 'bottom') {
    const where = w.scope === 'all' ? ['全部单位', 'all units'] : w.scope === 'group' ? [ctx.spec.groups[ctx.unitGroup[u]].name, `group ${ctx.spec.groups[ctx.unitGroup[u]].name}`] : ['结对', 'its pair'];
    const last = w.count > 1 ? [`后${w.count}名`, `the bottom ${w.count}`] : ['末位', 'last place'];
    zh.push(`${times[0]}在${where[0]}排名${last[0]}`);
    en.push(`ranked in ${last[1]} of ${where[1]}${times[1]}`);
  }
  if (w.behindSchedule !== undefined) {
    const names: string[] = [];
    const namesEn: string[] = [];
    for (const i of scheduleIndicators(ctx, w.behindSchedule)) {
      const p = st.inds[i];
      if (!p.behind || !p.behind[u]) continue;
      const ic = ctx.inds[i];
      const y = ytdRat(ic, p, u);
      const ind = ic.ind;
      const pct = y && ind.input === 'value' ? fmt(ratioRat(ctx, ic, ind, y, u, st.t).mul(ratioScale), 2) : '';
      names.push(`${ind.name}（完成序时进度的 ${pct}%）`);
      namesEn.push(`${ind.name} (${pct}% of schedule)`);
    }
    zh.push(`${c > 1 ? times[0] : ''}${names.join('、')}落后序时进度`);
    en.push(`behind schedule on ${namesEn.join(', ')}${c > 1 ? times[1] : ''}`);
  }
  if (w.belowBase !== undefined) {
    const names: string[] = [];
    const namesEn: string[] = [];
    for (const i of baseIndicators(ctx, w.belowBase)) {
      const p = st.inds[i];
      if (!p.below || !p.below[u]) continue;
      const ic = ctx.inds[i];
      const ind = ic.ind;
      if (ind.input !== 'value') continue;
      const y = fmt(ytdRat(ic, p, u) as Rat, 6);
      const goal = ind.method === 'schedule' ? baseRat(ctx, ic, u).mul(Rat.of(BigInt(st.t + 1), BigInt(ctx.perYear))) : baseRat(ctx, ic, u);
      names.push(`${ind.name}（累计 ${y}，基本目标${ind.method === 'schedule' ? '序时' : ''} ${fmt(goal)}）`);
      namesEn.push(`${ind.name} (${y} against a base of ${fmt(goal)})`);
    }
    zh.push(`${c > 1 ? times[0] : ''}${names.join('、')}低于基本目标`);
    en.push(`below base on ${namesEn.join(', ')}${c > 1 ? times[1] : ''}`);
  }
  if (w.missing) {
    const names = ctx.inds.filter((ic) => ic.ranked && st.inds[ic.index].missing[u]).map((ic) => ic.ind.name);
    zh.push(`${c > 1 ? times[0] : ''}${names.join('、')}未报送数据`);
    en.push(`no figure reported for ${names.join(', ')}${c > 1 ? times[1] : ''}`);
  }
  if (w.vetoed) {
    const names = ctx.inds.filter((ic) => st.inds[ic.index].veto?.[u]).map((ic) => ic.ind.name);
    zh.push(`${c > 1 ? times[0] : ''}触发一票否决（${names.join('、')}）`);
    en.push(`vetoed (${names.join(', ')})${c > 1 ? times[1] : ''}`);
  }
  const unit = ctx.spec.units[u].name;
  return {
    code: `rule.${rule.action}`,
    zh: `${unit}${zh.join('，')}，${rule.name}`,
    en: `${unit} ${en.join(', ')}: ${rule.name}`,
  };
}
