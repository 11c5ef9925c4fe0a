// `npm run bench:server`: the server around the engine (issue 12), through real HTTP on an
// embedded PostgreSQL (durable settings), next to a bare node:http server sending the same bytes.
//
// Per campaign size (units × 20 indicators × 6 months; the largest is 10,000 × 30 × 12 months):
//   - GET /auth/me (signed in) and PUT of one figure, medians over sequential requests: the ratio;
//   - event-loop delay while figures are saved (monitorEventLoopDelay, 1 ms resolution): p50/p99/max,
//     and a cheap GET probing the loop meanwhile;
//   - the leaderboard (GET /results?period=P&shape=columns, as the web asks for it): bytes uncompressed (per unit) and on the wire (br),
//     requests/s with 20 concurrent clients next to a bare node:http server sending the same bytes;
//     and 304s to a client that has them; the same with every request reading its session from the
//     database (a second app on the same database with sessionCache: false); one page of 50 units
//     (?offset=&limit=), its bytes and requests/s;
//   - a deadline rush: R reporters in their own sessions saving their unit's 20 figures at once
//     (half by PUT one by one, half by batch): every save answered, p50/p95 of a save.
// Figures are loaded by SQL (the bulk load is not what is measured), then the campaign's results
// computed once through the server's own recompute. Prints a table; no threshold is asserted.
// `--leaderboard`: only the leaderboard (no single saves, no rush). `--slow-ticks`: the main thread
// sampled during the single saves, and its slow ticks (> 10 ms) printed with what ran in them.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { generate } from './generate.ts';
import { buildApp, clusterDir, runMigrations, startEmbeddedPostgres, withDatabase, createDatabaseIfMissing } from '../packages/server/src/index.ts';
import { createCampaign } from '../packages/server/src/services/campaigns.ts';
import { createUser, insertNewUser } from '../packages/server/src/services/users.ts';
import { hashPassword } from '../packages/server/src/auth/password.ts';
import { hashToken, newToken } from '../packages/server/src/auth/token.ts';
import { SESSION_COOKIE } from '../packages/server/src/http/types.ts';
import { openPeriodsQuietly } from '../packages/server/src/services/periods.ts';
import { recomputeStored } from '../packages/server/src/services/recompute.ts';
import { lockCampaign } from '../packages/server/src/repositories/campaigns.ts';
import { groupSizes } from '../packages/server/src/services/figures.ts';
import { copyFigures } from './server-figures.ts';
import { describeSlowTicks, watchSlowTicks } from './slow-ticks.ts';

const PASSWORD = 'bench-password-42';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

interface Res { status: number; headers: http.IncomingHttpHeaders; body: Buffer; ms: number }

function request(port: number, method: string, path: string, opts: { cookie?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Res> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const t0 = performance.now();
    const req = http.request({
      host: '127.0.0.1', port, method, path, agent,
      headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}), ...opts.headers },
    }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
      res.on('error', reject);
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.floor(q * s.length))];
}
const f1 = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function signIn(port: number, username: string): Promise<string> {
  const r = await request(port, 'POST', '/api/v1/auth/login', { body: { username, password: PASSWORD } });
  const c = [r.headers['set-cookie']].flat().find((x) => x?.startsWith('leitai_session='));
  if (!c) throw new Error(`login ${username}: ${r.status} ${r.body}`);
  return c.split(';')[0];
}

/** Requests per second of `path` with `clients` concurrent clients for `ms`. */
async function throughput(port: number, path: string, headers: Record<string, string>, clients: number, ms: number): Promise<number> {
  let n = 0;
  const end = performance.now() + ms;
  await Promise.all(Array.from({ length: clients }, async () => {
    while (performance.now() < end) {
      const r = await request(port, 'GET', path, { headers });
      if (r.status !== 200 && r.status !== 304) throw new Error(`${path}: ${r.status}`);
      n++;
    }
  }));
  return n / (ms / 1000);
}

/** rush: reporters (one per unit); rushSeconds: the window over which they start (0: all at once) */
interface Scenario { units: number; indicators: number; months: number; rush: number; rushSeconds: number; puts: number }

