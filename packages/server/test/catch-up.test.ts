// Issue 12: a figure write commits without recomputing and the stored results catch up behind it
// (services/recompute.ts ResultsKeeper). Readers still read their writes — in the process that
// wrote and in another one —, a catch-up a stopped process left undone is redone by the next reader
// and at startup, and results of older figures never overwrite newer ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';
import { createCampaign } from '../src/services/campaigns.ts';
import { openPeriodsQuietly } from '../src/services/periods.ts';
import { recomputeStored } from '../src/services/recompute.ts';
import { etagOf } from '../src/services/eval-task.ts';
import { lockCampaign } from '../src/repositories/campaigns.ts';
import { verifyAuditChain } from '../src/services/audit.ts';
import type { TestDatabase } from './support/db.ts';
import { makeUser, signIn } from './support/factories.ts';
import { twoProcesses } from './support/processes.ts';
import { PUB, publicationCampaign } from './support/publication.ts';

let db: TestDatabase;
let one: FastifyInstance;
let two: FastifyInstance;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ db, one, two, close } = await twoProcesses());
});
afterAll(() => close());

function spec(id: string, n = 6, k = 2): string {
  const units = Array.from({ length: n }, (_, u) => `  - { id: u${u}, name: 第${u + 1}单位, group: g0 }`).join('\n');
  const inds = Array.from({ length: k }, (_, i) => `  - { id: v${i}, name: 指标${i + 1}, input: value, weight: 10, method: completion, target: 1000 }`).join('\n');
  return `version: 1
campaign: { id: ${id}, name: 追赶${id}, year: 2026, cadence: month }
groups:
  - { id: g0, name: 第1组 }
units:
${units}
indicators:
${inds}
`;
}

async function campaign(id: string, n?: number, k?: number): Promise<{ c1: string; c2: string }> {
  const admin = await makeUser(one, 'admin');
  await createCampaign(one.leitai.ctx, admin, spec(id, n, k));
  await openPeriodsQuietly(one.leitai.ctx, admin, id);
  return { c1: await signIn(one, (await makeUser(one, 'organizer')).username), c2: await signIn(two, (await makeUser(two, 'organizer')).username) };
}

/** Saves u0's v0 of 2026-01, sending the version stored now (read from the database). */
async function put(app: FastifyInstance, cookie: string, id: string, value: string) {
  const r = await one.leitai.ctx.db.$client.query("SELECT version FROM figures WHERE campaign_id = $1 AND unit_id = 'u0' AND indicator_id = 'v0' AND period = '2026-01'", [id]);
  const version = (r.rows[0] as { version: number } | undefined)?.version ?? null;
  return app.inject({ method: 'PUT', url: `/api/v1/campaigns/${id}/figures`, payload: { unit: 'u0', indicator: 'v0', period: '2026-01', value, version }, headers: { cookie } });
}

async function shown(app: FastifyInstance, cookie: string, id: string, unit = 'u0'): Promise<number | null> {
  const r = await app.inject({ method: 'GET', url: `/api/v1/campaigns/${id}/results?period=2026-01`, headers: { cookie } });
  expect(r.statusCode).toBe(200);
  return (r.json().result?.units as { unit: string; indicators: Record<string, { value: number | null }> }[] | undefined)?.find((u) => u.unit === unit)?.indicators.v0.value ?? null;
}

/** The data versions of the campaign's figures and of its stored results. */
async function versions(id: string): Promise<{ data: number; results: number }> {
  const r = await one.leitai.ctx.db.$client.query(
    'SELECT c.data_version::int AS data, r.data_version::int AS results FROM campaigns c JOIN campaign_results r ON r.campaign_id = c.id WHERE c.id = $1', [id],
  );
  return r.rows[0] as { data: number; results: number };
}

