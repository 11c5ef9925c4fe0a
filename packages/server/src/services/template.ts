// The period template: a workbook of units (rows) × the indicators the caller may enter
// (columns), pre-filled with the stored figures, with data validation on the figure ranges and a
// hidden id row that maps an upload back exactly (services/uploads.ts reads it). A second sheet
// explains it in Chinese.
import ExcelJS from 'exceljs';
import { Dec, baseOf, isApplicable, periodKeys, weightOf, type Indicator, type Spec, type ValueIndicator } from '@leitai/engine';
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
/** the id row's mark of the 情况说明 column (after the indicators): the row's explanation */
export const EXPLANATION_ID = '#explanation';
const EXPLANATION_NOTE = '情况说明：本行数据落后序时进度或较上期变化异常时须填写（系统上传预览时会标出），说明随本行各项数值一并保存。';

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

/** (spec 1.1) the weight as people read it: one number, or each group's */
function weightText(spec: Spec, d: Exclude<Indicator, { input: 'event' }>): string {
  const groups = spec.groups.filter((g) => isApplicable(d, g.id) && spec.units.some((u) => u.group === g.id));
  const ws = groups.map((g) => weightOf(d, g.id).toString());
  return new Set(ws).size <= 1 ? (ws[0] ?? d.weight.toString()) : groups.map((g, i) => `${g.name} ${ws[i]}`).join('、');
}

/** A number per unit (target, base) as one number when all are the same, else unit by unit. */
function perUnitText(spec: Spec, units: string[], of: (u: string) => Dec | undefined): string | null {
  const values = units.map((u) => [u, of(u)] as const).filter((x): x is readonly [string, Dec] => x[1] !== undefined);
  const distinct = new Set(values.map(([, t]) => t.toString()));
  if (distinct.size === 1) return [...distinct][0];
  if (values.length === 0) return null;
  return values.map(([u, t]) => `${spec.units.find((x) => x.id === u)?.name ?? u} ${t.toString()}`).join('；');
}

/** What a person should know about an indicator before filling it (header note, instructions). */
export function indicatorNote(spec: Spec, d: Indicator, unitIds: string[]): string {
  const lines: string[] = [`编码：${d.id}`];
  // (spec 1.1) only the units it applies to
  const units = unitIds.filter((u) => isApplicable(d, spec.units.find((x) => x.id === u)?.group ?? ''));
  if (d.appliesTo) lines.push(`考核对象：${d.appliesTo.map((g) => spec.groups.find((x) => x.id === g)?.name ?? g).join('、')}（其他单位不填）`);
  if (d.measure) lines.push(`计量单位：${d.measure}`);
  if (d.input === 'value') {
    lines.push(`填报数值；计分方法：${METHOD_ZH[d.method] ?? d.method}，权重 ${weightText(spec, d)}，${d.direction === 'lower' ? '越低越好' : '越高越好'}${d.cumulative ? '，按累计值计' : ''}`);
    if (d.target) {
      const t = perUnitText(spec, units, (u) => targetOf(d, u));
      if (t) lines.push(`目标：${t}`);
    }
    if (d.base) {
      const b = perUnitText(spec, units, (u) => baseOf(d, u));
      if (b) lines.push(`基本目标：${b}`);
    }
    const bounds = [d.min ? `不小于 ${d.min.toString()}` : '', d.max ? `不大于 ${d.max.toString()}` : '', d.whole ? '须为整数' : ''].filter(Boolean);
    if (bounds.length) lines.push(`取值：${bounds.join('，')}`);
  } else if (d.input === 'score') {
    lines.push(`评分：0 至 ${weightText(spec, d)} 分`);
  } else {
    lines.push(`事件次数（非负整数）：每次${EFFECT_ZH[d.effect] ?? d.effect}${d.points ? ` ${d.points.toString()} 分` : ''}`);
  }
  if (d.standard) lines.push(`评分标准：${d.standard}`);
  if (d.description) lines.push(`说明：${d.description}`);
  return lines.join('\n');
}

