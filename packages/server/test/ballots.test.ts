// Ballots (issue 17 item 3): one-time rater links vote once, ballots are never readable one by one,
// a closed ballot refuses votes, and closing enters the figures through the figure path (audited,
// pending verification, with history).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
let admin: string;
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;
const P = '2026-Q1';

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const vote = (token: string, payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/public/vote/${token}`, payload });

interface Link { group: string; token: string; path: string; url: string; qrSvg: string }

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = (await session(t.app, 'organizer')).cookie;
  admin = (await session(t.app, 'admin')).cookie;
});
afterAll(async () => { await t.close(); });

describe('a marks ballot for the score indicator 作风 (weight 40)', () => {
  let id: number;
  let links: Link[];

  it('opens with rater groups and one link per rater; only the links\' hashes are stored', async () => {
    const res = await post(`${U}/ballots`, {
      title: '作风民主测评', kind: 'marks', indicator: 'style', period: P, trim: 1,
      groups: [{ id: 'dy', name: '党员', weight: '0.6', raters: 3 }, { id: 'qz', name: '群众代表', weight: '0.4', raters: 2 }],
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.ballot.id;
    links = body.links;
    expect(links.map((l) => l.group)).toEqual(['dy', 'dy', 'dy', 'qz', 'qz']);
    expect(links[0].path).toBe(`/vote/${links[0].token}`);
    expect(links[0].qrSvg).toContain('<svg');
    expect(body.ballot).toMatchObject({ weight: '40', state: 'open', indicatorName: '作风', result: null, turnout: [{ name: '党员', issued: 3, cast: 0 }, { name: '群众代表', issued: 2, cast: 0 }] });
    const { rows } = await t.app.leitai.ctx.db.$client.query('SELECT token_hash FROM ballot_tokens');
    const stored = rows.map((r) => r.token_hash as string);
    for (const l of links) expect(stored).not.toContain(l.token);
  });

  it('a rater\'s phone page shows the subjects by name', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${links[0].token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ title: '作风民主测评', kind: 'marks', group: '党员', weight: '40', status: 'open' });
    expect(res.json().subjects.map((s: { name: string }) => s.name)).toEqual(['甲镇', '乙镇', '丙局', '丁局']);
  });

  it('a token votes once: the second use is 409 and changes nothing', async () => {
    expect((await vote(links[0].token, { marks: { a: '30', b: '20' } })).statusCode).toBe(201);
    const again = await vote(links[0].token, { marks: { a: '0', b: '0' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${links[0].token}` })).json().status).toBe('used');
  });

  it('refuses a bad ballot, naming the problem, and the link stays unused', async () => {
    const res = await vote(links[1].token, { marks: { a: '41' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('0 到 40');
    expect((await t.app.inject({ method: 'GET', url: `/api/v1/public/vote/${links[1].token}` })).json().status).toBe('open');
  });

  it('turnout while open: counts only', async () => {
    for (const [l, marks] of [[links[1], { a: '36', b: '20' }], [links[2], { a: '21', b: '40' }], [links[3], { a: '40', b: '10' }], [links[4], { a: '35' }]] as const) {
      expect((await vote(l.token, { marks })).statusCode).toBe(201);
    }
    const b = (await get(`${U}/ballots/${id}`)).json().ballot;
    expect(b.turnout).toEqual([{ group: 'dy', name: '党员', weight: '0.6', issued: 3, cast: 3 }, { group: 'qz', name: '群众代表', weight: '0.4', issued: 2, cast: 2 }]);
    expect(b.result).toBeNull();
  });

  it('no route returns a ballot as cast, to anyone; the stored ballot names neither token nor rater nor time', async () => {
    const ballotRoutes = t.app.leitai.routes.filter((r) => /ballot|vote/.test(r.url) && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`).sort();
    expect(ballotRoutes).toEqual([
      'GET /api/v1/campaigns/:id/ballots', 'GET /api/v1/campaigns/:id/ballots/:ballotId', 'GET /api/v1/public/vote/:token',
      'POST /api/v1/campaigns/:id/ballots', 'POST /api/v1/campaigns/:id/ballots/:ballotId/close', 'POST /api/v1/public/vote/:token',
    ]);
    for (const cookie of [organizer, admin]) {
      for (const url of [`${U}/ballots`, `${U}/ballots/${id}`]) {
        const text = (await get(url, cookie)).body;
        expect(text).not.toMatch(/"(marks|approvals|content|votes)"\s*:/);
        expect(text).not.toContain('"36"');
      }
    }
    const { rows } = await t.app.leitai.ctx.db.$client.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'ballot_votes' ORDER BY ordinal_position");
    expect(rows.map((r) => r.column_name)).toEqual(['id', 'ballot_id', 'group_id', 'content']);
    const tokenCols = await t.app.leitai.ctx.db.$client.query("SELECT column_name FROM information_schema.columns WHERE table_name = 'ballot_tokens' ORDER BY ordinal_position");
    expect(tokenCols.rows.map((r) => r.column_name)).toEqual(['id', 'ballot_id', 'group_id', 'token_hash', 'used']);
  });

  it('closing enters each subject\'s figure through the figure path: pending, audited, with history', async () => {
    const res = await post(`${U}/ballots/${id}/close`, {});
    expect(res.statusCode).toBe(200);
    const b = res.json().ballot;
    expect(b.state).toBe('closed');
    // a: 党员 30 36 21 → drop 36 and 21 → 30; 群众 40 35 → 37.5; 0.6 × 30 + 0.4 × 37.5 = 18 + 15 = 33
    // b: 党员 20 20 40 → drop 40 and 20 → 20; 群众 10 → 10; 0.6 × 20 + 0.4 × 10 = 12 + 4 = 16
    const a = b.result.find((s: { subject: string }) => s.subject === 'a');
    expect(a).toMatchObject({ name: '甲镇', figure: '33.00' });
    expect(a.groups[0]).toMatchObject({ cast: 3, marked: 3, mean: '30', dropped: { high: ['36'], low: ['21'] } });
    expect(b.result.find((s: { subject: string }) => s.subject === 'c').figure).toBeNull();
    const figures = (await get(`${U}/figures?period=${P}`)).json().figures.filter((f: { indicator: string }) => f.indicator === 'style');
    expect(figures.map((f: { unit: string; value: string; status: string }) => [f.unit, f.value, f.status])).toEqual([['a', '33.00', 'pending'], ['b', '16.00', 'pending']]);
    const history = (await get(`${U}/figures/history?unit=a&indicator=style&period=${P}`)).json().history;
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ action: 'figure.set', after: { value: '33.00' } });
    expect(history[0].reason).toContain('作风民主测评');
    // the section verifies it as any figure
    const v = await post(`${U}/verification`, { decisions: [{ unit: 'a', indicator: 'style', period: P, version: figures[0].version, decision: 'approve' }] });
    expect(v.statusCode).toBe(200);
  });

  it('a closed ballot refuses votes (409) and cannot close twice', async () => {
    const id2 = (await post(`${U}/ballots`, { title: '补测', kind: 'marks', weight: '10', groups: [{ name: '评委', weight: '1', raters: 2 }] })).json();
    expect((await post(`${U}/ballots/${id2.ballot.id}/close`, {})).statusCode).toBe(200);
    const res = await vote(id2.links[0].token, { marks: { a: '5' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.message).toContain('已结束');
    expect((await post(`${U}/ballots/${id2.ballot.id}/close`, {})).statusCode).toBe(409);
  });

  it('a ballot past its closing time refuses votes before anyone closes it', async () => {
    const closesAt = new Date(t.clock.now.getTime() + 3_600_000).toISOString();
    const r = (await post(`${U}/ballots`, { title: '限时', kind: 'approval', weight: '10', closesAt, groups: [{ name: '评委', weight: '1', raters: 1 }] })).json();
    t.clock.advance(2 * 3_600_000);
    expect((await vote(r.links[0].token, { approvals: ['a'] })).statusCode).toBe(409);
  });

  it('refuses an indicator that is not score-input, and an unknown token', async () => {
    const res = await post(`${U}/ballots`, { title: 'x', kind: 'marks', indicator: 'gdp', period: P, groups: [{ name: '评委', weight: '1', raters: 1 }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('评分类指标');
    expect((await t.app.inject({ method: 'GET', url: '/api/v1/public/vote/nonexistent-token-123' })).statusCode).toBe(404);
  });
});
