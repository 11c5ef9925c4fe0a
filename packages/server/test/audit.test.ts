// The audit log: entries for sign-ins, figures and spec versions written with the change they
// record, a hash chain that `leitai audit verify` checks, filters, CSV export, append-only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../cli/src/audit.ts';
import { buildApp } from '../src/app.ts';
import { verifyAuditChain } from '../src/services/audit.ts';
import { makeCampaign, makeUser, PASSWORD, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let t: TestApp;
let organizer: { user: { username: string }; cookie: string };
const C = 'small-2026';
const U = `/api/v1/campaigns/${C}`;

beforeAll(async () => {
  t = await testApp();
  await makeCampaign(t.app, smallSpec(C));
  organizer = await session(t.app, 'organizer');
});
afterAll(async () => { await t.close(); });

interface Entry { seq: number; action: string; actor: string | null; campaignId: string | null; subject: string | null; before: unknown; after: unknown; reason: string | null; prevHash: string; hash: string }
const audit = async (query = '', cookie = organizer.cookie) => {
  const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit${query}`, headers: { cookie } });
  expect(res.statusCode).toBe(200);
  return res.json<{ entries: Entry[]; next: number | null }>();
};
const put = (payload: object, cookie = organizer.cookie) => t.app.inject({ method: 'PUT', url: `${U}/figures`, payload, headers: { cookie } });
const sql = (text: string, params: unknown[] = []) => t.app.leitai.ctx.db.$client.query(text, params);

/** Runs `leitai audit verify` against the test database. */
async function cliVerify(): Promise<{ code: number; out: string }> {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = t.db.url;
  let out = '';
  try {
    const code = await auditCommand(['verify'], { out: (s) => { out += s; }, err: (s) => { out += s; } });
    return { code, out };
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
}

describe('entries', () => {
  it('records sign-ins, failed ones too', async () => {
    const user = await makeUser(t.app, 'leader');
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: 'wrong-password' } });
    const ok = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD } });
    await t.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { cookie: `leitai_session=${ok.cookies[0].value}` } });
    const { entries } = await audit(`?action=auth`);
    const mine = entries.filter((e) => e.subject === user.username);
    expect(mine.map((e) => [e.action, e.actor])).toEqual([['auth.logout', user.username], ['auth.login', user.username], ['auth.login_failed', null]]);
  });

  it('records a figure with its value before and after, and the reason', async () => {
    await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '50' });
    await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '55', version: 1, reason: '更正笔误' });
    await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: null, version: 2 });
    const { entries } = await audit(`?campaign=${C}&action=figure`);
    expect(entries.slice(0, 3).map((e) => ({ action: e.action, subject: e.subject, before: e.before, after: e.after, reason: e.reason, actor: e.actor }))).toEqual([
      { action: 'figure.clear', subject: 'a/gdp/2026-Q1', before: { value: '55', version: 2 }, after: null, reason: null, actor: organizer.user.username },
      { action: 'figure.set', subject: 'a/gdp/2026-Q1', before: { value: '50', version: 1 }, after: { value: '55', version: 2 }, reason: '更正笔误', actor: organizer.user.username },
      { action: 'figure.set', subject: 'a/gdp/2026-Q1', before: null, after: { value: '50', version: 1 }, reason: null, actor: organizer.user.username },
    ]);
  });

  it('records spec versions and campaign creation', async () => {
    const res = await t.app.inject({ method: 'PUT', url: `${U}/spec`, payload: { spec: smallSpec(C).replace('小型竞赛', '小型竞赛（修订）') }, headers: { cookie: organizer.cookie } });
    expect(res.statusCode).toBe(200);
    const { entries } = await audit(`?campaign=${C}&action=campaign`);
    expect(entries.map((e) => e.action)).toEqual(['campaign.spec_version', 'campaign.create']);
    expect(entries[0]).toMatchObject({ actor: organizer.user.username, before: { version: 1 }, after: { version: 2 } });
  });

  it('writes nothing for a write that fails', async () => {
    const before = (await audit('?limit=1')).entries[0].seq;
    expect((await put({ unit: 'a', indicator: 'gdp', period: '2026-Q1', value: 'abc' })).statusCode).toBe(422);
    expect((await audit('?limit=1')).entries[0].seq).toBe(before);
  });
});

describe('reading', () => {
  it('filters by actor and time, and pages newest first', async () => {
    const byOrganizer = await audit(`?actor=${organizer.user.username}`);
    expect(byOrganizer.entries.length).toBeGreaterThan(0);
    expect(byOrganizer.entries.every((e) => e.actor === organizer.user.username)).toBe(true);
    expect((await audit('?from=2030-01-01T00:00:00Z')).entries).toEqual([]);
    expect((await audit('?to=2026-07-01T08:00:00Z')).entries.length).toBeGreaterThan(0);

    const page1 = await audit('?limit=2');
    expect(page1.entries).toHaveLength(2);
    expect(page1.entries[0].seq).toBeGreaterThan(page1.entries[1].seq);
    const page2 = await audit(`?limit=2&before=${page1.next}`);
    expect(page2.entries[0].seq).toBe(page1.entries[1].seq - 1);
  });

  it('exports CSV with a BOM and one line per entry', async () => {
    const res = await t.app.inject({ method: 'GET', url: `/api/v1/audit/export?campaign=${C}`, headers: { cookie: organizer.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="leitai-audit-/);
    const lines = res.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('seq,at,actor,actor_id,action,campaign,subject,before,after,reason,prev_hash,hash');
    const count = (await sql('SELECT count(*)::int AS n FROM audit_log WHERE campaign_id = $1', [C])).rows[0].n;
    expect(lines).toHaveLength(count + 1);
    expect(res.body).toContain('更正笔误');
    expect(res.body).toContain('"{""value"":""50"",""version"":1}"');
  });
});

describe('the chain', () => {
  it('is refused any UPDATE or DELETE', async () => {
    await expect(sql(`UPDATE audit_log SET reason = 'x' WHERE seq = 1`)).rejects.toThrow(/append-only/);
    await expect(sql(`DELETE FROM audit_log WHERE seq = 1`)).rejects.toThrow(/append-only/);
  });

  it('never forks under concurrent writes, from two server processes', async () => {
    const user = await makeUser(t.app, 'leader');
    const units = ['a', 'b', 'c', 'd'];
    // a second app on the same database: its own connection pool, as another process behind a load balancer
    const other = await buildApp({ databaseUrl: t.db.url });
    await other.ready();
    await Promise.all([
      ...Array.from({ length: 6 }, () => other.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD } })),
      ...units.map((u) => put({ unit: u, indicator: 'gdp', period: '2026-Q3', value: '10' })),
      ...Array.from({ length: 6 }, () => t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: user.username, password: PASSWORD } })),
    ]);
    await other.close();
    const { rows } = await sql('SELECT seq, prev_hash, hash FROM audit_log ORDER BY seq');
    rows.forEach((r: { seq: string | number }, i: number) => expect(Number(r.seq)).toBe(i + 1));
    expect(new Set(rows.map((r: { prev_hash: string }) => r.prev_hash)).size).toBe(rows.length);
    expect(await verifyAuditChain(t.app.leitai.ctx.db)).toEqual({ ok: true, count: rows.length });
    // the chain's head row (what the next append chains from) is its last entry
    const head = (await sql('SELECT seq, hash FROM audit_head')).rows;
    expect(head.map((h: { seq: string | number; hash: string }) => ({ seq: Number(h.seq), hash: h.hash }))).toEqual([{ seq: rows.length, hash: rows[rows.length - 1].hash }]);
  });

  it('`leitai audit verify` says the chain is intact, then names the entry changed behind its back', async () => {
    const intact = await cliVerify();
    expect(intact.code).toBe(0);
    expect(intact.out).toMatch(/^\d+ entries, chain intact\n$/);

    const { rows: [victim] } = await sql(`SELECT seq, after FROM audit_log WHERE action = 'figure.set' ORDER BY seq LIMIT 1`);
    // someone with the database owner's rights goes around the trigger
    await sql('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await sql(`UPDATE audit_log SET after = '{"value": "99", "version": 1}' WHERE seq = $1`, [victim.seq]);
    await sql('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');

    const broken = await cliVerify();
    expect(broken.code).toBe(1);
    expect(broken.out).toContain(`chain broken at entry ${victim.seq} `);
    expect(broken.out).toContain('figure.set');
    expect(broken.out).toContain(`${Number(victim.seq) - 1} entries before it are intact`);

    // put it back: the chain is whole again
    await sql('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await sql('UPDATE audit_log SET after = $2 WHERE seq = $1', [victim.seq, victim.after]);
    await sql('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    expect((await cliVerify()).code).toBe(0);
  });

  it('names the entry after a deleted one', async () => {
    const { rows: [mid] } = await sql('SELECT (max(seq) / 2)::int AS seq FROM audit_log');
    await sql('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_delete');
    await sql('DELETE FROM audit_log WHERE seq = $1', [mid.seq]);
    await sql('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_delete');
    const res = await cliVerify();
    expect(res.code).toBe(1);
    expect(res.out).toContain(`chain broken at entry ${mid.seq + 1} `);
    expect(res.out).toContain(`entries ${mid.seq}…${mid.seq} are missing`);
  });
});
