// The first sheet of an .xlsx as rows of cell texts. Numbers become the shortest decimal that
// reads back as the stored double, which is what a person typed into the cell.
import ExcelJS from 'exceljs';
import type { Issue, Result } from '@leitai/engine';

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

export async function readXlsxGrid(bytes: Uint8Array): Promise<Result<{ row: number; fields: string[] }[]>> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    // the library's own words (zip central directories, …) mean nothing to the person uploading
    const issue: Issue = {
      kind: 'data', code: 'data.xlsx',
      message: 'the file is not a readable .xlsx workbook: open it in Excel and save it again as .xlsx (Excel workbook)',
      messageZh: '无法读取该文件：它不是有效的 .xlsx 工作簿，请用 Excel 打开后另存为“Excel 工作簿（.xlsx）”再上传',
    };
    return { ok: false, issues: [issue] };
  }
  const sheet = wb.worksheets[0];
  const grid: { row: number; fields: string[] }[] = [];
  if (!sheet) return { ok: true, value: grid };
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) fields.push(cellText(row.getCell(c).value).trim());
    grid.push({ row: rowNumber, fields });
  });
  return { ok: true, value: grid };
}
