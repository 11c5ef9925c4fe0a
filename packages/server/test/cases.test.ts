// Accountability cases (issue 15): proposals from a closed period's actions, issue (once, by two
// organizers at the same time), the Word document, the lifecycle and every refused step, nearing
// due and overdue by the clock, extensions, escalation, who sees and does what, the audit chain.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, makeMember, makeUser, rootOrganization, signIn, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
const C = 'cases-2026';
const U = `/api/v1/campaigns/${C}`;
const cookies: Record<string, string> = {};
const usernames: Record<string, string> = {};

const SPEC = `version: 1
campaign: { id: ${C}, name: 问责测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
rules:
  - { id: lag, name: 末位督办, action: supervision, when: { rank: bottom, scope: all, count: 1 } }
`;
const FIGURES = [['a', '100'], ['b', '80'], ['c', '60'], ['d', '40']].map(([unit, value]) => ({ unit, indicator: 'gdp', period: '2026-Q1', value }));
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC, FIGURES);
  const users = {
    organizer: await makeUser(t.app, 'organizer'),
    organizer2: await makeUser(t.app, 'organizer'),
    admin: await makeUser(t.app, 'admin'),
    reporterD: await makeUser(t.app, 'reporter', [{ campaignId: C, unitId: 'd' }]),
    reporterA: await makeUser(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }]),
    scorer: await makeUser(t.app, 'scorer', [{ campaignId: C, indicatorId: 'gdp' }]),
    leaderA: await makeMember(t.app, await rootOrganization(t.app), [{ role: 'leader', campaignId: C, unitId: 'a' }]),
    leader: await makeUser(t.app, 'leader'),
  };
  for (const [who, u] of Object.entries(users)) usernames[who] = u.username;
  await signInAll();
});
afterAll(async () => { await t.close(); });

async function signInAll() {
  for (const [who, name] of Object.entries(usernames)) cookies[who] = await signIn(t.app, name);
}
/** moves the clock (sessions end 12 h after their last use: everyone signs in again) */
async function advance(ms: number) {
  t.clock.advance(ms);
  await signInAll();
}
type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const req = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, who: string, payload?: object): Promise<Res> => t.app.inject({ method, url, payload, headers: { cookie: cookies[who] } });
const get = (url: string, who = 'organizer') => req('GET', url, who);
const post = (url: string, payload: object, who = 'organizer') => req('POST', url, who, payload);
const caseOf = async (id: number, who = 'organizer') => (await get(`${U}/cases/${id}`, who)).json().case;
const board = async (query = '', who = 'organizer') => (await get(`${U}/cases${query}`, who)).json();
const DAY = 24 * 3600 * 1000;

