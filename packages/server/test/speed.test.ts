// Issue 12: long work leaves the event loop (a recompute of one campaign does not hold up a save of
// another), two server processes on one database agree, and a deadline rush loses nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../src/services/audit.ts';
import { createCampaign } from '../src/services/campaigns.ts';
import { openPeriodsQuietly } from '../src/services/periods.ts';
import { recomputeStored } from '../src/services/recompute.ts';
import { lockCampaign } from '../src/repositories/campaigns.ts';
import { makeUser, session, signIn, smallSpec, PASSWORD } from './support/factories.ts';
import { twoProcesses } from './support/processes.ts';
import { createUser } from '../src/services/users.ts';
import type { FastifyInstance } from 'fastify';

let one: FastifyInstance;
let two: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  // two server processes' worth of state (pools, figure caches, evaluation threads) on one database;
  // every recompute goes to a worker thread
  ({ one, two, close } = await twoProcesses({ evaluator: { inlineBelow: 0, threads: 2 } }));
});
afterAll(() => close());

/** A campaign of `n` units in groups of 10 with `k` value indicators (completion: no schedule to explain). */
function bigSpec(id: string, n: number, k: number): string {
  const groups = Array.from({ length: Math.ceil(n / 10) }, (_, g) => `  - { id: g${g}, name: 第${g + 1}组 }`).join('\n');
  const units = Array.from({ length: n }, (_, u) => `  - { id: u${u}, name: 第${u + 1}单位, group: g${Math.floor(u / 10)} }`).join('\n');
  const inds = Array.from({ length: k }, (_, i) => `  - { id: v${i}, name: 指标${i + 1}, input: value, weight: 10, method: completion, target: 1000 }`).join('\n');
  return `version: 1
campaign: { id: ${id}, name: 大型竞赛${id}, year: 2026, cadence: month }
groups:
${groups}
units:
${units}
indicators:
${inds}
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: group }
`;
}

describe('long work off the event loop', () => {
  it('a save of one campaign during a recompute of another is answered before that recompute ends', async () => {
    const admin = await makeUser(one, 'admin');
    await createCampaign(one.leitai.ctx, admin, bigSpec('big-b', 1500, 10));
    await openPeriodsQuietly(one.leitai.ctx, admin, 'big-b');
    await createCampaign(one.leitai.ctx, admin, smallSpec('small-a'));
    await openPeriodsQuietly(one.leitai.ctx, admin, 'small-a');
    // B's figures: six months of every unit's figures, stored directly (the recompute is what is timed)
    const units: string[] = []; const inds: string[] = []; const periods: string[] = []; const values: string[] = [];
    for (let t = 1; t <= 6; t++) for (let u = 0; u < 1500; u++) for (let i = 0; i < 10; i++) {
      units.push(`u${u}`); inds.push(`v${i}`); periods.push(`2026-0${t}`); values.push(String((u * 7 + i * 13 + t) % 997));
    }
    await one.leitai.ctx.db.$client.query(
      `INSERT INTO figures (campaign_id, unit_id, indicator_id, period, value, value_num, entered_at)
       SELECT 'big-b', u, i, p, v, v::numeric, now() FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(u, i, p, v)`,
      [units, inds, periods, values],
    );
    const ctx = one.leitai.ctx;
    let started!: () => void;
    const recomputeStarted = new Promise<void>((r) => { started = r; });
    const store = ctx.evaluator.store.bind(ctx.evaluator);
    ctx.evaluator.store = (task, figures, write) => {
      if (task.specKey.startsWith('big-b@')) started();
      return store(task, figures, write);
    };
    const order: string[] = [];
    const recompute = ctx.db.transaction(async (tx) => {
      const c = await lockCampaign(tx, 'big-b');
      if (!c) throw new Error('no campaign');
      await recomputeStored(tx, ctx, c, await ctx.specs.get(tx, 'big-b', c.currentVersion), ctx.now(), 'latest');
    }).then(() => { order.push('recompute of B'); });
    await recomputeStarted;
    const { cookie } = await session(one, 'organizer');
    const save = await one.inject({ method: 'PUT', url: '/api/v1/campaigns/small-a/figures', payload: { unit: 'a', indicator: 'gdp', period: '2026-Q1', value: '40' }, headers: { cookie } });
    order.push('save of A');
    expect(save.statusCode).toBe(200);
    await recompute;
    ctx.evaluator.store = store;
    expect(order).toEqual(['save of A', 'recompute of B']);
    // and B's results were stored
    const res = await one.inject({ method: 'GET', url: '/api/v1/campaigns/big-b/results?period=2026-06', headers: { cookie } });
    expect(res.json().result.units).toHaveLength(1500);
  }, 180_000);
});

