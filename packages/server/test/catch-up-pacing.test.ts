// Issue 12: while a campaign's figures keep changing, its results catch-ups wait (services/
// recompute.ts Pacing): the saves made meanwhile are caught up together, by fewer catch-ups than
// saves — unless a reader waits for the results, who is answered with every save before it, in
// the process that saved and in another one. Whatever the wait, the results stored once caught
// up are those of a full recompute, nothing is lost, a process closes without waiting for it, and
// results nobody reads catch up by themselves once the saves pause.
//
// Here the spacing is mostly made endless (a catch-up waits for a reader), so that what the test
// sees does not depend on how fast the machine is.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createCampaign } from '../src/services/campaigns.ts';
import { openPeriodsQuietly } from '../src/services/periods.ts';
import { recomputeStored } from '../src/services/recompute.ts';
import { lockCampaign } from '../src/repositories/campaigns.ts';
import type { TestDatabase } from './support/db.ts';
import { makeUser, signIn } from './support/factories.ts';
import { CATCH_UP_ON_READ, twoProcesses } from './support/processes.ts';

let db: TestDatabase;
let one: FastifyInstance;
let two: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, one, two, close } = await twoProcesses({ catchUpPacing: CATCH_UP_ON_READ }));
});
afterAll(() => close());

const UNITS = 6;

function spec(id: string): string {
  const units = Array.from({ length: UNITS }, (_, u) => `  - { id: u${u}, name: 第${u + 1}单位, group: g0 }`).join('\n');
  return `version: 1
campaign: { id: ${id}, name: 间隔${id}, year: 2026, cadence: month }
groups:
  - { id: g0, name: 第1组 }
units:
${units}
indicators:
  - { id: v0, name: 指标1, input: value, weight: 10, method: completion, target: 1000 }
  - { id: v1, name: 指标2, input: value, weight: 10, method: completion, target: 1000 }
`;
}

async function campaign(id: string): Promise<{ c1: string; c2: string }> {
  const admin = await makeUser(one, 'admin');
  await createCampaign(one.leitai.ctx, admin, spec(id));
  await openPeriodsQuietly(one.leitai.ctx, admin, id);
  return { c1: await signIn(one, (await makeUser(one, 'organizer')).username), c2: await signIn(two, (await makeUser(two, 'organizer')).username) };
}

/** Saves the unit's v0 of the period, sending the version stored now (read from the database). */
async function save(app: FastifyInstance, cookie: string, id: string, unit: string, period: string, value: string): Promise<void> {
  const stored = await one.leitai.ctx.db.$client.query("SELECT version FROM figures WHERE campaign_id = $1 AND unit_id = $2 AND indicator_id = 'v0' AND period = $3", [id, unit, period]);
  const version = (stored.rows[0] as { version: number } | undefined)?.version ?? null;
  const r = await app.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}/figures`, payload: { unit, indicator: 'v0', period, value, version }, headers: { cookie } });
  expect(r.statusCode).toBe(200);
}

/** Each unit's v0 value in the period's results, as a reader gets them (it waits for them to catch up). */
async function shown(app: FastifyInstance, cookie: string, id: string, period: string): Promise<Record<string, number | null>> {
  const r = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}/results?period=${period}`, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  const units = (r.json().result?.units ?? []) as { unit: string; indicators: Record<string, { value: number | null }> }[];
  return Object.fromEntries(units.map((u) => [u.unit, u.indicators.v0.value]));
}

async function versions(id: string): Promise<{ data: number; results: number }> {
  const r = await one.leitai.ctx.db.$client.query(
    'SELECT c.data_version::int AS data, r.data_version::int AS results FROM campaigns c JOIN campaign_results r ON r.campaign_id = c.id WHERE c.id = $1', [id],
  );
  return r.rows[0] as { data: number; results: number };
}

async function storedRows(id: string): Promise<{ period: string; etag: string; body: string; public_body: string; standings: unknown }[]> {
  return (await one.leitai.ctx.db.$client.query('SELECT period, etag, body, public_body, standings FROM period_results WHERE campaign_id = $1 ORDER BY period', [id])).rows;
}

