// Server-sent events across processes: two app instances on one database; a write through one
// reaches a subscriber of the other through PostgreSQL LISTEN/NOTIFY.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.ts';
import { makeCampaign, session, smallSpec, testApp, type TestApp } from './support/factories.ts';

let a: TestApp;
let b: Awaited<ReturnType<typeof buildApp>>;
let base: string;
let cookie: string;
const C = 'small-2026';

beforeAll(async () => {
  a = await testApp();
  // a second instance, as a second server process would be: own pool, own LISTEN connection
  b = await buildApp({ databaseUrl: a.db.url, now: () => a.clock.now });
  await b.ready();
  await makeCampaign(a.app, smallSpec(C));
  await makeCampaign(a.app, smallSpec('other-2026'));
  cookie = (await session(a.app, 'organizer')).cookie;
  await a.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(a.app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await b.close();
  await a.close();
});

interface Subscriber {
  events: { event: string; data: string }[];
  next(event: string): Promise<{ event: string; data: string }>;
  close(): void;
}

function subscribe(url: string): Promise<Subscriber> {
  return new Promise((resolve, reject) => {
    const events: { event: string; data: string }[] = [];
    const waiters: { event: string; resolve: (e: { event: string; data: string }) => void }[] = [];
    let buffer = '';
    const req = http.get(url, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (!event || data === undefined) continue;
          const e = { event, data };
          events.push(e);
          const w = waiters.findIndex((x) => x.event === event);
          if (w >= 0) waiters.splice(w, 1)[0].resolve(e);
          if (event === 'ready') resolve(sub);
        }
      });
    });
    req.on('error', reject);
    const sub: Subscriber = {
      events,
      next: (event) => new Promise((res, rej) => {
        const timer = setTimeout(() => rej(new Error(`no ${event} event within 5 s`)), 5000);
        waiters.push({ event, resolve: (e) => { clearTimeout(timer); res(e); } });
      }),
      close: () => req.destroy(),
    };
  });
}

describe('GET /campaigns/:id/stream', () => {
  it('says when a ballot\'s turnout changes (a vote cast through another instance) and when it closes: ids only', async () => {
    const opened = await a.app.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/ballots`, payload: { title: '作风民主测评', kind: 'marks', indicator: 'style', period: '2026-Q1', groups: [{ id: 'dy', name: '党员', weight: '1', raters: 2 }] }, headers: { cookie } });
    expect(opened.statusCode).toBe(201);
    const ballot = opened.json().ballot.id as number;
    const sub = await subscribe(`${base}/api/v1/campaigns/${C}/stream`);
    const other = await subscribe(`${base}/api/v1/campaigns/other-2026/stream`);
    const cast = sub.next('ballot');
    expect((await b.inject({ method: 'POST', url: `/api/v1/public/vote/${opened.json().links[0].token}`, payload: { marks: { a: '30' } } })).statusCode).toBe(201);
    expect(JSON.parse((await cast).data)).toEqual({ campaign: C, ballot });
    const closed = sub.next('ballot');
    expect((await b.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/ballots/${ballot}/close`, payload: {}, headers: { cookie } })).statusCode).toBe(200);
    expect(JSON.parse((await closed).data)).toEqual({ campaign: C, ballot });
    expect(other.events.filter((e) => e.event === 'ballot')).toEqual([]);
    sub.close();
    other.close();
  });

  it('pushes a write made through another instance', async () => {
    const sub = await subscribe(`${base}/api/v1/campaigns/${C}/stream`);
    const got = sub.next('results');
    const res = await b.inject({ method: 'PUT', url: `/api/v1/campaigns/${C}/figures`, payload: { unit: 'a', indicator: 'gdp', period: '2026-Q2', value: '42' }, headers: { cookie } });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse((await got).data)).toEqual({ campaign: C, period: '2026-Q2' });
    sub.close();
  });

  it('fans out to every subscriber over ONE listening connection, and only for their campaign', async () => {
    const s1 = await subscribe(`${base}/api/v1/campaigns/${C}/stream`);
    const s2 = await subscribe(`${base}/api/v1/campaigns/${C}/stream`);
    const other = await subscribe(`${base}/api/v1/campaigns/other-2026/stream`);
    const { rows } = await a.app.leitai.ctx.db.$client.query(
      "SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
    );
    // one per app instance (a and b: each listens from its start, for its session cache), however many viewers
    expect(Number(rows[0].n)).toBe(2);
    const got1 = s1.next('results');
    const got2 = s2.next('results');
    await b.inject({ method: 'POST', url: `/api/v1/campaigns/${C}/figures/batch`, payload: { figures: [{ unit: 'b', indicator: 'gdp', period: '2026-Q1', value: '9' }] }, headers: { cookie } });
    expect(JSON.parse((await got1).data).period).toBe('2026-Q1');
    expect(JSON.parse((await got2).data).period).toBe('2026-Q1');
    await new Promise((r) => setTimeout(r, 200));
    expect(other.events.filter((e) => e.event === 'results')).toEqual([]);
    s1.close();
    s2.close();
    other.close();
  });

  it('a rejected write sends nothing', async () => {
    const sub = await subscribe(`${base}/api/v1/campaigns/${C}/stream`);
    const res = await b.inject({ method: 'PUT', url: `/api/v1/campaigns/${C}/figures`, payload: { unit: 'a', indicator: 'style', period: '2026-Q2', value: '99' }, headers: { cookie } });
    expect(res.statusCode).toBe(422);
    await new Promise((r) => setTimeout(r, 300));
    expect(sub.events.filter((e) => e.event === 'results')).toEqual([]);
    sub.close();
  });
});