describe('two server processes on one database', () => {
  it('saving figures of one campaign through either, they agree on the stored figures and results', async () => {
    const admin = await makeUser(one, 'admin');
    await createCampaign(one.leitai.ctx, admin, bigSpec('shared', 20, 3));
    await openPeriodsQuietly(one.leitai.ctx, admin, 'shared');
    const c1 = await signIn(one, (await makeUser(one, 'organizer')).username);
    const c2 = await signIn(two, (await makeUser(two, 'organizer')).username);
    const url = '/api/v1/campaigns/shared';
    // both read (and cache) the campaign first
    for (const [app, cookie] of [[one, c1], [two, c2]] as const) await app.inject({ method: 'GET', url: `${url}/results`, headers: { cookie } });
    const writes: Promise<{ statusCode: number }>[] = [];
    for (let round = 0; round < 6; round++) {
      for (let u = 0; u < 20; u++) {
        const [app, cookie] = (u + round) % 2 === 0 ? [one, c1] : [two, c2];
        const figures = [0, 1, 2].map((i) => ({ unit: `u${u}`, indicator: `v${i}`, period: '2026-01', value: String(round * 100 + u + i) }));
        // versions are not sent in the batch: every round replaces the figure
        writes.push(app.inject({ method: 'POST', url: `${url}/figures/batch`, payload: { figures: figures.map((f) => ({ ...f, version: undefined })) }, headers: { cookie } }).then((r) => {
          if (r.statusCode !== 200 && r.statusCode !== 409) throw new Error(`${r.statusCode} ${r.body}`);
          return r;
        }));
      }
    }
    await Promise.all(writes);
    // one last write each, after all: the final figures are known
    for (let u = 0; u < 20; u++) {
      const [app, cookie] = u % 2 === 0 ? [two, c2] : [one, c1];
      const current = (await app.inject({ method: 'GET', url: `${url}/figures?period=2026-01`, headers: { cookie } })).json().figures as { unit: string; indicator: string; version: number }[];
      const figures = [0, 1, 2].map((i) => ({ unit: `u${u}`, indicator: `v${i}`, period: '2026-01', value: String(900 + u + i), version: current.find((f) => f.unit === `u${u}` && f.indicator === `v${i}`)?.version ?? null }));
      const r = await app.inject({ method: 'POST', url: `${url}/figures/batch`, payload: { figures }, headers: { cookie } });
      expect(r.statusCode).toBe(200);
    }
    const r1 = await one.inject({ method: 'GET', url: `${url}/results?period=2026-01`, headers: { cookie: c1 } });
    const r2 = await two.inject({ method: 'GET', url: `${url}/results?period=2026-01`, headers: { cookie: c2 } });
    expect(r1.body).toBe(r2.body);
    const result = r1.json().result;
    for (let u = 0; u < 20; u++) {
      for (let i = 0; i < 3; i++) expect(result.units.find((x: { unit: string }) => x.unit === `u${u}`).indicators[`v${i}`].value).toBe(900 + u + i);
    }
    // each process's explanation (from its own figure cache) sees the same figures
    for (const [app, cookie] of [[one, c1], [two, c2]] as const) {
      const e = (await app.inject({ method: 'GET', url: `${url}/results/explain?period=2026-01&unit=u7`, headers: { cookie } })).json();
      expect(e.unit.indicators.v1.value).toBe(908);
    }
  }, 180_000);
});

describe('a deadline rush', () => {
  it('50 reporters in their own sessions saving their unit\'s figures at once, by PUT and batch: every save answered, none lost', async () => {
    const admin = await makeUser(one, 'admin');
    await createCampaign(one.leitai.ctx, admin, bigSpec('rush', 50, 4));
    await openPeriodsQuietly(one.leitai.ctx, admin, 'rush');
    const url = '/api/v1/campaigns/rush';
    const reporters = await Promise.all(Array.from({ length: 50 }, async (_, u) => {
      const username = `rush-reporter-${u}`;
      await createUser(one.leitai.ctx, { username, password: PASSWORD, displayName: `填报员${u}`, role: 'reporter', assignments: [{ campaignId: 'rush', unitId: `u${u}` }] });
      const app = u % 2 === 0 ? one : two;
      return { u, app, cookie: await signIn(app, username) };
    }));
    const value = (u: number, i: number) => String(100 + u * 4 + i);
    const answers = await Promise.all(reporters.flatMap(({ u, app, cookie }) => (u % 3 === 0
      ? [app.inject({ method: 'POST', url: `${url}/figures/batch`, payload: { figures: [0, 1, 2, 3].map((i) => ({ unit: `u${u}`, indicator: `v${i}`, period: '2026-01', value: value(u, i), version: null })) }, headers: { cookie } })]
      : [0, 1, 2, 3].map((i) => app.inject({ method: 'PUT', url: `${url}/figures`, payload: { unit: `u${u}`, indicator: `v${i}`, period: '2026-01', value: value(u, i), version: null }, headers: { cookie } })))));
    expect(answers.map((a) => a.statusCode).filter((s) => s !== 200)).toEqual([]);

    const orgCookie = (await session(one, 'organizer')).cookie;
    const stored = (await one.inject({ method: 'GET', url: `${url}/figures?period=2026-01`, headers: { cookie: orgCookie } })).json().figures as { unit: string; indicator: string; value: string }[];
    expect(stored).toHaveLength(200);
    for (const f of stored) expect(f.value).toBe(value(Number(f.unit.slice(1)), Number(f.indicator.slice(1))));
    // each save is in its figure's history and in the audit chain, which verifies
    for (const { u, app, cookie } of reporters) {
      for (let i = 0; i < 4; i++) {
        const h = await app.inject({ method: 'GET', url: `${url}/figures/history?unit=u${u}&indicator=v${i}&period=2026-01`, headers: { cookie } });
        expect(h.statusCode).toBe(200);
        expect(JSON.stringify(h.json())).toContain(value(u, i));
      }
    }
    const audit = await one.leitai.ctx.db.$client.query(`SELECT count(*)::int AS n FROM audit_log WHERE campaign_id = 'rush' AND action = 'figure.set'`);
    expect(audit.rows[0].n).toBe(200);
    expect((await verifyAuditChain(one.leitai.ctx.db)).ok).toBe(true);
    // and the stored results count every figure
    const result = (await one.inject({ method: 'GET', url: `${url}/results?period=2026-01`, headers: { cookie: orgCookie } })).json();
    expect(Object.values(result.counts as Record<string, { counted: number }>).every((c) => c.counted === 4)).toBe(true);
  }, 180_000);
});
