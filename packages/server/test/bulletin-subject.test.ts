// A person campaign's bulletin (campaign.subject: person) says 人员/姓名 where a unit campaign's says
// 单位 (issue 17 item 1): its content carries the subject (the print, phone and big-screen pages read
// it), a flag over everyone is 全体人员, and the Word document and Excel workbook name the columns
// 姓名 / 人员编码 / 结对人员 / 领先人员 — 计量单位 (a unit of measure) keeps its word.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let bulletinId: number;
let content: { campaign: { subject?: string }; flags: { scopeName: string }[] };
const C = 'cadre-bulletin-2026';

/** The visible text of a WordprocessingML part, table cell by cell and paragraph by paragraph. */
const texts = (xml: string) => [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''));

beforeAll(async () => {
  t = await testApp();
  organizer = (await session(t.app, 'organizer')).cookie;
  const ids: number[] = [];
  for (const name of ['张三', '李四', '王五']) {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/persons', payload: { name, unit: '甲镇', post: 'secretary' }, headers: { cookie: organizer } });
    ids.push(res.json().person.id);
  }
  await makeCampaign(t.app, `version: 1
campaign: { id: ${C}, name: 书记实绩考评, organizer: 青山县委组织部, year: 2026, cadence: quarter, subject: person }
groups: [{ id: town, name: 乡镇党委书记 }]
units:
  - { id: zs, name: 张三, group: town, person: ${ids[0]} }
  - { id: ls, name: 李四, group: town, person: ${ids[1]} }
  - { id: ww, name: 王五, group: town, person: ${ids[2]} }
pairs:
  - [zs, ls]
indicators:
  - { id: fai, name: 招商引资, category: 重点工作, measure: 亿元, input: value, weight: 60, method: schedule, target: 40 }
  - { id: work, name: 重点工作, input: score, weight: 40 }
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: all }
`, [
    { unit: 'zs', indicator: 'fai', period: '2026-Q1', value: '9' }, { unit: 'ls', indicator: 'fai', period: '2026-Q1', value: '7' }, { unit: 'ww', indicator: 'fai', period: '2026-Q1', value: '5' },
    { unit: 'zs', indicator: 'work', period: '2026-Q1', value: '38' }, { unit: 'ls', indicator: 'work', period: '2026-Q1', value: '36' }, { unit: 'ww', indicator: 'work', period: '2026-Q1', value: '30' },
  ]);
  const draft = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/bulletins`, payload: { period: '2026-Q1' }, headers: { cookie: organizer } });
  expect(draft.statusCode, draft.body).toBe(201);
  bulletinId = draft.json().bulletin.id;
  content = draft.json().bulletin.content;
});
afterAll(async () => { await t.close(); });

const download = async (path: string) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/bulletins/${bulletinId}/${path}`, headers: { cookie: organizer } });
  expect(res.statusCode).toBe(200);
  return res.rawPayload;
};

describe('a person campaign\'s bulletin', () => {
  it('carries the subject; a flag over everyone is 全体人员', () => {
    expect(content.campaign.subject).toBe('person');
    expect(content.flags.map((f) => f.scopeName)).toEqual(['全体人员']);
  });

  it('the Word document says 姓名 and 结对人员 / 领先人员, never 单位 for a competitor', async () => {
    const xml = await (await JSZip.loadAsync(await download('bulletin.docx'))).file('word/document.xml')!.async('string');
    const cells = texts(xml);
    for (const w of ['姓名', '结对人员', '领先人员', '全体人员']) expect(cells).toContain(w);
    expect(cells.filter((c) => /单位/.test(c))).toEqual([]);
    expect(cells).toContain('张三');
  });

  it('the Excel workbook names the columns 人员编码 / 姓名; 计量单位 stays', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await download('bulletin.xlsx') as unknown as ArrayBuffer);
    const header = (name: string) => (wb.getWorksheet(name)?.getRow(1).values as unknown[]).slice(1);
    expect(header('总排名').slice(0, 3)).toEqual(['名次', '人员编码', '姓名']);
    expect(header('结对')).toEqual(['结对', '人员编码', '姓名', '总分', '结对名次', '领先人员', '分差']);
    expect(header('龙虎榜')).toEqual(['类别', '指标', '计量单位', '榜', '名次', '并列', '人员编码', '姓名', '完成值', '得分']);
    for (const ws of wb.worksheets) {
      const words = (ws.getRow(1).values as unknown[]).slice(1).map(String);
      expect(words.filter((w) => w.includes('单位') && w !== '计量单位'), ws.name).toEqual([]);
    }
  });
});
