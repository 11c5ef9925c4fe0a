// `node --import tsx bench/recompute-memory.ts [units] [mode]`: the memory of computing and storing a
// campaign's year (issue 12, "memory bounded" at 10,000 units × 30 indicators × 12 months), without
// the server bench's other phases, on a cluster kept between runs (the figures are loaded once: at
// 10,000 units that is minutes; a run after it starts at the measurement).
//
// Modes (one per process, so that one measurement's peak is not another's):
//   setup        create the database, the campaign and its figures (by COPY) if they are not there
//   inline       the year computed and stored inside a change's transaction (recomputeStored, as
//                the server bench's setup does: the figures read in the transaction)
//   catchup      the year computed and stored by the results keeper's catch-up, the figure cache
//                empty (it fills as the catch-up reads the figures)
//   catchup-warm the same with the figure cache full before (what the cache itself holds is then
//                part of the RSS before the step, the catch-up's own memory the peak's rise)
// Prints RSS before, the peak RSS of the step (Linux VmHWM, reset before it through
// /proc/self/clear_refs), the main thread's heap sampled every 50 ms (its maximum), and the time.
// The cluster lives in LEITAI_MEM_DIR (default /tmp/leitai-recompute-memory); `--stop-only` stops
// nothing but prints where it is; delete the folder to start again.
import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { generate } from './generate.ts';
import { copyFigures } from './server-figures.ts';
import { buildApp, createDatabaseIfMissing, runMigrations, startEmbeddedPostgres, withDatabase } from '../packages/server/src/index.ts';
import { createCampaign } from '../packages/server/src/services/campaigns.ts';
import { createUser } from '../packages/server/src/services/users.ts';
import { openPeriodsQuietly } from '../packages/server/src/services/periods.ts';
import { recomputeStored } from '../packages/server/src/services/recompute.ts';
import { lockCampaign } from '../packages/server/src/repositories/campaigns.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const mb = (x: number) => (x / 1048576).toFixed(0);

