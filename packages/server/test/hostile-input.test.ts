// Issue 13 items 6 and 8: control characters and NUL bytes are refused at the boundary with a named
// 400 (never a 500), ids beyond PostgreSQL's integer are a 400, a spec that spells a control
// character in a name is refused, and a Word or Excel file stays well-formed XML whatever is stored.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDocx, renderXlsx } from '../src/services/bulletin-render.ts';
import type { BulletinContent } from '../src/schemas/bulletin-content.ts';
import { session, smallSpec, testApp, type TestApp } from './support/factories.ts';
import { PUB, publicationCampaign, publishPeriod } from './support/publication.ts';

let t: TestApp;
let admin: string;
let organizer: string;
beforeAll(async () => {
  t = await testApp();
  admin = (await session(t.app, 'admin')).cookie;
  ({ organizer } = await publicationCampaign(t.app));
});
afterAll(async () => { await t.close(); });

function wellFormed(xml: string): void {
  const p = new SaxesParser({ xmlns: false });
  let error: Error | undefined;
  p.on('error', (e) => { error ??= e; });
  p.write(xml).close();
  if (error) throw error;
}

describe('NUL bytes and out-of-range ids (item 8)', () => {
  it('are a named 400 in every place, never a 500', async () => {
    const cases: { method: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown; cookie?: string }[] = [
      { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ad\u0000min', password: 'x' } },
      { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'admin', password: 'pass\u0000word' } },
      { method: 'GET', url: `/api/v1/campaigns/${PUB}/results?period=%00`, cookie: admin },
      { method: 'GET', url: `/api/v1/campaigns/${PUB}%00/results`, cookie: admin },
      { method: 'POST', url: `/api/v1/campaigns/${PUB}/bulletins`, payload: { period: '2026-Q1', title: '通报\u0000' }, cookie: organizer },
      { method: 'POST', url: `/api/v1/campaigns/${PUB}/inbox/2147483648/read`, cookie: admin },
      { method: 'POST', url: `/api/v1/campaigns/${PUB}/requests/99999999999999999999/decision`, payload: {}, cookie: admin },
      { method: 'GET', url: '/api/v1/bulletins/2147483648/bulletin.docx', cookie: admin },
      { method: 'GET', url: '/api/v1/audit?before=%00', cookie: admin },
      // a path parameter over the router's 100 characters (found by the fuzz suite: fastify's own body)
      { method: 'GET', url: `/api/v1/bulletins/${'x'.repeat(200)}/bulletin.docx`, cookie: admin },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: c.method, url: c.url, payload: c.payload as never, headers: c.cookie ? { cookie: c.cookie } : {} });
      expect(res.statusCode, `${c.method} ${c.url} → ${res.body}`).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, `${c.method} ${c.url} → ${res.body}`).toBeLessThan(500);
      expect(res.json().error.code).toMatch(/^(validation_failed|not_found)$/);
    }
  });

  it('name where the character is', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'ad\u0000min', password: 'x' }, headers: { 'accept-language': 'en' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.message).toContain('body.username: contains the control character U+0000');
  });
});

describe('control characters in names (item 6)', () => {
  it('a spec naming a unit with BEL or ESC is refused, raw or spelled with YAML escapes', async () => {
    const raw = smallSpec('ctl-raw').replace('甲镇', '甲\u0007镇');
    const r1 = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec: raw }, headers: { cookie: admin } });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.code).toBe('validation_failed');

    const escaped = smallSpec('ctl-esc').replace('name: 甲镇', 'name: "甲\\a镇\\e"');
    const r2 = await t.app.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { spec: escaped }, headers: { cookie: admin } });
    expect(r2.statusCode).toBe(422);
    expect(r2.json().error.code).toBe('spec_invalid');
    expect(r2.json().error.issues[0]).toMatchObject({ code: 'spec.control_character', path: 'units[0].name' });
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/campaigns', headers: { cookie: admin } });
    expect(list.body).not.toContain('ctl-esc');
  });

  it('a Word and an Excel file stay well-formed whatever the stored names hold', async () => {
    const published = await publishPeriod(t.app, organizer, '2026-Q1');
    const content = structuredClone(published.content) as unknown as BulletinContent & { units?: unknown };
    const dirty = JSON.parse(JSON.stringify(content).replaceAll('甲镇', '甲\\u0007镇\\u001b[31m')) as BulletinContent;
    expect(JSON.stringify(dirty)).toContain('\\u0007');
    const head = { number: '青组通\u0007', title: '通报\u001b', version: 1, changeNote: null, contentHash: null };
    const docx = await renderDocx(dirty, head, new Date('2026-07-01T00:00:00Z'), 'http://localhost:3000');
    const zip = await JSZip.loadAsync(docx);
    for (const name of Object.keys(zip.files).filter((n) => n.endsWith('.xml'))) wellFormed(await zip.file(name)!.async('string'));
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('甲镇[31m');
    const xlsx = await renderXlsx(dirty, head, new Date('2026-07-01T00:00:00Z'), 'http://localhost:3000');
    const xz = await JSZip.loadAsync(xlsx);
    for (const name of Object.keys(xz.files).filter((n) => n.endsWith('.xml'))) wellFormed(await xz.file(name)!.async('string'));
  });
});
