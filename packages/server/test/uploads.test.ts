// The Excel round trip: the period template (read back with exceljs), an upload's preview that
// stores nothing, the error workbook, and the confirmation that stores everything at once.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodResult } from '@leitai/engine';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
let reporter: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const P = '2026-Q1';

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C), [
    { unit: 'a', indicator: 'gdp', period: P, value: '80' },
    { unit: 'a', indicator: 'style', period: P, value: '30.5' },
    { unit: 'b', indicator: 'gdp', period: '2026-Q2', value: '7' },
  ]);
  organizer = (await session(t.app, 'organizer')).cookie;
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'c' }])).cookie;
});
afterAll(async () => { await t.close(); });

const template = async (cookie = organizer, period = P) => {
  const res = await t.app.inject({ method: 'GET', url: `${U}/periods/${period}/template.xlsx`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  expect(res.headers['content-type']).toContain('spreadsheetml');
  return res.rawPayload;
};
const load = async (bytes: Uint8Array) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
};
const save = async (wb: ExcelJS.Workbook) => Buffer.from(await wb.xlsx.writeBuffer());
const upload = (filename: string, content: string | Uint8Array, cookie = organizer, period = P) => {
  const { payload, headers } = multipartFile(filename, content);
  return t.app.inject({ method: 'POST', url: `${U}/periods/${period}/upload`, payload, headers: { ...headers, cookie } });
};
const confirm = (id: string, cookie = organizer) => t.app.inject({ method: 'POST', url: `/api/v1/uploads/${id}/confirm`, headers: { cookie } });
const storedCount = async () => Number((await t.app.leitai.ctx.db.$client.query(`SELECT count(*) AS n FROM figures WHERE campaign_id = $1`, [C])).rows[0].n);
const stored = async (unit: string, indicator: string, period = P) =>
  (await t.app.leitai.ctx.db.$client.query(`SELECT value FROM figures WHERE campaign_id = $1 AND unit_id = $2 AND indicator_id = $3 AND period = $4`, [C, unit, indicator, period])).rows[0]?.value;
const results = async () => (await t.app.inject({ method: 'GET', url: `${U}/results?period=${P}`, headers: { cookie: organizer } })).json<{ result: PeriodResult }>().result;
const cellText = (ws: ExcelJS.Worksheet, addr: string) => String(ws.getCell(addr).value ?? '');

interface Preview {
  uploadId: string;
  format: string;
  rows: { row: number; column?: string; unit: string; indicator: string; value: string; status: string; issue?: string }[];
  issues: { row: number; column?: string; code: string; messageZh: string }[];
  counts: Record<string, number>;
}

describe('GET template.xlsx', () => {
  it('has units × indicators with names, ids, pre-filled figures, notes and data validation on ranges', async () => {
    const bytes = await template();
    const wb = await load(bytes);
    const ws = wb.getWorksheet('填报');
    if (!ws) throw new Error('no 填报 sheet');
    expect([1, 2, 3, 4, 5].map((c) => String(ws.getCell(1, c).value))).toEqual(['单位编码（勿改）', '单位名称', '产值', '作风', '表彰']);
    // the id row maps the upload back; it is hidden
    expect([1, 2, 3, 4, 5].map((c) => String(ws.getCell(2, c).value))).toEqual(['#leitai', `${C}|${P}`, 'gdp', 'style', 'honor']);
    expect(ws.getRow(2).hidden).toBe(true);
    expect([3, 4, 5, 6].map((r) => [cellText(ws, `A${r}`), cellText(ws, `B${r}`)])).toEqual([['a', '甲镇'], ['b', '乙镇'], ['c', '丙局'], ['d', '丁局']]);
    expect(ws.getCell('C3').value).toBe(80);
    expect(ws.getCell('D3').value).toBe(30.5);
    expect(ws.getCell('C4').value).toBeNull();
    expect(String(ws.getCell('C1').note)).toContain('完成率法');
    expect(String(ws.getCell('C1').note)).toContain('目标：100');
    expect(String(ws.getCell('D1').note)).toContain('0 至 40');
    const dv = (ws as unknown as { dataValidations: { model: Record<string, { type: string; operator?: string; formulae: unknown[] }> } }).dataValidations.model;
    expect(dv.C6).toMatchObject({ type: 'decimal' });
    expect(dv.D3).toMatchObject({ type: 'decimal', formulae: [0, 40] });
    expect(dv.E5).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    expect(dv.C7).toBeUndefined();
    // written as ranges, one per column, not cell by cell
    const xml = await (await JSZip.loadAsync(bytes)).file('xl/worksheets/sheet1.xml')?.async('string');
    expect(xml?.match(/<dataValidation /g)).toHaveLength(3);
    expect(xml).toContain('sqref="C3:C6"');
    expect(xml).toContain('sqref="E3:E6"');
    const help = wb.getWorksheet('填报说明');
    expect(cellText(help as ExcelJS.Worksheet, 'A1')).toContain(P);
    expect(help?.getColumn(1).values.join('\n')).toContain('【作风】');
  });

  it("gives a reporter only their own unit's row and the value indicators", async () => {
    const ws = (await load(await template(reporter))).getWorksheet('填报') as ExcelJS.Worksheet;
    expect([1, 2, 3].map((c) => ws.getCell(1, c).value)).toEqual(['单位编码（勿改）', '单位名称', '产值']);
    // then the 情况说明 column (issue 10 item 2), and nothing else
    expect(ws.getCell(1, 4).value).toBe('情况说明');
    expect(ws.getCell(1, 5).value).toBeNull();
    expect(cellText(ws, 'A3')).toBe('c');
    expect(ws.getCell('A4').value).toBeNull();
  });

  it("gives a scorer every unit and only the indicators they score", async () => {
    const scorer = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'style' }])).cookie;
    const ws = (await load(await template(scorer))).getWorksheet('填报') as ExcelJS.Worksheet;
    expect([1, 2, 3, 4].map((c) => ws.getCell(1, c).value)).toEqual(['单位编码（勿改）', '单位名称', '作风', null]);
    expect([3, 4, 5, 6].map((r) => cellText(ws, `A${r}`))).toEqual(['a', 'b', 'c', 'd']);
    expect(ws.getCell('C3').value).toBe(30.5);
  });

  it('404 for a period that is not one of the campaign', async () => {
    const res = await t.app.inject({ method: 'GET', url: `${U}/periods/2026-13/template.xlsx`, headers: { cookie: organizer } });
    expect(res.statusCode).toBe(404);
  });
});