describe('results catch up behind figure writes', () => {
  it('a save answered, its results are read right away — in the process that saved it and in another one', async () => {
    const { c1, c2 } = await campaign('ryw');
    for (let k = 1; k <= 5; k++) {
      expect((await put(one, c1, 'ryw', String(100 * k))).statusCode).toBe(200);
      // the other process reads first, then the one that saved
      expect(await shown(two, c2, 'ryw')).toBe(100 * k);
      expect(await shown(one, c1, 'ryw')).toBe(100 * k);
      // and a unit's history (another reader of stored results) too
      const h = await two.inject({ method: 'GET', url: '/api/v1/campaigns/ryw/units/u0/history', headers: { cookie: c2 } });
      expect(h.json().history[0].total).toBeGreaterThan(0);
    }
    const v = await versions('ryw');
    expect(v.results).toBe(v.data);
  });

  it('the catch-up of a campaign the size of the demo (24 units × 10 indicators) runs in a worker thread, not on the event loop', async () => {
    const { c1, c2 } = await campaign('demo-size', 24, 10);
    const ran = { ...one.leitai.ctx.evaluator.ran };
    for (let k = 1; k <= 3; k++) {
      expect((await put(one, c1, 'demo-size', String(100 * k))).statusCode).toBe(200);
      expect(await shown(one, c1, 'demo-size')).toBe(100 * k);
      expect(await shown(two, c2, 'demo-size')).toBe(100 * k);
    }
    const now = one.leitai.ctx.evaluator.ran;
    expect(now.worker).toBeGreaterThan(ran.worker);
    expect(now.inline).toBe(ran.inline);
  });

  it('a catch-up a stopped process left undone is redone by the next reader, and at startup', async () => {
    const { c1 } = await campaign('undone');
    // a third process that commits its writes and stops before catching up the results
    const three = await buildApp({ databaseUrl: db.url });
    await three.ready();
    try {
      await three.leitai.ctx.results.close();
      const c3 = await signIn(three, (await makeUser(three, 'organizer')).username);
      expect((await put(three, c3, 'undone', '250')).statusCode).toBe(200);
      let v = await versions('undone');
      expect(v.results).toBeLessThan(v.data);
      // startup (bootstrap) catches up every campaign left behind
      await one.leitai.ctx.results.catchUpAll();
      v = await versions('undone');
      expect(v.results).toBe(v.data);
      expect(await shown(one, c1, 'undone')).toBe(250);

      // again, and this time the next reader finds the results behind
      expect((await put(three, c3, 'undone', '260')).statusCode).toBe(200);
      expect((await versions('undone')).results).toBeLessThan((await versions('undone')).data);
      expect(await shown(one, c1, 'undone')).toBe(260);

      // a process killed while it owned the catch-up (its connection, and so its lock, goes away):
      // a reader waits for it, then does the catch-up itself
      expect((await put(three, c3, 'undone', '270')).statusCode).toBe(200);
      const owner = new pg.Client({ connectionString: db.url });
      await owner.connect();
      await owner.query('BEGIN');
      await owner.query("SELECT pg_advisory_xact_lock(12001, hashtext('undone'))");
      let answered = false;
      const read = shown(one, c1, 'undone').then((x) => { answered = true; return x; });
      // the reader is still waiting while the owner holds the lock
      await new Promise((ok) => setImmediate(ok));
      expect(answered).toBe(false);
      await owner.end();
      expect(await read).toBe(270);
    } finally {
      await three.close();
    }
  });

  it('a catch-up that fails does not hold readers in a retry loop: they read what is stored, and the next reader catches up', async () => {
    const { c1 } = await campaign('broken');
    expect((await put(one, c1, 'broken', '100')).statusCode).toBe(200);
    expect(await shown(one, c1, 'broken')).toBe(100);
    const ctx = one.leitai.ctx;
    const store = ctx.evaluator.store.bind(ctx.evaluator);
    let failures = 0;
    ctx.evaluator.store = async (task, figures, write) => {
      if (task.specKey.startsWith('broken@')) {
        failures++;
        throw new Error('the engine failed (test)');
      }
      return store(task, figures, write);
    };
    try {
      expect((await put(one, c1, 'broken', '200')).statusCode).toBe(200);
      // the reader is answered with the stored results (before: it retried the failing catch-up for two minutes)
      expect(await shown(one, c1, 'broken')).toBe(100);
      expect(failures).toBeGreaterThan(0);
      expect(failures).toBeLessThanOrEqual(3);
    } finally {
      ctx.evaluator.store = store;
    }
    expect(await shown(one, c1, 'broken')).toBe(200);
    const v = await versions('broken');
    expect(v.results).toBe(v.data);
  });

  it('results of older figures never overwrite those of newer ones', async () => {
    const { c1, c2 } = await campaign('order');
    const ctx = one.leitai.ctx;
    // process one's catch-up of the first save is held just before it stores
    let reached!: () => void;
    const atStore = new Promise<void>((ok) => { reached = ok; });
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    const store = ctx.evaluator.store.bind(ctx.evaluator);
    ctx.evaluator.store = async (task, figures, write) => {
      const out = await store(task, figures, write);
      if (task.specKey.startsWith('order@')) {
        reached();
        await gate;
      }
      return out;
    };
    try {
      expect((await put(one, c1, 'order', '111')).statusCode).toBe(200);
      await atStore;
      // meanwhile a newer figure is saved through the other process and its results stored (a
      // change that recomputes in its own transaction, e.g. a period's state)
      expect((await put(two, c2, 'order', '222')).statusCode).toBe(200);
      await two.leitai.ctx.db.transaction(async (tx) => {
        const c = await lockCampaign(tx, 'order');
        if (!c) throw new Error('no campaign');
        await recomputeStored(tx, two.leitai.ctx, c, await two.leitai.ctx.specs.get(tx, 'order', c.currentVersion), new Date(), ['2026-01']);
      });
      const newer = await versions('order');
      expect(newer.results).toBe(newer.data);
      // the older catch-up finishes: it stores nothing over the newer results
      release();
      await ctx.results.kick('order');
      expect(await versions('order')).toEqual(newer);
      expect(await shown(one, c1, 'order')).toBe(222);
      expect(await shown(two, c2, 'order')).toBe(222);
    } finally {
      ctx.evaluator.store = store;
      release();
    }
  });

  it('a bulletin published right after a save whose results have not caught up yet is checked against that save', async () => {
    const { organizer } = await publicationCampaign(one);
    const draft = await one.inject({ method: 'POST', url: `/api/v1/campaigns/${PUB}/bulletins`, payload: { period: '2026-Q2' }, headers: { cookie: organizer } });
    expect(draft.statusCode).toBe(201);
    const id = draft.json().bulletin.id as number;
    // saved through a process that stops before catching up: the stored results are behind
    const three = await buildApp({ databaseUrl: db.url });
    await three.ready();
    try {
      await three.leitai.ctx.results.close();
      const c3 = await signIn(three, (await makeUser(three, 'organizer')).username);
      const current = await one.leitai.ctx.db.$client.query("SELECT version FROM figures WHERE campaign_id = $1 AND unit_id = 'a' AND indicator_id = 'style' AND period = '2026-Q2'", [PUB]);
      const saved = await three.inject({ method: 'PUT', url: `/api/v1/campaigns/${PUB}/figures`, payload: { unit: 'a', indicator: 'style', period: '2026-Q2', value: '12', version: current.rows[0].version }, headers: { cookie: c3 } });
      expect(saved.statusCode).toBe(200);
      expect((await versions(PUB)).results).toBeLessThan((await versions(PUB)).data);
    } finally {
      await three.close();
    }
    // the draft was made before the save: publishing it is refused, it must be regenerated
    const stale = await one.inject({ method: 'POST', url: `/api/v1/bulletins/${id}/publish`, headers: { cookie: organizer } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('conflict');
  });

  it('a change that recomputes under the campaign lock while a catch-up stores its results: no deadlock, both done', async () => {
    const { c1 } = await campaign('locks');
    const ctx = one.leitai.ctx;
    let reached!: () => void;
    const atStore = new Promise<void>((ok) => { reached = ok; });
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    const store = ctx.evaluator.store.bind(ctx.evaluator);
    ctx.evaluator.store = async (task, figures, write) => {
      const out = await store(task, figures, write);
      if (task.specKey.startsWith('locks@') && !task.states['2026-02']?.startsWith('verif')) {
        reached();
        await gate;
      }
      return out;
    };
    try {
      expect((await put(one, c1, 'locks', '10')).statusCode).toBe(200);
      await atStore;
      // a change holding the campaign lock (as a period's state change does) ...
      await ctx.db.transaction(async (tx) => {
        const c = await lockCampaign(tx, 'locks');
        if (!c) throw new Error('no campaign');
        // ... while the catch-up stores its rows: it is either done or waiting on a lock
        release();
        for (;;) {
          const v = await versions('locks');
          const waiting = await one.leitai.ctx.db.$client.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
          if (v.results === v.data || waiting.rows[0].n > 0) break;
          await new Promise((ok) => setImmediate(ok));
        }
        await tx.execute(sql`UPDATE campaign_periods SET state = 'verification' WHERE campaign_id = 'locks' AND period = '2026-02'`);
        await recomputeStored(tx, ctx, c, await ctx.specs.get(tx, 'locks', c.currentVersion), new Date(), ['2026-02']);
      });
      await ctx.results.kick('locks');
      const v = await versions('locks');
      expect(v.results).toBe(v.data);
      expect(await shown(one, c1, 'locks')).toBe(10);
    } finally {
      ctx.evaluator.store = store;
      release();
    }
  });

  it('a catch-up writes its periods one at a time yet stores them at once: meanwhile readers see the results before it, and a change recomputing under the campaign lock does not wait for it', async () => {
    const { c1 } = await campaign('staged');
    // figures in three months: a change of January rewrites January, February and March
    for (const period of ['2026-01', '2026-02', '2026-03']) {
      const r = await one.inject({ method: 'PUT', url: '/api/v1/campaigns/staged/figures', payload: { unit: 'u1', indicator: 'v0', period, value: '500' }, headers: { cookie: c1 } });
      expect(r.statusCode).toBe(200);
    }
    expect((await put(one, c1, 'staged', '100')).statusCode).toBe(200);
    expect(await shown(one, c1, 'staged')).toBe(100);
    const tags = async () => (await one.leitai.ctx.db.$client.query("SELECT period, etag FROM period_results WHERE campaign_id = 'staged' ORDER BY period")).rows as { period: string; etag: string }[];
    const before = await tags();
    expect(before.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03']);
    const ctx = one.leitai.ctx;
    // the catch-up is held after it wrote its first period's row
    let reached!: () => void;
    const atRow = new Promise<void>((ok) => { reached = ok; });
    let release!: () => void;
    const gate = new Promise<void>((ok) => { release = ok; });
    // the rows written by each store task of the campaign, in order
    const tasks: string[][] = [];
    const store = ctx.evaluator.store.bind(ctx.evaluator);
    ctx.evaluator.store = (task, figures, write) => {
      const written: string[] = [];
      if (task.specKey.startsWith('staged@')) tasks.push(written);
      return store(task, figures, async (row) => {
        await write(row);
        written.push(row.period);
        if (tasks.length === 1 && written.length === 1) {
          reached();
          await gate;
        }
      });
    };
    try {
      expect((await put(one, c1, 'staged', '200')).statusCode).toBe(200);
      await atRow;
      // January's new row is written, and no reader sees it: every period is as before
      expect(await tags()).toEqual(before);
      // a change that recomputes in its own transaction under the campaign lock is not held up by it
      await ctx.db.transaction(async (tx) => {
        const c = await lockCampaign(tx, 'staged');
        if (!c) throw new Error('no campaign');
        await recomputeStored(tx, ctx, c, await ctx.specs.get(tx, 'staged', c.currentVersion), new Date(), ['2026-01']);
      });
      const inline = await tags();
      expect(inline.map((r) => r.period)).toEqual(['2026-01', '2026-02', '2026-03']);
      expect(inline[0].etag).not.toBe(before[0].etag);
      // the catch-up goes on, finds newer results stored and stores nothing over them
      release();
      await ctx.results.kick('staged');
      // the catch-up's rows and the inline change's
      expect(tasks.slice(0, 2)).toEqual([['2026-01', '2026-02', '2026-03'], ['2026-01', '2026-02', '2026-03']]);
      expect(await tags()).toEqual(inline);
      const v = await versions('staged');
      expect(v.results).toBe(v.data);
      expect(await shown(one, c1, 'staged')).toBe(200);
      // the bodies stored (sent to the database as bytes) are the text their etag was made of
      const stored = (await ctx.db.$client.query("SELECT body, public_body, etag FROM period_results WHERE campaign_id = 'staged'")).rows as { body: string; public_body: string; etag: string }[];
      for (const r of stored) expect(etagOf(r.body, r.public_body)).toBe(r.etag);
    } finally {
      ctx.evaluator.store = store;
      release();
    }
  });

  it('saves of one campaign at once in one process: each finds the figures the save before it left in the cache, none reads them all again', async () => {
    const { c1 } = await campaign('turns');
    expect((await put(one, c1, 'turns', '1')).statusCode).toBe(200);
    // (the first save read its unit's figures; the cache is filled behind it)
    await one.leitai.ctx.figures.filled('turns');
    const reads = one.leitai.ctx.figures.reads;
    const saves = await Promise.all(Array.from({ length: 30 }, (_, k) => one.inject({
      method: 'PUT', url: '/api/v1/campaigns/turns/figures', headers: { cookie: c1 },
      payload: { unit: `u${k % 6}`, indicator: 'v1', period: `2026-${String(1 + Math.floor(k / 6)).padStart(2, '0')}`, value: String(10 + k), version: null },
    })));
    expect(saves.map((r) => r.statusCode)).toEqual(saves.map(() => 200));
    // the results catch up from the cache too (columns of the snapshot's version)
    expect(await shown(one, c1, 'turns', 'u0')).toBe(1);
    expect(one.leitai.ctx.figures.reads).toBe(reads);
  });

  it('a save the database refuses (a statement fails) sinks none of the saves committed with it: they are stored and audited, it is answered with the error', async () => {
    const { c1 } = await campaign('sink');
    // a failure the engine cannot foresee: the database refuses one value
    await one.leitai.ctx.db.$client.query(`CREATE FUNCTION refuse_666() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN
      IF NEW.campaign_id = 'sink' AND NEW.value = '666' THEN RAISE EXCEPTION 'refused by the test'; END IF; RETURN NEW; END $$`);
    await one.leitai.ctx.db.$client.query('CREATE TRIGGER refuse_666 BEFORE INSERT OR UPDATE ON figures FOR EACH ROW EXECUTE FUNCTION refuse_666()');
    try {
      const saves = await Promise.all(Array.from({ length: 12 }, (_, k) => one.inject({
        method: 'PUT', url: '/api/v1/campaigns/sink/figures', headers: { cookie: c1 },
        payload: { unit: `u${k % 6}`, indicator: k < 6 ? 'v0' : 'v1', period: '2026-01', value: k === 7 ? '666' : String(200 + k), version: null },
      })));
      expect(saves.map((r) => r.statusCode)).toEqual(saves.map((_, k) => (k === 7 ? 500 : 200)));
      const stored = await one.leitai.ctx.db.$client.query("SELECT count(*)::int AS n FROM figures WHERE campaign_id = 'sink'");
      expect(stored.rows[0].n).toBe(11);
      const audit = await one.leitai.ctx.db.$client.query("SELECT subject FROM audit_log WHERE campaign_id = 'sink' AND action = 'figure.set' ORDER BY seq");
      expect(audit.rows).toHaveLength(11);
      expect(audit.rows.map((r: { subject: string }) => r.subject)).not.toContain('u1/v1/2026-01');
      expect((await verifyAuditChain(one.leitai.ctx.db)).ok).toBe(true);
      // and the results count the 11, in either process
      const c2 = await signIn(two, (await makeUser(two, 'organizer')).username);
      for (const [app, cookie] of [[one, c1], [two, c2]] as const) {
        const r = (await app.inject({ method: 'GET', url: '/api/v1/campaigns/sink/results?period=2026-01', headers: { cookie } })).json();
        expect(Object.values(r.counts as Record<string, { counted: number }>).reduce((n, c) => n + c.counted, 0)).toBe(11);
      }
    } finally {
      await one.leitai.ctx.db.$client.query('DROP TRIGGER refuse_666 ON figures; DROP FUNCTION refuse_666()');
    }
  });

  it('saves arriving together are committed together, yet each answers as if alone: a refused one stores nothing and the others are stored and audited', async () => {
    const { c1 } = await campaign('group');
    const saves = await Promise.all(Array.from({ length: 24 }, (_, k) => one.inject({
      method: 'PUT', url: '/api/v1/campaigns/group/figures', headers: { cookie: c1 },
      // every fourth is refused: not a number (422), or a version the figure never had (409)
      payload: { unit: `u${k % 6}`, indicator: 'v0', period: `2026-${String(1 + Math.floor(k / 6)).padStart(2, '0')}`, value: k % 8 === 3 ? 'abc' : String(100 + k), version: k % 8 === 7 ? 5 : null },
    })));
    const refused = (k: number) => k % 4 === 3;
    expect(saves.map((r) => r.statusCode)).toEqual(saves.map((_, k) => (!refused(k) ? 200 : k % 8 === 3 ? 422 : 409)));
    const stored = await one.leitai.ctx.db.$client.query("SELECT unit_id, period, value FROM figures WHERE campaign_id = 'group' ORDER BY period, unit_id");
    expect(stored.rows.map((r: { value: string }) => r.value)).toEqual(saves.flatMap((_, k) => (refused(k) ? [] : [String(100 + k)])));
    const audit = await one.leitai.ctx.db.$client.query("SELECT count(*)::int AS n FROM audit_log WHERE campaign_id = 'group' AND action = 'figure.set'");
    expect(audit.rows[0].n).toBe(18);
    // and the results count exactly the stored ones, in either process
    for (const app of [one, two]) {
      const cookie = app === one ? c1 : await signIn(two, (await makeUser(two, 'organizer')).username);
      let counted = 0;
      for (const period of ['2026-01', '2026-02', '2026-03', '2026-04']) {
        const r = (await app.inject({ method: 'GET', url: `/api/v1/campaigns/group/results?period=${period}`, headers: { cookie } })).json();
        counted += Object.values(r.counts as Record<string, { counted: number }>).reduce((n, c) => n + c.counted, 0);
      }
      expect(counted).toBe(18);
    }
  });
});