const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
/** RSS, peak RSS, heap used and array buffers now (MB) */
function memNow(): string {
  const m = process.memoryUsage();
  const mb = (x: number) => (x / 1048576).toFixed(0);
  return `RSS ${mb(m.rss)} MB (peak ${peakRssMb().toFixed(0)}), heap ${mb(m.heapUsed)} MB, array buffers ${mb(m.arrayBuffers)} MB`;
}

async function run(adminUrl: string, s: Scenario, log: (line: string) => void, leaderboardOnly: boolean, slowTicksWanted = false) {
  const name = `bench_${s.units}_${s.indicators}_${s.months}`;
  await createDatabaseIfMissing(adminUrl, name);
  const url = withDatabase(adminUrl, name);
  await runMigrations(url);
  const t0 = performance.now();
  const g = generate({ units: s.units, indicators: s.indicators, reader: 'validateSpec' });
  // memory and time at each step of the setup (the 10,000-unit scenario: where the memory goes)
  const setup = (what: string) => log(`  setup: ${what} at ${((performance.now() - t0) / 1000).toFixed(1)} s; ${memNow()}`);
  setup('spec generated');
  // INLINE_BELOW: the evaluator's threshold (an A/B of where the engine runs; 20000 was the default before session 8)
  const inlineBelow = process.env.INLINE_BELOW === undefined ? undefined : Number(process.env.INLINE_BELOW);
  const app: FastifyInstance = await buildApp({ databaseUrl: url, poolSize: 20, ...(inlineBelow === undefined ? {} : { evaluator: { inlineBelow } }) });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const ctx = app.leitai.ctx;
  const admin = await createUser(ctx, { username: 'bench-admin', password: PASSWORD, displayName: 'admin', role: 'admin' });
  await createUser(ctx, { username: 'bench-org', password: PASSWORD, displayName: '组织部', role: 'organizer' });
  const campaign = await createCampaign(ctx, { ...admin, username: admin.username }, g.specText);
  const id = campaign.id;
  setup(`campaign created (spec ${(g.specText.length / 1048576).toFixed(2)} MB)`);
  // every period open for reporting (a period not yet opened takes no figures)
  await openPeriodsQuietly(ctx, { ...admin, username: admin.username }, id);
  // figures of the first `months` months, by SQL
  const c = new pg.Client({ connectionString: url });
  // the cluster stops when a phase fails: the failure is reported, not this connection's end
  c.on('error', () => {});
  await c.connect();
  const U = g.units;
  const ids = g.spec.units.map((u) => u.id);
  const periods: string[] = [];
  for (let t = 0; t < s.months; t++) periods.push(`${g.spec.campaign.year}-${String(t + 1).padStart(2, '0')}`);
  // by one COPY (3.2 million rows at 10,000 units), its lines made as they are sent
  const loaded = await copyFigures(c, g, id, s.months);
  setup(`${loaded} figures loaded by SQL`);
  await ctx.db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    if (!row) throw new Error('no campaign');
    await recomputeStored(tx, ctx, row, await ctx.specs.get(tx, id, row.currentVersion), new Date(), 'latest');
  });
  setup('the year computed and stored');
  log(`  ${s.units} units × ${s.indicators} indicators × ${s.months} months: ${loaded} figures loaded and computed in ${((performance.now() - t0) / 1000).toFixed(1)} s; peak RSS so far ${peakRssMb().toFixed(0)} MB, heap now ${(process.memoryUsage().heapUsed / 1048576).toFixed(0)} MB`);

  const phase = (what: string) => log(`  … ${what} at ${((performance.now() - t0) / 1000).toFixed(1)} s; ${memNow()}; figure cache ${ctx.figures.figureCount} figures`);
  const org = await signIn(port, 'bench-org');
  // warm up
  for (let i = 0; i < 20; i++) await request(port, 'GET', '/api/v1/auth/me', { cookie: org });
  const me: number[] = [];
  for (let i = 0; i < 100; i++) me.push((await request(port, 'GET', '/api/v1/auth/me', { cookie: org })).ms);

  // one figure saved by PUT: the latest period's first value indicator of successive units, with
  // the event loop watched and probed meanwhile
  const last = periods[periods.length - 1];
  const valueInd = g.spec.indicators.find((d) => d.input === 'value' && d.method !== 'schedule') ?? g.spec.indicators[0];
  const current = new Map<string, { value: string; version: number }>();
  for (const f of (JSON.parse((await request(port, 'GET', `/api/v1/campaigns/${id}/figures?period=${last}`, { cookie: org })).body.toString()).figures as { unit: string; indicator: string; value: string; version: number }[])) {
    if (f.indicator === valueInd.id) current.set(f.unit, f);
  }
  if (!leaderboardOnly) phase('saving single figures');
  const loop = monitorEventLoopDelay({ resolution: 1 });
  const probes: number[] = [];
  let probing = true;
  const probe = (async () => {
    while (probing) {
      probes.push((await request(port, 'GET', '/api/v1/auth/me', { cookie: org })).ms);
      await new Promise((r) => setTimeout(r, 5));
    }
  })();
  // --slow-ticks: the main thread sampled meanwhile (the loop delay then includes the profiler's cost)
  const stopTicks = slowTicksWanted ? await watchSlowTicks(10) : undefined;
  loop.enable();
  const puts: number[] = [];
  const catchUps = ctx.results.computed;
  for (let i = 0; i < (leaderboardOnly ? 0 : s.puts); i++) {
    const unit = ids[(i * 7) % U];
    const f = current.get(unit);
    const value = String(Number(f?.value ?? '1') + 1);
    const r = await request(port, 'PUT', `/api/v1/campaigns/${id}/figures`, { cookie: org, body: { unit, indicator: valueInd.id, period: last, value, version: f?.version ?? null } });
    if (r.status !== 200) throw new Error(`PUT ${r.status} ${r.body}`);
    current.set(unit, { value, version: JSON.parse(r.body.toString()).figure.version });
    puts.push(r.ms);
  }
  loop.disable();
  probing = false;
  await probe;
  if (stopTicks) for (const line of describeSlowTicks(await stopTicks(), 10)) log(line);
  const lp = (q: number) => loop.percentile(q) / 1e6;
  if (puts.length > 0) {
    // the first save of the process reads only its unit's figures; the cache is filled behind it
    log(`  single saves in order (ms): ${puts.map((ms) => ms.toFixed(0)).join(', ')}; figures read under the lock ${ctx.figures.readFigures.units}, by the cache's fills ${ctx.figures.readFigures.all}; results catch-ups meanwhile ${ctx.results.computed - catchUps}`);
    const waiting = performance.now();
    await ctx.figures.filled(id);
    log(`  the figure cache filled in the background (${ctx.figures.figureCount} figures) ${((performance.now() - waiting) / 1000).toFixed(1)} s after the last save answered`);
  }

  phase('the leaderboard');
  // the leaderboard
  // as the web's leaderboard asks for it: the result in columns
  const path = `/api/v1/campaigns/${id}/results?period=${last}&shape=columns`;
  const plain = await request(port, 'GET', path, { cookie: org });
  const br = await request(port, 'GET', path, { cookie: org, headers: { 'accept-encoding': 'br, gzip' } });
  const etag = br.headers.etag as string;
  const bare = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'br', etag, 'cache-control': 'private, no-cache', vary: 'Accept-Encoding, Cookie', 'content-length': br.body.length });
    res.end(br.body);
  });
  await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
  const barePort = (bare.address() as { port: number }).port;
  const wire = { cookie: org, 'accept-encoding': 'br, gzip' };
  const secs = s.units >= 10_000 ? 3000 : 4000;
  const oursRps = await throughput(port, path, wire, 20, secs);
  const bareRps = await throughput(barePort, path, wire, 20, secs);
  const notModified = await throughput(port, path, { ...wire, 'if-none-match': etag }, 20, 2000);
  await new Promise((r) => bare.close(r));
  // the same with every request reading its session from the database (as before the session cache)
  const uncached = await buildApp({ databaseUrl: url, poolSize: 20, sessionCache: false });
  await uncached.listen({ port: 0, host: '127.0.0.1' });
  const uncachedPort = (uncached.server.address() as { port: number }).port;
  await request(uncachedPort, 'GET', path, { headers: wire });
  const uncachedRps = await throughput(uncachedPort, path, wire, 20, secs);
  await uncached.close();
  // one page of 50 units, as a paged leaderboard asks for it
  const pagePath = `${path}&offset=0&limit=50`;
  const pagePlain = await request(port, 'GET', pagePath, { cookie: org });
  const pageBr = await request(port, 'GET', pagePath, { cookie: org, headers: { 'accept-encoding': 'br, gzip' } });
  const pageRps = await throughput(port, pagePath, wire, 20, 2000);
  // a page further down, asked for the first time (cut from the stored body)
  const tp = performance.now();
  const far = await request(port, 'GET', `${path}&offset=${Math.max(0, s.units - 50)}&limit=50`, { cookie: org });
  const farMs = performance.now() - tp;
  if (far.status !== 200) throw new Error(`page: ${far.status}`);
  log(`  leaderboard: ${oursRps.toFixed(0)} req/s (bare ${bareRps.toFixed(0)}), without the session cache ${uncachedRps.toFixed(0)}; a page of 50: ${pagePlain.body.length} B (${pageBr.body.length} B br), ${pageRps.toFixed(0)} req/s, a new page ${farMs.toFixed(0)} ms; peak RSS ${peakRssMb().toFixed(0)} MB`);
  const pageStats = { bytes: pagePlain.body.length, wire: pageBr.body.length, rps: pageRps, firstMs: farMs };

  // the deadline rush: reporters of the first `rush` units, each saving their unit's value figures
  // (up to 20) of the period after the loaded ones, half one by one, half in a batch
  const reporterInds = g.spec.indicators.filter((d) => d.input === 'value').slice(0, 20).map((d) => d.id);
  // reporters created in one transaction with one password hash, signed in by a session row each
  // (a thousand scrypt hashes and sign-ins are not what is measured)
  const rushCount = leaderboardOnly ? 0 : s.rush;
  const passwordHash = await hashPassword(PASSWORD);
  await ctx.db.transaction(async (tx) => {
    for (let u = 0; u < rushCount; u++) {
      const username = `rush-${u}`;
      await insertNewUser(tx, ctx, { username, displayName: username, role: 'reporter', assignments: [{ campaignId: id, unitId: ids[u] }] }, passwordHash, null);
    }
  });
  const rushers: { unit: string; cookie: string }[] = [];
  for (let u = 0; u < rushCount; u++) {
    const token = newToken();
    await c.query(`INSERT INTO sessions (token_hash, user_id, expires_at) SELECT $1, id, now() + interval '1 day' FROM users WHERE username = $2`, [hashToken(token), `rush-${u}`]);
    rushers.push({ unit: ids[u], cookie: `${SESSION_COOKIE}=${token}` });
  }
  // each reporter starts at a moment spread evenly (shuffled) over the rush's window (0: all at once)
  const starts = rushers.map((_, k) => (s.rushSeconds * 1000 * k) / Math.max(1, rushCount));
  for (let k = starts.length - 1; k > 0; k--) {
    const j = (k * 7919 + 13) % (k + 1);
    [starts[k], starts[j]] = [starts[j], starts[k]];
  }
  phase('the rush');
  const rushPeriod = `${g.spec.campaign.year}-${String(s.months + 1).padStart(2, '0')}`;
  const saves: number[] = [];
  let failed = 0;
  let firstFailure = '';
  const tr = performance.now();
  const groupsBefore = groupSizes.length;
  await Promise.all(rushers.map(async ({ unit, cookie }, k) => {
    if (starts[k] > 0) await new Promise((r) => setTimeout(r, starts[k]));
    const figures = reporterInds.map((ind, j) => ({ unit, indicator: ind, period: rushPeriod, value: String(1000 + k + j), version: null, explanation: '截止前集中报送' }));
    if (k % 2 === 0) {
      const r = await request(port, 'POST', `/api/v1/campaigns/${id}/figures/batch`, { cookie, body: { figures } });
      saves.push(r.ms);
      if (r.status !== 200) { failed++; firstFailure ||= `${r.status} ${r.body.toString().slice(0, 300)}`; }
    } else {
      for (const f of figures) {
        const r = await request(port, 'PUT', `/api/v1/campaigns/${id}/figures`, { cookie, body: f });
        saves.push(r.ms);
        if (r.status !== 200) { failed++; firstFailure ||= `${r.status} ${r.body.toString().slice(0, 300)}`; }
      }
    }
  }));
  const rushSecs = (performance.now() - tr) / 1000;
  if (firstFailure) log(`  first failed save: ${firstFailure}`);
  // the groups of saves committed together in one transaction (services/figures.ts groupWrite)
  const groups = groupSizes.slice(groupsBefore);
  const inGroups = groups.reduce((n, g) => n + g, 0);
  log(`  rush: ${inGroups} writes committed in ${groups.length} transactions — group size mean ${(inGroups / Math.max(1, groups.length)).toFixed(2)}, p50 ${quantile(groups, 0.5)}, p95 ${quantile(groups, 0.95)}, max ${Math.max(0, ...groups)}; writes in a group of more than one ${((groups.filter((g) => g > 1).reduce((n, g) => n + g, 0) / Math.max(1, inGroups)) * 100).toFixed(0)} %`);
  // saves are answered before their results are stored: how long after the last answer the
  // leaderboard (which waits for them) counts every figure of the rush
  const tc = performance.now();
  const after = rushers.length === 0 ? { counts: {} } : JSON.parse((await request(port, 'GET', `/api/v1/campaigns/${id}/results?period=${rushPeriod}`, { cookie: org })).body.toString()) as { counts: Record<string, { counted: number }> };
  const caughtUp = (performance.now() - tc) / 1000;
  const countedAll = rushers.every(({ unit }) => after.counts[unit]?.counted === reporterInds.length);
  log(`  results caught up ${caughtUp.toFixed(1)} s after the rush's last answer; every rush figure counted: ${countedAll}`);
  const audited = Number((await c.query(`SELECT count(*) AS n FROM audit_log WHERE campaign_id = $1 AND action = 'figure.set' AND actor LIKE 'rush-%'`, [id])).rows[0].n);
  await c.end();
  await app.close();
  const mem = process.memoryUsage();
  return {
    scenario: `${s.units} × ${s.indicators} × ${s.months}`,
    figures: loaded,
    me: median(me), put: median(puts), putP95: quantile(puts, 0.95),
    loop: { p50: lp(50), p99: lp(99), max: loop.max / 1e6 }, probe: { p50: median(probes), p99: quantile(probes, 0.99), max: Math.max(...probes) },
    body: plain.body.length, perUnit: plain.body.length / s.units, wire: br.body.length,
    oursRps, bareRps, notModified, uncachedRps, page: pageStats, peakRss: peakRssMb(),
    rush: { reporters: s.rush, saves: saves.length, failed, p50: median(saves), p95: quantile(saves, 0.95), secs: rushSecs, audited, expected: s.rush * reporterInds.length, caughtUp, countedAll },
    rssMb: mem.rss / 1048576,
  };
}

