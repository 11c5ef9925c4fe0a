// Review meetings [双月表态会 / 季度过堂会] (issue 15 item 4): the units called preselected from the
// period's laggards in the stored results and editable; statements and commitments; follow-ups as
// items or cases (through the case service); planned → held → closed with every refused step 409
// and nothing changed; a reporter sees only its own unit's part; the minutes in Word read back;
// bad input (a unit not in the campaign) 404 with nothing written.
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, makeUser, signIn, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
const C = 'meet-2026';
const U = `/api/v1/campaigns/${C}`;
const cookies: Record<string, string> = {};

const SPEC = `version: 1
campaign: { id: ${C}, name: 会议测试竞赛, organizer: 青山县委组织部, year: 2026, cadence: quarter }
groups:
  - { id: g1, name: 一组 }
  - { id: g2, name: 二组 }
units:
  - { id: a, name: 甲镇, group: g1 }
  - { id: b, name: 乙镇, group: g1 }
  - { id: c, name: 丙镇, group: g1 }
  - { id: d, name: 丁镇, group: g1 }
  - { id: e, name: 戊镇, group: g2 }
  - { id: f, name: 己镇, group: g2 }
indicators:
  - { id: gdp, name: 产值, input: value, weight: 100, method: completion, target: 100 }
flags:
  - { id: yellow, name: 黄旗, color: yellow, award: bottom, count: 1, scope: group }
rules:
  - { id: lag, name: 末位督办, action: supervision, when: { rank: bottom, scope: all, count: 1 } }
`;
const FIGURES = [['a', '100'], ['b', '80'], ['c', '60'], ['d', '40'], ['e', '90'], ['f', '50']].map(([unit, value]) => ({ unit, indicator: 'gdp', period: '2026-Q1', value }));

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, SPEC, FIGURES);
  const users = {
    organizer: await makeUser(t.app, 'organizer'),
    reporterD: await makeUser(t.app, 'reporter', [{ campaignId: C, unitId: 'd' }]),
    reporterF: await makeUser(t.app, 'reporter', [{ campaignId: C, unitId: 'f' }]),
    reporterA: await makeUser(t.app, 'reporter', [{ campaignId: C, unitId: 'a' }]),
    scorer: await makeUser(t.app, 'scorer', [{ campaignId: C, indicatorId: 'gdp' }]),
  };
  for (const [who, u] of Object.entries(users)) cookies[who] = await signIn(t.app, u.username);
});
afterAll(async () => { await t.close(); });

