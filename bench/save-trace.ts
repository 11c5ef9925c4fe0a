// Where a PUT's time goes (issue 12): `node --import tsx bench/save-trace.ts [units=70] [puts=30]`.
// The bench's campaign (generated, figures loaded by SQL, computed once), then sequential PUTs of one
// figure through real HTTP, with every statement the process sends timed (pg Client and Pool
// wrapped): the medians of the time before BEGIN (HTTP, sign-in), BEGIN..COMMIT, COMMIT and after
// it, and the statements of the write. PAUSE=ms waits between PUTs (the catch-up of one save then
// does not overlap the next); NOKICK=1 starts no catch-up after a save (the save alone); SHOW=1 prints the last three PUTs' statements with their times and
// connections (the catch-up's beside the save's). PROFILE=1 samples the main thread (the inspector,
// 100 µs) during the PUTs and prints, per PUT, where its CPU time went (self time by library or
// project file) and how long the thread was idle (waiting for PostgreSQL, or not scheduled).
// Always printed: the CPU time per PUT (from /proc, summed over the PUTs) of this process's main
// thread, its other threads (workers: the catch-up's engine) and the database's processes, against
// the PUTs' wall time: on a loaded machine the rest is time spent waiting to be scheduled, for the
// disk (COMMIT) or for locks.
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Session } from 'node:inspector/promises';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { generate, mantText, MONTHS } from './generate.ts';
import { buildApp, clusterDir, runMigrations, startEmbeddedPostgres, withDatabase, createDatabaseIfMissing } from '../packages/server/src/index.ts';
import { createCampaign } from '../packages/server/src/services/campaigns.ts';
import { createUser } from '../packages/server/src/services/users.ts';
import { openPeriodsQuietly } from '../packages/server/src/services/periods.ts';
import { recomputeStored } from '../packages/server/src/services/recompute.ts';
import { lockCampaign } from '../packages/server/src/repositories/campaigns.ts';

