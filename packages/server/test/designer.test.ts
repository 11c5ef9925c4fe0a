// What the campaign designer asks of the server: a sheet read into rows (bounded, organizers only,
// nothing stored), and the version history — any version's text, who saved it by display name.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPeriods, session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
let reporter: string;
beforeAll(async () => {
  t = await testApp();
  organizer = (await session(t.app, 'organizer')).cookie;
  reporter = (await session(t.app, 'reporter')).cookie;
});
afterAll(async () => { await t.close(); });

const upload = (filename: string, content: string | Uint8Array, cookie = organizer) => {
  const { payload, headers } = multipartFile(filename, content);
  return t.app.inject({ method: 'POST', url: '/api/v1/designer/sheet', payload, headers: { ...headers, cookie } });
};

describe('POST /designer/sheet', () => {
  it('reads the first sheet of an .xlsx into rows of texts, numbered as the spreadsheet shows them', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('单位');
    ws.addRow(['单位名称', '赛组', '结对']);
    ws.addRow(['青溪镇', '乡镇组', 1]);
    ws.addRow([]);
    ws.addRow(['高新区', '园区组', null]);
    const res = await upload('units.xlsx', new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(200);
    expect(res.json().rows).toEqual([
      { row: 1, cells: ['单位名称', '赛组', '结对'] },
      { row: 2, cells: ['青溪镇', '乡镇组', '1'] },
      { row: 4, cells: ['高新区', '园区组'] },
    ]);
  });

  it('reads a UTF-8 CSV too, and refuses what is neither', async () => {
    const ok = await upload('units.csv', '\uFEFF单位名称,赛组\n青溪镇,乡镇组\n');
    expect(ok.json().rows).toEqual([{ row: 1, cells: ['单位名称', '赛组'] }, { row: 2, cells: ['青溪镇', '乡镇组'] }]);
    const bad = await upload('units.csv', new Uint8Array([0xff, 0xfe, 0x00, 0x41]));
    expect(bad.statusCode).toBe(422);
  });

  it('is bounded and for organizers only', async () => {
    const big = await upload('big.csv', 'a,b\n'.repeat(700_000));
    expect(big.statusCode).toBe(413);
    const many = await upload('many.csv', 'a,b\n'.repeat(5_100));
    expect(many.statusCode).toBe(413);
    expect((await upload('units.csv', 'a,b\n', reporter)).statusCode).toBe(403);
  });
});

describe('version history', () => {
  it('lists who saved each version by display name and serves any version\'s text', async () => {
    const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: organizer } });
    expect((await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec: smallSpec() }, headers: { cookie: organizer } })).statusCode).toBe(201);
    const v2 = smallSpec().replace('小型竞赛', '小型竞赛（修订）');
    expect((await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/small-2026/spec', payload: { spec: v2 }, headers: { cookie: organizer } })).statusCode).toBe(200);
    const list = (await get('/api/v1/campaigns/small-2026/versions')).json().versions;
    expect(list).toHaveLength(2);
    expect(list[0].createdByName).toBeTruthy();
    expect(list[0].createdByName).not.toBe(list[0].createdBy);
    const one = (await get('/api/v1/campaigns/small-2026/versions/1')).json().version;
    expect(one).toMatchObject({ version: 1, specText: smallSpec() });
    expect((await get('/api/v1/campaigns/small-2026/versions/2')).json().version.specText).toBe(v2);
    expect((await get('/api/v1/campaigns/small-2026/versions/3')).statusCode).toBe(404);
  });
});

describe('audit entries as sentences', () => {
  it('names people by display name and units and indicators by their names', async () => {
    await openPeriods(t.app, 'small-2026', ['2026-Q1']);
    const put = (value: string) => t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/small-2026/figures', headers: { cookie: organizer }, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value, version: value === '8.3' ? null : 1 } });
    expect((await put('8.3')).statusCode).toBe(200);
    expect((await put('8.5')).statusCode).toBe(200);
    const res = await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=figure.set', headers: { cookie: organizer } });
    const [last, first] = res.json().entries;
    expect(first.text.zh).toBe(`${first.actorName} 填报 甲镇 2026-Q1 产值 为 8.3`);
    expect(last.text.zh).toBe(`${last.actorName} 将 甲镇 2026-Q1 产值 由 8.3 改为 8.5`);
    expect(last.text.en).toBe(`${last.actorName} changed 甲镇 2026-Q1 产值 from 8.3 to 8.5`);
    expect(last.actorName).toMatch(/^organizer \d+$/);
    const spec = (await t.app.inject({ method: 'GET', url: '/api/v1/audit?action=campaign.spec_version', headers: { cookie: organizer } })).json().entries[0];
    expect(spec.text.zh).toBe(`${spec.actorName} 保存了“小型竞赛（修订）”方案第 2 版`);
  });
});
