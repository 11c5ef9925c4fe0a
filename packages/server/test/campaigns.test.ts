// Creating campaigns from a spec, new versions, archive; a bad spec stores nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPeriods, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: string;
beforeAll(async () => {
  t = await testApp();
  organizer = (await session(t.app, 'organizer')).cookie;
});
afterAll(async () => { await t.close(); });

const post = (url: string, payload: object, cookie = organizer) => t.app.inject({ method: 'POST', url, payload, headers: { cookie } });
const get = (url: string, cookie = organizer) => t.app.inject({ method: 'GET', url, headers: { cookie } });
const count = async (table: string) => Number((await t.app.leitai.ctx.db.$client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe('POST /campaigns', () => {
  it('refuses a bad spec with every issue, its path and line, and stores nothing', async () => {
    const bad = smallSpec('bad-2026')
      .replace('cadence: quarter', 'cadence: weekly')
      .replace('{ id: d, name: 丁局, group: g2 }', '{ id: d, name: 丁局, group: g9 }')
      .replace('weight: 40 }', 'weight: 40, colour: red }');
    const res = await post('/api/v1/campaigns', { spec: bad });
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('spec_invalid');
    const paths = error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['campaign.cadence', 'units[3].group', 'indicators[1].colour']));
    expect(error.issues.length).toBeGreaterThanOrEqual(3);
    for (const i of error.issues) {
      expect(i.kind).toBe('spec');
      expect(typeof i.line).toBe('number');
      expect(i.messageZh).toBeTruthy();
    }
    for (const table of ['campaigns', 'campaign_versions', 'units', 'indicators']) expect(await count(table)).toBe(0);
  });

  it('refuses YAML that does not parse', async () => {
    const res = await post('/api/v1/campaigns', { spec: 'version: 1\ncampaign: [unclosed' });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.issues[0].code).toBe('spec.syntax');
  });

  it('creates a campaign and shows its model', async () => {
    const res = await post('/api/v1/campaigns', { spec: smallSpec() });
    expect(res.statusCode).toBe(201);
    expect(res.json().campaign).toMatchObject({ id: 'small-2026', name: '小型竞赛', year: 2026, cadence: 'quarter', status: 'active', version: 1 });
    const detail = (await get('/api/v1/campaigns/small-2026')).json();
    expect(detail.specText).toBe(smallSpec());
    expect(detail.model.units.map((u: { id: string }) => u.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(detail.model.pairs).toEqual([{ id: 'pair-1', units: ['a', 'b'] }]);
    expect(detail.model.indicators[0]).toMatchObject({ id: 'gdp', input: 'value', method: 'completion', weight: 60, targets: { a: 100, d: 100 } });
    expect(detail.model.periods).toEqual(['2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4']);
    expect(detail.model.reportedPeriods).toEqual([]);
    expect(detail.model.latestPeriod).toBeNull();
    expect(detail.model.precision).toBe(2); // the spec's default
    expect((await get('/api/v1/campaigns')).json().campaigns.map((c: { id: string }) => c.id)).toContain('small-2026');
  });

  it("carries the spec's precision in the model", async () => {
    const spec = smallSpec('precision-2026').replace('cadence: quarter }', 'cadence: quarter, precision: 3 }');
    expect((await post('/api/v1/campaigns', { spec })).statusCode).toBe(201);
    expect((await get('/api/v1/campaigns/precision-2026')).json().model.precision).toBe(3);
  });

  it('refuses a second campaign with the same id', async () => {
    const res = await post('/api/v1/campaigns', { spec: smallSpec('dup-2026') });
    expect(res.statusCode).toBe(201);
    const again = await post('/api/v1/campaigns', { spec: smallSpec('dup-2026') });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('conflict');
  });

  it('accepts the spec as a multipart file upload', async () => {
    const boundary = '----leitai';
    const body = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="spec.yaml"\r\nContent-Type: application/yaml\r\n\r\n${smallSpec('upload-2026')}\r\n--${boundary}--\r\n`;
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: body, headers: { cookie: organizer, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    expect(res.statusCode).toBe(201);
    expect(res.json().campaign.id).toBe('upload-2026');
  });
});

describe('versions and archive', () => {
  it('keeps every version; the id inside must match', async () => {
    await post('/api/v1/campaigns', { spec: smallSpec('ver-2026') });
    const v2 = smallSpec('ver-2026').replace('name: 小型竞赛', 'name: 小型竞赛（修订）');
    const put = await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/ver-2026/spec', payload: { spec: v2 }, headers: { cookie: organizer } });
    expect(put.statusCode).toBe(200);
    expect(put.json().campaign).toMatchObject({ version: 2, name: '小型竞赛（修订）' });
    const mismatch = await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/ver-2026/spec', payload: { spec: smallSpec('other-id') }, headers: { cookie: organizer } });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.json().error.issues[0].path).toBe('campaign.id');
    const versions = (await get('/api/v1/campaigns/ver-2026/versions')).json().versions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(versions[1].createdBy).toMatch(/^organizer/);
    expect((await get('/api/v1/campaigns/ver-2026')).json().specText).toBe(v2);
  });

  it('refuses a new version that would orphan stored figures', async () => {
    await post('/api/v1/campaigns', { spec: smallSpec('orphan-2026') });
    await openPeriods(t.app, 'orphan-2026', ['2026-Q1']);
    await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/orphan-2026/figures', payload: { unit: 'd', indicator: 'gdp', period: '2026-Q1', value: '10' }, headers: { cookie: organizer } });
    const without = smallSpec('orphan-2026').replace('  - { id: d, name: 丁局, group: g2 }\n', '');
    const res = await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/orphan-2026/spec', payload: { spec: without }, headers: { cookie: organizer } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe('data_invalid');
    expect(res.json().error.issues[0].code).toBe('data.unknown_unit');
    expect((await get('/api/v1/campaigns/orphan-2026')).json().campaign.version).toBe(1);
  });

  it('archives; an archived campaign takes no more figures', async () => {
    await post('/api/v1/campaigns', { spec: smallSpec('arch-2026') });
    const res = await post('/api/v1/campaigns/arch-2026/archive', {});
    expect(res.json().campaign.status).toBe('archived');
    const write = await t.app.inject({ method: 'PUT', url: '/api/v1/campaigns/arch-2026/figures', payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '1' }, headers: { cookie: organizer } });
    expect(write.statusCode).toBe(409);
  });

  it('answers 404 for an unknown campaign', async () => {
    const res = await get('/api/v1/campaigns/no-such');
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
  });
});