const PASSWORD = 'bench-password-42';
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
interface Ev { t0: number; t1: number; pid: number; text: string }
let trace: Ev[] | null = null;
const orig = pg.Client.prototype.query as (...a: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: pg.Client & { processID: number }, ...args: unknown[]) {
  const t0 = performance.now();
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const r = orig.apply(this, args);
  if (trace && r && typeof (r as Promise<unknown>).then === 'function') {
    const tr = trace;
    const pid = this.processID;
    (r as Promise<unknown>).then(() => tr.push({ t0, t1: performance.now(), pid, text: text.replace(/\s+/g, ' ').slice(0, 110) }), () => tr.push({ t0, t1: performance.now(), pid, text: `ERR ${text.slice(0, 100)}` }));
  }
  return r;
};
const origPool = pg.Pool.prototype.query as (...a: unknown[]) => unknown;
(pg.Pool.prototype as unknown as { query: unknown }).query = function (this: pg.Pool, ...args: unknown[]) {
  const t0 = performance.now();
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string })?.text ?? '?');
  const r = origPool.apply(this, args);
  if (trace && r && typeof (r as Promise<unknown>).then === 'function') {
    const tr = trace;
    (r as Promise<unknown>).then(() => tr.push({ t0, t1: performance.now(), pid: 0, text: `POOL ${text.replace(/\s+/g, ' ').slice(0, 100)}` }), () => {});
  }
  return r;
};
function request(port: number, method: string, path: string, opts: { cookie?: string; body?: unknown } = {}): Promise<{ status: number; body: Buffer; ms: number; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : Buffer.from(JSON.stringify(opts.body));
    const t0 = performance.now();
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { ...(opts.cookie ? { cookie: opts.cookie } : {}), ...(payload ? { 'content-type': 'application/json', 'content-length': payload.length } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
    });
    req.on('error', reject);
    if (payload) req.write(payload);
    req.end();
  });
}
const units = Number(process.argv[2] ?? 70);
const N = Number(process.argv[3] ?? 30);
const dir = mkdtempSync(join(tmpdir(), 'leitai-trace-'));
const pgServer = await startEmbeddedPostgres({ dir: join(dir, 'pg'), relocatable: true, log: () => {} });
try {
  const url = withDatabase(pgServer.url, 'trace');
  await createDatabaseIfMissing(pgServer.url, 'trace');
  await runMigrations(url);
  const g = generate({ units, indicators: 20, reader: 'validateSpec' });
  const app = await buildApp({ databaseUrl: url, poolSize: 20 });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as { port: number }).port;
  const ctx = app.leitai.ctx;
  const admin = await createUser(ctx, { username: 'bench-admin', password: PASSWORD, displayName: 'admin', role: 'admin' });
  await createUser(ctx, { username: 'bench-org', password: PASSWORD, displayName: '组织部', role: 'organizer' });
  const campaign = await createCampaign(ctx, { ...admin, username: admin.username }, g.specText);
  const id = campaign.id;
  await openPeriodsQuietly(ctx, { ...admin, username: admin.username }, id);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const ids = g.spec.units.map((u) => u.id);
  const periods: string[] = [];
  for (let t = 0; t < 6; t++) periods.push(`${g.spec.campaign.year}-${String(t + 1).padStart(2, '0')}`);
  for (let i = 0; i < g.columns.length; i++) {
    const { scale, mant } = g.columns[i];
    const cols: string[][] = [[], [], [], []];
    for (let t = 0; t < 6 && t < MONTHS; t++) for (let u = 0; u < g.units; u++) {
      const m = mant[t * g.units + u];
      if (m !== m) continue;
      cols[0].push(ids[u]); cols[1].push(g.spec.indicators[i].id); cols[2].push(periods[t]); cols[3].push(mantText(m, scale));
    }
    await c.query(`INSERT INTO figures (campaign_id, unit_id, indicator_id, period, value, value_num, entered_at, status) SELECT $1, u, i, p, v, v::numeric, now(), 'approved' FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS x(u, i, p, v)`, [id, ...cols]);
  }
  await ctx.db.transaction(async (tx) => {
    const row = await lockCampaign(tx, id);
    if (!row) throw new Error('no campaign');
    await recomputeStored(tx, ctx, row, await ctx.specs.get(tx, id, row.currentVersion), new Date(), 'latest');
  });
  const login = await request(port, 'POST', '/api/v1/auth/login', { body: { username: 'bench-org', password: PASSWORD } });
  const org = String([login.headers['set-cookie']].flat().find((x) => x?.startsWith('leitai_session='))).split(';')[0];
  for (let i = 0; i < 20; i++) await request(port, 'GET', '/api/v1/auth/me', { cookie: org });
  const me: number[] = [];
  const postmasterOf = async () => Number(readFileSync(`/proc/${(await c.query('SELECT pg_backend_pid() AS pid')).rows[0].pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ')[1]);
  const meCpu0 = cpuNow(await postmasterOf());
  for (let i = 0; i < 200; i++) me.push((await request(port, 'GET', '/api/v1/auth/me', { cookie: org })).ms);
  const meCpu1 = cpuNow(await postmasterOf());
  console.log(`CPU per GET /auth/me (ms, over 200): main thread ${((meCpu1.main - meCpu0.main) / 200).toFixed(2)}, postgres ${((meCpu1.pg - meCpu0.pg) / 200).toFixed(2)}`);
  const last = periods[5];
  const valueInd = g.spec.indicators.find((d) => d.input === 'value' && d.method !== 'schedule') ?? g.spec.indicators[0];
  const current = new Map<string, { value: string; version: number }>();
  for (const f of JSON.parse((await request(port, 'GET', `/api/v1/campaigns/${id}/figures?period=${last}`, { cookie: org })).body.toString()).figures) if (f.indicator === valueInd.id) current.set(f.unit, f);
  const puts: number[] = [];
  const seg = { pre: [] as number[], tx: [] as number[], commit: [] as number[], post: [] as number[], n: [] as number[] };
  const pause = Number(process.env.PAUSE ?? 0);
  // NOKICK=1: no catch-up after the saves (the save alone, without the results catching up beside it)
  if (process.env.NOKICK) ctx.results.kick = async () => 'done';
  const postmaster = await postmasterOf();
  const cpu0 = cpuNow(postmaster);
  let wall = 0;
  const windows: { from: number; to: number }[] = [];
  const hr = () => Number(process.hrtime.bigint() / 1000n);
  const session = process.env.PROFILE ? new Session() : undefined;
  if (session) {
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 100 });
    await session.post('Profiler.start');
  }
  for (let i = 0; i < N; i++) {
    const unit = ids[(i * 7) % g.units];
    const f = current.get(unit);
    const value = String(Number(f?.value ?? '1') + 1);
    trace = [];
    const ev = trace;
    const h0 = hr();
    const t0 = performance.now();
    const r = await request(port, 'PUT', `/api/v1/campaigns/${id}/figures`, { cookie: org, body: { unit, indicator: valueInd.id, period: last, value, version: f?.version ?? null } });
    const t1 = performance.now();
    windows.push({ from: h0, to: hr() });
    wall += t1 - t0;
    if (r.status !== 200) throw new Error(`PUT ${r.status} ${r.body}`);
    current.set(unit, { value, version: JSON.parse(r.body.toString()).figure.version });
    puts.push(r.ms);
    if (pause) await new Promise((res) => setTimeout(res, pause));
    trace = null;
    const put = ev.filter((e) => e.t0 < t1);
    const firstBegin = put.find((e) => e.text === 'begin');
    const wpid = firstBegin?.pid;
    const commit = put.find((e) => e.pid === wpid && e.text === 'commit');
    seg.pre.push((firstBegin?.t0 ?? t0) - t0);
    seg.tx.push((commit?.t0 ?? 0) - (firstBegin?.t0 ?? 0));
    seg.commit.push(commit ? commit.t1 - commit.t0 : 0);
    seg.post.push(t1 - (commit?.t1 ?? t1));
    seg.n.push(put.filter((e) => e.pid === wpid || e.pid === 0).length);
    if (i >= N - 3 && process.env.SHOW) {
      console.log(`PUT ${i}: ${r.ms.toFixed(1)} ms, ${ev.filter((e) => e.t0 < t1).length} statements before the answer`);
      for (const e of ev.sort((a, b) => a.t0 - b.t0)) console.log(`  ${(e.t0 - t0).toFixed(1).padStart(7)} +${(e.t1 - e.t0).toFixed(1).padStart(6)} [${e.pid}] ${e.text}`);
    }
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  {
    const cpu1 = cpuNow(postmaster);
    const per = (k: keyof typeof cpu0) => ((cpu1[k] - cpu0[k]) / N).toFixed(1);
    console.log(`CPU per PUT (ms, /proc, 10 ms ticks summed over ${N} PUTs${pause ? ' and their pauses' : ''}): main thread ${per('main')}, other threads ${per('threads')}, postgres ${per('pg')}; wall ${(wall / N).toFixed(1)} ms a PUT`);
  }
  if (session) {
    const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
    session.disconnect();
    for (const line of whereCpuWent(profile, windows)) console.log(line);
  }
  console.log(`segments (median): before BEGIN ${med(seg.pre).toFixed(1)}, BEGIN..COMMIT ${med(seg.tx).toFixed(1)}, COMMIT ${med(seg.commit).toFixed(1)}, after COMMIT ${med(seg.post).toFixed(1)} ms; statements of the write ${med(seg.n)}`);
  console.log(`me median ${med(me).toFixed(2)} ms; PUT median ${med(puts).toFixed(1)} ms; ratio ${(med(puts) / med(me)).toFixed(1)}`);
  await c.end();
  await app.close();
} finally {
  await pgServer.stop();
  const cluster = clusterDir(join(dir, 'pg'), true);
  if (!cluster.startsWith(dir)) rmSync(join(cluster, '..'), { recursive: true, force: true });
  rmSync(dir, { recursive: true, force: true });
  agent.destroy();
}

interface Profile { nodes: { id: number; callFrame: { functionName: string; url: string }; children?: number[] }[]; startTime: number; samples: number[]; timeDeltas: number[] }

/** Per PUT (median over the PUTs): the main thread's time in each part, by the sampled leaf's library or project file. */
function whereCpuWent(p: Profile, windows: { from: number; to: number }[]): string[] {
  const nodes = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const bucketOf = new Map<number, string>();
  // a leaf's bucket: the nearest frame (leaf first) in a project file, else its library, else its kind
  const bucket = (leaf: number): string => {
    let b = bucketOf.get(leaf);
    if (b !== undefined) return b;
    const cf = nodes.get(leaf)!.callFrame;
    if (cf.functionName === '(idle)') b = '(idle: waiting)';
    else if (cf.functionName === '(garbage collector)') b = '(gc)';
    else if (cf.functionName === '(program)') b = '(program: native, parsing)';
    else {
      for (let id: number | undefined = leaf; id !== undefined && b === undefined; id = parent.get(id)) {
        const url = nodes.get(id)!.callFrame.url;
        const lib = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
        if (lib) b = lib[1].replace(/^(pg-protocol|pg-pool|pg-types)$/, 'pg').replace(/^(find-my-way|avvio|light-my-request|@fastify\/.*)$/, 'fastify');
        else if (/\/packages\/|\/bench\//.test(url)) b = url.replace(/^.*\/(packages\/|bench\/)/, '$1');
        else if (url.startsWith('node:')) b = 'node:' + url.slice(5).split('/')[0];
      }
      b ??= cf.url ? 'other' : `(native) ${cf.functionName}`;
      if (process.env.PROFILE === 'leaves' && !/^(packages|bench)\//.test(b)) b += ` ${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*node_modules\//, '')}`;
      if (process.env.PROFILE === 'callers' && !/^(packages|bench)\//.test(b)) {
        // a library's time, with the project function that called into it
        for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
          const f = nodes.get(id)!.callFrame;
          if (/\/packages\//.test(f.url)) {
            b += ` < ${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/packages\/\w+\/src\//, '')}`;
            break;
          }
        }
      }
    }
    bucketOf.set(leaf, b);
    return b;
  };
  const times: number[] = [];
  let clock = p.startTime;
  for (let i = 0; i < p.samples.length; i++) times.push((clock += p.timeDeltas[i] ?? 0));
  const per: Map<string, number>[] = windows.map(() => new Map());
  // PROFILE=functions: inclusive time of each project function (the sample's stack holds it)
  const inclusive = process.env.PROFILE === 'functions';
  const stackOf = new Map<number, string[]>();
  const projectFrames = (leaf: number): string[] => {
    let out = stackOf.get(leaf);
    if (out) return out;
    const seen = new Set<string>();
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = nodes.get(id)!.callFrame;
      if (/\/packages\//.test(f.url)) seen.add(`${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\/packages\/\w+\/src\//, '')}`);
    }
    stackOf.set(leaf, (out = [...seen]));
    return out;
  };
  let w = 0;
  for (let i = 0; i < times.length && w < windows.length; i++) {
    while (w < windows.length && times[i] > windows[w].to) w++;
    if (w >= windows.length || times[i] < windows[w].from) continue;
    const d = (p.timeDeltas[i + 1] ?? 0) / 1000;
    const b = bucket(p.samples[i]);
    if (process.env.FOCUS) {
      // FOCUS=fn: only the samples with fn on their stack, by leaf function
      if (!projectFrames(p.samples[i]).some((f) => f.startsWith(`${process.env.FOCUS} `))) continue;
      const cf = nodes.get(p.samples[i])!.callFrame;
      const k = `${cf.functionName || '(anonymous)'} ${cf.url.replace(/^.*\/(node_modules|packages)\//, '')}`;
      per[w].set(k, (per[w].get(k) ?? 0) + d);
      continue;
    }
    if (inclusive) {
      if (b.startsWith('(idle')) per[w].set(b, (per[w].get(b) ?? 0) + d);
      else for (const f of projectFrames(p.samples[i]).length ? projectFrames(p.samples[i]) : ['(no project frame)']) per[w].set(f, (per[w].get(f) ?? 0) + d);
      continue;
    }
    per[w].set(b, (per[w].get(b) ?? 0) + d);
  }
  const keys = new Set(per.flatMap((m) => [...m.keys()]));
  const medOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const meanOf = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const rows = [...keys].map((k) => ({ k, mean: meanOf(per.map((m) => m.get(k) ?? 0)), med: medOf(per.map((m) => m.get(k) ?? 0)) })).sort((a, b) => b.mean - a.mean);
  const busy = per.map((m) => [...m].filter(([k]) => !k.startsWith('(idle')).reduce((s, [, v]) => s + v, 0)); // (PROFILE=functions: counted once per frame)
  const out = [`main thread during a PUT (${windows.length} PUTs): busy median ${medOf(busy).toFixed(2)} ms, mean ${meanOf(busy).toFixed(2)} ms; by part (mean / median ms):`];
  for (const r of rows.slice(0, process.env.PROFILE === 'callers' || process.env.PROFILE === 'leaves' || inclusive ? 45 : 25)) out.push(`  ${r.mean.toFixed(2).padStart(7)} ${r.med.toFixed(2).padStart(7)}  ${r.k}`);
  return out;
}

/** CPU time so far (ms) of this process's main thread, its other threads, and the postmaster's children (with it). */
function cpuNow(postmaster: number): { main: number; threads: number; pg: number } {
  const tick = 10;
  const ticks = (stat: string) => {
    const f = stat.replace(/^.*\) /, '').split(' ');
    return (Number(f[11]) + Number(f[12])) * tick;
  };
  let main = 0;
  let threads = 0;
  for (const tid of readdirSync('/proc/self/task')) {
    const t = ticks(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8'));
    if (Number(tid) === process.pid) main = t;
    else threads += t;
  }
  let pgMs = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.replace(/^.*\) /, '').split(' ')[1]);
      if (Number(pid) === postmaster || ppid === postmaster) pgMs += ticks(stat);
    } catch {
      // gone
    }
  }
  return { main, threads, pg: pgMs };
}
