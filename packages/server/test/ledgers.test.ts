// Leaders in charge and key-project ledgers (issue 16 items 2 and 3): a leader assigned to three units sees exactly
// those (standing, trend, flags won and lost, commitments, projects, visits), the 同奖同惩 summary, projects with
// milestones overdue by the clock, progress by the owner unit or leader, an indicator's figure from the ledger.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, makeMember, rootOrganization, session, signIn, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { multipartFile } from './support/multipart.ts';

let t: TestApp;
let organizer: string;
let reporterA: string;
let reporterB: string;
let leader: string;
let leaderId: number;
let other: string;
let otherId: number;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const req = (method: 'GET' | 'POST' | 'PUT', url: string, cookie: string, payload?: object) => t.app.inject({ method, url: `${U}${url}`, payload, headers: { cookie } });

const figures = (q: string, a: string, b: string, c: string, d: string) => ['a', 'b', 'c', 'd'].map((unit, i) => ({ unit, indicator: 'gdp', period: q, value: [a, b, c, d][i] }));

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C), [...figures('2026-Q1', '90', '80', '70', '60'), ...figures('2026-Q2', '70', '95', '50', '65')]);
  organizer = (await session(t.app, 'organizer')).cookie;
  reporterA = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }])).cookie;
  reporterB = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'b' }])).cookie;
  const root = await rootOrganization(t.app);
  const l = await makeMember(t.app, root, ['a', 'b', 'c'].map((unitId) => ({ role: 'leader' as const, campaignId: C, unitId })));
  leaderId = l.id;
  leader = await signIn(t.app, l.username);
  const o = await makeMember(t.app, root, [{ role: 'leader', campaignId: C, unitId: 'd' }]);
  otherId = o.id;
  other = await signIn(t.app, o.username);
  // approve and close both quarters
  for (const q of ['2026-Q1', '2026-Q2']) {
    await req('POST', '/verification', organizer, { decisions: ['a', 'b', 'c', 'd'].map((unit) => ({ unit, indicator: 'gdp', period: q, version: 1, decision: 'approve' })) });
    await req('PUT', `/periods/${q}`, organizer, { state: 'verification' });
    await req('PUT', `/periods/${q}`, organizer, { state: 'closed' });
  }
  // commitments of unit a (public) and unit d (public)
  for (const [unit, cookie] of [['a', reporterA], ['d', organizer]] as const) {
    const c = (await req('POST', '/commitments', cookie, { unit, title: `${unit} 的承诺`, items: [{ text: '争全县第一', benchmark: 'county' }] })).json().commitment;
    await req('POST', `/commitments/${c.id}/submit`, cookie);
    await req('POST', `/commitments/${c.id}/decision`, organizer, { decision: 'approve' });
  }
});
afterAll(async () => { await t.close(); });

describe('a leader assigned to three units', () => {
  it('sees exactly their standing, trend, flags won and lost, and commitments', async () => {
    const res = await req('GET', '/leadership', leader);
    expect(res.statusCode).toBe(200);
    const l = res.json();
    expect(l.leader.id).toBe(leaderId);
    expect(l.allUnits).toBe(false);
    expect(l.units.map((u: { name: string }) => u.name)).toEqual(['甲镇', '乙镇', '丙局']);
    const a = l.units[0];
    expect(a.trend.map((p: { period: string; state: string }) => `${p.period}:${p.state}`)).toEqual(['2026-Q1:closed', '2026-Q2:closed']);
    expect(a.trend[0].flags).toEqual(['红旗']);
    expect(a.lost).toEqual(['红旗']);
    expect(l.units[1].won).toEqual(['红旗']);
    expect(l.commitments.map((c: { owner: string }) => c.owner)).toEqual(['甲镇']);
  });

  it('another leader sees only their own unit; a leader may not look at another leader\'s page, an organizer may', async () => {
    const o = (await req('GET', '/leadership', other)).json();
    expect(o.units.map((u: { name: string }) => u.name)).toEqual(['丁局']);
    expect(o.commitments.map((c: { owner: string }) => c.owner)).toEqual(['丁局']);
    expect((await req('GET', `/leadership?leader=${leaderId}`, other)).statusCode).toBe(403);
    const seen = (await req('GET', `/leadership?leader=${leaderId}`, organizer)).json();
    expect(seen.units).toHaveLength(3);
  });
});

