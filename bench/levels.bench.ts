// `npm run bench:levels`: issue 14's speed check — a county with 300 villages in 20 town campaigns
// plus the county's own campaign (its 20 towns each fed by a roll-up from their town's campaign),
// on one installation, through real HTTP on an embedded PostgreSQL. Measured against the
// server-speed goals (issue 12): a saved figure ≤ 20× a signed-in GET /auth/me, saves p95 < 1 s;
// and what the levels add: closing a town's month (which rolls up into the county's campaign in the
// same transaction), the county overview of all 21 campaigns, the county leaderboard.
// Figures go in through the services (the one figure path), months are opened, verified and closed
// as an organizer would. Prints a table; no threshold is asserted (a benchmark, not a timed test).
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, clusterDir, createDatabaseIfMissing, openPeriodsQuietly, runMigrations, startEmbeddedPostgres, withDatabase } from '../packages/server/src/index.ts';
import { createCampaign } from '../packages/server/src/services/campaigns.ts';
import { createUser } from '../packages/server/src/services/users.ts';
import { writeFigures } from '../packages/server/src/services/figures.ts';
import { updatePeriod } from '../packages/server/src/services/periods.ts';
import { decide } from '../packages/server/src/services/verification.ts';
import { createRollup } from '../packages/server/src/services/rollups.ts';
import { insertOrganization } from '../packages/server/src/repositories/users.ts';

const PASSWORD = 'bench-password-42';
const TOWNS = 20;
const VILLAGES = 15;
const MONTHS = ['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06'];
const CLOSED = MONTHS.slice(0, 5);
const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

function request(port: number, method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ status: number; body: string; ms: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const t0 = performance.now();
    const req = http.request({
      host: '127.0.0.1', port, method, path, agent,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString(), ms: performance.now() - t0, headers: res.headers }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const quantile = (xs: number[], q: number) => { const s = [...xs].sort((a, b) => a - b); return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))]; };
const median = (xs: number[]) => quantile(xs, 0.5);
const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

const townSpec = (i: number) => `version: 1
campaign: { id: town${i}-2026, name: 第${i}镇2026年度村级擂台赛, year: 2026, cadence: month, precision: 2 }
groups:
  - { id: village, name: 行政村 }
units:
${Array.from({ length: VILLAGES }, (_, v) => `  - { id: t${i}v${v}, name: 第${i}镇${v + 1}村, group: village }`).join('\n')}
indicators:
  - { id: income, name: 村集体经济收入, measure: 万元, input: value, weight: 40, method: schedule, cumulative: true, target: 24, cap: 1.2 }
  - { id: tidy, name: 人居环境整治, measure: 分, input: value, weight: 30, method: best }
  - { id: party, name: 党建工作, measure: 分, input: value, weight: 30, method: best }
flags:
  - { id: red, name: 红旗, color: red, award: top, scope: all }
`;

const countySpec = () => `version: 1
campaign: { id: county-2026, name: 县级擂台赛, year: 2026, cadence: month, precision: 2 }
groups:
  - { id: town, name: 乡镇组 }
units:
${Array.from({ length: TOWNS }, (_, i) => `  - { id: town${i}, name: 第${i}镇, group: town }`).join('\n')}
indicators:
  - { id: villages, name: 村级擂台赛平均得分, measure: 分, input: value, weight: 40, method: best }
  - { id: gdp, name: 地区生产总值, measure: 亿元, input: value, weight: 60, method: schedule, cumulative: true, target: 120 }
`;

