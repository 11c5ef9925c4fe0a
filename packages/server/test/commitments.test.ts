// Public commitments [公开承诺] (issue 16 item 1): draft → submitted → public → progress → reported →
// evaluated, refused moves (409, nothing changed), who may do what, the public pages and remarks,
// the penalty of an evaluation through the figure path, the audit chain.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PeriodResult } from '@leitai/engine';
import { verifyAuditChain } from '../src/services/audit.ts';
import { makeCampaign, makeUser, session, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
let reporterA: string;
let reporterB: string;
let leader: string;
let leaderId: number;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

const spec = `${smallSpec(C)}`.replace(
  '  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }',
  '  - { id: honor, name: 表彰, input: event, effect: bonus, points: 1 }\n  - { id: pledge, name: 承诺未兑现, input: event, effect: penalty, points: 2 }',
);
const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie?: string, payload?: object, headers: Record<string, string> = {}) =>
  t.app.inject({ method, url: url.startsWith('/api') ? url : `${U}${url}`, payload, headers: { ...(cookie ? { cookie } : {}), ...headers } });
const items = [
  { text: '营商环境评价争全省第一', benchmark: 'province', due: '2026-12-31' },
  { text: '产值完成 120', benchmark: 'indicator', indicator: 'gdp', target: '120', due: '2026-12-31' },
];

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, spec);
  organizer = (await session(t.app, 'organizer')).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
  const l = await makeUser(t.app, 'leader');
  leaderId = l.id;
  leader = await signIn(t.app, l.username);
});
afterAll(async () => { await t.close(); });

