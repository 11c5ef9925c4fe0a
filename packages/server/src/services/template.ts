// The period template: a workbook of units (rows) × the indicators the caller may enter
// (columns), pre-filled with the stored figures, with data validation on the figure ranges and a
// hidden id row that maps an upload back exactly (services/uploads.ts reads it). A second sheet
// explains it in Chinese.
import ExcelJS from 'exceljs';
import { Dec, periodKeys, type Indicator, type Spec, type ValueIndicator } from '@leitai/engine';
import { AppError } from '../errors.ts';
import { can, type Actor } from '../policy.ts';
import { listFigures } from '../repositories/figures.ts';
import { campaignSpec, requireCampaign } from './campaigns.ts';
import type { Ctx } from './context.ts';

/** A2 of a template: the id row starts with it (C2, D2, … hold the indicator ids). */
export const TEMPLATE_MARKER = '#leitai';
export const HEADER_ROW = 1;
export const ID_ROW = 2;
export const FIRST_DATA_ROW = 3;
/** columns A and B: unit id and name; indicators from column C */
export const FIRST_FIGURE_COL = 3;

const METHOD_ZH: Record<string, string> = {
  completion: '完成率法', schedule: '时序进度法', best: '最优值比较法', range: '区间法', rank: '排名法',
};
const EFFECT_ZH: Record<string, string> = { bonus: '加分', penalty: '扣分', veto: '一票否决' };

/** A unit's target: its own, else the indicator's default (the contract's rule, section 3). */
function targetOf(d: ValueIndicator, unit: string): Dec | undefined {
  const t = d.target;
  if (!t) return undefined;
  return Object.prototype.hasOwnProperty.call(t.units, unit) ? t.units[unit] : t.default;
}

/** What a person should know about an indicator before filling it (header note, instructions). */
export function indicatorNote(spec: Spec, d: Indicator, units: string[]): string {
  const lines: string[] = [`编码：${d.id}`];
  if (d.measure) lines.push(`计量单位：${d.measure}`);
  if (d.input === 'value') {
    lines.push(`填报数值；计分方法：${METHOD_ZH[d.method] ?? d.method}，权重 ${d.weight.toString()}，${d.direction === 'lower' ? '越低越好' : '越高越好'}${d.cumulative ? '，按累计值计' : ''}`);
    if (d.target) {
      const targets = units.map((u) => [u, targetOf(d, u)] as const).filter((x): x is readonly [string, Dec] => x[1] !== undefined);
      const distinct = new Set(targets.map(([, t]) => t.toString()));
      if (distinct.size === 1) lines.push(`目标：${[...distinct][0]}`);
      else if (targets.length > 0) lines.push(`目标：${targets.map(([u, t]) => `${spec.units.find((x) => x.id === u)?.name ?? u} ${t.toString()}`).join('；')}`);
    }
  } else if (d.input === 'score') {
    lines.push(`评分：0 至 ${d.weight.toString()} 分`);
    if (d.standard) lines.push(`评分标准：${d.standard}`);
  } else {
    lines.push(`事件次数（非负整数）：每次${EFFECT_ZH[d.effect] ?? d.effect}${d.points ? ` ${d.points.toString()} 分` : ''}`);
  }
  return lines.join('\n');
}

/** Units and indicators whose figures the actor may enter (the figure rules of policy.ts). */
export function templateScope(actor: Actor, spec: Spec, campaignId: string): { units: Spec['units']; indicators: Indicator[] } {
  const allowed = (u: string, d: Indicator) => can(actor, 'figure.enter', { campaignId, unitId: u, indicatorId: d.id, input: d.input });
  const indicators = spec.indicators.filter((d) => spec.units.some((u) => allowed(u.id, d)));
  const units = spec.units.filter((u) => indicators.some((d) => allowed(u.id, d)));
  return { units, indicators };
}

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A stored figure as a cell: a number when the double holds it exactly, else its text. */
function cellValue(text: string): number | string {
  const n = Number(text);
  const d = Dec.parse(text);
  return d && Number.isFinite(n) && Dec.parse(String(n))?.cmp(d) === 0 ? n : text;
}

function validationOf(d: Indicator): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' as const, promptTitle: d.name.slice(0, 32) };
  if (d.input === 'score') {
    return { ...common, type: 'decimal', operator: 'between', formulae: [0, d.weight.toNumber()], errorTitle: '分数超出范围', error: `请填写 0 至 ${d.weight.toString()} 之间的分数`, prompt: `0 至 ${d.weight.toString()} 分` };
  }
  if (d.input === 'event') {
    return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], errorTitle: '次数有误', error: '请填写非负整数（次数）', prompt: '非负整数（次数）' };
  }
  return { ...common, type: 'decimal', operator: 'between', formulae: [-1e15, 1e15], errorTitle: '数值有误', error: '请填写数字（不含千位分隔符、单位或文字）', prompt: d.measure ? `数值（${d.measure}）` : '数值' };
}

