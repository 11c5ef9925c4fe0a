// The first sheet of an .xlsx as rows of cell texts. Numbers become the shortest decimal that
// reads back as the stored double, which is what a person typed into the cell.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { Issue, Result } from '@leitai/engine';
import { DEFAULT_LIMITS, LimitExceeded, tooMany, type ReadLimits } from './limits.ts';
import { checkInflatedSize } from './zip-bound.ts';

type CellValue = ExcelJS.CellValue;

function cellText(v: CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as CellValue);
    if ('text' in v) return String(v.text);
    if ('error' in v) return String(v.error);
  }
  return String(v);
}

const UNREADABLE: Issue = {
  kind: 'data', code: 'data.xlsx',
  message: 'the file is not a readable .xlsx workbook: open it in Excel and save it again as .xlsx (Excel workbook)',
  messageZh: '无法读取该文件：它不是有效的 .xlsx 工作簿，请用 Excel 打开后另存为“Excel 工作簿（.xlsx）”再上传',
};

/**
 * The first sheet's rows, read as a stream (never the whole workbook in memory) within `limits`:
 * what the file unpacks to is measured first, then rows and cells are counted as they come.
 */
export async function readXlsxGrid(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<{ row: number; fields: string[] }[]>> {
  try {
    // the library's own words (zip central directories, …) mean nothing to the person uploading
    if (!(await checkInflatedSize(bytes, limits))) return { ok: false, issues: [UNREADABLE] };
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]), {
      worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
    });
    let first: { no: number; grid: { row: number; fields: string[] }[] } | undefined;
    let rows = 0;
    let cells = 0;
    for await (const sheet of reader) {
      const no = Number((sheet as unknown as { id: number | string }).id);
      const grid: { row: number; fields: string[] }[] = [];
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        rows += 1;
        cells += row.cellCount;
        if (rows > limits.maxRows) throw tooMany('rows', limits.maxRows, row.number);
        if (cells > limits.maxCells) throw tooMany('cells', limits.maxCells, row.number);
        if (!row.hasValues) continue;
        const fields: string[] = [];
        for (let c = 1; c <= row.cellCount; c++) fields.push(cellText(row.getCell(c).value).trim());
        grid.push({ row: row.number, fields });
      }
      // the first tab is sheet1 in every workbook Excel, WPS or exceljs writes
      if (!first || no < first.no) first = { no, grid };
    }
    return { ok: true, value: first?.grid ?? [] };
  } catch (e) {
    if (e instanceof LimitExceeded) return { ok: false, issues: [e.issue] };
    return { ok: false, issues: [UNREADABLE] };
  }
}
