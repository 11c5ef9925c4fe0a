// A bulletin as an Excel workbook: one sheet per ranking (总排名, each group, 结对, 评旗, 龙虎榜,
// 序时进度, 表扬, 问责) and 说明 (title, number, version, hash, the phone page's address). Numbers
// are number cells with the engine's values as they are.
import ExcelJS from 'exceljs';
import type { BulletinContent } from '../schemas/bulletin-content.ts';
import type { RenderMeta } from './bulletin-render.ts';
import { subjectWordsZh } from './subject-words.ts';

type Cell = string | number | null;

/** Excel's rules for sheet names: ≤ 31 characters, none of []:*?/\ and unique (case-insensitive). */
function sheetName(wanted: string, taken: Set<string>): string {
  const base = (wanted.replace(/[[\]:*?/\\]/g, '_').trim() || 'Sheet').slice(0, 28);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}(${i})`;
  taken.add(name.toLowerCase());
  return name;
}

const SCORE_HEADERS = new Set(['总分', '得分', '分差']);

const joined = (units: { name: string }[]) => units.map((u) => u.name).join('、');

export async function renderBulletinXlsx(c: BulletinContent, meta: RenderMeta): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai';
  wb.created = meta.date;
  wb.modified = meta.date;
  wb.title = meta.title;
  const taken = new Set<string>();

  const sheet = (name: string, headers: string[], rows: Cell[][], widths: number[]) => {
    const ws = wb.addWorksheet(sheetName(name, taken), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = headers.map((h, i) => ({ header: h, width: widths[i] ?? 12 }));
    ws.getRow(1).font = { bold: true };
    for (const r of rows) ws.addRow(r);
    // score cells stay numbers (sortable, summable) and show the campaign's decimals: 92.4 → 92.40
    headers.forEach((h, i) => { if (SCORE_HEADERS.has(h)) ws.getColumn(i + 1).numFmt = scoreFormat; });
    return ws;
  };
  const scoreFormat = c.campaign.precision > 0 ? `0.${'0'.repeat(c.campaign.precision)}` : '0';

  const w = subjectWordsZh(c.campaign.subject);
  const hasGrade = c.overall.some((r) => r.grade !== null);
  sheet('总排名', ['名次', w.code, w.name, '分组', '总分', '升降', '一票否决', '获旗', ...(hasGrade ? ['等次'] : [])],
    c.overall.map((r) => [r.rank, r.unit, r.name, r.groupName, r.total, r.delta, r.vetoed ? '是' : '', r.flags.join('、'), ...(hasGrade ? [r.grade] : [])]),
    [8, 14, 20, 14, 10, 10, 10, 24, 10]);

  for (const g of c.groups) {
    sheet(g.name, ['组内名次', w.code, w.name, '总分', '升降', '一票否决', '获旗'],
      g.rows.map((r) => [r.rank, r.unit, r.name, r.total, r.delta, r.vetoed ? '是' : '', r.flags.join('、')]),
      [10, 14, 20, 10, 8, 10, 24]);
  }

  sheet('结对', ['结对', w.code, w.name, '总分', '结对名次', w.leading, '分差'],
    c.pairs.flatMap((p) => p.units.map((u) => [p.id, u.unit, u.name, u.total, u.rank, p.units.find((x) => x.unit === p.winner)?.name ?? '持平', p.margin])),
    [12, 14, 20, 10, 10, 20, 8]);

  sheet('评旗', ['旗帜', '颜色', '评比方式', '范围', '本期获得', '保持', '新获', '失去'],
    c.flags.map((f) => [f.name, f.color, f.award === 'top' ? '先进' : '后进', f.scopeName, joined(f.holders), joined(f.kept), joined(f.won), joined(f.lost)]),
    [18, 8, 10, 16, 24, 20, 20, 20]);

  // (a tie at a board's boundary brings every tied unit in, marked 并列)
  sheet('龙虎榜', ['类别', '指标', '计量单位', '榜', '名次', '并列', w.code, w.name, '完成值', '得分'],
    c.categories.flatMap((cat) => cat.indicators.flatMap((ind) => [
      ...ind.leaders.map((r) => [cat.category, ind.name, ind.measure, '龙榜', r.rank, r.tied ? '并列' : '', r.unit, r.name, r.value, r.score]),
      ...ind.laggards.map((r) => [cat.category, ind.name, ind.measure, '虎榜', r.rank, r.tied ? '并列' : '', r.unit, r.name, r.value, r.score]),
    ])),
    [14, 20, 10, 8, 8, 8, 14, 20, 12, 10]);

  sheet('序时进度', ['进度', w.code, w.name, '指标'], [
    ...c.schedule.ahead.map((r) => ['超序时', r.unit, r.name, r.indicators.join('、')]),
    ...c.schedule.behind.map((r) => ['落后序时', r.unit, r.name, r.indicators.join('、')]),
  ], [10, 14, 20, 40]);

  sheet('表扬', [w.code, w.name, '所获旗帜'], c.commendations.map((r) => [r.unit, r.name, r.flags.join('、')]), [14, 20, 30]);

  sheet('问责', [w.code, w.name, '规则', '措施', '原因'], c.actions.map((a) => [a.unit, a.name, a.ruleName, a.action, a.reason]), [14, 20, 14, 14, 50]);

  sheet('说明', ['项目', '内容'], [
    ['标题', meta.title],
    ['文号', meta.number],
    ['竞赛', c.campaign.name],
    ['考核期', c.periodLabel.zh],
    ['考核期状态', c.periodState === 'closed' ? '已关账' : '未关账（初步结果）'],
    ['版本', meta.version],
    ['更正说明', meta.changeNote],
    ['日期', meta.date.toISOString()],
    ['内容哈希（SHA-256）', meta.contentHash],
    ['查询网址', meta.phoneUrl],
  ], [20, 80]);

  return new Uint8Array(await wb.xlsx.writeBuffer());
}