describe('visit logs (走访/过堂)', () => {
  it('a leader logs their own; sees only theirs; an organizer sees every leader\'s', async () => {
    const res = await req('POST', '/visits', leader, { date: '2026-06-20', unit: 'a', findings: '项目用地未落实', followUps: '7 月底前协调国土部门' });
    expect(res.statusCode).toBe(201);
    expect(res.json().visit).toMatchObject({ unitName: '甲镇', leaderName: expect.stringMatching(/^member/), kind: 'visit' });
    expect((await req('POST', '/visits', leader, { date: '2026-06-20', unit: 'a', findings: 'x', leader: otherId })).statusCode).toBe(403);
    expect((await req('POST', '/visits', leader, { date: '2026-06-20', findings: 'x' })).statusCode).toBe(400);
    expect((await req('POST', '/visits', reporterA, { date: '2026-06-20', unit: 'a', findings: 'x' })).statusCode).toBe(403);
    await req('POST', '/visits', organizer, { date: '2026-06-21', kind: 'hearing', unit: 'd', findings: '过堂：进度滞后', leader: otherId });
    expect((await req('GET', '/visits', leader)).json().visits.map((v: { findings: string }) => v.findings)).toEqual(['项目用地未落实']);
    expect((await req('GET', '/visits', other)).json().visits.map((v: { kind: string }) => v.kind)).toEqual(['hearing']);
    expect((await req('GET', '/visits', organizer)).json().visits).toHaveLength(2);
    expect((await req('GET', '/leadership', leader)).json().visits).toHaveLength(1);
  });
});