describe('upload, preview, error workbook, confirm', () => {
  it('checks every row, stores nothing, names each problem by row and column, and refuses to confirm', async () => {
    const wb = await load(await template());
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    ws.getCell('C3').value = 'abc'; // a: not a number
    ws.getCell('D4').value = 50; // b: score above the weight 40
    ws.getCell('C5').value = 90; // c: fine
    ws.getCell('E6').value = 1.5; // d: events are whole
    ws.getCell('A7').value = 'zz'; // unknown unit
    ws.getCell('C7').value = 3;
    const before = await storedCount();
    const res = await upload('青溪镇一季度.xlsx', await save(wb));
    expect(res.statusCode).toBe(200);
    const p = res.json<Preview>();
    expect(p.format).toBe('grid');
    expect(await storedCount()).toBe(before);
    // in sheet order
    expect(p.issues.map((i) => [i.row, i.column, i.code])).toEqual([
      [3, 'C', 'data.not_decimal'],
      [4, 'D', 'data.score_range'],
      [6, 'E', 'data.event_count'],
      [7, 'A', 'data.unknown_unit'],
    ]);
    expect(p.issues[0].messageZh).toMatch(/^第 3 行 C 列：/);
    expect(p.rows.find((r) => r.row === 7)?.issue).toContain('zz');
    const c5 = p.rows.find((r) => r.row === 5 && r.column === 'C');
    expect(c5).toMatchObject({ unit: 'c', indicator: 'gdp', value: '90', status: 'new' });
    expect(c5?.issue).toBeUndefined();
    expect(p.rows.find((r) => r.row === 3 && r.column === 'D')).toMatchObject({ value: '30.5', status: 'same' });
    expect(p.rows.find((r) => r.row === 3 && r.column === 'C')?.issue).toContain('abc');
    expect(p.counts).toEqual({ new: 1, changed: 0, same: 1, invalid: 4, needsExplanation: 0 });

    // the error workbook: the uploaded sheet with a 错误说明 column on the right rows
    const errRes = await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${p.uploadId}/errors.xlsx`, headers: { cookie: organizer } });
    expect(errRes.statusCode).toBe(200);
    // named after the file the user uploaded, Chinese and all
    expect(errRes.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('青溪镇一季度-errors.xlsx')}`);
    const back = (await load(errRes.rawPayload)).worksheets[0];
    // after the template's 情况说明 column (F)
    expect(cellText(back, 'G1')).toBe('错误说明');
    expect(cellText(back, 'G3')).toContain('第 3 行 C 列');
    expect(cellText(back, 'G4')).toContain('40');
    expect(cellText(back, 'G5')).toBe('');
    expect(cellText(back, 'G6')).toContain('非负整数');
    expect(cellText(back, 'G7')).toContain('zz');
    expect(String(back.getCell('D4').note)).toContain('分数');
    expect(cellText(back, 'C5')).toBe('90');

    const c = await confirm(p.uploadId);
    expect(c.statusCode).toBe(422);
    expect(c.json().error.code).toBe('data_invalid');
    expect(c.json().error.issues).toHaveLength(4);
    expect(await storedCount()).toBe(before);
  });

  it('a good upload is confirmed once: every figure stored, results recomputed, the audit log records it', async () => {
    const totalBefore = (await results()).units.find((u) => u.unit === 'b')?.total;
    const wb = await load(await template());
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    ws.getCell('C3').value = 100; // a: 80 → 100
    ws.getCell('C4').value = 90; // b: new
    ws.getCell('D4').value = 35.25;
    ws.getCell('E6').value = 2;
    const res = await upload('good.xlsx', await save(wb));
    const p = res.json<Preview>();
    expect(p.issues).toEqual([]);
    expect(p.rows.map((r) => `${r.unit}/${r.indicator}=${r.value}:${r.status}`)).toEqual([
      'a/gdp=100:changed', 'a/style=30.5:same', 'b/gdp=90:new', 'b/style=35.25:new', 'd/honor=2:new',
    ]);
    expect(await stored('b', 'gdp')).toBeUndefined();

    const ok = await confirm(p.uploadId);
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ saved: 4, unchanged: 1 });
    expect(await stored('a', 'gdp')).toBe('100');
    expect(await stored('b', 'gdp')).toBe('90');
    expect(await stored('b', 'style')).toBe('35.25');
    expect(await stored('d', 'honor')).toBe('2');
    expect(await stored('a', 'style')).toBe('30.5');
    const r = await results();
    expect(r.units.find((u) => u.unit === 'b')?.total).not.toBe(totalBefore);
    expect(r.units.find((u) => u.unit === 'a')?.indicators.gdp).toMatchObject({ value: 100 });

    const again = await confirm(p.uploadId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');

    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&action=figure.set`, headers: { cookie: organizer } })).json().entries;
    const fromUpload = audit.filter((e: { reason: string | null }) => e.reason?.includes(p.uploadId));
    expect(fromUpload.map((e: { subject: string }) => e.subject).sort()).toEqual([`a/gdp/${P}`, `b/gdp/${P}`, `b/style/${P}`, `d/honor/${P}`]);
    expect(fromUpload.find((e: { subject: string }) => e.subject === `a/gdp/${P}`)).toMatchObject({ before: { value: '80' }, after: { value: '100' } });
  });

  it('reads the long CSV format: rows of another period are problems on their row', async () => {
    const csv = '\uFEFFunit,indicator,period,value\nc,gdp,2026-Q1,55\nd,gdp,2026-Q2,1\nd,style,2026-Q1,41\n';
    const res = await upload('data.csv', csv);
    expect(res.statusCode).toBe(200);
    const p = res.json<Preview>();
    expect(p.format).toBe('long');
    expect(p.issues.map((i) => [i.row, i.code])).toEqual([[3, 'upload.other_period'], [4, 'data.score_range']]);
    expect(p.issues[0].messageZh).toMatch(/^第 3 行：/);
    const back = (await load((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${p.uploadId}/errors.xlsx`, headers: { cookie: organizer } })).rawPayload)).worksheets[0];
    expect([1, 2, 3, 4].map((r) => cellText(back, `E${r}`))).toEqual(['错误说明', '', expect.stringContaining('2026-Q2'), expect.stringContaining('41')]);
    expect(cellText(back, 'A3')).toBe('d');
    expect((await confirm(p.uploadId)).statusCode).toBe(422);
    // the preview again, in English
    const en = (await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${p.uploadId}`, headers: { cookie: organizer, 'accept-language': 'en' } })).json<Preview>();
    expect(en.rows.find((r) => r.row === 4)?.issue).toMatch(/^row 4: score 41 is outside 0…40/);

    const good = await upload('data.csv', 'unit,indicator,period,value\nc,gdp,2026-Q1,55\nb,gdp,2026-Q1,90.0\n');
    const g = good.json<Preview>();
    expect(g.rows.map((r) => r.status)).toEqual(['new', 'same']);
    expect((await confirm(g.uploadId)).json()).toEqual({ saved: 1, unchanged: 1 });
    expect(await stored('c', 'gdp')).toBe('55');
    expect(await stored('b', 'gdp')).toBe('90');

    // the long format as the first sheet of an .xlsx (not a template): the same reading
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('data');
    ws.addRows([['unit', 'indicator', 'period', 'value'], ['d', 'gdp', P, 12.5], ['d', 'honor', P, -1]]);
    const x = (await upload('long.xlsx', await save(wb))).json<Preview>();
    expect(x.format).toBe('long');
    expect(x.rows.map((r) => [r.row, r.value, r.status])).toEqual([[2, '12.5', 'new'], [3, '-1', 'changed']]);
    expect(x.issues.map((i) => [i.row, i.code])).toEqual([[3, 'data.event_count']]);
    const xb = (await load((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${x.uploadId}/errors.xlsx`, headers: { cookie: organizer } })).rawPayload)).worksheets[0];
    expect([1, 2, 3].map((r) => cellText(xb, `E${r}`))).toEqual(['错误说明', '', expect.stringContaining('第 3 行')]);
  });

  it("a reporter's upload: figures they may not enter and locked periods are problems; others' uploads are not theirs", async () => {
    // the organizer's full template, uploaded by unit c's reporter
    const wb = await load(await template());
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    ws.getCell('C5').value = 66;
    ws.getCell('C6').value = 12;
    const p = (await upload('all.xlsx', await save(wb), reporter)).json<Preview>();
    const bad = p.issues.filter((i) => i.code === 'upload.forbidden').map((i) => `${i.column}${i.row}`);
    expect(bad).toContain('C6');
    expect(bad).toContain('D4');
    expect(bad).not.toContain('C5');
    expect((await confirm(p.uploadId, reporter)).statusCode).toBe(422);

    const own = (await load(await template(reporter))).getWorksheet('填报') as ExcelJS.Worksheet;
    own.getCell('C3').value = 66;
    const mine = (await upload('mine.xlsx', await save(own.workbook), reporter)).json<Preview>();
    expect(mine.issues).toEqual([]);
    // someone else's upload: not found, for the preview, the error workbook and the confirmation
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${mine.uploadId}`, headers: { cookie: organizer } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${mine.uploadId}/errors.xlsx`, headers: { cookie: organizer } })).statusCode).toBe(404);
    expect((await confirm(mine.uploadId, organizer)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${mine.uploadId}`, headers: { cookie: reporter } })).json().rows).toHaveLength(1);

    // the period closes before the reporter confirms: refused, nothing stored
    expect((await t.app.inject({ method: 'PUT', url: `${U}/periods/${P}`, payload: { state: 'verification' }, headers: { cookie: organizer } })).statusCode).toBe(200);
    const late = await confirm(mine.uploadId, reporter);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('period_locked');
    expect(await stored('c', 'gdp')).toBe('55');
    // and a new upload in verification shows it on the row
    const locked = (await upload('mine.xlsx', await save(own.workbook), reporter)).json<Preview>();
    expect(locked.issues.map((i) => [i.row, i.column, i.code])).toEqual([[3, 'C', 'period_locked']]);
  });

  it('an unknown indicator in the id row is a problem of row 2, shown in the error workbook', async () => {
    const wb = await load(await template(organizer, '2026-Q3'));
    const ws = wb.getWorksheet('填报') as ExcelJS.Worksheet;
    ws.getCell('D2').value = 'nope';
    ws.getCell('D3').value = 5;
    ws.getCell('C3').value = 5;
    const p = (await upload('q3.xlsx', await save(wb), organizer, '2026-Q3')).json<Preview>();
    expect(p.issues.map((i) => [i.row, i.column, i.code])).toEqual([[2, 'D', 'data.unknown_indicator']]);
    expect(p.rows.find((r) => r.column === 'D')?.issue).toContain('nope');
    expect(p.rows.find((r) => r.column === 'C')).toMatchObject({ status: 'new' });
    const back = (await load((await t.app.inject({ method: 'GET', url: `/api/v1/uploads/${p.uploadId}/errors.xlsx`, headers: { cookie: organizer } })).rawPayload)).worksheets[0];
    // 错误说明 after the template's last column (F: 情况说明)
    expect(cellText(back, 'F1')).toBe('情况说明');
    expect(cellText(back, 'G2')).toContain('nope');
    expect(back.getRow(2).hidden).toBe(false);
  });

  it('refuses a file that is not readable, or the template of another period, with 422 and keeps nothing', async () => {
    const none = await upload('x.csv', 'a,b\n1,2\n');
    expect(none.statusCode).toBe(422);
    expect(none.json().error.issues[0].code).toBe('data.header');
    const other = await upload('q2.xlsx', await template(organizer, '2026-Q2'));
    expect(other.statusCode).toBe(422);
    expect(other.json().error.issues[0].code).toBe('upload.other_template');
  });
});
