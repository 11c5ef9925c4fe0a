// Evidence files of a figure: attached by who may enter it (type by content, 10 MB, 5 a figure),
// stored in the database, listed with the figure, downloaded only as an attachment by who may
// read the figure (404 to anyone else), removed while the period allows, every step audited.
import { createHash } from 'node:crypto';
import { Document, Packer, Paragraph } from 'docx';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/services/audit.ts';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';
import { storedZip } from './support/zip.ts';

const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const KEY = 'unit=a&indicator=gdp&period=2026-Q1';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32)]);

let t: TestApp;
let reporter: string;
let otherReporter: string;
let outsider: string;
let scorer: string;
let leader: string;
let organizer: string;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  await makeCampaign(t.app, smallSpec('other-2026'));
  reporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  otherReporter = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
  outsider = (await session(t.app, 'reporter', [{ campaignId: 'other-2026', unitId: 'a' }])).cookie;
  scorer = (await session(t.app, 'scorer', [{ campaignId: C, indicatorId: 'gdp' }])).cookie;
  leader = (await session(t.app, 'leader')).cookie;
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const upload = (name: string, content: Uint8Array | string, cookie = reporter, key = KEY) => {
  const { payload, headers } = multipartFile(name, content);
  return t.app.inject({ method: 'POST', url: `${U}/figures/evidence?${key}`, payload, headers: { ...headers, cookie } });
};
const download = (id: string, cookie: string) => t.app.inject({ method: 'GET', url: `/api/v1/evidence/${id}`, headers: { cookie } });
const remove = (id: string, cookie = reporter) => t.app.inject({ method: 'DELETE', url: `/api/v1/evidence/${id}`, headers: { cookie } });
const figureA = async (cookie = organizer) =>
  ((await t.app.inject({ method: 'GET', url: `${U}/figures?period=2026-Q1`, headers: { cookie } })).json().figures as { unit: string; indicator: string; evidence: { id: string }[] }[])
    .find((f) => f.unit === 'a' && f.indicator === 'gdp');

let pdfId = '';

