// The first sheet of an .xlsx as rows of cell texts. Numbers become the shortest decimal that
// reads back as the stored double, which is what a person typed into the cell.
import ExcelJS from 'exceljs';
import { Readable } from 'node:stream';
import type { Issue, Result } from '@leitai/engine';
import { DEFAULT_LIMITS, LimitExceeded, tooMany, type ReadLimits } from './limits.ts';
import { unpackBounded } from './zip-bound.ts';

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

// The workbook reader's own steps, taken in a fixed order. Its parse() follows the zip's order, in
// which Excel and exceljs put the sheets before xl/workbook.xml: it parks them in temporary files
// and, now and then (about 1 in 200 reads in a worker thread under load), loses the last part to a
// race in its stream handling and fails with "Cannot read properties of undefined (reading
// 'sheets')" — a good upload refused as unreadable. Here every part is already unpacked, so the
// relationships, the workbook, shared strings and styles are read first and each sheet then
// streams through the same parser.
interface ReaderSteps {
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseWorksheet(iterator: AsyncIterable<Buffer>, sheetNo: string): Generator<{ eventType: string; value: unknown }>;
}

const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;
const PARTS = new Set(['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml']);
const stream = (b: Buffer) => Readable.from([b]);

async function* sheetsOf(parts: Map<string, Buffer>): AsyncGenerator<{ no: number; sheet: AsyncIterable<ExcelJS.Row> }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), {
    worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore',
  }) as unknown as ReaderSteps;
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  const book = parts.get('xl/workbook.xml');
  const strings = parts.get('xl/sharedStrings.xml');
  const styles = parts.get('xl/styles.xml');
  if (!rels || !book) throw new Error('not a workbook: xl/workbook.xml or its relationships are missing');
  await reader._parseRels(stream(rels));
  await reader._parseWorkbook(stream(book));
  if (strings) for await (const _ of reader._parseSharedStrings(stream(strings))) { /* cached by the reader */ }
  else (reader as unknown as { sharedStrings: unknown[] }).sharedStrings = [];
  if (styles) await reader._parseStyles(stream(styles));
  const sheets = [...parts.keys()].flatMap((name) => { const m = SHEET.exec(name); return m ? [{ name, no: Number(m[1]) }] : []; }).sort((a, b) => a.no - b.no);
  for (const { name, no } of sheets) {
    for (const ev of reader._parseWorksheet(stream(parts.get(name) as Buffer), String(no))) {
      if (ev.eventType === 'worksheet') yield { no: Number((ev.value as { id: number | string }).id), sheet: ev.value as AsyncIterable<ExcelJS.Row> };
    }
  }
}

/**
 * The first sheet's rows within `limits`: what the file unpacks to is measured first (and only the
 * parts read are kept), then rows and cells are counted as they come.
 */
export async function readXlsxGrid(bytes: Uint8Array, limits: ReadLimits = DEFAULT_LIMITS): Promise<Result<{ row: number; fields: string[] }[]>> {
  try {
    // the library's own words (zip central directories, …) mean nothing to the person uploading
    const parts = await unpackBounded(bytes, limits, (name) => PARTS.has(name) || SHEET.test(name));
    if (!parts) return { ok: false, issues: [UNREADABLE] };
    let first: { no: number; grid: { row: number; fields: string[] }[] } | undefined;
    let rows = 0;
    let cells = 0;
    for await (const { no, sheet } of sheetsOf(parts)) {
      const grid: { row: number; fields: string[] }[] = [];
      for await (const row of sheet) {
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