describe('catch-ups spaced while saves keep arriving', () => {
  it('a burst of saves is caught up by fewer catch-ups than saves, and the results then stored are a full recompute\'s, with every save counted', async () => {
    const { c1 } = await campaign('burst');
    const keeper = one.leitai.ctx.results;
    const before = keeper.computed;
    const saves: [string, string, string][] = [];
    for (let k = 0; k < 12; k++) saves.push([`u${k % UNITS}`, k < 6 ? '2026-01' : '2026-02', String(100 + k)]);
    for (const [unit, period, value] of saves) await save(one, c1, 'burst', unit, period, value);
    await one.leitai.ctx.results.settled('burst');
    // no catch-up beside the saves: they wait, to be caught up together
    expect(keeper.computed).toBe(before);
    const behind = await versions('burst');
    expect(behind.results).toBeLessThan(behind.data);

    // a reader does not wait for the spacing: it sees every save
    const jan = await shown(one, c1, 'burst', '2026-01');
    const feb = await shown(one, c1, 'burst', '2026-02');
    for (const [unit, period, value] of saves) expect((period === '2026-01' ? jan : feb)[unit]).toBe(Number(value));
    // one catch-up for the twelve saves
    expect(keeper.computed - before).toBe(1);
    const caught = await versions('burst');
    expect(caught.results).toBe(caught.data);

    // the stored results are those of the whole year computed again from the stored figures
    const stored = await storedRows('burst');
    expect(stored.map((r) => r.period)).toEqual(['2026-01', '2026-02']);
    const ctx = one.leitai.ctx;
    await ctx.db.transaction(async (tx) => {
      const c = await lockCampaign(tx, 'burst');
      if (!c) throw new Error('no campaign');
      await recomputeStored(tx, ctx, c, await ctx.specs.get(tx, 'burst', c.currentVersion), new Date(), 'latest');
    });
    expect(await storedRows('burst')).toEqual(stored);
    // and each save is in the figure history's audit
    const audited = await ctx.db.$client.query("SELECT count(*)::int AS n FROM audit_log WHERE campaign_id = 'burst' AND action = 'figure.set'");
    expect(audited.rows[0].n).toBe(saves.length);
  });

  it('a reader between saves reads every save before it — in the process that saved and in another one — whatever the spacing', async () => {
    const { c1, c2 } = await campaign('reads');
    for (let k = 1; k <= 4; k++) {
      await save(one, c1, 'reads', 'u0', '2026-01', String(10 * k));
      await save(one, c1, 'reads', 'u1', '2026-01', String(10 * k + 1));
      const [first, second] = k % 2 === 0 ? [two, one] : [one, two];
      for (const app of [first, second]) {
        const seen = await shown(app, app === one ? c1 : c2, 'reads', '2026-01');
        expect([seen.u0, seen.u1]).toEqual([10 * k, 10 * k + 1]);
      }
    }
    // saves through the other process are caught up and read alike
    await save(two, c2, 'reads', 'u2', '2026-01', '77');
    expect((await shown(one, c1, 'reads', '2026-01')).u2).toBe(77);
  });

  it('a process closes without waiting for a spaced catch-up, and the next reader catches up what it left', async () => {
    const { c1 } = await campaign('closing');
    const three = await buildApp({ databaseUrl: db.url, catchUpPacing: CATCH_UP_ON_READ });
    await three.ready();
    const c3 = await signIn(three, (await makeUser(three, 'organizer')).username);
    try {
      await save(three, c3, 'closing', 'u0', '2026-01', '5');
      await save(three, c3, 'closing', 'u0', '2026-01', '6');
      await three.leitai.ctx.results.settled('closing');
    } finally {
      // (waiting for the spacing would never end: the test would time out)
      await three.close();
    }
    expect((await shown(one, c1, 'closing', '2026-01')).u0).toBe(6);
    const v = await versions('closing');
    expect(v.results).toBe(v.data);
  });

  it('with the default pacing, the results of saves nobody reads catch up by themselves once the saves pause', async () => {
    const { c1 } = await campaign('alone');
    const three = await buildApp({ databaseUrl: db.url });
    await three.ready();
    try {
      const c3 = await signIn(three, (await makeUser(three, 'organizer')).username);
      for (let k = 0; k < 5; k++) await save(three, c3, 'alone', `u${k}`, '2026-01', String(k + 1));
      // no reader: wait for the stored results to reach the figures (a state, however long it takes)
      for (let v = await versions('alone'); v.results < v.data; v = await versions('alone')) await new Promise((ok) => setTimeout(ok, 20));
      // (the catch-up's commit may be seen here before its process counted it)
      await three.leitai.ctx.results.settled('alone');
      expect(three.leitai.ctx.results.computed).toBeGreaterThanOrEqual(1);
    } finally {
      await three.close();
    }
    const shownNow = await shown(one, c1, 'alone', '2026-01');
    expect([0, 1, 2, 3, 4].map((k) => shownNow[`u${k}`])).toEqual([1, 2, 3, 4, 5]);
  });
});