describe('attaching', () => {
  it('stores a PDF for a figure not saved yet, with its type read from the content and its sha256', async () => {
    const res = await upload('统计报表.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const { evidence } = res.json();
    expect(evidence).toMatchObject({
      filename: '统计报表.pdf', contentType: 'application/pdf', size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'), uploadedBy: expect.stringMatching(/^reporter/),
    });
    pdfId = evidence.id;
    const listed = await t.app.inject({ method: 'GET', url: `${U}/figures/evidence?unit=a&period=2026-Q1`, headers: { cookie: reporter } });
    expect(listed.json().evidence).toEqual([expect.objectContaining({ id: pdfId, unit: 'a', indicator: 'gdp', period: '2026-Q1' })]);
  });

  it('comes with the figure once it is saved, in the entry list and in the scorer\'s verification queue', async () => {
    const put = await t.app.inject({ method: 'PUT', url: `${U}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '40' }, headers: { cookie: reporter } });
    expect(put.statusCode).toBe(200);
    expect(put.json().figure.evidence).toEqual([expect.objectContaining({ id: pdfId, filename: '统计报表.pdf' })]);
    expect((await figureA(reporter))?.evidence.map((e) => e.id)).toEqual([pdfId]);
    const queue = (await t.app.inject({ method: 'GET', url: `${U}/verification?period=2026-Q1`, headers: { cookie: scorer } })).json().figures;
    expect(queue).toEqual([expect.objectContaining({ unit: 'a', indicator: 'gdp', explanation: null, evidence: [expect.objectContaining({ id: pdfId })] })]);
  });

  it('accepts PNG, JPEG, Word, Excel and OFD by their content, naming each for what it is', async () => {
    const docx = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('情况说明')] }] }));
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['项目', '投资']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const ofd = storedZip({ 'OFD.xml': '<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"/>', 'Doc_0/Document.xml': '<ofd:Document/>' });
    const key = 'unit=a&indicator=gdp&period=2026-Q2';
    const got = [];
    for (const [name, data] of [['现场照片', PNG], ['photo.jpg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])], ['说明.docx', docx], ['台账.xlsx', xlsx], ['凭证.ofd', ofd]] as const) {
      const res = await upload(name, data, reporter, key);
      expect(res.statusCode, name).toBe(201);
      got.push([res.json().evidence.filename, res.json().evidence.contentType]);
    }
    expect(got).toEqual([
      ['现场照片.png', 'image/png'],
      ['photo.jpg', 'image/jpeg'],
      ['说明.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['台账.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['凭证.ofd', 'application/ofd'],
    ]);
    // five is the most a figure takes
    const sixth = await upload('more.pdf', PDF, reporter, key);
    expect(sixth.statusCode).toBe(409);
    expect(sixth.json().error.message).toContain('5');
  });

  it('refuses anything else by its content, whatever its name says (415), and nothing is stored', async () => {
    const before = (await figureA())?.evidence.length;
    for (const [name, data] of [
      ['page.pdf', '<html><script>alert(1)</script></html>'],
      ['archive.docx', storedZip({ 'readme.txt': 'not an office file' })],
      ['a.pdf', ''],
    ] as const) {
      const res = await upload(name, data);
      expect(res.statusCode, name).toBe(name === 'a.pdf' ? 400 : 415);
      expect(res.json().error.code).toBe('validation_failed');
    }
    // a PDF called .html is kept as a PDF, and downloads as one
    const renamed = await upload('report.html', PDF);
    expect(renamed.json().evidence.filename).toBe('report.html.pdf');
    await remove(renamed.json().evidence.id);
    expect((await figureA())?.evidence.length).toBe(before);
  });

  it('refuses a file over 10 MB (413)', async () => {
    const big = Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]);
    const res = await upload('big.pdf', big);
    expect(res.statusCode).toBe(413);
    expect(res.json().error.message).toContain('10 MB');
  });

  it('only for a figure the user may enter: another unit, a score indicator, a leader', async () => {
    expect((await upload('x.pdf', PDF, otherReporter)).statusCode).toBe(403);
    expect((await upload('x.pdf', PDF, reporter, 'unit=a&indicator=style&period=2026-Q1')).statusCode).toBe(403);
    expect((await upload('x.pdf', PDF, leader)).statusCode).toBe(403);
    expect((await upload('x.pdf', PDF, reporter, 'unit=a&indicator=nope&period=2026-Q1')).statusCode).toBe(404);
  });
});

describe('downloading', () => {
  it('is an attachment with its exact bytes, its type and nosniff, for who may read the figure', async () => {
    for (const cookie of [reporter, scorer, leader, organizer]) {
      const res = await download(pdfId, cookie);
      expect(res.statusCode).toBe(200);
      expect(Buffer.from(res.rawPayload).equals(PDF)).toBe(true);
      expect(res.headers['content-type']).toBe('application/pdf');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="____.pdf"; filename*=UTF-8''${encodeURIComponent('统计报表.pdf')}`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('is 404 for anyone else, as if it did not exist', async () => {
    for (const cookie of [otherReporter, outsider]) {
      const res = await download(pdfId, cookie);
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain('统计报表');
    }
    expect((await download('00000000-0000-0000-0000-000000000000', organizer)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/evidence/${pdfId}` })).statusCode).toBe(401);
  });
});

describe('removing', () => {
  it('by who may enter the figure; 404 to who may not read it, 403 to who reads but may not enter it', async () => {
    const res = await upload('draft.pdf', PDF);
    const id = res.json().evidence.id;
    expect((await remove(id, otherReporter)).statusCode).toBe(404);
    expect((await remove(id, leader)).statusCode).toBe(403);
    expect((await remove(id)).statusCode).toBe(204);
    expect((await download(id, reporter)).statusCode).toBe(404);
    expect((await remove(id)).statusCode).toBe(404);
  });

  it('every addition and removal is in the figure\'s history and the audit chain', async () => {
    const history = (await t.app.inject({ method: 'GET', url: `${U}/figures/history?unit=a&indicator=gdp&period=2026-Q1`, headers: { cookie: organizer } })).json().history;
    const actions = history.map((h: { action: string }) => h.action);
    expect(actions.filter((a: string) => a === 'evidence.add').length).toBeGreaterThanOrEqual(3);
    expect(actions).toContain('evidence.remove');
    expect(history.find((h: { action: string }) => h.action === 'evidence.add').after).toMatchObject({ id: pdfId, filename: '统计报表.pdf', sha256: expect.any(String) });
    expect(await verifyAuditChain(t.app.leitai.ctx.db)).toMatchObject({ ok: true });
  });
});

describe('the period', () => {
  it('in verification: the unit may add evidence only to a returned figure; closed: nobody may', async () => {
    const periods = (state: string) => t.app.inject({ method: 'PUT', url: `${U}/periods/2026-Q1`, payload: { state }, headers: { cookie: organizer } });
    expect((await periods('verification')).statusCode).toBe(200);
    expect((await upload('late.pdf', PDF)).statusCode).toBe(409);
    expect((await remove(pdfId)).statusCode).toBe(409);
    const figure = await figureA() as unknown as { version: number };
    const returned = await t.app.inject({
      method: 'POST', url: `${U}/verification`, headers: { cookie: organizer },
      payload: { decisions: [{ unit: 'a', indicator: 'gdp', period: '2026-Q1', version: figure.version, decision: 'return', reason: '请补充佐证材料' }] },
    });
    expect(returned.statusCode).toBe(200);
    expect((await upload('补充.pdf', PDF)).statusCode).toBe(201);
    const approve = await t.app.inject({
      method: 'POST', url: `${U}/verification`, headers: { cookie: organizer },
      payload: { decisions: [{ unit: 'a', indicator: 'gdp', period: '2026-Q1', version: figure.version, decision: 'approve' }] },
    });
    expect(approve.statusCode).toBe(200);
    expect((await periods('closed')).statusCode).toBe(200);
    expect((await upload('closed.pdf', PDF, organizer)).statusCode).toBe(409);
    expect((await remove(pdfId, organizer)).statusCode).toBe(409);
    expect((await download(pdfId, reporter)).statusCode).toBe(200);
  });
});
