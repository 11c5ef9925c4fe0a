// Public routes (no sign-in) and the lobby big screen show published bulletins only: nothing before
// the first publication, never a draft, never a period that is not published, never figures changed
// after publication; a revoked kiosk link opens nothing.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, publishPeriod, setFigures } from './support/publication.ts';

let t: TestApp;
let organizer: string;
const P = `/api/v1/public/campaigns/${PUB}`;

beforeAll(async () => {
  t = await testApp();
  ({ organizer } = await publicationCampaign(t.app));
});
afterAll(async () => { await t.close(); });

/** Anonymous: no cookie at all. */
const anon = (url: string) => t.app.inject({ method: 'GET', url });
const draft = async (payload: object) => {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/bulletins`, payload, headers: { cookie: organizer } });
  expect(res.statusCode).toBe(201);
  return res.json().bulletin.id as number;
};
const newKiosk = async () => {
  const res = await t.app.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/kiosk-tokens`, payload: { label: '县委大厅' }, headers: { cookie: organizer } });
  expect(res.statusCode).toBe(201);
  return res.json() as { token: { id: number; label: string; revokedAt: string | null }; secret: string };
};

let kiosk: Awaited<ReturnType<typeof newKiosk>>;
let draftId: number;

describe('before anything is published', () => {
  it('the public routes know nothing', async () => {
    for (const url of [P, `${P}/units/a`, `${P}/search?q=甲`, `${P}/qr.svg`, `${P}/stream`]) {
      const res = await anon(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
    }
  });

  it('a draft is not public, nor its files', async () => {
    draftId = await draft({ period: '2026-Q1' });
    expect((await anon(P)).statusCode).toBe(404);
    for (const url of [`/api/v1/public/bulletins/${draftId}`, `/api/v1/public/bulletins/${draftId}/bulletin.docx`, `/api/v1/public/bulletins/${draftId}/bulletin.xlsx`]) {
      expect((await anon(url)).statusCode, url).toBe(404);
    }
  });

  it('the big screen shows the campaign and no results', async () => {
    kiosk = await newKiosk();
    expect(kiosk.secret.length).toBeGreaterThanOrEqual(32);
    const res = await anon(`/api/v1/kiosk/${kiosk.secret}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ campaign: { id: PUB, name: '发布测试竞赛', year: 2026, organizer: '青山县委组织部' }, latest: null, periods: [] });
  });
});

describe('after publishing Q1', () => {
  let q1: Awaited<ReturnType<typeof publishPeriod>>;
  let q1Totals: [string, number][];

  beforeAll(async () => {
    await t.app.inject({ method: 'DELETE', url: `/api/v1/bulletins/${draftId}`, headers: { cookie: organizer } });
    q1 = await publishPeriod(t.app, organizer, '2026-Q1');
    q1Totals = (q1.content.overall as { unit: string; total: number }[]).map((r) => [r.unit, r.total]);
    // Q2 has stored results and a draft, and Q1's figures change after publication: none of it is public
    await draft({ period: '2026-Q2' });
    await setFigures(t.app, [{ unit: 'c', indicator: 'style', period: '2026-Q1', value: '40' }]);
  });

  it('shows the published period only, as published', async () => {
    const res = await anon(P);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.periods).toEqual([{ period: '2026-Q1', label: '2026年第一季度', bulletinId: q1.id, version: 1, publishedAt: expect.any(String) }]);
    expect(body.latest).toMatchObject({ id: q1.id, status: 'published', contentHash: q1.contentHash, createdBy: null, publishedBy: null });
    expect(body.latest.content.overall.map((r: { unit: string; total: number }) => [r.unit, r.total])).toEqual(q1Totals);
    expect(JSON.stringify(body)).not.toContain('2026-Q2');
    expect(body.campaign).toEqual({ id: PUB, name: '发布测试竞赛', year: 2026, organizer: '青山县委组织部' });
    // the live result did change: the public page does not follow it
    const live = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${PUB}/results?period=2026-Q1`, headers: { cookie: organizer } })).json();
    expect(live.result.units.find((u: { unit: string }) => u.unit === 'c').total).not.toBe(q1Totals.find(([u]) => u === 'c')?.[1]);
  });

  it('a unit\'s page has its published history and flags; search finds it', async () => {
    const res = await anon(`${P}/units/c`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      unit: { id: 'c', name: '丙镇', group: 'g1', groupName: '乡镇组' },
      history: [{ period: '2026-Q1', label: '2026年第一季度', total: 54, rank: 5, groupRank: 3, delta: null, vetoed: false, flags: ['黄旗'], grade: '一般' }],
      flags: { 黄旗: 1 },
    });
    expect((await anon(`${P}/units/zz`)).statusCode).toBe(404);
    expect((await anon(`${P}/search?q=${encodeURIComponent('丙')}`)).json()).toEqual({ units: [{ id: 'c', name: '丙镇', groupName: '乡镇组' }] });
    expect((await anon(`${P}/search?q=${encodeURIComponent('局')}`)).json().units.map((u: { id: string }) => u.id).sort()).toEqual(['d', 'e']);
  });

  it('in English, period labels are English', async () => {
    const res = await t.app.inject({ method: 'GET', url: P, headers: { 'accept-language': 'en' } });
    expect(res.json().periods[0].label).toBe('Q1 2026');
  });

  it('the published bulletin and its files are public; the QR code points at the phone page', async () => {
    expect((await anon(`/api/v1/public/bulletins/${q1.id}`)).json().bulletin.contentHash).toBe(q1.contentHash);
    const docx = await anon(`/api/v1/public/bulletins/${q1.id}/bulletin.docx`);
    expect(docx.statusCode).toBe(200);
    // the stored bytes once the campaign shows accountability publicly (by default the file is rendered
    // without the actions: public-accountability.test.ts)
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${PUB}/case-settings`, payload: { publicAccountability: true }, headers: { cookie: organizer } });
    const shown = await anon(`/api/v1/public/bulletins/${q1.id}/bulletin.docx`);
    const signedIn = await t.app.inject({ method: 'GET', url: `/api/v1/bulletins/${q1.id}/bulletin.docx`, headers: { cookie: organizer } });
    expect(Buffer.compare(shown.rawPayload, signedIn.rawPayload)).toBe(0);
    await t.app.inject({ method: 'PUT', url: `/api/v1/campaigns/${PUB}/case-settings`, payload: { publicAccountability: false }, headers: { cookie: organizer } });
    const qr = await anon(`${P}/qr.svg?unit=c`);
    expect(qr.statusCode).toBe(200);
    expect(qr.headers['content-type']).toContain('image/svg+xml');
    expect(qr.body).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    expect((await anon(`${P}/qr.svg?unit=zz`)).statusCode).toBe(404);
  });

  it('the big screen shows the published bulletin and the trend of published periods', async () => {
    const res = await anon(`/api/v1/kiosk/${kiosk.secret}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.latest).toMatchObject({ id: q1.id, period: '2026-Q1', createdBy: null });
    expect(body.periods).toEqual([{ period: '2026-Q1', label: '2026年第一季度', overall: expect.any(Array) }]);
    expect(body.periods[0].overall.map((r: { unit: string; total: number }) => [r.unit, r.total])).toEqual(q1Totals);
  });

  it('a correction replaces the period\'s current version; the earlier one stays readable', async () => {
    const v2 = await publishPeriod(t.app, organizer, '2026-Q1', { changeNote: '丙镇作风建设得分更正' });
    const body = (await anon(P)).json();
    expect(body.periods).toEqual([expect.objectContaining({ period: '2026-Q1', bulletinId: v2.id, version: 2 })]);
    expect(body.latest.content.overall.find((r: { unit: string }) => r.unit === 'c').total).toBe(64);
    expect((await anon(`${P}/units/c`)).json().history[0].total).toBe(64);
    const v1 = (await anon(`/api/v1/public/bulletins/${q1.id}`)).json().bulletin;
    expect(v1).toMatchObject({ version: 1, current: false, contentHash: q1.contentHash });
  });
});

