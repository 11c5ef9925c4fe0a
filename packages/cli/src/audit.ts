// `leitai audit verify`: walks the audit log's hash chain and names the first entry that does not
// match (exit 1), or prints "N entries, chain intact" (exit 0). The database is DATABASE_URL's, or
// else the embedded one in DATA_DIR (default <repo>/.data) as the server uses it: when the server
// is running we connect to its PostgreSQL, otherwise we start it, read, and stop it again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { clusterDir, DEFAULT_DATA_DIR, loadConfig, openDatabase, startEmbeddedPostgres, verifyAuditChain, withDatabase } from '@leitai/server';
import type { Io } from './evaluate.ts';

const USAGE = 'usage: leitai audit verify   (DATABASE_URL, or the embedded database in DATA_DIR)';

/** The URL of a PostgreSQL already running in `dir`, from its postmaster.pid, if any. */
export function runningEmbedded(dir: string): string | undefined {
  const pidFile = path.join(dir, 'postmaster.pid');
  const pwFile = path.join(path.dirname(dir), 'postgres-password');
  if (!existsSync(pidFile) || !existsSync(pwFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined;
  }
  const password = readFileSync(pwFile, 'utf8').trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
}

export async function withDatabaseUrl<T>(io: Io, fn: (url: string) => Promise<T>): Promise<T> {
  const cfg = loadConfig();
  if (cfg.DATABASE_URL) return fn(cfg.DATABASE_URL);
  const relocatable = path.resolve(cfg.DATA_DIR) === path.resolve(DEFAULT_DATA_DIR);
  const dir = clusterDir(path.join(cfg.DATA_DIR, 'pg'), relocatable);
  if (!existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`no database: DATABASE_URL is not set and ${dir} holds no embedded PostgreSQL`);
  const running = runningEmbedded(dir);
  if (running) return fn(withDatabase(running, 'leitai'));
  const pg = await startEmbeddedPostgres({ dir, relocatable, log: (line) => io.err(`[leitai] ${line}`) });
  try {
    return await fn(withDatabase(pg.url, 'leitai'));
  } finally {
    await pg.stop();
  }
}

export async function auditCommand(argv: string[], io: Io): Promise<number> {
  if (argv.length !== 1 || argv[0] !== 'verify') {
    io.err(USAGE);
    return 2;
  }
  try {
    return await withDatabaseUrl(io, async (url) => {
      const db = openDatabase(url, 2);
      try {
        const res = await verifyAuditChain(db.db);
        if (res.ok) {
          io.out(`${res.count} entries, chain intact\n`);
          return 0;
        }
        const e = res.broken.entry;
        io.out(`chain broken at entry ${e.seq} (${e.at.toISOString()}, ${e.action}, actor ${e.actor ?? '-'}, subject ${e.subject ?? '-'}): ${res.broken.message}\n`);
        io.out(`${res.count} entries before it are intact\n`);
        return 1;
      } finally {
        await db.close();
      }
    });
  } catch (e) {
    io.err(`audit verify: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  }
}