async function main() {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-levels-'));
  const pgServer = await startEmbeddedPostgres({ dir: join(dir, 'pg'), relocatable: true, log });
  let app: FastifyInstance | undefined;
  try {
    await createDatabaseIfMissing(pgServer.url, 'bench_levels');
    const url = withDatabase(pgServer.url, 'bench_levels');
    await runMigrations(url);
    app = await buildApp({ databaseUrl: url, poolSize: 20 });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const port = (app.server.address() as { port: number }).port;
    const ctx = app.leitai.ctx;
    const admin = await createUser(ctx, { username: 'bench-admin', password: PASSWORD, displayName: '县委组织部', role: 'admin' });
    const actor = { ...admin, username: admin.username, grants: [{ role: 'admin' as const }] };
    const { rows } = await ctx.db.$client.query('SELECT id FROM organizations WHERE parent_id IS NULL ORDER BY id LIMIT 1');
    const root = rows[0].id as number;

    const t0 = performance.now();
    await createCampaign(ctx, actor, countySpec());
    await openPeriodsQuietly(ctx, actor, 'county-2026', MONTHS);
    const county: { unit: string; indicator: string; period: string; value: string; row: number }[] = [];
    for (let i = 0; i < TOWNS; i++) MONTHS.forEach((p, m) => county.push({ unit: `town${i}`, indicator: 'gdp', period: p, value: ((m + 1) * (8 + (i % 5))).toFixed(2), row: county.length + 2 }));
    await writeFigures(ctx, actor, 'county-2026', county);
    let figures = county.length;
    for (let i = 0; i < TOWNS; i++) {
      const org = await insertOrganization(ctx.db, { parentId: root, name: `第${i}镇党委`, kind: 'town' });
      await createCampaign(ctx, actor, townSpec(i), org.id);
      const id = `town${i}-2026`;
      await openPeriodsQuietly(ctx, actor, id, MONTHS);
      const rowsOf: { unit: string; indicator: string; period: string; value: string; row: number }[] = [];
      for (let v = 0; v < VILLAGES; v++) {
        MONTHS.forEach((p, m) => {
          const form = 0.8 + ((i * 7 + v * 3 + m) % 9) / 20;
          rowsOf.push({ unit: `t${i}v${v}`, indicator: 'income', period: p, value: (2 * (m + 1) * form).toFixed(2), row: 0 });
          rowsOf.push({ unit: `t${i}v${v}`, indicator: 'tidy', period: p, value: (70 + 20 * form).toFixed(1), row: 0 });
          rowsOf.push({ unit: `t${i}v${v}`, indicator: 'party', period: p, value: (20 + 8 * form).toFixed(1), row: 0 });
        });
      }
      await writeFigures(ctx, actor, id, rowsOf.map((r, k) => ({ ...r, row: k + 2 })));
      figures += rowsOf.length;
      await decide(ctx, actor, id, rowsOf.filter((r) => CLOSED.includes(r.period)).map((r) => ({ unit: r.unit, indicator: r.indicator, period: r.period, version: 1, decision: 'approve' as const })));
      // the county's cell for this town is fed by the town campaign's mean village total
      await createRollup(ctx, actor, 'county-2026', { unit: `town${i}`, indicator: 'villages', sourceCampaign: id, measure: 'mean_total' });
    }
    log(`${TOWNS} town campaigns × ${VILLAGES} villages (${TOWNS * VILLAGES} villages) + the county's campaign of ${TOWNS} towns: ${figures} figures entered through the figure path, ${TOWNS} roll-up links, in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    // closing a town's month: verification → closed, the roll-up into the county in the same transaction
    const closes: number[] = [];
    for (const period of CLOSED) {
      for (let i = 0; i < TOWNS; i++) {
        await updatePeriod(ctx, actor, `town${i}-2026`, period, { state: 'verification' });
        const c0 = performance.now();
        await updatePeriod(ctx, actor, `town${i}-2026`, period, { state: 'closed' });
        closes.push(performance.now() - c0);
      }
    }
    const rolled = (await ctx.db.$client.query(`SELECT count(*)::int AS n FROM figures WHERE campaign_id = 'county-2026' AND indicator_id = 'villages'`)).rows[0].n as number;

    const login = await request(port, 'POST', '/api/v1/auth/login', { body: { username: 'bench-admin', password: PASSWORD } });
    const cookie = [login.headers['set-cookie']].flat().find((x) => x?.startsWith('leitai_session='))?.split(';')[0] ?? '';
    const time = async (n: number, method: string, path: (k: number) => string, body?: (k: number) => unknown) => {
      const out: number[] = [];
      for (let k = 0; k < n; k++) {
        const r = await request(port, method, path(k), { cookie, body: body?.(k) });
        if (r.status !== 200) throw new Error(`${method} ${path(k)}: ${r.status} ${r.body.slice(0, 300)}`);
        out.push(r.ms);
      }
      return out;
    };
    await time(5, 'GET', () => '/api/v1/auth/me');
    const me = await time(40, 'GET', () => '/api/v1/auth/me');
    // a village's June figure, saved again and again (each a new version, through the whole path)
    let version: number | null = 1;
    const puts: number[] = [];
    for (let k = 0; k < 30; k++) {
      const r = await request(port, 'PUT', '/api/v1/campaigns/town3-2026/figures', { cookie, body: { unit: 't3v4', indicator: 'tidy', period: '2026-06', value: (80 + (k % 7) / 10).toFixed(1), version } });
      if (r.status !== 200) throw new Error(`PUT: ${r.status} ${r.body.slice(0, 300)}`);
      version = (JSON.parse(r.body) as { figure: { version: number } }).figure.version;
      puts.push(r.ms);
    }
    const overview = await time(10, 'GET', () => '/api/v1/overview');
    const board = await time(20, 'GET', () => '/api/v1/campaigns/county-2026/results?period=2026-05');
    const periods = await time(10, 'GET', () => '/api/v1/campaigns/county-2026/periods');
    const rollups = await time(10, 'GET', () => '/api/v1/campaigns/county-2026/rollups');

    log('');
    log('| what | median | p95 | goal (issue 12) |');
    log('|---|---|---|---|');
    log(`| GET /auth/me (signed in) | ${f1(median(me))} ms | ${f1(quantile(me, 0.95))} ms | baseline |`);
    log(`| PUT one village figure (town campaign) | ${f1(median(puts))} ms | ${f1(quantile(puts, 0.95))} ms | ≤ 20× /auth/me: ${(median(puts) / median(me)).toFixed(1)}×; p95 < 1 s |`);
    log(`| close a town's month (recompute + roll-up into the county), ${closes.length} closes | ${f1(median(closes))} ms | ${f1(quantile(closes, 0.95))} ms | (p95 < 1 s, as a save) |`);
    log(`| GET /overview (county: ${TOWNS + 1} campaigns, periods, 催报, requests) | ${f1(median(overview))} ms | ${f1(quantile(overview, 0.95))} ms | — |`);
    log(`| GET county leaderboard (results?period=2026-05) | ${f1(median(board))} ms | ${f1(quantile(board, 0.95))} ms | — |`);
    log(`| GET county periods | ${f1(median(periods))} ms | ${f1(quantile(periods, 0.95))} ms | — |`);
    log(`| GET county roll-up links (${TOWNS}, with their values) | ${f1(median(rollups))} ms | ${f1(quantile(rollups, 0.95))} ms | — |`);
    log(`\nrolled-up county figures: ${rolled} (expected ${TOWNS * CLOSED.length}); RSS ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB; node ${process.version}`);
  } finally {
    await app?.close();
    await pgServer.stop();
    const cluster = clusterDir(join(dir, 'pg'), true);
    if (!cluster.startsWith(dir)) rmSync(join(cluster, '..'), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    agent.destroy();
  }
}

await main();
