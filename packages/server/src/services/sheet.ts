// A sheet for the campaign designer (units with their groups and pairs, targets per unit): the
// first sheet of an .xlsx, or a CSV, as rows of cell texts. Bounded: the file's size, the rows and
// the columns read; nothing is stored.
import { parseCsv, readXlsxGrid } from '@leitai/io';
import { AppError } from '../errors.ts';
import type { UploadedFile } from '../http/upload.ts';

export const SHEET_MAX_BYTES = 2 * 1024 * 1024;
export const SHEET_MAX_ROWS = 5000;
export const SHEET_MAX_COLUMNS = 50;

export async function readSheet(file: UploadedFile): Promise<{ rows: { row: number; cells: string[] }[] }> {
  const bytes = file.data;
  const isZip = bytes.length > 3 && bytes[0] === 0x50 && bytes[1] === 0x4b;
  let grid: { row: number; fields: string[] }[];
  if (/\.xlsx$/i.test(file.filename) || isZip) {
    const r = await readXlsxGrid(bytes);
    if (!r.ok) throw new AppError('data_invalid', { zh: '无法读取该 Excel 文件（请另存为 .xlsx）', en: 'The Excel file cannot be read (save it as .xlsx)' }, r.issues);
    grid = r.value;
  } else {
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw new AppError('data_invalid', { zh: '文件不是 .xlsx，也不是 UTF-8 编码的 CSV', en: 'The file is neither .xlsx nor a UTF-8 CSV' });
    }
    grid = parseCsv(text);
  }
  const rows = grid
    .map((r) => ({ row: r.row, cells: r.fields.slice(0, SHEET_MAX_COLUMNS).map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > SHEET_MAX_ROWS + 1) {
    throw new AppError('validation_failed', { zh: `表格超过 ${SHEET_MAX_ROWS} 行的上限`, en: `The sheet has more than ${SHEET_MAX_ROWS} rows` }, undefined, undefined, 413);
  }
  return { rows };
}