describe('kiosk links', () => {
  it('are listed without their secrets and open nothing once revoked', async () => {
    const list = (await t.app.inject({ method: 'GET', url: `/api/v1/campaigns/${PUB}/kiosk-tokens`, headers: { cookie: organizer } })).json();
    expect(list.tokens).toEqual([expect.objectContaining({ id: kiosk.token.id, label: '县委大厅', revokedAt: null })]);
    expect(JSON.stringify(list)).not.toContain(kiosk.secret);

    const revoked = await t.app.inject({ method: 'POST', url: `/api/v1/kiosk-tokens/${kiosk.token.id}/revoke`, headers: { cookie: organizer } });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().token.revokedAt).toEqual(expect.any(String));
    expect((await anon(`/api/v1/kiosk/${kiosk.secret}`)).statusCode).toBe(404);
    expect((await anon(`/api/v1/kiosk/${kiosk.secret}/stream`)).statusCode).toBe(404);
    expect((await anon('/api/v1/kiosk/not-a-token')).statusCode).toBe(404);
    // revoking again changes nothing
    const again = await t.app.inject({ method: 'POST', url: `/api/v1/kiosk-tokens/${kiosk.token.id}/revoke`, headers: { cookie: organizer } });
    expect(again.json().token.revokedAt).toBe(revoked.json().token.revokedAt);
  });

  it('a screen\'s open stream ends when its link is revoked', async () => {
    const k = await newKiosk();
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    const ended = await new Promise<{ ready: boolean; ended: Promise<void> }>((resolve, reject) => {
      const req = http.get(`http://127.0.0.1:${port}/api/v1/kiosk/${k.secret}/stream`, (res) => {
        expect(res.statusCode).toBe(200);
        let text = '';
        const done = new Promise<void>((r) => res.on('end', () => r()));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
          if (text.includes('event: ready')) resolve({ ready: true, ended: done });
        });
      });
      req.on('error', reject);
    });
    expect(ended.ready).toBe(true);
    await t.app.inject({ method: 'POST', url: `/api/v1/kiosk-tokens/${k.token.id}/revoke`, headers: { cookie: organizer } });
    await ended.ended;
  });
});