async function closeQ1() {
  const list = (await get(`${U}/verification?period=2026-Q1`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
  await req('PUT', `${U}/periods/2026-Q1`, 'organizer', { state: 'verification' });
  const decisions = list.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' }));
  expect((await post(`${U}/verification`, { decisions })).statusCode).toBe(200);
  expect((await req('PUT', `${U}/periods/2026-Q1`, 'organizer', { state: 'closed' })).statusCode).toBe(200);
}

let issued: number;

describe('proposals', () => {
  it('closing a period proposes its actions', async () => {
    await closeQ1();
    const proposals = (await get(`${U}/case-proposals`)).json().proposals;
    expect(proposals).toEqual([expect.objectContaining({ period: '2026-Q1', unit: 'd', unitName: '丁镇', ruleName: '末位督办', kind: 'supervision', kindName: '督办单', status: 'pending' })]);
    // asking again proposes nothing new
    expect((await post(`${U}/case-proposals`, { period: '2026-Q1' })).json()).toEqual({ created: 0 });
  });

  it('a scorer cannot issue, a reporter cannot see proposals', async () => {
    const [p] = (await get(`${U}/case-proposals`)).json().proposals;
    expect((await post(`${U}/case-proposals/${p.id}/decision`, { decision: 'issue' }, 'scorer')).statusCode).toBe(403);
    expect((await get(`${U}/case-proposals`, 'reporterD')).statusCode).toBe(403);
    expect((await post(`${U}/cases`, { unit: 'd', kind: 'reminder', reason: 'x' }, 'scorer')).statusCode).toBe(403);
  });

  it('two organizers issuing the same proposal get one case', async () => {
    const [p] = (await get(`${U}/case-proposals`)).json().proposals;
    const [r1, r2] = await Promise.all([
      post(`${U}/case-proposals/${p.id}/decision`, { decision: 'issue', requirement: '限期提升产值' }),
      post(`${U}/case-proposals/${p.id}/decision`, { decision: 'issue', requirement: '限期提升产值' }, 'organizer2'),
    ]);
    expect(r1.statusCode).toBe(200);
    expect(r2.statusCode).toBe(200);
    expect(r1.json().caseId).toBe(r2.json().caseId);
    issued = r1.json().caseId;
    const { cases } = await board();
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ number: '〔2026〕督字第1号', kindName: '督办单', unit: 'd', unitName: '丁镇', state: 'issued', period: '2026-Q1', requirement: '限期提升产值' });
    // dismissing it now is refused
    expect((await post(`${U}/case-proposals/${p.id}/decision`, { decision: 'dismiss', reason: 'x' })).statusCode).toBe(409);
  });

  it('the issued case is a Word document with its number, unit, reason and due date, and in the unit\'s inbox', async () => {
    const c = await caseOf(issued);
    const res = await get(`${U}/cases/${issued}/case.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''));
    expect(text[0]).toBe('〔2026〕督字第1号');
    expect(text).toContain('丁镇：');
    expect(text.some((p) => p.startsWith('事由：末位督办：'))).toBe(true);
    expect(text).toContain(`办理期限：${c.due}`);
    expect(xml).toContain('仿宋_GB2312');
    const inbox = (await get(`${U}/inbox`, 'reporterD')).json().reminders;
    expect(inbox[0]).toMatchObject({ kind: 'case', unit: 'd' });
    expect(inbox[0].message).toContain('〔2026〕督字第1号');
    expect(inbox[0].message).toContain(c.due);
  });
});

describe('who sees and does what', () => {
  it('a reporter sees only their unit\'s cases; a leader those of the units they lead', async () => {
    expect((await board('', 'reporterD')).cases).toHaveLength(1);
    expect((await board('', 'reporterA')).cases).toHaveLength(0);
    expect((await get(`${U}/cases/${issued}`, 'reporterA')).statusCode).toBe(404);
    expect((await get(`${U}/cases/${issued}/case.docx`, 'reporterA')).statusCode).toBe(404);
    expect((await board('', 'leaderA')).cases).toHaveLength(0);
    expect((await board('', 'leader')).cases).toHaveLength(1);
    expect((await board('', 'scorer')).cases).toHaveLength(1);
    expect((await post(`${U}/cases/${issued}/sign`, {}, 'reporterA')).statusCode).toBe(404);
    expect((await post(`${U}/cases/${issued}/sign`, {}, 'scorer')).statusCode).toBe(403);
  });
});

describe('lifecycle', () => {
  const steps = async () => (await caseOf(issued)).steps.length;

  it('refuses every step the issued state does not allow, changing nothing', async () => {
    const before = await caseOf(issued);
    for (const [url, body, who] of [
      ['report', { text: '整改' }, 'reporterD'],
      ['review', { decision: 'accept' }, 'organizer'],
      ['review', { decision: 'return', reason: 'x' }, 'organizer'],
    ] as const) {
      const res = await post(`${U}/cases/${issued}/${url}`, body, who);
      expect(res.statusCode, url).toBe(409);
      expect(res.json().error.code).toBe('conflict');
    }
    expect(await caseOf(issued)).toEqual(before);
  });

  it('the unit signs for it (once), a reporter cannot close it', async () => {
    const signed = await post(`${U}/cases/${issued}/sign`, {}, 'reporterD');
    expect(signed.statusCode).toBe(200);
    expect(signed.json().case).toMatchObject({ state: 'signed', signedBy: expect.any(String) });
    expect((await post(`${U}/cases/${issued}/sign`, {}, 'reporterD')).statusCode).toBe(409);
    expect((await post(`${U}/cases/${issued}/review`, { decision: 'accept' }, 'reporterD')).statusCode).toBe(403);
  });

  it('takes evidence files within the evidence limits', async () => {
    const html = multipartFile('x.html', '<script>alert(1)</script>');
    const bad = await t.app.inject({ method: 'POST', url: `${U}/cases/${issued}/files`, payload: html.payload, headers: { ...html.headers, cookie: cookies.reporterD } });
    expect(bad.statusCode).toBe(415);
    const big = multipartFile('big.pdf', Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]));
    expect((await t.app.inject({ method: 'POST', url: `${U}/cases/${issued}/files`, payload: big.payload, headers: { ...big.headers, cookie: cookies.reporterD } })).statusCode).toBe(413);
    expect((await caseOf(issued)).pendingFiles).toEqual([]);
  });

  let fileId: string;
  it('the unit reports on the rectification with a file; the organizer returns it with a reason', async () => {
    const f = multipartFile('整改佐证.pdf', PDF);
    const up = await t.app.inject({ method: 'POST', url: `${U}/cases/${issued}/files`, payload: f.payload, headers: { ...f.headers, cookie: cookies.reporterD } });
    expect(up.statusCode).toBe(201);
    fileId = up.json().file.id;
    const rep = await post(`${U}/cases/${issued}/report`, { text: '已召开专题会议', measures: '一、加快项目建设', files: [fileId] }, 'reporterD');
    expect(rep.statusCode).toBe(200);
    expect(rep.json().case.state).toBe('reported');
    expect(rep.json().case.steps.at(-1)).toMatchObject({ action: 'report', text: '已召开专题会议', files: [expect.objectContaining({ filename: '整改佐证.pdf' })] });
    expect((await get(`${U}/cases/${issued}/files/${fileId}`, 'reporterD')).rawPayload.equals(PDF)).toBe(true);
    expect((await get(`${U}/cases/${issued}/files/${fileId}`, 'reporterA')).statusCode).toBe(404);

    const n = await steps();
    expect((await post(`${U}/cases/${issued}/review`, { decision: 'return' })).statusCode).toBe(400);
    expect(await steps()).toBe(n);
    const ret = await post(`${U}/cases/${issued}/review`, { decision: 'return', reason: '措施不具体' });
    expect(ret.json().case.state).toBe('returned');
    const inbox = (await get(`${U}/inbox`, 'reporterD')).json().reminders;
    expect(inbox[0].message).toContain('措施不具体');
  });

  it('the unit reports again, the organizer accepts: closed; nothing more is allowed', async () => {
    expect((await post(`${U}/cases/${issued}/report`, { text: '补充整改措施', measures: '二、明确责任人' }, 'reporterD')).json().case.state).toBe('reported');
    const closed = await post(`${U}/cases/${issued}/review`, { decision: 'accept', reason: '同意销号' });
    expect(closed.json().case).toMatchObject({ state: 'closed', closedBy: expect.any(String) });
    const before = await caseOf(issued);
    for (const [url, body, who] of [
      ['sign', {}, 'reporterD'],
      ['report', { text: '整改' }, 'reporterD'],
      ['review', { decision: 'accept' }, 'organizer'],
      ['extensions', { reason: 'x', progress: 'y', proposedDue: '2026-12-31' }, 'reporterD'],
      ['escalate', { reason: 'x' }, 'organizer'],
    ] as const) {
      expect((await post(`${U}/cases/${issued}/${url}`, body, who)).statusCode, url).toBe(409);
    }
    const f = multipartFile('late.pdf', PDF);
    expect((await t.app.inject({ method: 'POST', url: `${U}/cases/${issued}/files`, payload: f.payload, headers: { ...f.headers, cookie: cookies.reporterD } })).statusCode).toBe(409);
    expect(await caseOf(issued)).toEqual(before);
    expect(before.steps.map((s: { action: string }) => s.action)).toEqual(['issue', 'sign', 'report', 'return', 'report', 'accept']);
  });

  it('every step is in the audit chain', async () => {
    const entries = (await get(`/api/v1/audit?campaign=${C}&action=case`)).json().entries as { action: string }[];
    const actions = entries.map((e) => e.action);
    for (const a of ['case.propose', 'case.issue', 'case.sign', 'case.file_add', 'case.report', 'case.return', 'case.close']) expect(actions).toContain(a);
  });
});

describe('opening by hand', () => {
  it('refuses a unit not in the campaign (404) and writes nothing', async () => {
    const before = (await board()).cases.length;
    const res = await post(`${U}/cases`, { unit: 'zz', kind: 'reminder', reason: '检查发现问题' });
    expect(res.statusCode).toBe(404);
    expect((await post(`${U}/cases`, { unit: 'c', kind: 'nope', reason: '检查发现问题' })).statusCode).toBe(400);
    expect((await board()).cases.length).toBe(before);
  });
});

describe('due dates by the clock', () => {
  let id: number;
  it('shows ok, nearing (reminding the inbox once), then overdue', async () => {
    // now: 2026-07-01 16:00 Beijing; due 2026-07-10 (end of the day, Beijing)
    const res = await post(`${U}/cases`, { unit: 'c', kind: 'reminder', reason: '进度滞后', due: '2026-07-10', persons: ['张三'] });
    expect(res.statusCode).toBe(201);
    id = res.json().case.id;
    expect(res.json().case).toMatchObject({ number: '〔2026〕提字第1号', due: '2026-07-10', dueStatus: 'ok' });
    const inboxCount = async () => (await get(`${U}/inbox`, 'organizer')).json().reminders.filter((r: { kind: string; unit: string }) => r.kind === 'case' && r.unit === 'c').length;
    const sent = await inboxCount();
    await advance(6 * DAY); // 07-07 16:00 Beijing: 3 days and 8 hours left
    expect((await board()).cases.find((c: { id: number }) => c.id === id).dueStatus).toBe('ok');
    await advance(DAY); // 07-08 16:00: within 3 days
    expect((await board()).cases.find((c: { id: number }) => c.id === id).dueStatus).toBe('nearing');
    expect(await inboxCount()).toBe(sent + 1);
    await board();
    expect(await inboxCount()).toBe(sent + 1);
    await advance(2 * DAY + 9 * 3600 * 1000); // 07-11 01:00 Beijing
    const overdue = await board('?overdue=true');
    expect(overdue.cases.map((c: { id: number }) => c.id)).toEqual([id]);
    expect(overdue.cases[0].dueStatus).toBe('overdue');
    expect((await board('?overdue=false')).cases.map((c: { id: number }) => c.id)).not.toContain(id);
  });

  it('escalates an overdue case to the next kind in one step', async () => {
    const res = await post(`${U}/cases/${id}/escalate`, { reason: '逾期未整改' });
    expect(res.statusCode).toBe(200);
    expect(res.json().case).toMatchObject({ kind: 'supervision', number: '〔2026〕督字第2号', state: 'issued', escalatedFrom: id, sourceRef: '〔2026〕提字第1号', unit: 'c', persons: ['张三'] });
    const old = await caseOf(id);
    expect(old).toMatchObject({ state: 'escalated', escalatedTo: res.json().case.id, dueStatus: 'none' });
    expect((await post(`${U}/cases/${id}/escalate`, { reason: 'again' })).statusCode).toBe(409);
  });
});

describe('extensions', () => {
  let id: number;
  it('one refused, one granted: the due date moves and the old one is kept', async () => {
    const now = new Date(t.clock.now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
    const due = new Date(t.clock.now.getTime() + 10 * DAY).toISOString().slice(0, 10);
    const later = new Date(t.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10);
    id = (await post(`${U}/cases`, { unit: 'd', kind: 'rectification', reason: '专项督查发现问题', due })).json().case.id;
    expect((await post(`${U}/cases/${id}/extensions`, { reason: '项目未完工', progress: '已完成 60%', proposedDue: now }, 'reporterD')).statusCode).toBe(400);
    const asked = await post(`${U}/cases/${id}/extensions`, { reason: '项目未完工', progress: '已完成 60%', proposedDue: later }, 'reporterD');
    expect(asked.statusCode).toBe(200);
    expect((await post(`${U}/cases/${id}/extensions`, { reason: 'again', progress: 'x', proposedDue: later }, 'reporterD')).statusCode).toBe(409);
    const ext = asked.json().case.extensions[0];
    expect((await post(`${U}/cases/${id}/extensions/${ext.id}/decision`, { decision: 'grant' }, 'reporterD')).statusCode).toBe(403);
    expect((await post(`${U}/cases/${id}/extensions/${ext.id}/decision`, { decision: 'refuse' })).statusCode).toBe(400);
    const refused = await post(`${U}/cases/${id}/extensions/${ext.id}/decision`, { decision: 'refuse', reply: '请按期完成' });
    expect(refused.json().case).toMatchObject({ due, extensions: [expect.objectContaining({ status: 'refused', reply: '请按期完成' })] });
    expect((await post(`${U}/cases/${id}/extensions/${ext.id}/decision`, { decision: 'grant' })).statusCode).toBe(409);

    const again = await post(`${U}/cases/${id}/extensions`, { reason: '设备到货延迟', progress: '已完成 80%', proposedDue: later }, 'reporterD');
    const ext2 = again.json().case.extensions[1];
    const granted = await post(`${U}/cases/${id}/extensions/${ext2.id}/decision`, { decision: 'grant', reply: '同意' });
    expect(granted.json().case).toMatchObject({ due: later, extensions: [expect.anything(), expect.objectContaining({ status: 'granted', previousDue: due, proposedDue: later })] });
    expect(granted.json().case.steps.at(-1)).toMatchObject({ action: 'extension_grant', data: expect.objectContaining({ previousDue: due, due: later }) });
  });

  it('no extension after the due date', async () => {
    await advance(40 * DAY);
    const later = new Date(t.clock.now.getTime() + 30 * DAY).toISOString().slice(0, 10);
    expect((await post(`${U}/cases/${id}/extensions`, { reason: 'x', progress: 'y', proposedDue: later }, 'reporterD')).statusCode).toBe(409);
  });
});

describe('board counts', () => {
  it('counts documents (份) and people (人次) per unit and kind for the year', async () => {
    const { counts } = await board();
    expect(counts).toEqual(expect.arrayContaining([
      expect.objectContaining({ unitName: '丙镇', kindName: '提醒单', documents: 1, persons: 1 }),
      expect.objectContaining({ unitName: '丙镇', kindName: '督办单', documents: 1, persons: 1 }),
      expect.objectContaining({ unitName: '丁镇', kindName: '督办单', documents: 1, persons: 1 }),
      expect.objectContaining({ unitName: '丁镇', kindName: '整改通知书', documents: 1 }),
    ]));
    expect((await board('?unit=d&kind=supervision')).cases).toHaveLength(1);
    expect((await board('?state=closed')).cases.map((c: { id: number }) => c.id)).toEqual([issued]);
  });

  it('an interview records who talked with whom; interviewees count as 人次', async () => {
    const id = (await post(`${U}/cases`, { unit: 'b', kind: 'interview', reason: '连续两季度末位' })).json().case.id;
    const rec = { at: '2026-08-20T02:00:00Z', place: '县委组织部会议室', interviewers: ['李部长'], interviewees: ['王书记', '赵镇长'], minutes: '谈话要点', promises: '一个月内整改到位', followUps: [{ text: '报送整改方案', due: '2026-09-01', done: false }] };
    const res = await req('PUT', `${U}/cases/${id}/interview`, 'organizer', rec);
    expect(res.statusCode).toBe(200);
    expect(res.json().case.interview).toEqual(rec);
    expect((await board()).counts).toEqual(expect.arrayContaining([expect.objectContaining({ unitName: '乙镇', kindName: '约谈通知书', documents: 1, persons: 2 })]));
  });
});

describe('proposal merge and dismissal', () => {
  it('dismissing needs a reason; merging joins an open case of the same unit', async () => {
    // Q2: d is last again
    for (const [unit, value] of [['a', '100'], ['b', '90'], ['c', '70'], ['d', '30']]) {
      expect((await req('PUT', `${U}/figures`, 'admin', { unit, indicator: 'gdp', period: '2026-Q2', value })).statusCode).toBe(200);
    }
    expect((await post(`${U}/case-proposals`, { period: '2026-Q2' })).json()).toEqual({ created: 1 });
    const p = (await get(`${U}/case-proposals?status=pending`)).json().proposals[0];
    expect((await post(`${U}/case-proposals/${p.id}/decision`, { decision: 'dismiss' })).statusCode).toBe(400);
    const open = (await board('?unit=d&state=open')).cases[0];
    expect((await post(`${U}/case-proposals/${p.id}/decision`, { decision: 'merge', caseId: issued })).statusCode).toBe(409);
    const merged = await post(`${U}/case-proposals/${p.id}/decision`, { decision: 'merge', caseId: open.id });
    expect(merged.json().proposal).toMatchObject({ status: 'merged', caseId: open.id, caseNumber: open.number });
    expect((await caseOf(open.id)).steps.at(-1)).toMatchObject({ action: 'merge' });
  });
});