describe('a unit\'s commitment, from draft to evaluation', () => {
  let id: number;
  let itemIds: number[];

  it('the unit drafts it (names, not ids); another unit cannot draft for it nor see its draft; the public does not see it', async () => {
    expect((await req('POST', '/commitments', reporterB, { unit: 'a', title: '2026 年度承诺', items })).statusCode).toBe(403);
    const res = await req('POST', '/commitments', reporterA, { unit: 'a', title: '2026 年度承诺', items });
    expect(res.statusCode).toBe(201);
    const c = res.json().commitment;
    expect(c).toMatchObject({ status: 'draft', owner: '甲镇', unit: 'a', canEdit: true, canDecide: false, publicUrl: null });
    expect(c.items.map((i: { text: string }) => i.text)).toEqual(items.map((i) => i.text));
    expect(c.items[1]).toMatchObject({ indicator: 'gdp', indicatorName: '产值', target: '120' });
    id = c.id;
    itemIds = c.items.map((i: { id: number }) => i.id);
    expect((await req('GET', `/commitments/${id}`, reporterB)).statusCode).toBe(404);
    expect((await req('PUT', `/commitments/${id}`, reporterB, { title: 'x', items })).statusCode).toBe(404);
    expect((await req('GET', '/commitments', reporterB)).json().commitments).toEqual([]);
    expect((await req('GET', `/api/v1/public/commitments/${id}`)).statusCode).toBe(404);
    expect((await req('GET', `/api/v1/public/campaigns/${C}/commitments`)).statusCode).toBe(404);
  });

  it('bad items are named and store nothing', async () => {
    const bad = await req('PUT', `/commitments/${id}`, reporterA, { title: '改', items: [{ text: 'x', benchmark: 'indicator', indicator: 'nope', target: '1' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope');
    expect((await req('GET', `/commitments/${id}`, reporterA)).json().commitment.title).toBe('2026 年度承诺');
  });

  it('refuses moves out of order with 409 and changes nothing', async () => {
    expect((await req('POST', `/commitments/${id}/decision`, organizer, { decision: 'approve' })).statusCode).toBe(409);
    expect((await req('POST', `/commitments/${id}/report`, reporterA, { report: '完成' })).statusCode).toBe(409);
    expect((await req('POST', `/commitments/${id}/updates`, reporterA, { quarter: '2026-Q3', text: '进展' })).statusCode).toBe(409);
    expect((await req('GET', `/commitments/${id}`, organizer)).json().commitment.status).toBe('draft');
  });

  it('is submitted by the unit, then no longer edited; only an organizer approves it', async () => {
    expect((await req('POST', `/commitments/${id}/submit`, reporterA)).json().commitment.status).toBe('submitted');
    const edit = await req('PUT', `/commitments/${id}`, reporterA, { title: '改', items });
    expect(edit.statusCode).toBe(409);
    expect(edit.json().error.code).toBe('conflict');
    expect((await req('POST', `/commitments/${id}/submit`, reporterA)).statusCode).toBe(409);
    expect((await req('POST', `/commitments/${id}/decision`, reporterA, { decision: 'approve' })).statusCode).toBe(403);
    expect((await req('POST', `/commitments/${id}/decision`, leader, { decision: 'approve' })).statusCode).toBe(403);
    expect((await req('POST', `/commitments/${id}/decision`, organizer, { decision: 'return' })).statusCode).toBe(400);
    // returned with a reason, edited, submitted again, approved
    const back = await req('POST', `/commitments/${id}/decision`, organizer, { decision: 'return', reason: '请细化时限' });
    expect(back.json().commitment).toMatchObject({ status: 'draft', returnReason: '请细化时限' });
    expect((await req('PUT', `/commitments/${id}`, reporterA, { title: '2026 年度承诺', items })).statusCode).toBe(200);
    itemIds = (await req('GET', `/commitments/${id}`, reporterA)).json().commitment.items.map((i: { id: number }) => i.id);
    await req('POST', `/commitments/${id}/submit`, reporterA);
    const ok = await req('POST', `/commitments/${id}/decision`, organizer, { decision: 'approve' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().commitment).toMatchObject({ status: 'public', publicUrl: `http://localhost:3000/m/${C}/commitments/${id}` });
  });

  it('once public, everyone sees it: other units, the public page (campaign and unit), its QR code', async () => {
    expect((await req('GET', `/commitments/${id}`, reporterB)).statusCode).toBe(200);
    const pub = await req('GET', `/api/v1/public/commitments/${id}`);
    expect(pub.statusCode).toBe(200);
    expect(pub.json().commitment).toMatchObject({ owner: '甲镇', title: '2026 年度承诺', status: 'public', remarks: [], updates: [] });
    expect(JSON.stringify(pub.json())).not.toContain('leaderId');
    expect((await req('GET', `/api/v1/public/campaigns/${C}/commitments?unit=a`)).json().commitments).toHaveLength(1);
    expect((await req('GET', `/api/v1/public/campaigns/${C}/commitments?unit=b`)).json().commitments).toHaveLength(0);
    const qr = await req('GET', `/api/v1/public/commitments/${id}/qr.svg`);
    expect(qr.statusCode).toBe(200);
    expect(qr.body).toContain('<svg');
  });

  it('a quarterly progress update with evidence shows on the public page; another unit cannot add one', async () => {
    expect((await req('POST', `/commitments/${id}/updates`, reporterB, { quarter: '2026-Q3', text: 'x' })).statusCode).toBe(403);
    const res = await req('POST', `/commitments/${id}/updates`, reporterA, { quarter: '2026-Q3', text: '三季度：营商环境评价进入全省前五' });
    expect(res.statusCode).toBe(201);
    const update = res.json().commitment.updates[0];
    const { payload, headers } = multipartFile('佐证.pdf', PDF);
    const file = await req('POST', `/commitments/${id}/files?kind=update&update=${update.id}`, reporterA, payload as unknown as object, headers);
    expect(file.statusCode).toBe(201);
    const pub = (await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment;
    expect(pub.updates).toEqual([expect.objectContaining({ quarter: '2026-Q3', text: '三季度：营商环境评价进入全省前五', files: ['佐证.pdf'] })]);
  });

  it('a remark from the public reaches the organizer, not the page, until moderated; it is rate-limited', async () => {
    const sent = await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: '希望公开营商环境评价的具体名次' });
    expect(sent.statusCode).toBe(202);
    expect((await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment.remarks).toEqual([]);
    expect(JSON.stringify((await req('GET', `/api/v1/public/commitments/${id}`)).json())).not.toContain('希望公开');
    expect((await req('GET', `/commitments/${id}/remarks`, reporterA)).statusCode).toBe(403);
    const list = (await req('GET', `/commitments/${id}/remarks`, organizer)).json().remarks;
    expect(list).toEqual([expect.objectContaining({ text: '希望公开营商环境评价的具体名次', state: 'new' })]);
    // bounded: over 500 characters is refused; the 4th in an hour from the same address is 429
    expect((await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: 'x'.repeat(501) })).statusCode).toBe(400);
    await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: '二' });
    await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: '三' });
    const fourth = await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: '四' });
    expect(fourth.statusCode).toBe(429);
    expect((await req('GET', `/commitments/${id}/remarks`, organizer)).json().remarks).toHaveLength(3);
    // published with an answer: now on the page
    const mod = await req('POST', `/commitments/${id}/remarks/${list[0].id}/moderation`, organizer, { decision: 'publish', answer: '已在季度进展中公开' });
    expect(mod.json().remark).toMatchObject({ state: 'published', answer: '已在季度进展中公开' });
    expect((await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment.remarks).toEqual([
      expect.objectContaining({ text: '希望公开营商环境评价的具体名次', answer: '已在季度进展中公开' }),
    ]);
    // an hour later the sender may write again
    t.clock.advance(3600_000 + 1000);
    expect((await req('POST', `/api/v1/public/commitments/${id}/remarks`, undefined, { text: '五' })).statusCode).toBe(202);
  });

  it('the 承诺书 prints as Word; the signed scan is attached', async () => {
    const docx = await req('GET', `/commitments/${id}/commitment.docx`, reporterA);
    expect(docx.statusCode).toBe(200);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect(decodeURIComponent(String(docx.headers['content-disposition']))).toContain('甲镇公开承诺书.docx');
    const { payload, headers } = multipartFile('承诺书签字扫描件.pdf', PDF);
    const scan = await req('POST', `/commitments/${id}/files?kind=scan`, reporterA, payload as unknown as object, headers);
    expect(scan.statusCode).toBe(201);
    const got = await req('GET', `/commitments/${id}/files/${scan.json().file.id}`, reporterB);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
  });

  it('is evaluated only after the year-end report; the penalty of an unfulfilled item is counted in the unit\'s total with its reason', async () => {
    const verdicts = [
      { item: itemIds[0], verdict: 'fulfilled', reason: '获评全省第一' },
      { item: itemIds[1], verdict: 'not', reason: '产值仅完成 90' },
    ];
    const penalty = { indicator: 'pledge', period: '2026-Q4' };
    expect((await req('POST', `/commitments/${id}/evaluation`, organizer, { verdicts, penalty })).statusCode).toBe(409);
    expect((await req('POST', `/commitments/${id}/report`, reporterB, { report: 'x' })).statusCode).toBe(403);
    const rep = await req('POST', `/commitments/${id}/report`, reporterA, { report: '全年营商环境评价全省第一，产值完成 90。' });
    expect(rep.json().commitment.status).toBe('reported');
    expect((await req('POST', `/commitments/${id}/updates`, reporterA, { quarter: '2026-Q4', text: 'x' })).statusCode).toBe(409);
    expect((await req('POST', `/commitments/${id}/evaluation`, reporterA, { verdicts, penalty })).statusCode).toBe(403);
    // every item needs a verdict
    expect((await req('POST', `/commitments/${id}/evaluation`, organizer, { verdicts: verdicts.slice(0, 1), penalty })).statusCode).toBe(400);
    // a penalty goes to a penalty event indicator only
    expect((await req('POST', `/commitments/${id}/evaluation`, organizer, { verdicts, penalty: { indicator: 'gdp', period: '2026-Q4' } })).statusCode).toBe(400);
    expect((await req('GET', `/commitments/${id}`, organizer)).json().commitment.items[0].verdict).toBeNull();

    const ev = await req('POST', `/commitments/${id}/evaluation`, organizer, { verdicts, penalty });
    expect(ev.statusCode).toBe(200);
    expect(ev.json().commitment).toMatchObject({ status: 'evaluated', penalty: { indicator: 'pledge', indicatorName: '承诺未兑现', period: '2026-Q4', count: 1 } });
    // the figure: approved, its reason as the explanation, counted by the engine
    const figs = (await req('GET', '/figures?period=2026-Q4', organizer)).json().figures;
    expect(figs).toEqual([expect.objectContaining({ unit: 'a', indicator: 'pledge', value: '1', status: 'approved', explanation: expect.stringContaining('产值仅完成 90') })]);
    const result = (await req('GET', '/results?period=2026-Q4', organizer)).json().result as PeriodResult;
    const a = result.units.find((u) => u.unit === 'a')!;
    expect(a.indicators.pledge.score).toBe(-2);
    expect(a.total).toBe(-2);
    expect((await req('POST', `/commitments/${id}/evaluation`, organizer, { verdicts, penalty })).statusCode).toBe(409);
    // the public page shows the verdicts
    const pub = (await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment;
    expect(pub.items.map((i: { verdict: string }) => i.verdict)).toEqual(['fulfilled', 'not']);
  });

  it('every move is in the audit chain, and the chain is intact', async () => {
    const entries = (await req('GET', '/api/v1/audit?action=commitment', organizer)).json().entries as { action: string }[];
    const actions = entries.map((e) => e.action).reverse();
    for (const a of ['commitment.create', 'commitment.submit', 'commitment.return', 'commitment.update', 'commitment.approve', 'commitment.progress', 'commitment.file', 'commitment.remark', 'commitment.report', 'commitment.evaluate']) {
      expect(actions).toContain(a);
    }
    const figureEntries = (await req('GET', `/api/v1/audit?action=figure&campaign=${C}`, organizer)).json().entries as { action: string; reason: string | null }[];
    expect(figureEntries.filter((e) => e.reason?.startsWith('评诺')).map((e) => e.action).sort()).toEqual(['figure.approve', 'figure.set']);
    expect((await verifyAuditChain(t.app.leitai.ctx.db)).ok).toBe(true);
  });
});

