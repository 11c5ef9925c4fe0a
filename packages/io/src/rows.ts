// The contract's long format (section 9): a header with unit, indicator, period and value, then one
// figure a row. Shared by the CLI and the server so that both read files the same way.
import type { DataRow, Issue, Result } from '@leitai/engine';
import { parseCsv } from './csv.ts';
import { readXlsxGrid } from './xlsx.ts';
import { DEFAULT_LIMITS, LimitExceeded, type ReadLimits } from './limits.ts';

const COLUMNS = ['unit', 'indicator', 'period', 'value'] as const;
/** an optional column: the figure's explanation (情况说明) */
const EXPLANATION = ['explanation', '情况说明'];

/** A figure of the long format, with its explanation when the file has that column. */
export type LongRow = DataRow & { explanation?: string };

function fileIssue(code: string, en: string, zh: string, row?: number, text?: string): Issue {
  return { kind: 'data', code, row, text, message: row ? `row ${row}: ${en}` : en, messageZh: row ? `第 ${row} 行：${zh}` : zh };
}

/** Rows of a grid (row number + cell texts) whose first non-empty row is the header. */
export function rowsFromGrid(grid: { row: number; fields: string[] }[]): Result<LongRow[]> {
  const records = grid.filter((r) => r.fields.some((f) => f.trim() !== ''));
  if (records.length === 0) return { ok: false, issues: [fileIssue('data.empty', 'the file is empty: expected a header unit,indicator,period,value', '文件为空：应有表头 unit,indicator,period,value')] };
  const header = records[0];
  const names = header.fields.map((f) => f.trim().toLowerCase());
  const at: Record<string, number> = {};
  const missing: string[] = [];
  for (const c of COLUMNS) {
    const i = names.indexOf(c);
    if (i < 0) missing.push(c);
    else at[c] = i;
  }
  if (missing.length > 0) {
    return { ok: false, issues: [fileIssue('data.header', `the header lacks column(s) ${missing.join(', ')}: expected unit,indicator,period,value`, `表头缺少列 ${missing.join('、')}：应为 unit,indicator,period,value`, header.row, header.fields.join(','))] };
  }
  // A row longer than the header is almost always a figure such as 1,000 written with a thousands
  // separator and not quoted. Reading the first cells would silently take "1" for the figure; when
  // the value is the last column, the cells are put back together, so the figure is reported as
  // what it is (not a plain decimal) along with every other problem of the file.
  const note = names.findIndex((n) => EXPLANATION.includes(n));
  const width = header.fields.length;
  const valueLast = at.value === width - 1;
  const long = records.slice(1).filter((r) => !valueLast && r.fields.slice(width).some((f) => f.trim() !== ''));
  if (long.length > 0) {
    return {
      ok: false,
      issues: long.map((r) => fileIssue('data.extra_cells', `${r.fields.length} cells but the header has ${width} columns (a comma inside a figure, such as 1,000? write figures without thousands separators)`, `有 ${r.fields.length} 个单元格，但表头只有 ${width} 列（数字中含逗号，如 1,000？请去掉千位分隔符）`, r.row, r.fields.join(','))),
    };
  }
  const rows: LongRow[] = records.slice(1).map((r) => ({
    unit: r.fields[at.unit] ?? '',
    indicator: r.fields[at.indicator] ?? '',
    period: r.fields[at.period] ?? '',
    value: valueLast && r.fields.length > width ? r.fields.slice(at.value).join(',') : (r.fields[at.value] ?? ''),
    row: r.row,
    ...(note >= 0 && (r.fields[note] ?? '').trim() !== '' ? { explanation: r.fields[note].trim() } : {}),
  }));
  return { ok: true, value: rows };
}

export function readCsvRows(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Result<LongRow[]> {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, issues: [fileIssue('data.encoding', 'the file is not UTF-8 text (save the CSV as UTF-8)', '文件不是 UTF-8 编码（请将 CSV 另存为 UTF-8）')] };
  }
  let grid;
  try {
    grid = parseCsv(text, limits);
  } catch (e) {
    if (e instanceof LimitExceeded) return { ok: false, issues: [e.issue] };
    throw e;
  }
  return rowsFromGrid(grid);
}

/** Reads .csv or .xlsx (by name, or by content when the name says neither). */
export async function readRows(bytes: Uint8Array, filename: string, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<LongRow[]>> {
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (/\.xlsx$/i.test(filename) || (isZip && !/\.csv$/i.test(filename))) {
    const grid = await readXlsxGrid(bytes, limits);
    if (!grid.ok) return grid;
    return rowsFromGrid(grid.value);
  }
  return readCsvRows(bytes, limits);
}