export async function periodTemplate(ctx: Ctx, actor: Actor, campaignId: string, period: string): Promise<{ data: Buffer; filename: string }> {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const spec = await campaignSpec(ctx.db, ctx, campaign);
  if (!periodKeys(spec).includes(period)) throw AppError.notFound({ zh: `考核期“${period}”`, en: `Period "${period}"` });
  const { units, indicators } = templateScope(actor, spec, campaignId);
  if (indicators.length === 0) throw new AppError('forbidden');
  const stored = await listFigures(ctx.db, campaignId, { period, units: units.map((u) => u.id), indicators: indicators.map((d) => d.id) });
  const value = new Map(stored.map((f) => [`${f.unit}\u0000${f.indicator}`, f.value]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'Leitai 擂台';
  wb.created = ctx.now();
  const ws = wb.addWorksheet('填报', { views: [{ state: 'frozen', xSplit: 2, ySplit: ID_ROW }] });
  ws.getRow(HEADER_ROW).values = ['单位编码（勿改）', '单位名称', ...indicators.map((d) => (d.measure ? `${d.name}（${d.measure}）` : d.name))];
  ws.getRow(HEADER_ROW).font = { bold: true };
  ws.getRow(HEADER_ROW).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(HEADER_ROW).height = 36;
  indicators.forEach((d, i) => { ws.getCell(HEADER_ROW, FIRST_FIGURE_COL + i).note = indicatorNote(spec, d, units.map((u) => u.id)); });
  // the id row maps every column back to its indicator and the file to its campaign and period
  const idRow = ws.getRow(ID_ROW);
  idRow.values = [TEMPLATE_MARKER, `${campaignId}|${period}`, ...indicators.map((d) => d.id)];
  idRow.hidden = true;
  units.forEach((u, r) => {
    const row = ws.getRow(FIRST_DATA_ROW + r);
    row.getCell(1).value = u.id;
    row.getCell(2).value = u.name;
    indicators.forEach((d, i) => {
      const v = value.get(`${u.id}\u0000${d.id}`);
      if (v !== undefined) row.getCell(FIRST_FIGURE_COL + i).value = cellValue(v);
    });
  });
  const last = FIRST_DATA_ROW + Math.max(units.length, 1) - 1;
  // one validation per column range (not cell by cell); exceljs writes ranges but leaves them out of its typings
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  indicators.forEach((d, i) => {
    const col = columnLetter(FIRST_FIGURE_COL + i);
    validations.add(`${col}${FIRST_DATA_ROW}:${col}${last}`, validationOf(d));
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 20;
  indicators.forEach((_, i) => { ws.getColumn(FIRST_FIGURE_COL + i).width = 16; });
  for (let c = 1; c <= 2; c++) for (let r = FIRST_DATA_ROW; r <= last; r++) ws.getCell(r, c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };

  const help = wb.addWorksheet('填报说明');
  help.getColumn(1).width = 100;
  const lines = [
    `${spec.campaign.name} · ${period} 考核期数据填报模板`,
    '',
    '填写方法：',
    '1. 在“填报”工作表中，每行一个单位，每列一项指标；请只在指标列中填写本期数据。',
    '2. 已报送的数据已预先填入；修改数值即为更正，留空的单元格不作改动（不会删除已报送的数据）。',
    '3. 请勿修改、增删 A 列的单位编码和隐藏的第 2 行（系统据此识别单位和指标），也不要调整列的顺序。',
    '4. 数值填写普通数字（如 -12、3.275），不要带千位分隔符、单位或文字；评分不得超过该项权重；事件次数为非负整数。',
    '5. 上传后系统会逐行检查并给出预览：有误的行会标出行号和列号，可下载带“错误说明”列的文件修改后重新上传。',
    '6. 预览无误并确认后才会保存；在此之前不会存入任何数据。',
    '',
    '指标说明：',
  ];
  for (const d of indicators) lines.push(`【${d.name}】${indicatorNote(spec, d, units.map((u) => u.id)).replace(/\n/g, '；')}`);
  lines.forEach((text, i) => {
    const cell = help.getCell(i + 1, 1);
    cell.value = text;
    cell.alignment = { wrapText: true, vertical: 'top' };
  });
  help.getCell(1, 1).font = { bold: true, size: 14 };

  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return { data, filename: `leitai-${campaignId}-${period}.xlsx` };
}