type Res = Awaited<ReturnType<TestApp['app']['inject']>>;
const req = (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, who: string, payload?: object): Promise<Res> => t.app.inject({ method, url, payload, headers: { cookie: cookies[who] } });
const get = (url: string, who = 'organizer') => req('GET', url, who);
const post = (url: string, payload: object, who = 'organizer') => req('POST', url, who, payload);
const meetingOf = async (id: number, who = 'organizer') => (await get(`${U}/meetings/${id}`, who)).json().meeting;
const count = async (table: string) => Number((await t.app.leitai.ctx.db.$client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
const docText = async (res: Res) => (await (await JSZip.loadAsync(res.rawPayload)).file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');

const NEW = { kind: 'quarterly', period: '2026-Q1', heldOn: '2026-07-10', place: '县委第一会议室', agenda: ['通报一季度考核结果', '后进单位表态', '县领导讲话'] };
let id: number;

describe('arranging a meeting', () => {
  it('names the period\'s laggards from its stored results: last of each group, bottom flags, rules\' actions', async () => {
    const res = await get(`${U}/meeting-laggards?period=2026-Q1`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      hasResult: true,
      laggards: [
        { unit: 'd', unitName: '丁镇', reasons: ['一组末位（第4名）', '黄旗', expect.stringMatching(/^末位督办：/)] },
        { unit: 'f', unitName: '己镇', reasons: ['二组末位（第2名）', '黄旗'] },
      ],
    });
    expect((await get(`${U}/meeting-laggards?period=2026-Q2`)).json()).toEqual({ hasResult: false, laggards: [] });
    expect((await get(`${U}/meeting-laggards?period=2031-Q1`)).statusCode).toBe(404);
  });

  it('refuses a unit not in the campaign (404), a reporter or a scorer (403), writing nothing', async () => {
    const bad = await post(`${U}/meetings`, { ...NEW, units: ['d', 'zz'] });
    expect(bad.statusCode).toBe(404);
    expect(bad.json().error.message).toContain('zz');
    expect((await post(`${U}/meetings`, NEW, 'reporterD')).statusCode).toBe(403);
    expect((await post(`${U}/meetings`, NEW, 'scorer')).statusCode).toBe(403);
    expect((await post(`${U}/meetings`, { ...NEW, period: '2031-Q1' })).statusCode).toBe(404);
    expect((await post(`${U}/meetings`, { ...NEW, heldOn: '2026-13-40' })).statusCode).toBe(400);
    expect(await count('review_meetings')).toBe(0);
    expect(await count('review_meeting_units')).toBe(0);
  });

  it('creates a meeting with the laggards called; one of a kind per period', async () => {
    const res = await post(`${U}/meetings`, NEW);
    expect(res.statusCode).toBe(201);
    const m = res.json().meeting;
    id = m.id;
    expect(m).toMatchObject({ kind: 'quarterly', kindName: '季度过堂会', title: '会议测试竞赛2026年第一季度季度过堂会', state: 'planned', complete: true, agenda: NEW.agenda });
    expect(m.units.map((u: { unit: string }) => u.unit)).toEqual(['d', 'f']);
    expect(m.units[0].reasons).toContain('黄旗');
    expect((await post(`${U}/meetings`, NEW)).statusCode).toBe(409);
    expect(await count('review_meetings')).toBe(1);
    const audit = (await get(`/api/v1/audit?campaign=${C}&action=meeting.create`)).json().entries;
    expect(audit).toHaveLength(1);
  });

  it('edits the units called: a unit added by hand has no reasons; a unit not in the campaign is 404 and changes nothing', async () => {
    expect((await req('PUT', `${U}/meetings/${id}/units`, 'organizer', { units: ['d', 'f', 'zz'] })).statusCode).toBe(404);
    expect((await meetingOf(id)).units.map((u: { unit: string }) => u.unit)).toEqual(['d', 'f']);
    const res = await req('PUT', `${U}/meetings/${id}/units`, 'organizer', { units: ['d', 'f', 'c'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().meeting.units.map((u: { unit: string; reasons: string[] }) => [u.unit, u.reasons.length > 0])).toEqual([['d', true], ['f', true], ['c', false]]);
    expect((await req('PUT', `${U}/meetings/${id}/units`, 'reporterD', { units: ['d'] })).statusCode).toBe(403);
  });
});

describe('statements and follow-ups', () => {
  it('records a unit\'s statement and commitments; the unit may send its own; others are refused', async () => {
    const res = await req('PUT', `${U}/meetings/${id}/units/d/statement`, 'organizer', { statement: '丁镇表态：认清差距，迎头赶上', commitments: ['二季度产值完成率达到90%', '每周调度重点项目'] });
    expect(res.statusCode).toBe(200);
    expect(res.json().meeting.units[0]).toMatchObject({ unit: 'd', statement: '丁镇表态：认清差距，迎头赶上', commitments: ['二季度产值完成率达到90%', '每周调度重点项目'] });
    expect((await req('PUT', `${U}/meetings/${id}/units/f/statement`, 'reporterF', { statement: '己镇提交的表态发言', commitments: ['补齐短板'] })).statusCode).toBe(200);
    // another unit's: not theirs to see (404); a unit not called (409); not in the campaign (404)
    expect((await req('PUT', `${U}/meetings/${id}/units/f/statement`, 'reporterD', { statement: 'x', commitments: [] })).statusCode).toBe(404);
    expect((await req('PUT', `${U}/meetings/${id}/units/a/statement`, 'organizer', { statement: 'x', commitments: [] })).statusCode).toBe(409);
    expect((await req('PUT', `${U}/meetings/${id}/units/zz/statement`, 'organizer', { statement: 'x', commitments: [] })).statusCode).toBe(404);
    expect((await meetingOf(id)).units.find((u: { unit: string }) => u.unit === 'a')).toBeUndefined();
    // a unit with a statement stays called
    expect((await req('PUT', `${U}/meetings/${id}/units`, 'organizer', { units: ['f', 'c'] })).statusCode).toBe(409);
  });

  it('a follow-up is a due-dated item or a case opened through the case service; a bad kind writes neither', async () => {
    const cases = async () => (await get(`${U}/cases`)).json().cases as { id: number; unit: string; source: string; sourceRef: string; number: string; due: string }[];
    expect((await post(`${U}/meetings/${id}/follow-ups`, { unit: 'f', text: 'x', due: '2026-08-31', caseKind: 'nope' })).statusCode).toBe(400);
    expect((await post(`${U}/meetings/${id}/follow-ups`, { unit: 'zz', text: 'x', due: '2026-08-31' })).statusCode).toBe(404);
    expect((await post(`${U}/meetings/${id}/follow-ups`, { unit: 'a', text: 'x', due: '2026-08-31' })).statusCode).toBe(409);
    expect((await post(`${U}/meetings/${id}/follow-ups`, { unit: 'd', text: 'x', due: '2026-08-31' }, 'reporterD')).statusCode).toBe(403);
    expect(await count('review_follow_ups')).toBe(0);
    expect(await cases()).toHaveLength(0);

    const item = await post(`${U}/meetings/${id}/follow-ups`, { unit: 'd', text: '7月底前报送重点项目推进计划', due: '2026-07-31' });
    expect(item.statusCode).toBe(201);
    const withCase = await post(`${U}/meetings/${id}/follow-ups`, { unit: 'f', text: '限期整改产值滞后问题', due: '2026-08-31', caseKind: 'supervision' });
    expect(withCase.statusCode).toBe(201);
    const follow = withCase.json().meeting.followUps as { id: number; unit: string; caseId: number | null; caseNumber: string | null; due: string }[];
    expect(follow.map((f) => [f.unit, f.caseId === null])).toEqual([['d', true], ['f', false]]);
    const all = await cases();
    expect(all).toEqual([expect.objectContaining({ id: follow[1].caseId, unit: 'f', source: 'meeting', sourceRef: '会议测试竞赛2026年第一季度季度过堂会', due: '2026-08-31', number: '〔2026〕督字第1号' })]);
    expect(follow[1].caseNumber).toBe('〔2026〕督字第1号');

    // the item becomes a case later, once
    const turned = await post(`${U}/meetings/${id}/follow-ups/${follow[0].id}/case`, { kind: 'reminder' });
    expect(turned.statusCode).toBe(200);
    expect(turned.json().meeting.followUps[0].caseNumber).toBe('〔2026〕提字第1号');
    expect((await post(`${U}/meetings/${id}/follow-ups/${follow[0].id}/case`, { kind: 'reminder' })).statusCode).toBe(409);
    expect(await cases()).toHaveLength(2);
  });

  it('a reporter sees its own unit\'s part only; a unit not called sees no meeting', async () => {
    const mine = await meetingOf(id, 'reporterD');
    expect(mine.complete).toBe(false);
    expect(mine.units.map((u: { unit: string }) => u.unit)).toEqual(['d']);
    expect(mine.followUps.map((f: { unit: string }) => f.unit)).toEqual(['d']);
    expect((await get(`${U}/meetings`, 'reporterD')).json().meetings).toHaveLength(1);
    expect((await get(`${U}/meetings`, 'reporterA')).json().meetings).toEqual([]);
    expect((await get(`${U}/meetings/${id}`, 'reporterA')).statusCode).toBe(404);
    expect((await get(`${U}/meetings/${id}/minutes.docx`, 'reporterA')).statusCode).toBe(404);
    expect((await get(`${U}/meeting-laggards?period=2026-Q1`, 'reporterD')).statusCode).toBe(403);
  });

  it('a statement\'s commitments become a draft public commitment of the unit, once, naming its meeting (issue 16: commitments made at a review meeting)', async () => {
    const url = (unit: string, meeting = id) => `${U}/meetings/${meeting}/units/${unit}/commitment`;
    const before = await count('commitments');
    expect((await post(url('c'), {})).statusCode).toBe(409); // called, nothing committed yet
    expect((await post(url('a'), {})).statusCode).toBe(404); // not called
    expect((await post(url('d', 999_999), {})).statusCode).toBe(404);
    expect((await post(url('d'), {}, 'reporterF')).statusCode).toBe(403); // another unit's reporter
    expect(await count('commitments')).toBe(before);

    const made = await post(url('d'), {}, 'reporterD');
    expect(made.statusCode).toBe(201);
    const c = made.json().commitment;
    expect(c).toMatchObject({
      unit: 'd', owner: '丁镇', status: 'draft', title: '会议测试竞赛2026年第一季度季度过堂会 · 表态承诺', canEdit: true,
      meeting: { id, title: '会议测试竞赛2026年第一季度季度过堂会' },
    });
    expect(c.items.map((i: { text: string; benchmark: string }) => [i.text, i.benchmark])).toEqual([['二季度产值完成率达到90%', 'none'], ['每周调度重点项目', 'none']]);
    // asked again, by the organizer: the same one
    const again = await post(url('d'), {});
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, commitment: { id: c.id } });
    expect(await count('commitments')).toBe(before + 1);
    expect((await meetingOf(id)).units.find((u: { unit: string }) => u.unit === 'd').commitment).toBe(c.id);
    const audit = (await get(`/api/v1/audit?campaign=${C}&action=commitment`)).json().entries as { action: string; after: { meeting?: { id: number } } }[];
    expect(audit.filter((e) => e.action === 'commitment.create').map((e) => e.after.meeting?.id)).toEqual([id]);
    // from here it is a commitment like any other: the unit submits it for approval
    expect((await post(`${U}/commitments/${c.id}/submit`, {}, 'reporterD')).statusCode).toBe(200);
  });
});

describe('transitions and minutes', () => {
  it('moves planned → held → closed one step at a time; a refused step is 409 and changes nothing', async () => {
    expect((await post(`${U}/meetings/${id}/state`, { state: 'closed' })).statusCode).toBe(409);
    expect((await meetingOf(id)).state).toBe('planned');
    expect((await post(`${U}/meetings/${id}/state`, { state: 'held' }, 'reporterD')).statusCode).toBe(403);
    expect((await post(`${U}/meetings/${id}/state`, { state: 'held' })).json().meeting.state).toBe('held');
    expect((await post(`${U}/meetings/${id}/state`, { state: 'held' })).statusCode).toBe(409);
    expect((await post(`${U}/meetings/${id}/state`, { state: 'closed' })).json().meeting.state).toBe('closed');
    const before = await meetingOf(id);
    expect((await req('PUT', `${U}/meetings/${id}/units/d/statement`, 'organizer', { statement: '改', commitments: [] })).statusCode).toBe(409);
    expect((await req('PATCH', `${U}/meetings/${id}`, 'organizer', { place: '别处' })).statusCode).toBe(409);
    expect((await req('PUT', `${U}/meetings/${id}/units`, 'organizer', { units: ['d'] })).statusCode).toBe(409);
    expect((await post(`${U}/meetings/${id}/follow-ups`, { unit: 'd', text: 'x', due: '2026-08-31' })).statusCode).toBe(409);
    expect((await post(`${U}/meetings/${id}/state`, { state: 'planned' })).statusCode).toBe(409);
    expect(await meetingOf(id)).toEqual(before);
    // follow-ups are still tracked
    const done = await post(`${U}/meetings/${id}/follow-ups/${before.followUps[0].id}/done`, { done: true });
    expect(done.json().meeting.followUps[0].done).toBe(true);
    const actions = ((await get(`/api/v1/audit?campaign=${C}&action=meeting`)).json().entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['meeting.create', 'meeting.units', 'meeting.statement', 'meeting.follow_up', 'meeting.follow_up_case', 'meeting.held', 'meeting.closed', 'meeting.follow_up_done']));
  });

  it('exports the minutes in Word: agenda, units, statements, commitments, follow-ups with case numbers; a reporter\'s has its part only', async () => {
    const res = await get(`${U}/meetings/${id}/minutes.docx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const text = await docText(res);
    for (const s of ['会议测试竞赛2026年第一季度季度过堂会纪要', '县委第一会议室', '后进单位表态', '丁镇表态：认清差距，迎头赶上', '二季度产值完成率达到90%', '己镇提交的表态发言', '限期整改产值滞后问题', '〔2026〕督字第1号', '〔2026〕提字第1号', '青山县委组织部']) {
      expect(text).toContain(s);
    }
    const mine = await docText(await get(`${U}/meetings/${id}/minutes.docx`, 'reporterD'));
    expect(mine).toContain('丁镇表态');
    expect(mine).not.toContain('己镇');
  });
});
