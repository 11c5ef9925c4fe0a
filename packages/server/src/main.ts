// `npm start` ends here: database (embedded or DATABASE_URL), migrations, first-start setup,
// then the HTTP server. SIGINT / SIGTERM close the server first and the embedded database last.
import { buildApp } from './app.ts';
import { bootstrap, describeBootstrap } from './bootstrap.ts';
import net from 'node:net';
import path from 'node:path';
import { DEFAULT_DATA_DIR, loadConfig, publicUrlOf, shownHost } from './config.ts';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.ts';
import { provisionDatabase, type Provisioned } from './db/provision.ts';
import type { FastifyInstance } from 'fastify';

const log = (line: string) => console.log(`[leitai] ${line}`);

/** PORT=0: the port the system gives, asked for before the app is built (QR codes need it). */
function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

async function main(): Promise<void> {
  const cfg = loadConfig();
  let db: Provisioned | undefined;
  let app: FastifyInstance | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      log(`${signal} again: exiting now`);
      process.exit(1);
    }
    stopping = true;
    log(`${signal}: stopping`);
    try {
      await app?.close();
      if (db?.embedded) {
        await db.embedded.stop();
        log('PostgreSQL stopped');
      }
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    const port = cfg.PORT === 0 ? await freePort(cfg.HOST) : cfg.PORT;
    // QR codes and phone links (also those printed in bulletins published at first start) point here
    const publicUrl = publicUrlOf(cfg, port);
    db = await provisionDatabase({ databaseUrl: cfg.DATABASE_URL, dataDir: cfg.DATA_DIR, log });
    if (db.embedded) superviseEmbedded(db, cfg.DATA_DIR, () => stopping);
    app = await buildApp({ databaseUrl: db.url, webDist: cfg.WEB_DIST, cookieSecure: cfg.COOKIE_SECURE, trustProxy: cfg.TRUST_PROXY, uploadQuotaBytes: cfg.UPLOAD_QUOTA_MB * 1024 * 1024, publicUrl, caseReminderMs: cfg.CASE_REMINDER_MINUTES * 60_000, logger: { level: cfg.LOG_LEVEL } });
    const boot = await bootstrap(app.leitai.ctx, { adminPassword: cfg.LEITAI_ADMIN_PASSWORD, demo: cfg.LEITAI_DEMO, publicUrl });
    await app.listen({ port, host: cfg.HOST });
    const shown = ['0.0.0.0', '::'].includes(cfg.HOST) ? 'localhost' : shownHost(cfg.HOST);
    const url = `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
    console.log(describeBootstrap(boot, url));
    log(`Leitai is running at ${url}  (API docs: ${url}/api/docs)`);
    log(`QR codes and phone links use ${publicUrl}${cfg.PUBLIC_URL ? ' (PUBLIC_URL)' : ' — the address the server listens on; set PUBLIC_URL to the address people reach it at'}`);
  } catch (e) {
    console.error('[leitai] failed to start:', e instanceof Error ? e.message : e);
    await app?.close().catch(() => {});
    await db?.embedded?.stop().catch(() => {});
    process.exit(1);
  }
}

/**
 * The embedded PostgreSQL died under us (killed, crashed): meanwhile requests answer 503 and
 * /healthz fails; start it again on the same port until it comes back, and the pool reconnects.
 */
function superviseEmbedded(db: Provisioned, dataDir: string, stopping: () => boolean): void {
  const watch = (embedded: EmbeddedPostgres) => {
    embedded.onUnexpectedExit((code, signal) => {
      if (stopping()) return;
      log(`PostgreSQL exited unexpectedly (${signal ?? `code ${code}`}); restarting it`);
      void restart(embedded.port, 1);
    });
  };
  const restart = async (port: number, attempt: number): Promise<void> => {
    if (stopping()) return;
    try {
      const relocatable = path.resolve(dataDir) === path.resolve(DEFAULT_DATA_DIR);
      const again = await startEmbeddedPostgres({ dir: path.join(dataDir, 'pg'), relocatable, port, log });
      db.embedded = again;
      watch(again);
      log('PostgreSQL is back');
    } catch (e) {
      const wait = Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5));
      log(`PostgreSQL did not start again (${e instanceof Error ? e.message : String(e)}); retrying in ${wait / 1000} s`);
      setTimeout(() => void restart(port, attempt + 1), wait);
    }
  };
  if (db.embedded) watch(db.embedded);
}

void main();
