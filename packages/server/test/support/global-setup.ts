// Starts ONE PostgreSQL for the whole test run — embedded in a temporary folder, or the server
// DATABASE_URL names — and hands its admin connection string to the tests as `pgAdminUrl`.
// Each test file then creates its own database on it (see db.ts).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../src/db/embedded.ts';
import { ensureDatabase } from '../../src/db/provision.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** connection string of a role allowed to CREATE DATABASE */
    pgAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.DATABASE_URL;
  if (given) {
    // the tests connect to it to create a database per file: it must exist
    await ensureDatabase(given);
    project.provide('pgAdminUrl', given);
    return async () => {};
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'leitai-test-pg-'));
  // mkdtemp makes a private folder; as root, postgres runs as `postgres` and must be able to enter it
  chmodSync(dir, 0o755);
  let pg: EmbeddedPostgres;
  try {
    pg = await startEmbeddedPostgres({ dir: path.join(dir, 'pg'), ephemeral: true });
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  project.provide('pgAdminUrl', pg.url);
  return async () => {
    await pg.stop();
    rmSync(dir, { recursive: true, force: true });
  };
}
