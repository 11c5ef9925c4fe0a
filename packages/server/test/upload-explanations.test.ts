// Issue 10 item 2: a reporter's Excel upload meets the explanation rule exactly as the form does.
// The preview marks each figure that, as the upload writes it, falls behind schedule or jumps
// against the period before; the explanation is read from the template's 情况说明 column (or the
// long format's explanation column) or typed in the preview and sent with confirm; confirm is
// refused, naming unit, indicator and period, until every one is given; explanations are stored
// with the figure and in the audit entry, as the form stores them.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

const C = 'upexpl-2026';
// fai: schedule, target 100 a year → 25 expected by Q1, 50 by Q2; visits: a quarterly (not cumulative) count
const SPEC = `version: 1
campaign: { id: ${C}, name: 上传说明测试, year: 2026, cadence: quarter }
groups:
  - { id: g, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g }
  - { id: b, name: 乙镇, group: g }
indicators:
  - { id: fai, name: 固定资产投资, input: value, weight: 60, method: schedule, target: 100 }
  - { id: visits, name: 走访次数, input: value, weight: 30, method: completion, target: 100, cumulative: false }
  - { id: style, name: 作风, input: score, weight: 10 }
flags: []
`;
const U = `/api/v1/campaigns/${C}`;

interface Row { row: number; column?: string; unit: string; indicator: string; value: string; status: string; issue?: string; explanation?: string; needsExplanation?: { code: string; message: string } }
interface Preview { uploadId: string; rows: Row[]; issues: unknown[]; counts: Record<string, number> }

let t: TestApp;
let reporter: string;
let organizer: string;

