// Section 9's file formats: CSV (UTF-8, with or without BOM) and the first sheet of an .xlsx, with
// row numbers as a spreadsheet shows them (the header is row 1).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { checkData, parseSpec, type DataRow, type Result } from '@leitai/engine';
import { parseCsv, readRows } from '../src/index.ts';

const enc = (s: string) => new TextEncoder().encode(s);

async function ok(bytes: Uint8Array, name: string): Promise<DataRow[]> {
  const r: Result<DataRow[]> = await readRows(bytes, name);
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

const SPEC = (() => {
  const r = parseSpec(`version: 1
campaign: {id: t, name: T, year: 2026, cadence: month}
groups: [{id: g1, name: G}]
units: [{id: a, name: A, group: g1}, {id: b, name: B, group: g1}]
indicators: [{id: x, name: X, input: value, weight: 10, method: best}]
`);
  if (!r.ok) throw new Error('spec');
  return r.value;
})();

describe('9 CSV', () => {
  it('9 plain CSV: header is row 1, rows from 2', async () => {
    const rows = await ok(enc('unit,indicator,period,value\na,x,2026-01,3.275\nb,x,2026-01,-12\n'), 'd.csv');
    expect(rows).toEqual([
      { unit: 'a', indicator: 'x', period: '2026-01', value: '3.275', row: 2 },
      { unit: 'b', indicator: 'x', period: '2026-01', value: '-12', row: 3 },
    ]);
  });

  it('9 CSV with BOM', async () => {
    const rows = await ok(enc('\uFEFFunit,indicator,period,value\na,x,2026-01,1\n'), 'd.csv');
    expect(rows).toEqual([{ unit: 'a', indicator: 'x', period: '2026-01', value: '1', row: 2 }]);
    expect(checkData(SPEC, rows).ok).toBe(true);
  });

  it('9 CSV with CRLF line ends (and no final newline)', async () => {
    const rows = await ok(enc('unit,indicator,period,value\r\na,x,2026-01,1\r\nb,x,2026-01,2'), 'd.csv');
    expect(rows.map((r) => [r.unit, r.value, r.row])).toEqual([
      ['a', '1', 2],
      ['b', '2', 3],
    ]);
  });

  it('9 quoted fields with commas, doubled quotes and newlines', () => {
    const recs = parseCsv('unit,indicator,period,value\n"a,1","say ""hi""",2026-01,"1,000"\n"multi\nline",x,2026-01,2\n');
    expect(recs.map((r) => r.fields)).toEqual([
      ['unit', 'indicator', 'period', 'value'],
      ['a,1', 'say "hi"', '2026-01', '1,000'],
      ['multi\nline', 'x', '2026-01', '2'],
    ]);
  });

  it('9 a quoted "1,000" is one cell, and not a plain decimal', async () => {
    const rows = await ok(enc('unit,indicator,period,value\na,x,2026-01,"1,000"\n'), 'd.csv');
    const r = checkData(SPEC, rows);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ row: 2, text: '1,000' });
  });

  it('9 a record after a quoted newline keeps the row number a spreadsheet shows', async () => {
    // a spreadsheet opens this as three rows: header (1), the two-line cell (2), then b (3)
    const rows = await ok(enc('unit,indicator,period,value\n"a\nz",x,2026-01,1\nb,x,2026-13,2\n'), 'd.csv');
    expect(rows.map((r) => r.row)).toEqual([2, 3]);
  });

  it('9 a blank line is an empty spreadsheet row: later rows keep their numbers', async () => {
    const rows = await ok(enc('unit,indicator,period,value\na,x,2026-01,1\n\nb,x,2026-01,2\n'), 'd.csv');
    expect(rows.map((r) => [r.unit, r.row])).toEqual([
      ['a', 2],
      ['b', 4],
    ]);
  });

  it('9 missing header column', async () => {
    const r = await readRows(enc('unit,indicator,value\na,x,1\n'), 'd.csv');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].row).toBe(1);
    expect(r.issues[0].message).toContain('period');
  });

  it('9 data errors from a CSV carry its row numbers', async () => {
    const rows = await ok(enc('\uFEFFunit,indicator,period,value\r\na,x,2026-01,1\r\nzz,x,2026-01,1\r\na,x,2026-02,1e3\r\n'), 'd.csv');
    const r = checkData(SPEC, rows);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.row, i.text])).toEqual([[3, 'zz'], [4, '1e3']]);
  });
});

describe('9 xlsx', () => {
  async function workbook(fill: (ws: ExcelJS.Worksheet) => void, extraSheet = false): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    fill(wb.addWorksheet('数据'));
    if (extraSheet) wb.addWorksheet('other').addRow(['unit', 'indicator', 'period', 'value']).commit();
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('9 the first sheet of an .xlsx, read back as rows with the right row numbers', async () => {
    const bytes = await workbook((ws) => {
      ws.getRow(1).values = ['unit', 'indicator', 'period', 'value'];
      ws.getRow(2).values = ['a', 'x', '2026-01', 3.275];
      ws.getRow(3).values = ['b', 'x', '2026-01', '-12'];
      // row 4 left empty
      ws.getRow(5).values = ['a', 'x', '2026-02', 0.1];
    }, true);
    const rows = await ok(bytes, 'data.xlsx');
    expect(rows).toEqual([
      { unit: 'a', indicator: 'x', period: '2026-01', value: '3.275', row: 2 },
      { unit: 'b', indicator: 'x', period: '2026-01', value: '-12', row: 3 },
      { unit: 'a', indicator: 'x', period: '2026-02', value: '0.1', row: 5 },
    ]);
    expect(checkData(SPEC, rows).ok).toBe(true);
  });

  it('9 an .xlsx data error names its sheet row', async () => {
    const bytes = await workbook((ws) => {
      ws.getRow(1).values = ['unit', 'indicator', 'period', 'value'];
      ws.getRow(2).values = ['a', 'x', '2026-01', 1];
      ws.getRow(3).values = ['zz', 'x', '2026-01', 1];
    });
    const r = checkData(SPEC, await ok(bytes, 'data.xlsx'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => [i.row, i.text])).toEqual([[3, 'zz']]);
  });
});