function vm(field: 'VmHWM' | 'VmRSS'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync('/proc/self/status', 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

/** Resets the peak RSS to the RSS now (Linux). */
function resetPeak(): void {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    log('  (could not reset the peak RSS: /proc/self/clear_refs)');
  }
}

async function measure<T>(what: string, fn: () => Promise<T>): Promise<T> {
  (globalThis as { gc?: () => void }).gc?.();
  const before = process.memoryUsage();
  resetPeak();
  let heapMax = before.heapUsed;
  let abMax = before.arrayBuffers;
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    heapMax = Math.max(heapMax, m.heapUsed);
    abMax = Math.max(abMax, m.arrayBuffers);
  }, 50);
  const t0 = performance.now();
  try {
    return await fn();
  } finally {
    clearInterval(timer);
    const peak = vm('VmHWM');
    const after = process.memoryUsage();
    log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s; RSS before ${mb(before.rss)} MB, peak ${mb(peak)} MB (+${mb(peak - before.rss)}), after ${mb(after.rss)} MB; main heap before ${mb(before.heapUsed)} MB, max sampled ${mb(heapMax)} MB, after ${mb(after.heapUsed)} MB; array buffers max ${mb(abMax)} MB`);
  }
}

async function setupCampaign(url: string, units: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const have = await c.query<{ id: string; n: string }>(`SELECT c.id, (SELECT count(*) FROM figures f WHERE f.campaign_id = c.id) AS n FROM campaigns c`);
  if (have.rows.length > 0) {
    log(`  campaign ${have.rows[0].id} there already (${have.rows[0].n} figures)`);
    await c.end();
    return;
  }
  const t0 = performance.now();
  const indicators = units >= 10_000 ? 30 : 20;
  const months = units >= 10_000 ? 12 : 6;
  const g = generate({ units, indicators, reader: 'validateSpec' });
  const app = await buildApp({ databaseUrl: url, poolSize: 4 });
  const ctx = app.leitai.ctx;
  const admin = await createUser(ctx, { username: 'mem-admin', password: 'mem-password-42', displayName: 'admin', role: 'admin' });
  const campaign = await createCampaign(ctx, { ...admin, username: admin.username }, g.specText);
  await openPeriodsQuietly(ctx, { ...admin, username: admin.username }, campaign.id);
  const id = campaign.id;
  const loaded = await copyFigures(c, g, id, months);
  // the figures' data version moved past what any stored result reflects
  await c.query('UPDATE campaigns SET data_version = data_version + 1 WHERE id = $1', [id]);
  await c.query('VACUUM ANALYZE figures');
  await c.end();
  await app.close();
  log(`  campaign ${id}: ${units} units × ${indicators} × ${months}, ${loaded} figures loaded in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const units = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
  const mode = args.find((a) => !/^\d+$/.test(a)) ?? 'catchup';
  const dir = process.env.LEITAI_MEM_DIR ?? '/tmp/leitai-recompute-memory';
  const pgServer = await startEmbeddedPostgres({ dir: join(dir, 'pg'), ephemeral: true, relocatable: true });
  log(`${units} units, ${mode}; load average ${loadavg().map((x) => x.toFixed(1)).join(' / ')}; node ${process.version}`);
  try {
    const name = `mem_${units}`;
    await createDatabaseIfMissing(pgServer.url, name);
    const url = withDatabase(pgServer.url, name);
    await runMigrations(url);
    await setupCampaign(url, units);
    if (mode === 'setup') return;
    const app = await buildApp({ databaseUrl: url, poolSize: 8 });
    const ctx = app.leitai.ctx;
    // the steps of a recompute, with the RSS at each (--steps)
    if (args.includes('--steps')) {
      const t0 = performance.now();
      const at = (what: string) => log(`    ${((performance.now() - t0) / 1000).toFixed(1)} s ${what}: RSS ${mb(vm('VmRSS'))} MB, peak ${mb(vm('VmHWM'))} MB, main heap ${mb(process.memoryUsage().heapUsed)} MB`);
      const store = ctx.evaluator.store.bind(ctx.evaluator);
      ctx.evaluator.store = (task, work, write) => {
        at('the store task starts');
        return store(task, work, async (row) => {
          at(`row ${row.period} made (${mb(row.body.length + row.publicBody.length + row.standings.length)} MB of text)`);
          await write(row);
          at(`row ${row.period} written`);
        }).finally(() => at('the store task ends'));
      };
      const columns = ctx.figures.columns.bind(ctx.figures);
      ctx.figures.columns = (...a) => {
        at('the figure columns asked for');
        return columns(...a).finally(() => at('the figure columns built'));
      };
    }
    try {
      const [{ id }] = await ctx.db.execute<{ id: string }>(sql`SELECT id FROM campaigns LIMIT 1`).then((r) => r.rows);
      // the stored results forgotten: the whole year is computed and every period stored, as the first time
      await ctx.db.execute(sql`DELETE FROM campaign_results WHERE campaign_id = ${id}`);
      await ctx.db.execute(sql`DELETE FROM period_results WHERE campaign_id = ${id}`);
      if (mode === 'inline') {
        await measure('the year computed and stored inline (recomputeStored)', () => ctx.db.transaction(async (tx) => {
          const row = await lockCampaign(tx, id);
          if (!row) throw new Error('no campaign');
          await recomputeStored(tx, ctx, row, await ctx.specs.get(tx, id, row.currentVersion), new Date(), 'latest');
        }));
      } else if (mode === 'catchup' || mode === 'catchup-warm') {
        if (mode === 'catchup-warm') {
          await measure('the figure cache filled', async () => {
            const [c] = await ctx.db.execute<{ v: string }>(sql`SELECT data_version AS v FROM campaigns WHERE id = ${id}`).then((r) => r.rows);
            await ctx.figures.get(ctx.db, id, Number(c.v));
          });
          log(`  figure cache: ${ctx.figures.figureCount} figures`);
        }
        await measure('the year computed and stored by the catch-up (ResultsKeeper)', () => ctx.results.fresh(id));
      } else {
        throw new Error(`unknown mode ${mode}`);
      }
      const stored = await ctx.db.execute<{ n: string; bytes: string }>(sql`SELECT count(*) AS n, sum(octet_length(body) + octet_length(public_body)) AS bytes FROM period_results WHERE campaign_id = ${id}`).then((r) => r.rows[0]);
      log(`  stored: ${stored.n} periods, bodies ${mb(Number(stored.bytes))} MB; figure cache ${ctx.figures.figureCount} figures`);
    } finally {
      await app.close();
    }
  } finally {
    await pgServer.stop();
  }
}

await main();
