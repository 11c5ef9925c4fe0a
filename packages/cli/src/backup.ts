// `leitai backup [FILE]` and `leitai restore FILE`: the whole database in one gzip'd file (see
// packages/server/src/db/backup.ts). A backup reads DATABASE_URL's database, or the embedded one in
// DATA_DIR — while the server runs too (one consistent snapshot). A restore writes into a database
// that holds no Leitai data yet: a fresh DATA_DIR (initialised here) or an empty DATABASE_URL one.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { backupDatabase, clusterDir, createDatabaseIfMissing, DEFAULT_DATA_DIR, ensureDatabase, loadConfig, restoreDatabase, startEmbeddedPostgres, withDatabase } from '@leitai/server';
import { runningEmbedded, withDatabaseUrl } from './audit.ts';
import type { Io } from './evaluate.ts';

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
const summary = (counts: Record<string, number>) => {
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return `${Object.keys(counts).length} tables, ${rows} rows`;
};

export async function backupCommand(argv: string[], io: Io): Promise<number> {
  if (argv.length > 1 || argv[0]?.startsWith('-')) {
    io.err('usage: leitai backup [FILE]   (default: leitai-backup-YYYYMMDD-HHMMSS.gz here)');
    return 2;
  }
  const file = path.resolve(argv[0] ?? `leitai-backup-${stamp(new Date())}.gz`);
  try {
    const counts = await withDatabaseUrl(io, (url) => backupDatabase(url, file));
    io.out(`backed up ${summary(counts)} to ${file}\n`);
    return 0;
  } catch (e) {
    io.err(`backup: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

export async function restoreCommand(argv: string[], io: Io): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    io.err('usage: leitai restore FILE   (into a fresh DATA_DIR, or an empty DATABASE_URL database)');
    return 2;
  }
  const file = path.resolve(argv[0]);
  if (!existsSync(file)) {
    io.err(`restore: no file ${file}`);
    return 2;
  }
  try {
    const cfg = loadConfig();
    let counts: Record<string, number>;
    if (cfg.DATABASE_URL) {
      await ensureDatabase(cfg.DATABASE_URL);
      counts = await restoreDatabase(cfg.DATABASE_URL, file);
    } else {
      const relocatable = path.resolve(cfg.DATA_DIR) === path.resolve(DEFAULT_DATA_DIR);
      const dir = clusterDir(path.join(cfg.DATA_DIR, 'pg'), relocatable);
      if (runningEmbedded(dir)) throw new Error(`a server is running on ${cfg.DATA_DIR}: stop it, and restore into a fresh DATA_DIR`);
      const pg = await startEmbeddedPostgres({ dir: path.join(cfg.DATA_DIR, 'pg'), relocatable, log: (line) => io.err(`[leitai] ${line}`) });
      try {
        await createDatabaseIfMissing(pg.url, 'leitai');
        counts = await restoreDatabase(withDatabase(pg.url, 'leitai'), file);
      } finally {
        await pg.stop();
      }
    }
    io.out(`restored ${summary(counts)} from ${file}\n`);
    return 0;
  } catch (e) {
    io.err(`restore: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}
