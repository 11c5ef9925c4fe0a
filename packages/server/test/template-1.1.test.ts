// The period template under spec 1.1: a unit's row carries only the indicators its group is assessed
// on (the others: grey, empty, refusing input), scores are bounded by the group's weight, and a
// value indicator's min / max / whole become Excel data validation. Uploads refuse a figure for an
// indicator the unit's group does not have.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

const C = 'grouped-2026';
const U = `/api/v1/campaigns/${C}`;
const P = '2026-01';
const SPEC = `version: 1
campaign: { id: ${C}, name: 分类考核, year: 2026, cadence: month }
groups:
  - { id: town, name: 乡镇组 }
  - { id: dept, name: 部门组 }
units:
  - { id: a, name: 甲镇, group: town }
  - { id: b, name: 乙镇, group: town }
  - { id: d, name: 丁局, group: dept }
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: 30, method: schedule, target: 12, base: 9, applies_to: [town], min: 0, max: 500 }
  - { id: proj, name: 新签约项目, input: value, weight: 10, method: best, applies_to: [town], min: 0, max: 50, whole: true }
  - { id: style, name: 作风, input: score, weight: { default: 20, dept: 40 }, standard: 每件有效投诉扣2分 }
flags: []
`;

let t: TestApp;
let organizer: string;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC);
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

async function sheet(cookie = organizer): Promise<ExcelJS.Worksheet> {
  const res = await t.app.inject({ method: 'GET', url: `${U}/periods/${P}/template.xlsx`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb.getWorksheet('填报') as ExcelJS.Worksheet;
}

type Dv = Record<string, { type: string; operator?: string; formulae: unknown[]; error?: string }>;
const validations = (ws: ExcelJS.Worksheet) => (ws as unknown as { dataValidations: { model: Dv } }).dataValidations.model;

describe('template.xlsx under spec 1.1', () => {
  it('a group without an indicator has no cell for it: grey, empty, refusing input', async () => {
    const ws = await sheet();
    // rows 3–5: a, b, d; columns C fai, D proj, E style
    expect(ws.getCell('A5').value).toBe('d');
    const dv = validations(ws);
    expect(dv.C5).toMatchObject({ type: 'textLength', operator: 'equal', formulae: [0] });
    expect(dv.D5).toMatchObject({ type: 'textLength' });
    expect(ws.getCell('C5').value).toBeNull();
    expect(JSON.stringify(ws.getCell('C5').fill)).toContain('lightGray');
    expect(String(ws.getCell('C5').note)).toContain('不考核');
    // the towns' cells are ordinary figure cells
    expect(dv.C3).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 500] });
    expect(ws.getCell('C3').fill).toBeUndefined();
  });

  it('bounds become data validation: min and max, whole numbers; scores up to the group\'s weight', async () => {
    const dv = validations(await sheet());
    expect(dv.D4).toMatchObject({ type: 'whole', operator: 'between', formulae: [0, 50] });
    expect(dv.D4.error).toContain('0 至 50 之间的整数');
    expect(dv.E3).toMatchObject({ type: 'decimal', formulae: [0, 20] });
    expect(dv.E5).toMatchObject({ type: 'decimal', formulae: [0, 40] });
  });

  it('the header notes name the groups assessed, the base target, the bounds and the scoring standard', async () => {
    const ws = await sheet();
    const fai = String(ws.getCell('C1').note);
    expect(fai).toContain('考核对象：乡镇组');
    expect(fai).toContain('基本目标：9');
    expect(fai).toContain('不大于 500');
    const style = String(ws.getCell('E1').note);
    expect(style).toContain('乡镇组 20、部门组 40');
    expect(style).toContain('评分标准：每件有效投诉扣2分');
  });

  it("a reporter gets only the columns of its unit's group: a town's the value indicators, a department's none", async () => {
    const town = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
    const ws = await sheet(town);
    expect(ws.getRow(1).values).toEqual([undefined, '单位编码（勿改）', '单位名称', '固定资产投资', '新签约项目', '情况说明']);
    // the department reports no value indicator here (作风 is scored by a section): no template for it
    const dept = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'd' }])).cookie;
    const res = await t.app.inject({ method: 'GET', url: `${U}/periods/${P}/template.xlsx`, headers: { cookie: dept } });
    expect(res.statusCode).toBe(403);
  });

  it('an upload with a figure for an indicator the unit is not assessed on is refused for that row', async () => {
    const { payload, headers } = multipartFile('f.csv', 'unit,indicator,period,value\nd,fai,2026-01,3\na,fai,2026-01,1\n');
    const res = await t.app.inject({ method: 'POST', url: `${U}/periods/${P}/upload`, payload, headers: { ...headers, cookie: organizer } });
    const body = res.json();
    const issues = (body.issues ?? body.error?.issues ?? []) as { row: number; code: string }[];
    expect(issues).toEqual(expect.arrayContaining([expect.objectContaining({ row: 2, code: 'data.not_applicable' })]));
  });
});
