// A sheet for the campaign designer (units with their groups and pairs, targets per unit): the
// first sheet of an .xlsx, or a CSV, as rows of cell texts. Bounded: the file's size, the rows and
// the columns read; nothing is stored.
import { readers } from '@leitai/io';
import { AppError } from '../errors.ts';
import type { UploadedFile } from '../http/upload.ts';

export const SHEET_MAX_BYTES = 2 * 1024 * 1024;
export const SHEET_MAX_ROWS = 5000;
export const SHEET_MAX_COLUMNS = 50;

export async function readSheet(file: UploadedFile): Promise<{ rows: { row: number; cells: string[] }[] }> {
  // off the event loop, within time and memory limits (issue 13)
  const r = await readers.readGrid(file.data, file.filename);
  if (!r.ok) {
    const csv = r.issues.some((i) => i.code === 'data.encoding');
    throw new AppError('data_invalid', csv
      ? { zh: '文件不是 .xlsx，也不是 UTF-8 编码的 CSV', en: 'The file is neither .xlsx nor a UTF-8 CSV' }
      : { zh: '无法读取该文件（Excel 文件请另存为 .xlsx）', en: 'The file cannot be read (save an Excel file as .xlsx)' }, r.issues);
  }
  const grid = r.value;
  const rows = grid
    .map((r) => ({ row: r.row, cells: r.fields.slice(0, SHEET_MAX_COLUMNS).map((c) => c.trim()) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  if (rows.length > SHEET_MAX_ROWS + 1) {
    throw new AppError('validation_failed', { zh: `表格超过 ${SHEET_MAX_ROWS} 行的上限`, en: `The sheet has more than ${SHEET_MAX_ROWS} rows` }, undefined, undefined, 413);
  }
  return { rows };
}
