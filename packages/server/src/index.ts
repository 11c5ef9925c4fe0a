// What other packages (and tests) use from the server.
export { buildApp, type AppOptions, type RouteInfo } from './app.ts';
export { runMigrations } from './db/migrate.ts';
export { clusterDir, startEmbeddedPostgres, type EmbeddedPostgres } from './db/embedded.ts';
export { provisionDatabase, createDatabaseIfMissing, ensureDatabase, withDatabase } from './db/provision.ts';
export { bootstrap } from './bootstrap.ts';
export { DEMO_SPEC_TEXT } from './demo/load.ts';
export { verifyAuditChain } from './services/audit.ts';
export { openDatabase } from './db/client.ts';
export { DEFAULT_DATA_DIR, loadConfig } from './config.ts';
export { backupDatabase, restoreDatabase } from './db/backup.ts';
export { openPeriodsQuietly } from './services/periods.ts';
