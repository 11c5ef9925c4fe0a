// Model stars and the honours register (issue 17 items 4–5): nominations by units, an approval
// ballot, elected = top N reaching the threshold, a tie at the quota decided on record (never more
// than the quota without it), 公示 with objections only while it runs, then the register (蝉联).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let reporterC: string;
let leader: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const DAY = 86_400_000;

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const vote = (token: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/vote/${token}`, payload });
const object = (sel: number, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/selections/${sel}/objections`, payload });

const people: Record<string, number> = {};

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
  leader = (await session(t.app, 'leader')).cookie;
  reporterC = (await session(t.app, 'reporter', [{ campaignId: C, unitId: 'c' }])).cookie;
  for (const [name, unit] of [['张三', '甲镇'], ['李四', '乙镇'], ['王五', '丙局'], ['赵六', '丁局']]) {
    const res = await post('/api/v1/persons', { name, unit, post: 'member' });
    expect(res.statusCode).toBe(201);
    people[name] = res.json().person.id;
  }
});
afterAll(async () => { await t.close(); });

describe('a 模范星 selection: quota 2, approval share ≥ 0.5', () => {
  let sel: number;
  const nom: Record<string, number> = {};
  let links: { token: string }[];

  it('units nominate with reasons: a reporter for their own unit only', async () => {
    const res = await post(`${U}/selections`, { honour: '党员模范星', category: '致富带富星', quota: 2, threshold: '0.5' });
    expect(res.statusCode).toBe(201);
    sel = res.json().selection.id;
    expect(res.json().selection).toMatchObject({ state: 'nominating', year: 2026 });
    expect((await post(`${U}/selections/${sel}/nominations`, { personId: people['王五'], unit: 'c', reason: '带领群众种植茶叶增收' }, reporterC)).statusCode).toBe(201);
    const other = await post(`${U}/selections/${sel}/nominations`, { personId: people['张三'], unit: 'a', reason: 'x' }, reporterC);
    expect(other.statusCode).toBe(403);
    for (const [name, unit] of [['张三', 'a'], ['李四', 'b'], ['赵六', 'd']]) {
      expect((await post(`${U}/selections/${sel}/nominations`, { personId: people[name], unit, reason: `${name}的事迹` })).statusCode).toBe(201);
    }
    const s = (await get(`${U}/selections/${sel}`, leader)).json().selection;
    for (const n of s.nominations) nom[n.personName] = n.id;
    expect(s.nominations.map((n: { personName: string; unitName: string }) => `${n.personName}/${n.unitName}`)).toEqual(['王五/丙局', '张三/甲镇', '李四/乙镇', '赵六/丁局']);
  });

  it('no 公示 page and no objections before 公示', async () => {
    expect((await get(`/api/v1/public/selections/${sel}`, '')).statusCode).toBe(404);
    expect((await object(sel, { text: '太早', contact: '138' })).statusCode).toBe(404);
  });

  it('the ballot: a tie at the quota elects only those ahead of it and waits for a decision', async () => {
    const res = await post(`${U}/selections/${sel}/voting`, { groups: [{ name: '党员和群众代表', weight: '1', raters: 4 }] });
    expect(res.statusCode).toBe(201);
    links = res.json().links;
    const form = (await get(`/api/v1/public/vote/${links[0].token}`, '')).json();
    expect(form).toMatchObject({ kind: 'approval', choose: 2 });
    expect(form.subjects.map((s: { name: string }) => s.name)).toEqual(['王五', '张三', '李四', '赵六']);
    // 张三 3/4; 李四 2/4; 王五 2/4; 赵六 1/4 → 张三 elected, 李四 and 王五 tie for the one place left
    const n = (name: string) => `n${nom[name]}`;
    const cast = [[n('张三'), n('李四')], [n('张三'), n('王五')], [n('张三'), n('李四')], [n('王五'), n('赵六')]];
    for (const [i, approvals] of cast.entries()) expect((await vote(links[i].token, { approvals })).statusCode).toBe(201);
    expect((await vote(links[0].token, { approvals: [n('赵六')] })).statusCode).toBe(409);
    const closed = await post(`${U}/ballots/${res.json().selection.ballotId}/close`, {});
    expect(closed.statusCode).toBe(200);
    const s = (await get(`${U}/selections/${sel}`)).json().selection;
    expect(s.state).toBe('tie');
    expect(s.tie).toEqual({ nominations: [nom['李四'], nom['王五']].sort((a, b) => a - b), places: 1 });
    const byName = Object.fromEntries(s.nominations.map((x: { personName: string; status: string; share: string }) => [x.personName, [x.status, x.share]]));
    expect(byName).toEqual({ 张三: ['elected', '0.75'], 李四: ['not_elected', '0.5'], 王五: ['not_elected', '0.5'], 赵六: ['not_elected', '0.25'] });
  });

  it('the quota is never exceeded without a recorded tie decision', async () => {
    expect((await post(`${U}/selections/${sel}/publicity`, { until: new Date(t.clock.now.getTime() + 3 * DAY).toISOString() })).statusCode).toBe(409);
    const both = await post(`${U}/selections/${sel}/tie`, { chosen: [nom['李四'], nom['王五']], reason: '二人并列' });
    expect(both.statusCode).toBe(409);
    expect(both.json().error.message).toContain('超出名额 2');
    const res = await post(`${U}/selections/${sel}/tie`, { chosen: [nom['王五']], reason: '评选委员会审议：王五事迹更突出（会议纪要 2026-07-01）' });
    expect(res.statusCode).toBe(200);
    const s = res.json().selection;
    expect(s).toMatchObject({ state: 'elected', tieDecision: { chosen: [nom['王五']], exceeded: false } });
    expect(s.nominations.filter((x: { status: string }) => x.status === 'elected').map((x: { personName: string }) => x.personName)).toEqual(['王五', '张三']);
    const audit = (await get(`/api/v1/audit?action=selection.tie_decision`)).json().entries;
    expect(audit[0].reason).toContain('会议纪要');
  });

  it('公示: the public page lists the elected; objections are taken while it runs and decided by the organizer', async () => {
    const until = new Date(t.clock.now.getTime() + 3 * DAY).toISOString();
    expect((await post(`${U}/selections/${sel}/publicity`, { until })).statusCode).toBe(200);
    const page = (await get(`/api/v1/public/selections/${sel}`, '')).json();
    expect(page).toMatchObject({ honour: '党员模范星', category: '致富带富星', state: 'publicity', open: true, publicityUntil: until });
    expect(page.elected.map((e: { name: string; nominatedBy: string }) => `${e.name}/${e.nominatedBy}`)).toEqual(['王五/丙局', '张三/甲镇']);
    expect((await object(sel, { nomination: nom['张三'], text: '张三曾有违规经营记录', contact: '13800000000' })).statusCode).toBe(201);
    expect((await object(sel, { nomination: nom['赵六'], text: '不在名单上', contact: 'x' })).statusCode).toBe(400);
    // not yet: 公示 runs, and an objection is open
    expect((await post(`${U}/selections/${sel}/confirm`, {})).statusCode).toBe(409);
    const s = (await get(`${U}/selections/${sel}`)).json().selection;
    expect(s.objections).toHaveLength(1);
    expect(s.objections[0]).toMatchObject({ personName: '张三', status: 'open', contact: '13800000000' });
    // a leader reads the selection but not who objected
    expect((await get(`${U}/selections/${sel}`, leader)).json().selection.objections).toEqual([]);
    const d = await post(`${U}/selections/${sel}/objections/${s.objections[0].id}/decision`, { decision: 'dismiss', reply: '经核查，违规记录系他人，异议不成立' });
    expect(d.statusCode).toBe(200);
    expect(d.json().selection.objections[0]).toMatchObject({ status: 'dismissed' });
  });

  it('after the deadline: no more objections (409); confirmed stars enter the register', async () => {
    t.clock.advance(4 * DAY);
    // sessions end 12 h after their last use: sign in again
    organizer = (await session(t.app, 'organizer')).cookie;
    leader = (await session(t.app, 'leader')).cookie;
    expect((await object(sel, { text: '晚了', contact: 'x' })).statusCode).toBe(409);
    const res = await post(`${U}/selections/${sel}/confirm`, {});
    expect(res.statusCode).toBe(200);
    expect(res.json().selection.state).toBe('confirmed');
    const hs = (await get('/api/v1/honours?year=2026')).json().honours;
    expect(hs.map((h: { personName: string; honour: string; category: string }) => `${h.personName} ${h.honour}·${h.category}`).sort()).toEqual(['张三 党员模范星·致富带富星', '王五 党员模范星·致富带富星']);
    expect((await get(`/api/v1/public/selections/${sel}`, '')).json()).toMatchObject({ state: 'confirmed', open: false });
  });

  it('a person\'s page lists their honours across years, 蝉联 counted', async () => {
    const earlier = await post('/api/v1/honours', { honour: '党员模范星', category: '致富带富星', year: 2025, personId: people['王五'], citation: '2025 年度致富带富星' });
    expect(earlier.statusCode).toBe(201);
    expect((await post('/api/v1/persons/' + people['王五'] + '/ledger', { date: '2026-03-12', what: '组织茶叶合作社', evidence: '合作社章程', keyWork: '乡村振兴' })).statusCode).toBe(201);
    const page = (await get(`/api/v1/persons/${people['王五']}`, leader)).json();
    expect(page.person).toMatchObject({ name: '王五', unit: '丙局', post: 'member' });
    expect(page.honours.map((h: { year: number; streak: number }) => [h.year, h.streak])).toEqual([[2026, 2], [2025, 1]]);
    expect(page.ledger[0]).toMatchObject({ date: '2026-03-12', what: '组织茶叶合作社', keyWork: '乡村振兴' });
    // a unit's honours, by its name, 蝉联 counted the same way
    for (const year of [2025, 2026]) expect((await post('/api/v1/honours', { honour: '五好党支部', year, unitName: '甲镇', citation: `${year} 年度五好党支部` })).statusCode).toBe(201);
    expect((await post('/api/v1/honours', { honour: '五好党支部', year: 2026, citation: '没有对象' })).statusCode).toBe(400);
    const unit = (await get(`/api/v1/honours?unit=${encodeURIComponent('甲镇')}`, leader)).json().honours;
    expect(unit.map((h: { year: number; streak: number }) => [h.year, h.streak])).toEqual([[2026, 2], [2025, 1]]);
  });

  it('a tie may exceed the quota only by a decision that says so, recorded as exceeded', async () => {
    const s2 = (await post(`${U}/selections`, { honour: '优秀党员', quota: 1, threshold: '0' })).json().selection.id;
    for (const [name, unit] of [['张三', 'a'], ['李四', 'b']]) await post(`${U}/selections/${s2}/nominations`, { personId: people[name], unit, reason: '事迹' });
    const v = (await post(`${U}/selections/${s2}/voting`, { groups: [{ name: '评委', weight: '1', raters: 2 }] })).json();
    const noms = v.selection.nominations.map((x: { id: number }) => x.id);
    await vote(v.links[0].token, { approvals: [`n${noms[0]}`] });
    await vote(v.links[1].token, { approvals: [`n${noms[1]}`] });
    await post(`${U}/ballots/${v.selection.ballotId}/close`, {});
    const res = await post(`${U}/selections/${s2}/tie`, { chosen: noms, reason: '并列，经党委会研究均予表彰', exceed: true });
    expect(res.statusCode).toBe(200);
    expect(res.json().selection.tieDecision).toMatchObject({ exceeded: true });
  });

  it('objections are rate limited per address', async () => {
    const s3 = (await post(`${U}/selections`, { honour: '好班长', quota: 1, threshold: '0' })).json().selection.id;
    await post(`${U}/selections/${s3}/nominations`, { personId: people['李四'], unit: 'b', reason: '事迹' });
    const v = (await post(`${U}/selections/${s3}/voting`, { groups: [{ name: '评委', weight: '1', raters: 1 }] })).json();
    await vote(v.links[0].token, { approvals: [`n${v.selection.nominations[0].id}`] });
    await post(`${U}/ballots/${v.selection.ballotId}/close`, {});
    await post(`${U}/selections/${s3}/publicity`, { until: new Date(t.clock.now.getTime() + DAY).toISOString() });
    const codes = [];
    for (let i = 0; i < 6; i += 1) codes.push((await object(s3, { text: `异议 ${i}`, contact: 'x' })).statusCode);
    expect(codes.at(-1)).toBe(429);
  });
});