describe('a leader\'s commitment', () => {
  it('is drafted by the leader (or an organizer) for themselves only, named by the leader\'s name and post', async () => {
    expect((await req('POST', '/commitments', leader, { leader: leaderId + 1000, title: 'x', items })).statusCode).toBe(400);
    const res = await req('POST', '/commitments', leader, { leader: leaderId, post: '副县长', title: '分管领域承诺', items: items.slice(0, 1) });
    expect(res.statusCode).toBe(201);
    expect(res.json().commitment).toMatchObject({ owner: expect.stringMatching(/^leader /), post: '副县长', unit: null, leader: leaderId });
    expect((await req('POST', '/commitments', reporterA, { leader: leaderId, title: 'x', items })).statusCode).toBe(403);
    expect((await req('POST', '/commitments', leader, { unit: 'a', title: 'x', items })).statusCode).toBe(403);
    expect((await req('POST', '/commitments', organizer, { unit: 'a', leader: leaderId, title: 'x', items })).statusCode).toBe(400);
  });
});

// ——— a commitment not kept opens an accountability case; the rating by members and the public ———

/** Takes a unit's commitment from draft to reported (public, year-end report). */
async function reported(unit: string, cookie: string, title: string, its = items.slice(0, 1)): Promise<{ id: number; items: number[] }> {
  const c = (await req('POST', '/commitments', cookie, { unit, title, items: its })).json().commitment;
  await req('POST', `/commitments/${c.id}/submit`, cookie);
  await req('POST', `/commitments/${c.id}/decision`, organizer, { decision: 'approve' });
  await req('POST', `/commitments/${c.id}/report`, cookie, { report: '年度述诺' });
  return { id: c.id, items: c.items.map((i: { id: number }) => i.id) };
}
const casesOf = async (cookie: string) => (await req('GET', '/cases', cookie)).json().cases as { id: number; unit: string; source: string; sourceRef: string | null; reason: string; number: string }[];

