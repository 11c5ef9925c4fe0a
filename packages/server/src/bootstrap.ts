// First start on an empty database: an admin with a random password, the demo campaign and its
// users, all printed once. Later starts only say how to reset the admin password.
import { count, eq, inArray, sql } from 'drizzle-orm';
import { hashPassword, randomPassword } from './auth/password.ts';
import { describeProblems, passwordProblems } from './auth/password-policy.ts';
import { users } from './db/schema.ts';
import { DEFAULT_PUBLIC_URL } from './config.ts';
import { loadDemo, type Login } from './demo/load.ts';
import { recomputeMissing } from './services/recompute.ts';
import { setPasswordHash } from './repositories/users.ts';
import type { Ctx } from './services/context.ts';
import { createUser } from './services/users.ts';

export const ADMIN_USERNAME = 'admin';

export interface BootstrapResult {
  firstStart: boolean;
  logins: Login[];
  adminReset: boolean;
  /** the demo's big screen and phone page paths (first start with the demo only) */
  demo?: { screenPath: string; phonePath: string };
}

const BOOTSTRAP_LOCK = 727_002;

/**
 * Two processes starting together on an empty database must not both set it up: the first holds a
 * transaction-scoped advisory lock until it is done (its work runs on other pool connections), the
 * second waits and then finds users.
 */
export interface BootstrapOptions {
  adminPassword?: string;
  demo: boolean;
  publicUrl?: string;
  /** the printed passwords must be changed at first sign-in (default yes; browser tests turn it off) */
  forcePasswordChange?: boolean;
}

export async function bootstrap(ctx: Ctx, opts: BootstrapOptions): Promise<BootstrapResult> {
  return ctx.db.transaction(async (lock) => {
    await lock.execute(sql`SELECT pg_advisory_xact_lock(${BOOTSTRAP_LOCK})`);
    const r = await bootstrapLocked(ctx, opts);
    // results stored in an earlier format were dropped by a migration: compute them again
    await recomputeMissing(ctx);
    // results a killed process left behind its committed figure writes: caught up before serving
    await ctx.results.catchUpAll();
    return r;
  });
}

async function bootstrapLocked(ctx: Ctx, opts: BootstrapOptions): Promise<BootstrapResult> {
  const [{ n }] = await ctx.db.select({ n: count() }).from(users);
  if (n === 0) {
    const force = opts.forcePasswordChange ?? true;
    const password = opts.adminPassword ?? randomPassword();
    // a password printed on the console is changed at first sign-in; one the operator chose is theirs
    const admin = await createUser(ctx, { username: ADMIN_USERNAME, password, displayName: '系统管理员', role: 'admin', mustChangePassword: force && !opts.adminPassword });
    const logins: Login[] = [{ username: ADMIN_USERNAME, password, role: 'admin', displayName: admin.displayName }];
    if (!opts.demo) return { firstStart: true, logins, adminReset: false };
    const demo = await loadDemo(ctx, { ...admin, username: admin.username }, opts.publicUrl ?? DEFAULT_PUBLIC_URL);
    logins.push(...demo.logins);
    if (force && demo.logins.length > 0) {
      await ctx.db.update(users).set({ mustChangePassword: true }).where(inArray(users.username, demo.logins.map((l) => l.username)));
    }
    return { firstStart: true, logins, adminReset: false, demo: { screenPath: demo.screenPath, phonePath: demo.phonePath } };
  }
  if (opts.adminPassword) {
    const [admin] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.username, ADMIN_USERNAME));
    const problems = passwordProblems(opts.adminPassword, ADMIN_USERNAME);
    if (problems.length > 0) throw new Error(`LEITAI_ADMIN_PASSWORD: ${describeProblems(problems).en}`);
    if (admin) await setPasswordHash(ctx.db, ADMIN_USERNAME, await hashPassword(opts.adminPassword));
    else await createUser(ctx, { username: ADMIN_USERNAME, password: opts.adminPassword, displayName: '系统管理员', role: 'admin' });
    return { firstStart: false, logins: [], adminReset: true };
  }
  return { firstStart: false, logins: [], adminReset: false };
}

export function describeBootstrap(r: BootstrapResult, url: string): string {
  if (r.firstStart) {
    const width = Math.max(...r.logins.map((l) => l.username.length));
    const lines = r.logins.map((l) => `  ${l.username.padEnd(width)}  ${l.password}   (${l.role}, ${l.displayName})`);
    return [
      '',
      '================ 首次启动 / first start ================',
      `登录 Sign in at ${url}`,
      '用户名 username / 密码 password:',
      ...lines,
      ...(r.demo ? [
        `大厅大屏 Lobby big screen: ${url}${r.demo.screenPath}`,
        `手机查询 Phone page: ${url}${r.demo.phonePath}`,
      ] : []),
      '这些密码和大屏链接只显示这一次。These passwords and the screen link are shown only once.',
      '=========================================================',
      '',
    ].join('\n');
  }
  if (r.adminReset) return 'The admin password was set from LEITAI_ADMIN_PASSWORD. 管理员密码已按 LEITAI_ADMIN_PASSWORD 重置。';
  return `Admin user: ${ADMIN_USERNAME}. Lost the password? Restart with LEITAI_ADMIN_PASSWORD=<new password> npm start, or run \`npm run reset-password -w @leitai/server -- <username>\` while the server is stopped.`;
}