describe('a person campaign: quarterly scores as score-input figures, rank over time, the ranking as the first step of a selection', () => {
  const P = 'cadres-2026';
  const PU = `/api/v1/campaigns/${P}`;
  let ids: number[];

  it('competitors person-<id> are ranked like units; the person\'s page shows each quarter\'s score and rank', async () => {
    ids = [people['张三'], people['李四'], people['王五']];
    const spec = `version: 1
campaign: { id: ${P}, name: 干部实绩考评, year: 2026, cadence: quarter }
groups:
  - { id: cadre, name: 乡镇干部 }
units:
${ids.map((id, i) => `  - { id: person-${id}, name: ${['张三', '李四', '王五'][i]}, group: cadre }`).join('\n')}
indicators:
  - { id: ledger, name: 实绩台账评审, input: score, weight: 100 }
`;
    await makeCampaign(t.app, spec);
    const scores = { '2026-Q1': ['88', '92', '75'], '2026-Q2': ['95', '90', '90'] };
    for (const [period, vals] of Object.entries(scores)) {
      const put = await post(`${PU}/figures/batch`, { figures: ids.map((id, i) => ({ unit: `person-${id}`, indicator: 'ledger', period, value: vals[i] })) });
      expect(put.statusCode).toBe(200);
      const figs = (await get(`${PU}/figures?period=${period}`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
      expect((await post(`${PU}/verification`, { decisions: figs.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).statusCode).toBe(200);
      for (const state of ['verification', 'closed']) expect((await t.app.inject({ method: 'PUT', url: `${PU}/periods/${period}`, payload: { state }, headers: { cookie: organizer } })).statusCode).toBe(200);
    }
    // Q3 is still open: its result is provisional, and the page says so
    expect((await post(`${PU}/figures/batch`, { figures: ids.map((id, i) => ({ unit: `person-${id}`, indicator: 'ledger', period: '2026-Q3', value: ['70', '80', '90'][i] })) })).statusCode).toBe(200);
    const page = (await get(`/api/v1/persons/${people['张三']}`, leader)).json();
    // Q1: 李四 92, 张三 88, 王五 75 → 张三 2nd of 3; Q2: 张三 95 first
    expect(page.scores.map((s: { period: string; total: number; rank: number; of: number; state: string }) => [s.period, s.total, s.rank, s.of, s.state]))
      .toEqual([['2026-Q1', 88, 2, 3, 'closed'], ['2026-Q2', 95, 1, 3, 'closed'], ['2026-Q3', 70, 3, 3, 'open']]);
    expect(page.scores[0].campaignName).toBe('干部实绩考评');
  });

  it('a selection starts from the quantified ranking of a closed period (ties at the edge come along)', async () => {
    const sel = (await post(`${PU}/selections`, { honour: '好班长', quota: 1, threshold: '0.5' })).json().selection.id;
    expect((await post(`${PU}/selections/${sel}/ranking`, { period: '2026-Q3', top: 2 })).statusCode).toBe(409);
    const res = await post(`${PU}/selections/${sel}/ranking`, { period: '2026-Q2', top: 2 });
    expect(res.statusCode).toBe(200);
    // Q2: 张三 95 first; 李四 and 王五 90 share 2nd → all three on the shortlist
    expect(res.json().selection.nominations.map((n: { personName: string; reason: string }) => `${n.personName} ${n.reason}`)).toEqual([
      '张三 2026-Q2 量化排名第 1 名（总分 95）', '李四 2026-Q2 量化排名第 2 名（总分 90）', '王五 2026-Q2 量化排名第 2 名（总分 90）',
    ]);
    const small = (await post(`${U}/selections`, { honour: 'x', quota: 1, threshold: '0' })).json().selection.id;
    expect((await post(`${U}/selections/${small}/ranking`, { period: '2026-Q1', top: 1 })).statusCode).toBe(409);
  });
});

describe('a person campaign by the spec (campaign.subject: person, units[].person): competitors linked to person records', () => {
  const P = 'banzhang-2026';
  const PU = `/api/v1/campaigns/${P}`;
  const specOf = (links: [string, number][]) => `version: 1
campaign: { id: ${P}, name: 好班长评选, year: 2026, cadence: quarter, subject: person }
groups:
  - { id: town, name: 乡镇 }
units:
${links.map(([name, id], i) => `  - { id: c${i + 1}, name: ${name}, group: town, person: ${id} }`).join('\n')}
indicators:
  - { id: work, name: 实绩评分, input: score, weight: 100 }
`;
  const create = (spec: string) => t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec }, headers: { cookie: organizer } });

  it('a link to a person not in the register is refused at units[i].person, naming the competitor; nothing is saved', async () => {
    const res = await create(specOf([['张三', people['张三']], ['无名', 999_999]]));
    expect(res.statusCode).toBe(422);
    const issues = res.json().error.issues as { path: string; code: string; messageZh: string; message: string }[];
    expect(issues.map((i) => [i.path, i.code])).toEqual([['units[1].person', 'spec.unknown_person']]);
    expect(issues[0].messageZh).toContain('无名');
    expect(issues[0].message).toContain('999999');
    expect((await get(PU)).statusCode).toBe(404);
  });

  it('the model says who competes; the person page finds the campaign through the link; the ranking nominates by the link', async () => {
    expect((await create(specOf([['张三', people['张三']], ['赵六', people['赵六']]]))).statusCode).toBe(201);
    const model = (await get(PU)).json().model;
    expect(model.subject).toBe('person');
    expect(model.units.map((u: { name: string; person: number }) => [u.name, u.person])).toEqual([['张三', people['张三']], ['赵六', people['赵六']]]);
    expect((await get(`/api/v1/campaigns/${C}`)).json().model.subject).toBe('unit');
    const { openPeriods } = await import('./support/factories.ts');
    await openPeriods(t.app, P);
    expect((await post(`${PU}/figures/batch`, { figures: [{ unit: 'c1', indicator: 'work', period: '2026-Q1', value: '80' }, { unit: 'c2', indicator: 'work', period: '2026-Q1', value: '86.5' }] })).statusCode).toBe(200);
    const figs = (await get(`${PU}/figures?period=2026-Q1`)).json().figures as { unit: string; indicator: string; period: string; version: number }[];
    expect((await post(`${PU}/verification`, { decisions: figs.map((f) => ({ unit: f.unit, indicator: f.indicator, period: f.period, version: f.version, decision: 'approve' })) })).statusCode).toBe(200);
    for (const state of ['verification', 'closed']) expect((await t.app.inject({ method: 'PUT', url: `${PU}/periods/2026-Q1`, payload: { state }, headers: { cookie: organizer } })).statusCode).toBe(200);
    const page = (await get(`/api/v1/persons/${people['赵六']}`, leader)).json();
    expect(page.scores.filter((s: { campaign: string }) => s.campaign === P).map((s: { period: string; total: number; rank: number }) => [s.period, s.total, s.rank])).toEqual([['2026-Q1', 86.5, 1]]);
    const sel = (await post(`${PU}/selections`, { honour: '好班长', quota: 1, threshold: '0' })).json().selection.id;
    const res = await post(`${PU}/selections/${sel}/ranking`, { period: '2026-Q1', top: 1 });
    expect(res.statusCode).toBe(200);
    expect(res.json().selection.nominations.map((n: { personName: string }) => n.personName)).toEqual(['赵六']);
  });

  it('a new version may not link an unknown person either (422 at the path; the version stays)', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `${PU}/spec`, payload: { spec: specOf([['张三', people['张三']], ['赵六', 888_888]]) }, headers: { cookie: organizer } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { path: string }) => i.path)).toEqual(['units[1].person']);
    expect((await get(PU)).json().campaign.version).toBe(1);
  });

  it('a unit campaign may not link persons: the engine says where and why', async () => {
    const res = await create(specOf([['张三', people['张三']]]).replace(', subject: person', '').replace(P, 'unitcamp-2026'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues.map((i: { path: string; code: string }) => [i.path, i.code])).toEqual([['units[0].person', 'spec.person_needs_subject']]);
  });
});
