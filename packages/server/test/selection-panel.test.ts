// 述比排序 (issue 17 item 5): a selection ranked by the quantified score (the campaign's summary of a
// closed period) and a panel's marks (a marks ballot, judges by one-time links, no account), combined
// by weights the organizer set (60 % + 40 %), each part as its share of the top nominee's score;
// the quota is applied to the rounded combined score with the tie rule; then 公示 and the register.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let leader: string;
let reporter: string;
const P = 'haobanzhang-2026';
const U = `/api/v1/campaigns/${P}`;
const DAY = 86_400_000;

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const mark = (token: string, marks: Record<string, string>) => t.app.inject({ method: 'POST', url: `/api/v1/public/vote/${token}`, payload: { marks } });

const people: Record<string, number> = {};
const NAMES = ['甲', '乙', '丙', '丁'];

interface Nom { id: number; personName: string; status: string }
interface Row { nomination: number; personName: string; score: string; rank: number; parts: { part: string; score: string | null; scaled: string }[]; explain: { formula: string; zh: string } }

beforeAll(async () => {
  t = await testApp();
  organizer = (await session(t.app, 'organizer')).cookie;
  for (const name of NAMES) {
    const res = await post('/api/v1/persons', { name: `班长${name}`, unit: `${name}村`, post: 'secretary' });
    expect(res.statusCode).toBe(201);
    people[name] = res.json().person.id;
  }
  // a person campaign with a year summary (the mean of the quarter totals): its summary score is the quantified part
  await makeCampaign(t.app, `version: 1
campaign: { id: ${P}, name: 三好创争·好班长, year: 2026, cadence: quarter, subject: person }
groups:
  - { id: village, name: 村 }
units:
${NAMES.map((n, i) => `  - { id: v${i + 1}, name: 班长${n}, group: village, person: ${people[n]} }`).join('\n')}
indicators:
  - { id: work, name: 实绩评分, input: score, weight: 100 }
summary: { method: mean }
`);
  leader = (await session(t.app, 'leader')).cookie;
  reporter = (await session(t.app, 'reporter', [{ campaignId: P, unitId: 'v1' }])).cookie;
  // Q1: 甲 95, 乙 90, 丙 80, 丁 76
  const put = await post(`${U}/figures/batch`, { figures: ['95', '90', '80', '76'].map((value, i) => ({ unit: `v${i + 1}`, indicator: 'work', period: '2026-Q1', value })) });
  expect(put.statusCode).toBe(200);
  const figs = (await get(`${U}/figures?period=2026-Q1`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
  expect((await post(`${U}/verification`, { decisions: figs.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).statusCode).toBe(200);
  for (const state of ['verification', 'closed']) expect((await t.app.inject({ method: 'PUT', url: `${U}/periods/2026-Q1`, payload: { state }, headers: { cookie: organizer } })).statusCode).toBe(200);
});
afterAll(async () => { await t.close(); });

describe('好班长 by 述比排序: 量化考核 60 % + 述职评议 40 %, quota 2', () => {
  let sel: number;
  let ballot: number;
  let links: { token: string; groupName: string }[];
  const nom: Record<string, number> = {};

  it('the organizer creates it with the weights; they must add up to 100', async () => {
    expect((await post(`${U}/selections`, { honour: '好班长', quota: 2, method: 'panel', weights: { quantified: '60', panel: '30' } })).statusCode).toBe(400);
    expect((await post(`${U}/selections`, { honour: '好班长', quota: 2, method: 'panel' })).statusCode).toBe(400);
    expect((await post(`${U}/selections`, { honour: '好班长', quota: 2, method: 'panel', weights: { quantified: '60', panel: '40' } }, reporter)).statusCode).toBe(403);
    const res = await post(`${U}/selections`, { honour: '好班长', quota: 2, method: 'panel', weights: { quantified: '60', panel: '40' } });
    expect(res.statusCode).toBe(201);
    sel = res.json().selection.id;
    expect(res.json().selection).toMatchObject({ method: 'panel', threshold: '0', state: 'nominating', panel: { weights: { quantified: '60', panel: '40' }, period: null }, ranking: null });
    const audit = (await get('/api/v1/audit?action=selection.create')).json().entries;
    expect(audit[0].after).toMatchObject({ method: 'panel', weights: { quantified: '60', panel: '40' } });
  });

  it('nominees come from the quantified ranking; an approval vote is refused for it', async () => {
    const res = await post(`${U}/selections/${sel}/ranking`, { period: '2026-Q1', top: 4 });
    expect(res.statusCode).toBe(200);
    for (const n of res.json().selection.nominations as Nom[]) nom[n.personName] = n.id;
    expect(Object.keys(nom)).toEqual(['班长甲', '班长乙', '班长丙', '班长丁']);
    expect((await post(`${U}/selections/${sel}/voting`, { groups: [{ name: '评委', weight: '1', raters: 2 }] })).statusCode).toBe(409);
  });

  it('the panel opens on a closed period only; judges get one-time links, the quantified scores are taken from the summary', async () => {
    // four judges: one does not come, so that a fresh link meets the closed panel
    const judges = { groups: [{ name: '评委', weight: '1', raters: 4 }], trim: 1 };
    expect((await post(`${U}/selections/${sel}/panel`, { ...judges, period: '2026-Q2' })).statusCode).toBe(409);
    expect((await post(`${U}/selections/${sel}/panel`, { ...judges, period: '2026-Q1' }, leader)).statusCode).toBe(403);
    const res = await post(`${U}/selections/${sel}/panel`, { ...judges, period: '2026-Q1' });
    expect(res.statusCode).toBe(201);
    links = res.json().links;
    expect(links).toHaveLength(4);
    const s = res.json().selection;
    ballot = s.ballotId;
    expect(s.state).toBe('voting');
    expect(s.panel).toMatchObject({ period: '2026-Q1', fullMark: '100', trim: 1, panelScale: 'top' });
    expect(s.panel.quantified.map((q: { score: string; source: string; rank: number }) => [q.score, q.source, q.rank])).toEqual([['95', 'summary', 1], ['90', 'summary', 2], ['80', 'summary', 3], ['76', 'summary', 4]]);
    // a judge's phone page (no account): a marks form on the nominees, by name
    const form = await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${links[0].token}` });
    expect(form.statusCode).toBe(200);
    expect(form.json()).toMatchObject({ kind: 'marks', weight: '100', status: 'open', group: '评委' });
    expect(form.json().subjects.map((x: { name: string }) => x.name)).toEqual(['班长甲', '班长乙', '班长丙', '班长丁']);
    expect((await post(`${U}/selections/${sel}/panel`, { ...judges, period: '2026-Q1' })).statusCode).toBe(409);
  });

  it('judges mark once each; the organizer sees turnout (counts only), never a ballot', async () => {
    const n = (name: string) => `n${nom[name]}`;
    // 丁 is marked by nobody (absent from the presentations)
    const sheets = [
      { [n('班长甲')]: '86', [n('班长乙')]: '90', [n('班长丙')]: '88' },
      { [n('班长甲')]: '87', [n('班长乙')]: '92', [n('班长丙')]: '90' },
      { [n('班长甲')]: '90', [n('班长乙')]: '95', [n('班长丙')]: '100' },
    ];
    expect((await mark(links[0].token, { [n('班长甲')]: '101' })).statusCode).toBe(400);
    for (const [i, sheet] of sheets.entries()) expect((await mark(links[i].token, sheet)).statusCode).toBe(201);
    expect((await mark(links[0].token, sheets[0])).statusCode).toBe(409);
    const b = (await get(`${U}/ballots/${ballot}`)).json().ballot;
    expect(b.turnout).toEqual([{ group: 'g1', name: '评委', weight: '1', issued: 4, cast: 3 }]);
    expect(b.result).toBeNull();
    expect((await get(`${U}/ballots/${ballot}/votes`)).statusCode).toBe(404);
    expect(JSON.stringify(b)).not.toContain('"86"');
  });

  it('closing combines both parts, ranks and elects the top 2; a closed panel refuses marks', async () => {
    expect((await post(`${U}/ballots/${ballot}/close`, {}, leader)).statusCode).toBe(403);
    const closed = await post(`${U}/ballots/${ballot}/close`, {});
    expect(closed.statusCode).toBe(200);
    // the aggregate, never a ballot: trimmed means (the highest and lowest of 3 dropped)
    const agg = closed.json().ballot.result as { name: string; figure: string | null; groups: { mean: string | null; dropped: { high: string[]; low: string[] } }[] }[];
    expect(agg.map((r) => [r.name, r.figure])).toEqual([['班长甲', '87.00'], ['班长乙', '92.00'], ['班长丙', '90.00'], ['班长丁', null]]);
    expect(Object.keys(agg[0].groups[0]).sort()).toEqual(['cast', 'counted', 'dropped', 'group', 'marked', 'mean']);

    const s = (await get(`${U}/selections/${sel}`, leader)).json().selection;
    expect(s.state).toBe('elected');
    const rows = s.ranking.rows as Row[];
    // top 量化 95, top 述职 92:
    // 甲 95 → 100;      87 ÷ 92 × 100 = 94.5652; (60 × 100 + 40 × 94.5652) ÷ 100 = 97.8261 → 97.83
    // 乙 90 → 94.7368;  92 → 100;               (5684.2105 + 4000) ÷ 100 = 96.8421 → 96.84
    // 丙 80 → 84.2105;  90 ÷ 92 × 100 = 97.8261; (5052.6316 + 3913.0435) ÷ 100 = 89.6568 → 89.66
    // 丁 76 → 80;       no marks → 0;           4800 ÷ 100 = 48 → 48.00
    expect(rows.map((r) => [r.personName, r.parts.map((p) => p.scaled), r.score, r.rank])).toEqual([
      ['班长甲', ['100', '94.5652'], '97.83', 1], ['班长乙', ['94.7368', '100'], '96.84', 2], ['班长丙', ['84.2105', '97.8261'], '89.66', 3], ['班长丁', ['80', '0'], '48.00', 4],
    ]);
    expect(rows[0].explain.formula).toBe('(60 × 100 + 40 × 94.5652) ÷ (60 + 40) = 97.8261 → 97.83');
    expect(rows[3].explain.zh).toContain('述职评议无得分，按 0 计');
    expect(s.ranking.parts.map((p: { name: string; weight: string; top: string }) => [p.name, p.weight, p.top])).toEqual([['量化考核', '60', '95'], ['述职评议', '40', '92']]);
    expect(s.nominations.map((x: Nom) => [x.personName, x.status])).toEqual([['班长甲', 'elected'], ['班长乙', 'elected'], ['班长丙', 'not_elected'], ['班长丁', 'not_elected']]);
    const audit = (await get('/api/v1/audit?action=selection.elect')).json().entries;
    expect(audit[0].after.ranking[0]).toMatchObject({ nomination: nom['班长甲'], score: '97.83', rank: 1 });
    expect((await get('/api/v1/audit?action=selection.panel_open')).json().entries).toHaveLength(1);

    // the fourth judge's link, never used, meets a closed panel
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${links[3].token}` })).json().status).toBe('closed');
    const late = await mark(links[3].token, { [`n${nom['班长丁']}`]: '99' });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toContain('已结束');
    expect((await get(`${U}/selections/${sel}`)).json().selection.ranking.rows[3].score).toBe('48.00');
  });

  it('then 公示 and the register, as for any selection', async () => {
    expect((await post(`${U}/selections/${sel}/publicity`, { until: new Date(t.clock.now.getTime() + DAY).toISOString() })).statusCode).toBe(200);
    const page = (await t.app.inject({ method: 'GET', url: `/api/v1/public/selections/${sel}` })).json();
    expect(page.elected.map((e: { name: string }) => e.name)).toEqual(['班长甲', '班长乙']);
    t.clock.advance(2 * DAY);
    organizer = (await session(t.app, 'organizer')).cookie;
    expect((await post(`${U}/selections/${sel}/confirm`, {})).statusCode).toBe(200);
    const hs = (await get('/api/v1/honours?year=2026')).json().honours;
    expect(hs.map((h: { personName: string; honour: string }) => `${h.personName} ${h.honour}`).sort()).toEqual(['班长乙 好班长', '班长甲 好班长']);
  });
});