describe('key-project ledgers', () => {
  let projectId: number;
  let milestones: { id: number }[];

  it('an organizer enters a project; its leader sees it on their page; a milestone past its date is overdue', async () => {
    const body = {
      name: '智能制造产业园', ownerUnit: 'a', leader: leaderId, team: '张三、李四', plannedInvestment: '5000',
      milestones: [{ name: '完成土地征收', due: '2026-06-30' }, { name: '主体开工', due: '2026-07-01' }],
    };
    expect((await req('POST', '/projects', reporterA, body)).statusCode).toBe(403);
    expect((await req('POST', '/projects', organizer, { ...body, ownerUnit: 'zz' })).statusCode).toBe(400);
    const res = await req('POST', '/projects', organizer, body);
    expect(res.statusCode).toBe(201);
    const p = res.json().project;
    projectId = p.id;
    milestones = p.milestones;
    // the clock says 2026-07-01: the first is overdue, the second not yet
    expect(p).toMatchObject({ ownerName: '甲镇', leaderName: expect.stringMatching(/^member/), overdue: true });
    expect(p.milestones.map((m: { overdue: boolean }) => m.overdue)).toEqual([true, false]);
    expect((await req('GET', '/projects?overdue=true', reporterB)).json().projects).toHaveLength(1);
    expect((await req('GET', '/leadership', leader)).json().projects.map((x: { name: string }) => x.name)).toEqual(['智能制造产业园']);
    expect((await req('GET', '/leadership', other)).json().projects).toEqual([]);
  });

  it('progress comes from the owner unit or the leader, not another unit; done milestones are no longer overdue, once', async () => {
    expect((await req('POST', `/projects/${projectId}/progress`, reporterB, { month: '2026-06', text: 'x' })).statusCode).toBe(403);
    const r1 = await req('POST', `/projects/${projectId}/progress`, reporterA, { month: '2026-06', text: '土地征收完成 90%', investment: '1200' });
    expect(r1.statusCode).toBe(201);
    expect((await req('POST', `/projects/${projectId}/progress`, leader, { month: '2026-07', text: '调度会', investment: '1500.5' })).statusCode).toBe(201);
    const done = await req('POST', `/projects/${projectId}/milestones/${milestones[0].id}/done`, reporterA, { doneOn: '2026-06-30' });
    expect(done.json().project).toMatchObject({ overdue: false, investmentToDate: '1500.5', onTime: { done: 1, due: 1, percent: '100' } });
    expect((await req('POST', `/projects/${projectId}/milestones/${milestones[0].id}/done`, reporterA, { doneOn: '2026-06-30' })).statusCode).toBe(409);
    expect((await req('POST', `/projects/${projectId}/milestones/${milestones[1].id}/done`, reporterA, { doneOn: '2026-12-01' })).statusCode).toBe(400);
  });

  it('the clock moving past a due date flags the milestone overdue (and lowers the share on time)', async () => {
    // 2026-07-02 in China
    t.clock.advance(11 * 3600_000);
    const p = (await req('GET', `/projects/${projectId}`, organizer)).json().project;
    expect(p.milestones.map((m: { overdue: boolean }) => m.overdue)).toEqual([false, true]);
    expect(p.onTime).toEqual({ done: 1, due: 2, percent: '50' });
  });

  it('an overdue milestone opens a case of the owner unit, once; one done or not yet due does not', async () => {
    const done = await req('POST', `/projects/${projectId}/milestones/${milestones[0].id}/case`, organizer, { kind: 'supervision' });
    expect(done.statusCode).toBe(409);
    expect(done.json().error.message).toContain('已于 2026-06-30 完成');
    expect((await req('POST', `/projects/${projectId}/milestones/${milestones[1].id}/case`, leader, { kind: 'supervision' })).statusCode).toBe(403);
    const bad = await req('POST', `/projects/${projectId}/milestones/${milestones[1].id}/case`, organizer, { kind: 'nope' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('nope');
    const res = await req('POST', `/projects/${projectId}/milestones/${milestones[1].id}/case`, organizer, { kind: 'supervision' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ opened: true });
    expect(res.json().project.milestones[1].case).toMatchObject({ id: res.json().caseId, number: '〔2026〕督字第1号', state: 'issued' });
    const board = (await req('GET', '/cases', organizer)).json().cases;
    expect(board).toEqual([expect.objectContaining({ unit: 'a', source: 'project', sourceRef: '项目“智能制造产业园”节点“主体开工”', reason: expect.stringContaining('应于 2026-07-01 完成') })]);
    // again, and the year-end accounting: the same case, nothing new
    expect((await req('POST', `/projects/${projectId}/milestones/${milestones[1].id}/case`, organizer, { kind: 'supervision' })).json()).toMatchObject({ caseId: res.json().caseId, opened: false });
    const acc = (await req('POST', '/ledger-accounting', organizer, { kind: 'reminder' })).json();
    expect(acc).toMatchObject({ opened: 0, cases: [expect.objectContaining({ source: 'project', name: '智能制造产业园 · 主体开工', opened: false })] });
    expect((await req('GET', '/cases', organizer)).json().cases).toHaveLength(1);
  });

  it('the leader of the unit sees its case on their case list; another leader does not', async () => {
    expect((await req('GET', '/cases', leader)).json().cases.map((c: { unit: string }) => c.unit)).toEqual(['a']);
    expect((await req('GET', '/cases', other)).json().cases).toEqual([]);
  });

  it('a month\'s progress carries evidence files (sniffed type, ≤ 10 MB) from those who report it', async () => {
    const p = (await req('GET', `/projects/${projectId}`, organizer)).json().project;
    const progressId = p.progress[0].id;
    const send = (cookie: string, name: string, data: Buffer) => {
      const { payload, headers } = multipartFile(name, data);
      return t.app.inject({ method: 'POST', url: `${U}/projects/${projectId}/progress/${progressId}/files`, payload, headers: { ...headers, cookie } });
    };
    expect((await send(reporterB, '现场照片.pdf', PDF)).statusCode).toBe(403);
    expect((await send(reporterA, 'x.exe', Buffer.from('MZ\x90\x00 not a document'))).statusCode).toBe(415);
    expect((await send(reporterA, 'empty.pdf', Buffer.alloc(0))).statusCode).toBe(400);
    const res = await send(reporterA, '现场照片.pdf', PDF);
    expect(res.statusCode).toBe(201);
    const f = res.json().project.progress[0].files;
    expect(f).toEqual([expect.objectContaining({ filename: '现场照片.pdf', contentType: 'application/pdf' })]);
    const got = await req('GET', `/projects/${projectId}/files/${f[0].id}`, reporterB);
    expect(got.statusCode).toBe(200);
    expect(got.rawPayload.equals(PDF)).toBe(true);
    expect(String(got.headers['content-disposition'])).toContain('attachment');
    expect((await req('GET', `/projects/${projectId}/files/00000000-0000-0000-0000-000000000000`, organizer)).statusCode).toBe(404);
  });

  it('an indicator takes the owner unit\'s figure from the ledger through the figure path, its source shown', async () => {
    expect((await req('POST', `/projects/${projectId}/feed`, leader, { indicator: 'gdp', period: '2026-Q3', measure: 'investment' })).statusCode).toBe(403);
    expect((await req('POST', `/projects/${projectId}/feed`, organizer, { indicator: 'style', period: '2026-Q3', measure: 'investment' })).statusCode).toBe(400);
    const res = await req('POST', `/projects/${projectId}/feed`, organizer, { indicator: 'gdp', period: '2026-Q3', measure: 'milestones_on_time' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ unit: 'a', value: '50', source: expect.stringContaining('智能制造产业园') });
    const f = (await req('GET', '/figures?period=2026-Q3', organizer)).json().figures.find((x: { unit: string }) => x.unit === 'a');
    expect(f).toMatchObject({ value: '50', status: 'pending', explanation: expect.stringContaining('来源：重点项目台账“智能制造产业园”按期完成节点 1/2') });
    const audit = (await t.app.inject({ method: 'GET', url: `/api/v1/audit?action=figure.set&campaign=${C}`, headers: { cookie: organizer } })).json().entries;
    expect(audit[0].reason).toBe(`项目台账：智能制造产业园（${projectId}）`);
  });
});

describe('同奖同惩', () => {
  it('the organizer gets, per leader and unit, flags won and actions over the closed periods, as JSON and Excel; leaders do not', async () => {
    expect((await req('GET', '/leaders/summary', leader)).statusCode).toBe(403);
    const s = (await req('GET', '/leaders/summary', organizer)).json();
    expect(s.periods).toEqual(['2026-Q1', '2026-Q2']);
    const mine = s.rows.filter((r: { leader: string }) => r.leader.startsWith('member'));
    expect(mine.map((r: { unit: string }) => r.unit)).toEqual(['甲镇', '乙镇', '丙局', '丁局']);
    expect(mine[0]).toMatchObject({ unit: '甲镇', flags: { 红旗: 1 }, overdueMilestones: 1 });
    expect(mine[1].flags).toEqual({ 红旗: 1 });
    const x = await req('GET', '/leaders/summary.xlsx', organizer);
    expect(x.statusCode).toBe(200);
    expect(x.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });
});
