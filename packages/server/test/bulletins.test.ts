// Bulletins (通报): a draft copies the period's stored engine result (ranks, movement, flags won,
// kept and lost, 龙虎榜, schedule, actions); publishing freezes it; a correction is a new version
// while the earlier one stays byte-identical.
import { createHash } from 'node:crypto';
import type { PeriodResult } from '@leitai/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../src/audit/chain.ts';
import type { BulletinDto } from '../src/schemas/bulletins.ts';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, setFigures } from './support/publication.ts';

let t: TestApp;
let organizer: string;
const U = `/api/v1/campaigns/${PUB}`;
const B = (id: number, rest = '') => `/api/v1/bulletins/${id}${rest}`;

beforeAll(async () => {
  t = await testApp();
  ({ organizer } = await publicationCampaign(t.app));
});
afterAll(async () => { await t.close(); });

const draft = (payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url: `${U}/bulletins`, payload, headers: { cookie } });
const patch = (id: number, payload: object) => t.app.inject({ method: 'PATCH', url: B(id), payload, headers: { cookie: organizer } });
const publish = (id: number) => t.app.inject({ method: 'POST', url: B(id, '/publish'), headers: { cookie: organizer } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const bulletinOf = (res: { json(): unknown }) => (res.json() as { bulletin: BulletinDto }).bulletin;
const names = (refs: { name: string }[]) => refs.map((r) => r.name);

async function engineResult(period: string): Promise<PeriodResult> {
  const res = await get(`${U}/results?period=${period}`);
  return res.json().result as PeriodResult;
}

describe('a draft', () => {
  let id: number;

  it('copies the engine result of the period and of the one before', async () => {
    const res = await draft({ period: '2026-Q2' });
    expect(res.statusCode).toBe(201);
    const b = bulletinOf(res);
    id = b.id;
    const c = b.content;
    const engine = await engineResult('2026-Q2');

    // overall: the engine's order, totals and ranks, with names and grades; movement of the overall
    // rank against Q1 (the engine's own `delta` is the group rank's, shown in the group tables)
    const q1 = new Map((await engineResult('2026-Q1')).units.map((u) => [u.unit, u.rank.all]));
    expect(c.overall.map((r) => [r.unit, r.total, r.rank, r.delta])).toEqual(engine.units.map((u) => [u.unit, u.total, u.rank.all, (q1.get(u.unit) ?? 0) - u.rank.all]));
    expect(c.groups.flatMap((g) => g.rows.map((r) => [r.unit, r.delta]))).toEqual(
      ['g1', 'g2'].flatMap((g) => engine.units.filter((u) => u.group === g).sort((x, y) => x.rank.group - y.rank.group).map((u) => [u.unit, u.delta])),
    );
    expect(c.overall.map((r) => [r.name, r.total, r.rank, r.delta, r.grade])).toEqual([
      ['乙镇', 98, 1, 3, '好'], ['丁局', 97.8, 2, 1, '好'], ['戊局', 89, 3, -1, '一般'], ['甲镇', 78, 4, -3, '一般'], ['丙镇', 66, 5, 0, '一般'],
    ]);
    expect(c.overall[0].flags).toEqual(['红旗', '项目先锋旗']);
    expect(c.groups.map((g) => [g.name, g.rows.map((r) => [r.name, r.rank])])).toEqual([
      ['乡镇组', [['乙镇', 1], ['甲镇', 2], ['丙镇', 3]]],
      ['部门组', [['丁局', 1], ['戊局', 2]]],
    ]);
    expect(c.pairs).toEqual([{ id: engine.pairs[0].pair, units: [{ unit: 'a', name: '甲镇', total: 78, rank: 2 }, { unit: 'b', name: '乙镇', total: 98, rank: 1 }], winner: 'b', margin: 20 }]);

    // flags: won, kept and lost against Q1 (red: a held g1; yellow: c kept g1, d → e in g2; the mobile banner: a → b)
    const flag = (id: string, scope: string) => c.flags.find((f) => f.flag === id && f.scope === scope);
    expect(flag('red', 'g1')).toMatchObject({ name: '红旗', scopeName: '乡镇组', color: 'red' });
    expect([flag('red', 'g1')].map((f) => f && [names(f.holders), names(f.won), names(f.kept), names(f.lost)])).toEqual([[['乙镇'], ['乙镇'], [], ['甲镇']]]);
    const yellowG1 = flag('yellow', 'g1');
    expect(yellowG1 && [names(yellowG1.holders), names(yellowG1.won), names(yellowG1.kept), names(yellowG1.lost)]).toEqual([['丙镇'], [], ['丙镇'], []]);
    const yellowG2 = flag('yellow', 'g2');
    expect(yellowG2 && [names(yellowG2.holders), names(yellowG2.won), names(yellowG2.kept), names(yellowG2.lost)]).toEqual([['戊局'], ['戊局'], [], ['丁局']]);
    const banner = flag('banner', 'all');
    const engineBanner = engine.flags.find((f) => f.flag === 'banner');
    expect(banner && [banner.holders, banner.kept, banner.lost].map((l) => l.map((r) => r.unit))).toEqual([engineBanner?.holders, engineBanner?.kept, engineBanner?.lost]);
    expect(banner && [names(banner.holders), names(banner.lost), banner.indicator, banner.scopeName]).toEqual([['乙镇'], ['甲镇'], 'fai', '全体单位']);

    // 龙虎榜: value and score indicators by category, top 3 and bottom 3 by the engine's indicator rank
    expect(c.categories.map((cat) => [cat.category, cat.indicators.map((i) => i.name)])).toEqual([['项目推进', ['固定资产投资']], ['党建', ['作风建设']]]);
    const fai = c.categories[0].indicators[0];
    expect(fai.measure).toBe('亿元');
    expect(fai.leaders.map((r) => [r.name, r.score, r.value, r.rank])).toEqual([['乙镇', 60, 55, 1], ['丁局', 58.8, 49, 2], ['戊局', 54, 45, 3]]);
    expect(fai.laggards.map((r) => [r.name, r.score, r.rank])).toEqual([['甲镇', 48, 4], ['丙镇', 36, 5]]);
    const style = c.categories[1].indicators[0];
    expect(style.leaders.map((r) => [r.name, r.rank, r.value])).toEqual([['乙镇', 1, null], ['丁局', 1, null], ['戊局', 3, null]]);

    // schedule: the engine's `ahead`; actions and commendations
    expect(c.schedule.ahead).toEqual([{ unit: 'b', name: '乙镇', indicators: ['固定资产投资'] }]);
    expect(c.schedule.behind.map((r) => r.name)).toEqual(['丁局', '戊局', '甲镇', '丙镇']);
    expect(c.actions.map((a) => [a.ruleName, a.name, a.reason])).toEqual(engine.actions.map((a) => [a.rule === 'talk' ? '约谈' : '提醒单', c.overall.find((r) => r.unit === a.unit)?.name, a.reason]));
    expect(c.actions.filter((a) => a.rule === 'talk').map((a) => a.name)).toEqual(['丙镇']);
    expect(c.commendations).toEqual([{ unit: 'b', name: '乙镇', flags: ['红旗', '项目先锋旗'] }, { unit: 'd', name: '丁局', flags: ['红旗'] }]);

    expect(c).toMatchObject({ format: 1, period: '2026-Q2', periodLabel: { zh: '2026年第二季度', en: 'Q2 2026' }, periodState: 'open', specVersion: 1, intro: [], closing: [] });
    expect(c.campaign).toEqual({ id: PUB, name: '发布测试竞赛', year: 2026, organizer: '青山县委组织部', precision: 2 });
    expect(b).toMatchObject({
      status: 'draft', version: 1, number: '青山县委组织部通〔2026〕1号', title: '发布测试竞赛2026年第二季度通报', contentHash: null, publishedAt: null, current: false,
    });
  });

  it('in the first period nothing was kept or lost and there is no movement', async () => {
    const res = await draft({ period: '2026-Q1' });
    expect(res.statusCode).toBe(201);
    const c = bulletinOf(res).content;
    expect(c.overall.map((r) => [r.name, r.total, r.delta])).toEqual([['甲镇', 95, null], ['戊局', 93.6, null], ['丁局', 88.8, null], ['乙镇', 86, null], ['丙镇', 54, null]]);
    for (const f of c.flags) {
      expect(f.kept).toEqual([]);
      expect(f.lost).toEqual([]);
      expect(f.won).toEqual(f.holders);
    }
    expect((await t.app.inject({ method: 'DELETE', url: B(bulletinOf(res).id), headers: { cookie: organizer } })).statusCode).toBe(204);
  });

  it('one draft per period; a period needs a stored result; unknown periods are 404', async () => {
    expect((await draft({ period: '2026-Q2' })).json().error.code).toBe('conflict');
    const none = await draft({ period: '2026-Q3' });
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toContain('2026-Q3');
    expect((await draft({ period: '2027-Q1' })).statusCode).toBe(404);
  });

  it('is edited, and regenerated from the stored result on request only', async () => {
    const edited = await patch(id, { title: '关于2026年第二季度竞赛情况的通报', number: '青组通〔2026〕7号', intro: ['第一段。', '第二段。'], closing: ['请各单位对照整改。'] });
    expect(edited.statusCode).toBe(200);
    expect(bulletinOf(edited)).toMatchObject({ title: '关于2026年第二季度竞赛情况的通报', number: '青组通〔2026〕7号', content: { intro: ['第一段。', '第二段。'], closing: ['请各单位对照整改。'] } });

    await setFigures(t.app, [{ unit: 'a', indicator: 'style', period: '2026-Q2', value: '32' }]);
    expect(bulletinOf(await get(B(id))).content.overall.find((r) => r.unit === 'a')?.total).toBe(78);
    const regenerated = bulletinOf(await patch(id, { regenerate: true }));
    const engine = await engineResult('2026-Q2');
    expect(regenerated.content.overall.find((r) => r.unit === 'a')?.total).toBe(engine.units.find((u) => u.unit === 'a')?.total);
    expect(regenerated.content.overall.find((r) => r.unit === 'a')?.total).toBe(80);
    expect(regenerated.content.intro).toEqual(['第一段。', '第二段。']);
    expect(regenerated.title).toBe('关于2026年第二季度竞赛情况的通报');
  });

  it('is not published when the results changed after it was generated', async () => {
    await setFigures(t.app, [{ unit: 'a', indicator: 'style', period: '2026-Q2', value: '30' }]);
    const stale = await publish(id);
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
    expect(bulletinOf(await get(B(id))).status).toBe('draft');
    await patch(id, { regenerate: true });
    expect((await publish(id)).statusCode).toBe(200);
  });
});

describe('a published bulletin', () => {
  let v1: BulletinDto;
  const files = async (id: number) => ({
    docx: (await get(B(id, '/bulletin.docx'))).rawPayload,
    xlsx: (await get(B(id, '/bulletin.xlsx'))).rawPayload,
  });

  it('is frozen: canonical JSON and its sha256 stored; PATCH, DELETE and publishing again answer 409', async () => {
    const [summary] = (await get(`${U}/bulletins?period=2026-Q2`)).json().bulletins;
    v1 = bulletinOf(await get(B(summary.id)));
    expect(v1).toMatchObject({ status: 'published', version: 1, current: true, publishedBy: expect.any(String) });
    // people by display name (由 县委组织部考核办 发布), the username kept beside it
    expect(v1.publishedByName).toMatch(/^organizer \d+$/);
    expect(v1.publishedByName).not.toBe(v1.publishedBy);
    expect(v1.contentHash).toBe(createHash('sha256').update(canonicalJson(v1.content)).digest('hex'));
    for (const res of [await patch(v1.id, { title: 'x' }), await t.app.inject({ method: 'DELETE', url: B(v1.id), headers: { cookie: organizer } }), await publish(v1.id)]) {
      expect(res.statusCode).toBe(409);
      expect(res.json().error.code).toBe('bulletin_published');
    }
  });

  it('is refused by the database itself: no UPDATE, no DELETE', async () => {
    const pg = t.app.leitai.ctx.db.$client;
    await expect(pg.query('UPDATE bulletins SET title = $1 WHERE id = $2', ['篡改', v1.id])).rejects.toThrow(/frozen/);
    await expect(pg.query('UPDATE bulletins SET content_hash = $1 WHERE id = $2', ['0'.repeat(64), v1.id])).rejects.toThrow(/frozen/);
    await expect(pg.query('DELETE FROM bulletins WHERE id = $1', [v1.id])).rejects.toThrow(/frozen/);
    expect(bulletinOf(await get(B(v1.id))).title).toBe(v1.title);
  });

  it('is audited: create, update, publish (with the hash)', async () => {
    const entries = (await get(`/api/v1/audit?campaign=${PUB}&action=bulletin`)).json().entries as { action: string; after: { hash?: string } | null }[];
    expect(new Set(entries.map((e) => e.action))).toEqual(new Set(['bulletin.create', 'bulletin.update', 'bulletin.delete', 'bulletin.publish']));
    expect(entries.find((e) => e.action === 'bulletin.publish')?.after?.hash).toBe(v1.contentHash);
  });

  it('is corrected by version 2 with a change note while version 1 stays byte-identical', async () => {
    const before = await files(v1.id);
    expect(Buffer.compare(before.docx, (await files(v1.id)).docx)).toBe(0);

    await setFigures(t.app, [{ unit: 'a', indicator: 'fai', period: '2026-Q2', value: '50' }]);
    const noNote = await draft({ period: '2026-Q2' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().error.code).toBe('validation_failed');

    const v2draft = await draft({ period: '2026-Q2', changeNote: '甲镇固定资产投资数据更正为50亿元' });
    expect(v2draft.statusCode).toBe(201);
    // a correction starts from the version it corrects
    expect(bulletinOf(v2draft)).toMatchObject({ version: 2, number: v1.number, title: v1.title, changeNote: '甲镇固定资产投资数据更正为50亿元', content: { intro: v1.content.intro } });
    const v2 = bulletinOf(await publish(bulletinOf(v2draft).id));
    expect(v2).toMatchObject({ status: 'published', version: 2, current: true });
    expect(v2.contentHash).not.toBe(v1.contentHash);
    expect(v2.content.overall.find((r) => r.unit === 'a')?.total).toBe((await engineResult('2026-Q2')).units.find((u) => u.unit === 'a')?.total);
    expect(v2.content.overall.find((r) => r.unit === 'a')?.total).not.toBe(v1.content.overall.find((r) => r.unit === 'a')?.total);

    const again = bulletinOf(await get(B(v1.id)));
    expect(again.content).toEqual(v1.content);
    expect(again.contentHash).toBe(v1.contentHash);
    expect(again.current).toBe(false);
    const after = await files(v1.id);
    expect(Buffer.compare(after.docx, before.docx)).toBe(0);
    expect(Buffer.compare(after.xlsx, before.xlsx)).toBe(0);

    const list = (await get(`${U}/bulletins?period=2026-Q2`)).json().bulletins as BulletinDto[];
    expect(list.map((b) => [b.version, b.status, b.current])).toEqual([[2, 'published', true], [1, 'published', false]]);
  });
});

describe('reading and deleting drafts', () => {
  it('readers of the campaign read bulletins; others do not learn they exist', async () => {
    const res = await draft({ period: '2026-Q1' });
    const id = bulletinOf(res).id;
    const reporter = (await session(t.app, 'reporter', [{ campaignId: PUB, unitId: 'a' }])).cookie;
    const leader = (await session(t.app, 'leader')).cookie;
    await makeCampaign(t.app, smallSpec('other-2026'));
    const outsider = (await session(t.app, 'reporter', [{ campaignId: 'other-2026', unitId: 'a' }])).cookie;
    expect((await get(B(id), reporter)).statusCode).toBe(200);
    expect((await get(B(id), leader)).statusCode).toBe(200);
    expect((await get(B(id, '/bulletin.docx'), reporter)).statusCode).toBe(200);
    expect((await get(B(id), outsider)).statusCode).toBe(404);
    expect((await get(B(id, '/bulletin.xlsx'), outsider)).statusCode).toBe(404);
    expect((await get(`${U}/bulletins`, outsider)).statusCode).toBe(404);

    expect((await t.app.inject({ method: 'DELETE', url: B(id), headers: { cookie: organizer } })).statusCode).toBe(204);
    expect((await get(B(id))).statusCode).toBe(404);
  });
});
