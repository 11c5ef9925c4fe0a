// Settings come from the environment, checked once at startup.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `.data` in the repository; when PostgreSQL (run as `postgres` under root) cannot reach it, the
 * embedded cluster moves to /var/lib/leitai (see db/embedded.ts); a DATA_DIR that was set never moves */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');

export const DEFAULT_PUBLIC_URL = 'http://localhost:3000';

const flag = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** this machine only by default; HOST=0.0.0.0 serves the local network */
  HOST: z.string().min(1).default('localhost'),
  DATABASE_URL: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default(DEFAULT_DATA_DIR),
  WEB_DIST: z.string().min(1).default(path.join(REPO_ROOT, 'packages/web/dist')),
  /** when set, the admin's password is set to this at startup (the way to reset a lost one) */
  LEITAI_ADMIN_PASSWORD: z.string().min(8).optional(),
  /** load the 青山县 demo campaign and users on first start (default yes) */
  LEITAI_DEMO: flag.default(true),
  COOKIE_SECURE: flag.default(false),
  /** the absolute address people reach the app at: the phone pages' links and QR codes (on bulletins too) use it */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')).default(DEFAULT_PUBLIC_URL),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof EnvSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid settings:\n${lines}`);
  }
  return parsed.data;
}