describe('a tie at the quota: never more than the quota without a recorded decision', () => {
  it('two nominees equal on the rounded combined score for one place wait for the deliberation', async () => {
    organizer = (await session(t.app, 'organizer')).cookie;
    const sel = (await post(`${U}/selections`, { honour: '好班副', quota: 1, method: 'panel', weights: { quantified: '60', panel: '40' }, threshold: '50' })).json().selection.id;
    for (const [name, unit] of [['乙', 'v2'], ['丙', 'v3']]) expect((await post(`${U}/selections/${sel}/nominations`, { personId: people[name], unit, reason: '述职' })).statusCode).toBe(201);
    const opened = await post(`${U}/selections/${sel}/panel`, { period: '2026-Q1', groups: [{ name: '评委', weight: '1', raters: 1 }] });
    expect(opened.statusCode).toBe(201);
    const [n乙, n丙] = (opened.json().selection.nominations as Nom[]).map((x) => x.id);
    // top 量化 90 (乙), top 述职 90 (丙): 乙 100 and 75 ÷ 90 × 100 = 83.3333 → 60 + 33.3333 = 93.33;
    // 丙 80 ÷ 90 × 100 = 88.8889 and 100 → 53.3333 + 40 = 93.33: a tie for the one place
    expect((await mark(opened.json().links[0].token, { [`n${n乙}`]: '75', [`n${n丙}`]: '90' })).statusCode).toBe(201);
    expect((await post(`${U}/ballots/${opened.json().selection.ballotId}/close`, {})).statusCode).toBe(200);
    const s = (await get(`${U}/selections/${sel}`)).json().selection;
    expect(s.state).toBe('tie');
    expect(s.tie).toEqual({ nominations: [n乙, n丙], places: 1 });
    expect((s.ranking.rows as Row[]).map((r) => [r.personName, r.score, r.rank])).toEqual([['班长乙', '93.33', 1], ['班长丙', '93.33', 1]]);
    expect(s.nominations.every((x: Nom) => x.status === 'not_elected')).toBe(true);
    // no 公示 before the decision; both only by saying the quota is exceeded
    expect((await post(`${U}/selections/${sel}/publicity`, { until: new Date(t.clock.now.getTime() + DAY).toISOString() })).statusCode).toBe(409);
    expect((await post(`${U}/selections/${sel}/tie`, { chosen: [n乙, n丙], reason: '并列' })).statusCode).toBe(409);
    const d = await post(`${U}/selections/${sel}/tie`, { chosen: [n丙], reason: '评选委员会审议：述职评议得分更高' });
    expect(d.statusCode).toBe(200);
    expect(d.json().selection.nominations.filter((x: Nom) => x.status === 'elected').map((x: Nom) => x.personName)).toEqual(['班长丙']);
    expect(d.json().selection.tieDecision).toMatchObject({ chosen: [n丙], exceeded: false, reason: '评选委员会审议：述职评议得分更高' });
  });

  it('a nominee outside the person campaign has no quantified score: the panel does not open, naming them', async () => {
    const stranger = (await post('/api/v1/persons', { name: '外人', unit: '别村', post: 'member' })).json().person.id;
    const sel = (await post(`${U}/selections`, { honour: '好班子', quota: 1, method: 'panel', weights: { quantified: '50', panel: '50' } })).json().selection.id;
    expect((await post(`${U}/selections/${sel}/nominations`, { personId: stranger, unit: 'v1', reason: '事迹' })).statusCode).toBe(201);
    const res = await post(`${U}/selections/${sel}/panel`, { period: '2026-Q1', groups: [{ name: '评委', weight: '1', raters: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('外人');
    expect((await get(`${U}/selections/${sel}`)).json().selection).toMatchObject({ state: 'nominating', ballotId: null });
  });

  it('an approval selection does not open a panel; its threshold is a share', async () => {
    expect((await post(`${U}/selections`, { honour: 'x', quota: 1, threshold: '60' })).statusCode).toBe(400);
    expect((await post(`${U}/selections`, { honour: 'x', quota: 1, threshold: '0.5', weights: { quantified: '60', panel: '40' } })).statusCode).toBe(400);
    const sel = (await post(`${U}/selections`, { honour: 'x', quota: 1, threshold: '0.5' })).json().selection.id;
    expect((await post(`${U}/selections/${sel}/panel`, { period: '2026-Q1', groups: [{ name: '评委', weight: '1', raters: 1 }] })).statusCode).toBe(409);
  });
});

describe('一票否决: a vetoed competitor is not honoured; a nomination is withdrawn with a reason', () => {
  const V = 'haobanzhang-veto-2026';
  const VU = `/api/v1/campaigns/${V}`;

  beforeAll(async () => {
    organizer = (await session(t.app, 'organizer')).cookie;
    await makeCampaign(t.app, `version: 1
campaign: { id: ${V}, name: 三好创争·一票否决, year: 2026, cadence: quarter, subject: person }
groups:
  - { id: village, name: 村 }
units:
${NAMES.slice(0, 3).map((n, i) => `  - { id: w${i + 1}, name: 班长${n}, group: village, person: ${people[n]} }`).join('\n')}
indicators:
  - { id: work, name: 实绩评分, input: score, weight: 100 }
  - { id: discipline, name: 违纪违法, input: event, effect: veto }
`);
    // Q1: 甲 95 but vetoed, 乙 90, 丙 80
    const figures = [...['95', '90', '80'].map((value, i) => ({ unit: `w${i + 1}`, indicator: 'work', period: '2026-Q1', value })), { unit: 'w1', indicator: 'discipline', period: '2026-Q1', value: '1' }];
    expect((await post(`${VU}/figures/batch`, { figures })).statusCode).toBe(200);
    const figs = (await get(`${VU}/figures?period=2026-Q1`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
    expect((await post(`${VU}/verification`, { decisions: figs.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).statusCode).toBe(200);
    for (const state of ['verification', 'closed']) expect((await t.app.inject({ method: 'PUT', url: `${VU}/periods/2026-Q1`, payload: { state }, headers: { cookie: organizer } })).statusCode).toBe(200);
  });

  it('the quantified ranking leaves out a vetoed competitor, and the audit says so', async () => {
    const sel = (await post(`${VU}/selections`, { honour: '好班长', quota: 1, method: 'panel', weights: { quantified: '60', panel: '40' } })).json().selection.id;
    const res = await post(`${VU}/selections/${sel}/ranking`, { period: '2026-Q1', top: 3 });
    expect(res.statusCode).toBe(200);
    expect((res.json().selection.nominations as Nom[]).map((n) => n.personName)).toEqual(['班长乙', '班长丙']);
    const audit = (await get('/api/v1/audit?action=selection.nominate')).json().entries;
    expect(audit[0].after).toMatchObject({ fromRanking: '2026-Q1', vetoed: ['班长甲'] });
  });

  it('a vetoed nominee named by a unit stops the panel, naming them; withdrawn, they take no part and stay listed', async () => {
    const sel = (await post(`${VU}/selections`, { honour: '好班副', quota: 1, method: 'panel', weights: { quantified: '60', panel: '40' } })).json().selection.id;
    for (const [name, unit] of [['甲', 'w1'], ['乙', 'w2']]) expect((await post(`${VU}/selections/${sel}/nominations`, { personId: people[name], unit, reason: '述职' })).statusCode).toBe(201);
    const judges = { period: '2026-Q1', groups: [{ name: '评委', weight: '1', raters: 1 }] };
    const refused = await post(`${VU}/selections/${sel}/panel`, judges);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('一票否决');
    expect(refused.json().error.message).toContain('班长甲');
    const noms = (await get(`${VU}/selections/${sel}`)).json().selection.nominations as Nom[];
    const jia = noms.find((n) => n.personName === '班长甲') as Nom;
    const W = `${VU}/selections/${sel}/nominations/${jia.id}/withdraw`;
    expect((await post(W, { reason: '  ' })).statusCode).toBe(400);
    const unitReporter = (await session(t.app, 'reporter', [{ campaignId: V, unitId: 'w1' }])).cookie;
    expect((await post(W, { reason: '一票否决' }, unitReporter)).statusCode).toBe(403);
    expect((await post(`${VU}/selections/${sel}/nominations/999999/withdraw`, { reason: 'x' })).statusCode).toBe(404);
    const w = await post(W, { reason: '2026-Q1 一票否决' });
    expect(w.statusCode).toBe(200);
    expect((w.json().selection.nominations as (Nom & { withdrawnReason: string | null })[]).map((n) => [n.personName, n.status, n.withdrawnReason])).toEqual([['班长甲', 'withdrawn', '2026-Q1 一票否决'], ['班长乙', 'nominated', null]]);
    expect((await post(W, { reason: 'again' })).statusCode).toBe(409);
    const opened = await post(`${VU}/selections/${sel}/panel`, judges);
    expect(opened.statusCode).toBe(201);
    // the judges mark only the nominee who stands; the combination and the quota see only them
    const form = await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${opened.json().links[0].token}` });
    expect(form.json().subjects.map((x: { name: string }) => x.name)).toEqual(['班长乙']);
    const yi = noms.find((n) => n.personName === '班长乙') as Nom;
    expect((await mark(opened.json().links[0].token, { [`n${yi.id}`]: '88' })).statusCode).toBe(201);
    expect((await post(`${VU}/ballots/${opened.json().selection.ballotId}/close`, {})).statusCode).toBe(200);
    const s = (await get(`${VU}/selections/${sel}`)).json().selection;
    expect((s.ranking.rows as Row[]).map((r) => r.personName)).toEqual(['班长乙']);
    expect((s.nominations as Nom[]).map((n) => [n.personName, n.status])).toEqual([['班长甲', 'withdrawn'], ['班长乙', 'elected']]);
    // once nominations are closed, no more withdrawals this way (objections during 公示 do that)
    expect((await post(`${VU}/selections/${sel}/nominations/${yi.id}/withdraw`, { reason: 'x' })).statusCode).toBe(409);
    expect((await get('/api/v1/audit?action=selection.withdraw')).json().entries[0]).toMatchObject({ reason: '2026-Q1 一票否决' });
  });
});