/** Units and indicators whose figures the actor may enter (the figure rules of policy.ts). */
export function templateScope(actor: Actor, spec: Spec, campaignId: string): { units: Spec['units']; indicators: Indicator[] } {
  // (spec 1.1) a unit has a cell only for the indicators its group is assessed on
  const allowed = (u: Spec['units'][number], d: Indicator) => isApplicable(d, u.group) && can(actor, 'figure.enter', { campaignId, unitId: u.id, indicatorId: d.id, input: d.input });
  const indicators = spec.indicators.filter((d) => spec.units.some((u) => allowed(u, d)));
  const units = spec.units.filter((u) => indicators.some((d) => allowed(u, d)));
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

/** The validation of indicator d's cell for units of a group; null for a group it does not apply to. */
export function validationOf(d: Indicator, group: string): ExcelJS.DataValidation {
  const common = { allowBlank: true, showErrorMessage: true, showInputMessage: true, errorStyle: 'stop' as const, promptTitle: d.name.slice(0, 32) };
  if (!isApplicable(d, group)) {
    // (spec 1.1) not assessed: the cell stays empty (anything typed is refused)
    return { ...common, type: 'textLength', operator: 'equal', formulae: [0], errorTitle: '不考核', error: '该单位不考核此指标，请勿填写', prompt: '该单位不考核此指标' };
  }
  if (d.input === 'score') {
    const w = weightOf(d, group);
    return { ...common, type: 'decimal', operator: 'between', formulae: [0, w.toNumber()], errorTitle: '分数超出范围', error: `请填写 0 至 ${w.toString()} 之间的分数`, prompt: `0 至 ${w.toString()} 分` };
  }
  if (d.input === 'event') {
    return { ...common, type: 'whole', operator: 'greaterThanOrEqual', formulae: [0], errorTitle: '次数有误', error: '请填写非负整数（次数）', prompt: '非负整数（次数）' };
  }
  // (spec 1.1) bounds: min, max, whole; otherwise at most 15 significant digits' worth
  const lo = d.min ? d.min.toNumber() : -1e15;
  const hi = d.max ? d.max.toNumber() : 1e15;
  const kind = d.whole ? '整数' : '数字';
  const range = d.min && d.max ? `${d.min.toString()} 至 ${d.max.toString()} 之间的${kind}` : d.min ? `不小于 ${d.min.toString()} 的${kind}` : d.max ? `不大于 ${d.max.toString()} 的${kind}` : kind;
  return {
    ...common, type: d.whole ? 'whole' : 'decimal', operator: 'between', formulae: [lo, hi], errorTitle: '数值有误',
    error: `请填写${range}（不含千位分隔符、单位或文字）`, prompt: `${d.measure ? `数值（${d.measure}）` : '数值'}${d.min || d.max || d.whole ? `：${range}` : ''}`,
  };
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
  // a 情况说明 column when the caller enters values (the explanation rule is about values)
  const noteCol = indicators.some((d) => d.input === 'value') ? FIRST_FIGURE_COL + indicators.length : null;
  ws.getRow(HEADER_ROW).values = ['单位编码（勿改）', '单位名称', ...indicators.map((d) => (d.measure ? `${d.name}（${d.measure}）` : d.name)), ...(noteCol ? ['情况说明'] : [])];
  ws.getRow(HEADER_ROW).font = { bold: true };
  ws.getRow(HEADER_ROW).alignment = { wrapText: true, vertical: 'middle' };
  ws.getRow(HEADER_ROW).height = 36;
  indicators.forEach((d, i) => { ws.getCell(HEADER_ROW, FIRST_FIGURE_COL + i).note = indicatorNote(spec, d, units.map((u) => u.id)); });
  // the id row maps every column back to its indicator and the file to its campaign and period
  const idRow = ws.getRow(ID_ROW);
  idRow.values = [TEMPLATE_MARKER, `${campaignId}|${period}`, ...indicators.map((d) => d.id), ...(noteCol ? [EXPLANATION_ID] : [])];
  if (noteCol) ws.getCell(HEADER_ROW, noteCol).note = EXPLANATION_NOTE;
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
  // one validation per run of rows that share it (not cell by cell); exceljs writes ranges but leaves them out of its typings
  const validations = (ws as unknown as { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } }).dataValidations;
  indicators.forEach((d, i) => {
    const col = columnLetter(FIRST_FIGURE_COL + i);
    let from = 0;
    for (let r = 1; r <= units.length; r++) {
      const same = r < units.length && JSON.stringify(validationOf(d, units[r].group)) === JSON.stringify(validationOf(d, units[from].group));
      if (same) continue;
      validations.add(`${col}${FIRST_DATA_ROW + from}:${col}${FIRST_DATA_ROW + r - 1}`, validationOf(d, units[from].group));
      from = r;
    }
    // (spec 1.1) a unit's group not assessed on the indicator: a grey cell, left empty
    units.forEach((u, r) => {
      if (isApplicable(d, u.group)) return;
      const cell = ws.getCell(FIRST_DATA_ROW + r, FIRST_FIGURE_COL + i);
      cell.fill = { type: 'pattern', pattern: 'lightGray', fgColor: { argb: 'FFBFBFBF' } };
      cell.note = '该单位不考核此指标';
    });
  });
  ws.getColumn(1).width = 18;
  ws.getColumn(2).width = 20;
  indicators.forEach((_, i) => { ws.getColumn(FIRST_FIGURE_COL + i).width = 16; });
  if (noteCol) {
    ws.getColumn(noteCol).width = 40;
    ws.getColumn(noteCol).alignment = { wrapText: true, vertical: 'top' };
  }
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
    '4. 数值填写普通数字（如 -12、3.275），不要带千位分隔符、单位或文字；评分不得超过该项权重；事件次数为非负整数。灰色单元格表示该单位不考核此指标，请勿填写。',
    '5. 上传后系统会逐行检查并给出预览：有误的行会标出行号和列号，可下载带“错误说明”列的文件修改后重新上传。',
    '6. 预览无误并确认后才会保存；在此之前不会存入任何数据。',
    '7. 最后一列“情况说明”：某项数据落后序时进度或较上期变化异常时，须在本行填写情况说明（也可在上传预览中逐项填写）；未填写的，预览会标出，确认前须补齐。',
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
