// What public pages show of accountability (issue 15 item 5): by default the public bulletin, its
// Word and Excel files, the big screen and the phone pages carry no actions (约谈, 提醒单, …) and no
// case; the signed-in bulletin keeps them; a campaign that decides to show them shows them.
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, publishPeriod } from './support/publication.ts';

let t: TestApp;
let organizer: string;
let bulletin: Awaited<ReturnType<typeof publishPeriod>>;
let secret: string;

beforeAll(async () => {
  t = await testApp();
  ({ organizer } = await publicationCampaign(t.app));
  await publishPeriod(t.app, organizer, '2026-Q1');
  bulletin = await publishPeriod(t.app, organizer, '2026-Q2');
  secret = (await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/kiosk-tokens`, payload: { label: '大厅' }, headers: { cookie: organizer } })).json().secret;
  // an issued case of the period
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/cases`, payload: { unit: 'c', kind: 'interview', reason: '连续两季度黄旗', period: '2026-Q2' }, headers: { cookie: organizer } });
  expect(res.statusCode).toBe(201);
});
afterAll(async () => { await t.close(); });

const anon = (url: string) => t.app.inject({ method: 'GET', url });
const docText = async (raw: Buffer) => (await (await JSZip.loadAsync(raw)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
const sheets = async (raw: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  return wb.getWorksheet('问责')?.rowCount ?? 0;
};

describe('by default', () => {
  it('the internal bulletin keeps its actions', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/bulletins/${bulletin.id}`, headers: { cookie: organizer } });
    expect(res.json().bulletin.content.actions.map((a: { ruleName: string }) => a.ruleName)).toContain('约谈');
    expect(await docText((await t.app.inject({ method: 'GET', url: `/api/v1/bulletins/${bulletin.id}/bulletin.docx`, headers: { cookie: organizer } })).rawPayload)).toContain('督查问责');
  });

  it('public pages, files and the big screen show no action and no case', async () => {
    const pub = await anon(`/api/v1/public/bulletins/${bulletin.id}`);
    expect(pub.json().bulletin.content.actions).toEqual([]);
    expect(pub.body).not.toContain('约谈');
    const campaign = await anon(`/api/v1/public/campaigns/${PUB}`);
    expect(campaign.json().latest.content.actions).toEqual([]);
    expect(campaign.body).not.toContain('约谈');
    expect(campaign.body).not.toContain('〔2026〕约字');
    const unit = await anon(`/api/v1/public/campaigns/${PUB}/units/c`);
    expect(unit.body).not.toContain('约谈');
    const screen = await anon(`/api/v1/kiosk/${secret}`);
    expect(screen.json().latest.content.actions).toEqual([]);
    expect(screen.body).not.toContain('约谈');
    const docx = await docText((await anon(`/api/v1/public/bulletins/${bulletin.id}/bulletin.docx`)).rawPayload);
    expect(docx).toContain('总体排名');
    expect(docx).not.toContain('约谈');
    expect(await sheets((await anon(`/api/v1/public/bulletins/${bulletin.id}/bulletin.xlsx`)).rawPayload)).toBeLessThanOrEqual(1);
  });
});

describe('when the campaign shows accountability', () => {
  it('public pages show the actions (never the cases)', async () => {
    const set = await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${PUB}/case-settings`, payload: { publicAccountability: true }, headers: { cookie: organizer } });
    expect(set.json().settings.publicAccountability).toBe(true);
    const pub = await anon(`/api/v1/public/bulletins/${bulletin.id}`);
    expect(pub.json().bulletin.content.actions.map((a: { ruleName: string }) => a.ruleName)).toContain('约谈');
    // the stored bytes, as published
    const stored = await t.app.inject({ method: 'GET', url: `/api/v1/bulletins/${bulletin.id}/bulletin.docx`, headers: { cookie: organizer } });
    expect(Buffer.compare((await anon(`/api/v1/public/bulletins/${bulletin.id}/bulletin.docx`)).rawPayload, stored.rawPayload)).toBe(0);
    expect((await anon(`/api/v1/public/campaigns/${PUB}`)).body).not.toContain('〔2026〕约字');
  });
});
