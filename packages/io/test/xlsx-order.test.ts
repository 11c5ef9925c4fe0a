// An .xlsx is read the same way whatever order its parts have in the zip and however many are read
// at once in the reader threads. Excel and exceljs put the sheets before xl/workbook.xml; the
// workbook library's own streaming parse() then parked sheets in temporary files and, now and then
// under load, lost a part ("Cannot read properties of undefined (reading 'sheets')"), so a good
// upload (a period's template in CI) was refused as unreadable (data.xlsx).
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { ReaderPool, readXlsxGrid } from '../src/index.ts';

async function workbook(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('填报', { views: [{ state: 'frozen', xSplit: 2, ySplit: 2 }] });
  ws.getRow(1).values = ['单位', '编号', '新签约项目', '情况说明'];
  for (let r = 2; r <= 40; r++) ws.getRow(r).values = [`单位${r}`, `u${r}`, r * 1.5, `说明${r % 5}`];
  wb.addWorksheet('填报说明').getCell('A1').value = '说明';
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The same parts, zipped again in the order `order` gives. */
async function reordered(bytes: Uint8Array, order: (names: string[]) => string[]): Promise<Uint8Array> {
  const src = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  const names = Object.keys(src.files).filter((n) => !src.files[n].dir);
  for (const n of order(names)) out.file(n, await src.files[n].async('uint8array'));
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const pool = new ReaderPool({ threads: 2 });
afterAll(() => pool.close());

describe('9 .xlsx parts in any order', () => {
  it('reads the first sheet the same with xl/workbook.xml last (as Excel writes it), first, the sheets before or after the shared strings', async () => {
    const bytes = await workbook();
    const expected = await readXlsxGrid(bytes);
    expect(expected.ok).toBe(true);
    if (!expected.ok) return;
    expect(expected.value).toHaveLength(40);
    expect(expected.value[1]).toEqual({ row: 2, fields: ['单位2', 'u2', '3', '说明2'] });
    const first = (n: string) => (n === 'xl/workbook.xml' ? 0 : 1);
    const sheetsFirst = (n: string) => (n.startsWith('xl/worksheets/') ? 0 : n === 'xl/sharedStrings.xml' ? 2 : 1);
    // the relationships and shared strings, then the sheets, the workbook last: the library's parse()
    // read such a sheet before knowing the workbook and always failed
    const stringsThenSheets = (n: string) => (n === 'xl/_rels/workbook.xml.rels' ? 0 : n === 'xl/sharedStrings.xml' ? 1 : n.startsWith('xl/worksheets/') ? 2 : n === 'xl/workbook.xml' ? 4 : 3);
    for (const order of [
      (ns: string[]) => [...ns].sort((a, b) => first(a) - first(b)),
      (ns: string[]) => [...ns].sort((a, b) => first(b) - first(a)),
      (ns: string[]) => [...ns].sort((a, b) => sheetsFirst(a) - sheetsFirst(b)),
      (ns: string[]) => [...ns].reverse(),
      (ns: string[]) => [...ns].sort((a, b) => stringsThenSheets(a) - stringsThenSheets(b)),
    ]) {
      expect(await readXlsxGrid(await reordered(bytes, order))).toEqual(expected);
    }
  });

  it('reads a workbook without shared strings (numbers only)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('数据').getRow(1).values = [1, 2.5, -3];
    const r = await readXlsxGrid(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(r).toEqual({ ok: true, value: [{ row: 1, fields: ['1', '2.5', '-3'] }] });
  });

  it('a workbook without xl/workbook.xml is unreadable, named as such', async () => {
    const bytes = await reordered(await workbook(), (ns) => ns.filter((n) => n !== 'xl/workbook.xml'));
    const r = await readXlsxGrid(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.code)).toEqual(['data.xlsx']);
  });

  it('gives the same rows every time when many are read at once in the reader threads', async () => {
    const bytes = await workbook();
    const expected = await readXlsxGrid(bytes);
    const results = await Promise.all(Array.from({ length: 100 }, () => pool.readGrid(bytes, 'q2.xlsx')));
    const bad = results.filter((r) => JSON.stringify(r) !== JSON.stringify(expected));
    expect(bad).toEqual([]);
  });
});