describe('a commitment not kept opens an accountability case, once', () => {
  it('the evaluation opens the case with it; a bad kind is named and nothing is written', async () => {
    const c = await reported('b', reporterB, '乙镇年度承诺', items);
    const verdicts = [{ item: c.items[0], verdict: 'fulfilled', reason: '达成' }, { item: c.items[1], verdict: 'not', reason: '产值仅完成 80' }];
    const bad = await req('POST', `/commitments/${c.id}/evaluation`, organizer, { verdicts, case: { kind: 'nope' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope');
    expect((await req('GET', `/commitments/${c.id}`, organizer)).json().commitment).toMatchObject({ status: 'reported', case: null });
    expect((await casesOf(organizer)).filter((x) => x.unit === 'b')).toEqual([]);

    const ev = await req('POST', `/commitments/${c.id}/evaluation`, organizer, { verdicts, case: { kind: 'rectification' } });
    expect(ev.statusCode).toBe(200);
    const got = ev.json().commitment;
    expect(got.status).toBe('evaluated');
    expect(got.case).toMatchObject({ number: '〔2026〕整字第1号', state: 'issued' });
    const opened = (await casesOf(organizer)).filter((x) => x.unit === 'b');
    expect(opened).toEqual([expect.objectContaining({ id: got.case.id, source: 'commitment', sourceRef: '承诺“乙镇年度承诺”', reason: expect.stringContaining('产值仅完成 80') })]);
    // the unit sees it on its board
    expect((await casesOf(reporterB)).map((x) => x.id)).toEqual([got.case.id]);

    // asked again (by hand or by the accounting): the same case, nothing new
    const again = await req('POST', `/commitments/${c.id}/case`, organizer, { kind: 'rectification' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ caseId: got.case.id, opened: false });
    expect((await casesOf(organizer)).filter((x) => x.unit === 'b')).toHaveLength(1);
    expect((await req('POST', `/commitments/${c.id}/case`, reporterB, { kind: 'rectification' })).statusCode).toBe(403);
  });

  it('no case before the evaluation, none when every item was kept, none for a leader\'s own commitment', async () => {
    const kept = await reported('c', organizer, '丙局年度承诺');
    const early = await req('POST', `/commitments/${kept.id}/case`, organizer, { kind: 'reminder' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('评诺后');
    await req('POST', `/commitments/${kept.id}/evaluation`, organizer, { verdicts: [{ item: kept.items[0], verdict: 'fulfilled', reason: '达成' }], case: { kind: 'reminder' } });
    expect((await req('GET', `/commitments/${kept.id}`, organizer)).json().commitment).toMatchObject({ status: 'evaluated', case: null });
    const none = await req('POST', `/commitments/${kept.id}/case`, organizer, { kind: 'reminder' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('没有未兑现');
    expect((await casesOf(organizer)).filter((x) => x.unit === 'c')).toEqual([]);
    // a leader's own commitment: a case is against a unit — refused, and the evaluation with it is not written
    const own = (await req('POST', '/commitments', leader, { leader: leaderId, post: '副县长', title: '领导承诺', items: items.slice(0, 1) })).json().commitment;
    await req('POST', `/commitments/${own.id}/submit`, leader);
    await req('POST', `/commitments/${own.id}/decision`, organizer, { decision: 'approve' });
    await req('POST', `/commitments/${own.id}/report`, leader, { report: '述诺' });
    const lead = await req('POST', `/commitments/${own.id}/evaluation`, organizer, { verdicts: [{ item: own.items[0].id, verdict: 'not', reason: '未完成' }], case: { kind: 'reminder' } });
    expect(lead.statusCode).toBe(400);
    expect(lead.json().error.message).toContain('领导个人的承诺');
    expect((await req('GET', `/commitments/${own.id}`, organizer)).json().commitment.status).toBe('reported');
  });

  it('the year-end accounting opens the cases still missing, and run again opens none', async () => {
    const before = await casesOf(organizer);
    const first = await req('POST', '/ledger-accounting', organizer, { kind: 'reminder' });
    expect(first.statusCode).toBe(200);
    // unit a's commitment (evaluated above with an item not kept, no case yet) gets one; unit b's keeps its own
    expect(first.json().opened).toBe(1);
    expect(first.json().cases).toEqual(expect.arrayContaining([
      expect.objectContaining({ source: 'commitment', name: '2026 年度承诺', opened: true, number: '〔2026〕提字第1号' }),
      expect.objectContaining({ source: 'commitment', name: '乙镇年度承诺', opened: false, number: '〔2026〕整字第1号' }),
    ]));
    const second = await req('POST', '/ledger-accounting', organizer, { kind: 'reminder' });
    expect(second.json().opened).toBe(0);
    expect(await casesOf(organizer)).toHaveLength(before.length + 1);
    expect((await req('POST', '/ledger-accounting', reporterA, { kind: 'reminder' })).statusCode).toBe(403);
  });
});

describe('rating by members and the public through a ballot', () => {
  let id: number;
  let ballot: number;
  let links: { group: string; token: string }[];
  const groups = [{ name: '党员', weight: '0.3', raters: 1 }, { name: '群众', weight: '0.4', raters: 2 }, { name: '组织', weight: '0.3', raters: 1 }];

  it('only an organizer opens it, on a public commitment, once', async () => {
    const draft = (await req('POST', '/commitments', reporterB, { unit: 'b', title: '草稿', items: items.slice(0, 1) })).json().commitment;
    const c = await reported('d', organizer, '丁局年度承诺');
    id = c.id;
    expect((await req('POST', '/commitment-ratings', reporterB, { commitments: [id], groups })).statusCode).toBe(403);
    const early = await req('POST', '/commitment-ratings', organizer, { commitments: [id, draft.id], groups });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.message).toContain('草稿');
    expect((await req('POST', '/commitment-ratings', organizer, { commitments: [id, 99999], groups })).statusCode).toBe(404);
    const bad = await req('POST', '/commitment-ratings', organizer, { commitments: [id], groups: [{ name: '党员', weight: 'x', raters: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('weight');
    expect((await req('GET', `/commitments/${id}`, organizer)).json().commitment.rating).toBeNull();

    const res = await req('POST', '/commitment-ratings', organizer, { commitments: [id], groups });
    expect(res.statusCode).toBe(201);
    ballot = res.json().ballot;
    links = res.json().links;
    expect(links).toHaveLength(4);
    expect((await req('GET', `/commitments/${id}`, organizer)).json().commitment.rating).toMatchObject({ ballot, state: 'open', score: null, outOf: '100' });
    expect((await req('POST', '/commitment-ratings', organizer, { commitments: [id], groups })).statusCode).toBe(409);
  });

  it('raters mark it on the phone page; closed, its satisfaction is the engine\'s weighted aggregate, shown on its page and the public page', async () => {
    const form = (await req('GET', `/api/v1/public/vote/${links[0].token}`)).json();
    expect(form.subjects).toEqual([expect.objectContaining({ id: `c${id}`, name: '丁局：丁局年度承诺' })]);
    const marks = ['90', '80', '60', '100'];
    for (const [i, l] of links.entries()) {
      expect((await req('POST', `/api/v1/public/vote/${l.token}`, undefined, { marks: { [`c${id}`]: marks[i] } })).statusCode).toBe(201);
    }
    expect((await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment.satisfaction).toBeNull();
    expect((await req('POST', `/ballots/${ballot}/close`, organizer)).statusCode).toBe(200);
    const rating = (await req('GET', `/commitments/${id}`, reporterA)).json().commitment.rating;
    // 党员 90 × 0.3 + 群众 (80 + 60) / 2 × 0.4 + 组织 100 × 0.3 = 27 + 28 + 30 = 85
    expect(Number(rating.score)).toBe(85);
    expect(rating.groups.map((g: { name: string; mean: string }) => [g.name, Number(g.mean)])).toEqual([['党员', 90], ['群众', 70], ['组织', 100]]);
    const pub = (await req('GET', `/api/v1/public/commitments/${id}`)).json().commitment;
    expect(pub.satisfaction).toMatchObject({ outOf: '100' });
    expect(Number(pub.satisfaction.score)).toBe(85);
  });
});