async function main() {
  const log = (line: string) => process.stdout.write(`${line}\n`);
  const only = process.argv.slice(2).map(Number).filter((n) => n > 0);
  const leaderboardOnly = process.argv.includes('--leaderboard');
  const slowTicksWanted = process.argv.includes('--slow-ticks');
  const scenarios: Scenario[] = [
    { units: 70, indicators: 20, months: 6, rush: 70, rushSeconds: 0, puts: 30 },
    // the rush: 1,000 reporters starting within 10 minutes (RUSH_SECONDS: another window,
    // RUSH_REPORTERS: fewer reporters)
    { units: 1000, indicators: 20, months: 6, rush: Number(process.env.RUSH_REPORTERS ?? 1000), rushSeconds: Number(process.env.RUSH_SECONDS ?? 600), puts: 20 },
    // 10,000 units × 30 indicators × 12 months (the scenario): the whole year loaded, so the
    // rush (which enters the month after the loaded ones) has no month left: none at this size
    { units: 10_000, indicators: 30, months: 12, rush: 0, rushSeconds: 0, puts: 8 },
  ].filter((s) => only.length === 0 || only.includes(s.units));
  const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-server-'));
  const pgServer = await startEmbeddedPostgres({ dir: join(dir, 'pg'), relocatable: true, log });
  log(`embedded PostgreSQL (durable settings) at ${pgServer.url.replace(/:[^:@/]*@/, ':***@')}`);
  const rows = [];
  try {
    const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');
    for (const s of scenarios) {
      log(`${s.units} units: load average (1/5/15 min) at the start ${load()}`);
      rows.push(await run(pgServer.url, s, log, leaderboardOnly, slowTicksWanted));
      log(`${s.units} units: load average at the end ${load()}`);
    }
  } finally {
    await pgServer.stop();
    // as root the cluster may live elsewhere (the postgres user cannot reach a root-owned temp folder)
    const cluster = clusterDir(join(dir, 'pg'), true);
    if (!cluster.startsWith(dir)) rmSync(join(cluster, '..'), { recursive: true, force: true });
    rmSync(dir, { recursive: true, force: true });
    agent.destroy();
  }
  log('');
  log('| campaign | figures | GET /auth/me median | PUT one figure median (p95) | PUT ÷ me | loop delay p50 / p99 / max while saving | probe GET p50 / p99 / max | leaderboard body (per unit) | on the wire (br) | leaderboard req/s vs bare node:http | 304 req/s | without the session cache | a page of 50 (br), req/s, a new page | peak RSS | rush: saves, failed, p50 / p95, in the figure history audit, results caught up |');
  log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows) {
    log(`| ${r.scenario} | ${r.figures} | ${f1(r.me)} ms | ${f1(r.put)} ms (${f1(r.putP95)}) | ${(r.put / r.me).toFixed(1)}× | ${f1(r.loop.p50)} / ${f1(r.loop.p99)} / ${f1(r.loop.max)} ms (p99 ÷ p50 ${(r.loop.p99 / r.loop.p50).toFixed(1)}) | ${f1(r.probe.p50)} / ${f1(r.probe.p99)} / ${f1(r.probe.max)} ms | ${(r.body / 1024).toFixed(0)} KB (${r.perUnit.toFixed(0)} B) | ${(r.wire / 1024).toFixed(0)} KB | ${r.oursRps.toFixed(0)} vs ${r.bareRps.toFixed(0)} = ${(r.oursRps / r.bareRps).toFixed(2)}× | ${r.notModified.toFixed(0)} | ${r.uncachedRps.toFixed(0)} req/s = ${(r.uncachedRps / r.bareRps).toFixed(2)}× | ${(r.page.bytes / 1024).toFixed(0)} KB (${(r.page.wire / 1024).toFixed(0)} KB), ${r.page.rps.toFixed(0)} req/s, ${f1(r.page.firstMs)} ms | ${r.peakRss.toFixed(0)} MB | ${r.rush.reporters} reporters, ${r.rush.saves} saves, ${r.rush.failed} failed, ${f1(r.rush.p50)} / ${f1(r.rush.p95)} ms in ${r.rush.secs.toFixed(1)} s; audited ${r.rush.audited}/${r.rush.expected}; results caught up ${r.rush.caughtUp.toFixed(1)} s later${r.rush.countedAll ? '' : ' (NOT every figure counted)'} |`);
  }
  log(`\nprocess RSS at the end: ${rows.length ? rows[rows.length - 1].rssMb.toFixed(0) : 0} MB; node ${process.version}`);
}

await main();
