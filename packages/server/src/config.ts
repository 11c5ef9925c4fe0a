// Settings come from the environment, checked once at startup.
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** `.data` in the repository; when PostgreSQL (run as `postgres` under root) cannot reach it, the
 * embedded cluster moves to /var/lib/leitai (see db/embedded.ts); a DATA_DIR that was set never moves */
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');

/** what tests and tools use when they give none; the server itself defaults to where it listens (publicUrlOf) */
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
  /** the session cookie's Secure attribute: `auto` sets it when the request came over https
   * (directly, or through a proxy TRUST_PROXY trusts); 1 always (serve over https only); 0 never */
  COOKIE_SECURE: z.enum(['auto', '0', '1', 'true', 'false']).default('auto').transform((v) => (v === 'auto' ? 'auto' as const : v === '1' || v === 'true')),
  /** whose X-Forwarded-For / -Proto / -Host to believe: `false` (nobody, the default), `true`
   * (anyone: only when nothing but the proxy can reach the server), a number of proxy hops, or a
   * comma-separated list of proxy addresses or CIDR ranges (e.g. 127.0.0.1,10.0.0.0/8) */
  TRUST_PROXY: z.string().default('false').transform(parseTrustProxy),
  /**
   * the absolute address people reach the app at: the phone pages' links and QR codes (on bulletins
   * too) use it. Default: the address the server listens on (publicUrlOf)
   */
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')).optional(),
  /** what one user may upload (sheets and evidence files) in 24 hours, in MB */
  UPLOAD_QUOTA_MB: z.coerce.number().positive().max(100_000).default(100),
  /** how often nearing-due case reminders go out (minutes; 0: never by timer) */
  CASE_REMINDER_MINUTES: z.coerce.number().min(0).max(1440).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});
export type Config = z.infer<typeof EnvSchema>;

export type TrustProxy = boolean | number | string[];

export function parseTrustProxy(v: string): TrustProxy {
  const t = v.trim().toLowerCase();
  if (t === '' || t === 'false' || t === '0') return false;
  if (t === 'true') return true;
  if (/^\d+$/.test(t)) return Number(t);
  return t.split(',').map((s) => s.trim()).filter((s) => s !== '');
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`invalid settings:\n${lines}`);
  }
  return parsed.data;
}

/** The host a person types for a listening address: loopback is `localhost`. */
export function shownHost(host: string): string {
  return ['127.0.0.1', '::1', 'localhost'].includes(host) ? 'localhost' : host;
}

/** The first IPv4 address of this machine on a network (not loopback), if any. */
function networkAddress(): string | undefined {
  for (const list of Object.values(os.networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/**
 * The address QR codes and phone links use: PUBLIC_URL when given, otherwise the address the server
 * listens on — HOST and the port it actually got; listening on every interface (0.0.0.0 / ::), this
 * machine's network address, since a phone cannot reach `localhost`.
 */
export function publicUrlOf(cfg: Pick<Config, 'PUBLIC_URL' | 'HOST'>, port: number, lanAddress: () => string | undefined = networkAddress): string {
  if (cfg.PUBLIC_URL) return cfg.PUBLIC_URL;
  const any = cfg.HOST === '0.0.0.0' || cfg.HOST === '::';
  const host = any ? (lanAddress() ?? 'localhost') : shownHost(cfg.HOST);
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