beforeAll(async () => {
  t = await testApp();
  // Q1: a has 30 of fai (ahead of 25) and 10 visits
  await makeCampaign(t.app, SPEC, [
    { unit: 'a', indicator: 'fai', period: '2026-Q1', value: '30' },
    { unit: 'a', indicator: 'visits', period: '2026-Q1', value: '10' },
    { unit: 'b', indicator: 'visits', period: '2026-Q1', value: '10' },
  ]);
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const upload = async (filename: string, content: string | Uint8Array, period: string, cookie = reporter, lang = 'zh-CN') => {
  const { payload, headers } = multipartFile(filename, content);
  const res = await t.app.inject({ method: 'POST', url: `${U}/periods/${period}/upload`, payload, headers: { ...headers, cookie, 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Preview>();
};
const confirm = (id: string, body?: object, cookie = reporter) =>
  t.app.inject({ method: 'POST', url: `/api/v1/uploads/${id}/confirm`, headers: { cookie }, ...(body ? { payload: body } : {}) });
const figure = async (unit: string, indicator: string, period: string) =>
  ((await t.app.inject({ method: 'GET', url: `${U}/figures?period=${period}`, headers: { cookie: organizer } })).json().figures as { unit: string; indicator: string; value: string; explanation: string | null }[])
    .find((f) => f.unit === unit && f.indicator === indicator);
const template = async (period: string, cookie = reporter) => {
  const res = await t.app.inject({ method: 'GET', url: `${U}/periods/${period}/template.xlsx`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
  return wb;
};
const fill = async (period: string, values: Record<string, string | number>, note?: string) => {
  const wb = await template(period);
  const ws = wb.getWorksheet('填报')!;
  const col = new Map<string, number>();
  ws.getRow(2).eachCell((cell, n) => col.set(String(cell.value), n));
  for (const [ind, v] of Object.entries(values)) ws.getCell(3, col.get(ind)!).value = v;
  if (note !== undefined) ws.getCell(3, col.get('#explanation')!).value = note;
  return Buffer.from(await wb.xlsx.writeBuffer());
};

describe('the template', () => {
  it('has a 情况说明 column after the indicators, marked in the id row', async () => {
    const ws = (await template('2026-Q2')).getWorksheet('填报')!;
    const heads: string[] = [];
    const ids: string[] = [];
    ws.getRow(1).eachCell((c) => heads.push(String(c.value)));
    ws.getRow(2).eachCell((c) => ids.push(String(c.value)));
    expect(heads.at(-1)).toBe('情况说明');
    expect(ids.slice(2)).toEqual(['fai', 'visits', '#explanation']);
    expect(String(ws.getCell(1, heads.length).note ?? '')).toContain('须填写');
  });
});

describe('a reporter\'s upload of a figure that needs an explanation', () => {
  it('is marked in the preview (why, naming the indicator), and the upload is still valid', async () => {
    // Q2 visits 40 against 10 (+300 %): a jump; fai 45 by Q2 (expected 50): behind schedule
    const p = await upload('q2.xlsx', await fill('2026-Q2', { fai: 45, visits: 40 }), '2026-Q2');
    expect(p.issues).toEqual([]);
    expect(p.counts).toMatchObject({ new: 2, invalid: 0, needsExplanation: 2 });
    const by = new Map(p.rows.map((r) => [r.indicator, r]));
    expect(by.get('visits')?.needsExplanation?.code).toBe('explanation.jump');
    expect(by.get('visits')?.needsExplanation?.message).toContain('走访次数（甲镇，2026-Q2）较上期变化异常');
    expect(by.get('fai')?.needsExplanation?.code).toBe('explanation.behind_schedule');
  });

  it('confirm is refused naming unit, indicator and period until every explanation is given; nothing is stored', async () => {
    const p = await upload('q2.xlsx', await fill('2026-Q2', { fai: 45, visits: 40 }), '2026-Q2');
    const refused = await confirm(p.uploadId);
    expect(refused.statusCode).toBe(422);
    const err = refused.json().error;
    expect(err.code).toBe('explanation_required');
    expect(err.message).toContain('走访次数（甲镇，2026-Q2）');
    expect(err.message).toContain('固定资产投资（甲镇，2026-Q2）');
    expect(err.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'explanation.jump', unit: 'a', indicator: 'visits', period: '2026-Q2', row: 3 })]));
    // one of two given: still refused, naming the other
    const half = await confirm(p.uploadId, { explanations: [{ unit: 'a', indicator: 'visits', period: '2026-Q2', explanation: '开展集中走访月' }, { unit: 'a', indicator: 'fai', period: '2026-Q2', explanation: '   ' }] });
    expect(half.statusCode).toBe(422);
    expect(half.json().error.issues).toEqual([expect.objectContaining({ unit: 'a', indicator: 'fai', period: '2026-Q2', code: 'explanation.behind_schedule' })]);
    expect(await figure('a', 'visits', '2026-Q2')).toBeUndefined();
    expect(await figure('a', 'fai', '2026-Q2')).toBeUndefined();

    const ok = await confirm(p.uploadId, { explanations: [
      { unit: 'a', indicator: 'visits', period: '2026-Q2', explanation: '开展集中走访月' },
      { unit: 'a', indicator: 'fai', period: '2026-Q2', explanation: '两个项目延期开工' },
    ] });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ saved: 2, unchanged: 0 });
    expect(await figure('a', 'visits', '2026-Q2')).toMatchObject({ value: '40', explanation: '开展集中走访月' });
    expect(await figure('a', 'fai', '2026-Q2')).toMatchObject({ value: '45', explanation: '两个项目延期开工' });
    // stored as the form stores it: in the audit entry too
    const entries = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?campaign=${C}&action=figure.set`, headers: { cookie: organizer } })).json().entries as { subject: string; after: { explanation?: string } }[];
    expect(entries.find((e) => e.subject === 'a/visits/2026-Q2')?.after.explanation).toBe('开展集中走访月');
  });

  it('takes the explanation from the template\'s 情况说明 column', async () => {
    // Q3 visits 10 against 40 (−75 %)
    const p = await upload('q3.xlsx', await fill('2026-Q3', { visits: 10 }, '汛期暂停走访'), '2026-Q3');
    const row = p.rows.find((r) => r.indicator === 'visits');
    expect(row).toMatchObject({ explanation: '汛期暂停走访', needsExplanation: { code: 'explanation.jump' } });
    const ok = await confirm(p.uploadId);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(await figure('a', 'visits', '2026-Q3')).toMatchObject({ value: '10', explanation: '汛期暂停走访' });
  });

  it('takes it from an explanation column of the long format too, and a figure that needs none is not marked', async () => {
    const csv = 'unit,indicator,period,value,情况说明\na,visits,2026-Q4,30,恢复走访\na,fai,2026-Q4,100,\n';
    const p = await upload('q4.csv', csv, '2026-Q4');
    const by = new Map(p.rows.map((r) => [r.indicator, r]));
    expect(by.get('visits')).toMatchObject({ explanation: '恢复走访', needsExplanation: { code: 'explanation.jump' } });
    expect(by.get('fai')?.needsExplanation).toBeUndefined();
    expect((await confirm(p.uploadId)).statusCode).toBe(200);
    expect(await figure('a', 'visits', '2026-Q4')).toMatchObject({ explanation: '恢复走访' });
  });
});

describe('an organizer\'s upload', () => {
  it('is not held to it (as in the form)', async () => {
    const csv = 'unit,indicator,period,value\nb,visits,2026-Q2,90\n';
    const p = await upload('b.csv', csv, '2026-Q2', organizer);
    expect(p.counts.needsExplanation).toBe(0);
    expect(p.rows[0].needsExplanation).toBeUndefined();
    expect((await confirm(p.uploadId, undefined, organizer)).statusCode).toBe(200);
  });
});
