// Sign-in, sessions and lockout. A session lives 12 hours after its last use (sliding).
//
// Lockout cannot be turned against someone else: failures count per account AND address. Five
// failures for one username from one address pause that pair for 15 minutes, and each further
// failure doubles the pause (30 min, 1 h … at most a day) — the account stays open from every other
// address, so a stranger cannot lock the admin out. Failures from one address over all usernames
// (guessing names) are limited too: 30 in 15 minutes pause the address. A failed sign-in says how
// many tries are left.
import { AppError } from '../errors.ts';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password.ts';
import { describeProblems, passwordProblems } from '../auth/password-policy.ts';
import { hashToken, newToken } from '../auth/token.ts';
import { addressFailures, deleteAttemptsBefore, deleteExpiredSessions, deleteOtherSessions, deleteSession, extendSession, findLiveSession, insertSession, pairFailures, recordLoginAttempt } from '../repositories/sessions.ts';
import { findUserByUsername, loadScope, setPassword } from '../repositories/users.ts';
import type { Scope } from '../policy.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { UserDto } from '../schemas/common.ts';
import type { Ctx } from './context.ts';
import { userWithAssignments } from './users.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** extend at most this often, so that reads do not all write */
const EXTEND_AFTER_MS = 5 * 60 * 1000;
/** failures of one username from one address before it pauses */
export const LOCKOUT_FAILURES = 5;
/** the first pause; each further failure doubles it, up to MAX_PAUSE_MS */
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
const MAX_PAUSE_MS = 24 * 60 * 60 * 1000;
/** failures from one address (any usernames) within ADDRESS_WINDOW_MS before it pauses */
export const ADDRESS_FAILURES = 30;
export const ADDRESS_WINDOW_MS = 15 * 60 * 1000;
/** how far back the attempt log is read (and kept) */
const MEMORY_MS = 24 * 60 * 60 * 1000;

export interface SessionUser extends UserDto {
  sessionId: number;
  /** where every campaign sits in the organization tree, for the policy's decisions in this request */
  scope: Scope;
}

function pauseAfter(failures: number): number {
  return Math.min(LOCKOUT_WINDOW_MS * 2 ** (failures - LOCKOUT_FAILURES), MAX_PAUSE_MS);
}

function lockedOut(untilMs: number, nowMs: number): AppError {
  const seconds = Math.max(1, Math.ceil((untilMs - nowMs) / 1000));
  const minutes = Math.ceil(seconds / 60);
  return new AppError('locked_out', {
    zh: `登录失败次数过多，请 ${minutes} 分钟后再试（或从其他地点登录、请管理员重置密码）`,
    en: `Too many failed sign-ins; try again in ${minutes} minute${minutes === 1 ? '' : 's'} (or from another place, or ask the admin to reset the password)`,
  }, undefined, { retryAfter: seconds });
}

/** Throws locked_out while this username from this address, or this address, is paused; else how many tries are left. */
async function checkLockout(ctx: Ctx, username: string, ip: string, now: Date): Promise<number> {
  const nowMs = now.getTime();
  const pair = await pairFailures(ctx.db, username, ip, new Date(nowMs - MEMORY_MS));
  if (pair.n >= LOCKOUT_FAILURES && pair.last) {
    const until = pair.last.getTime() + pauseAfter(pair.n);
    if (until > nowMs) throw lockedOut(until, nowMs);
  }
  const recent = await addressFailures(ctx.db, ip, new Date(nowMs - ADDRESS_WINDOW_MS), ADDRESS_FAILURES);
  if (recent.length >= ADDRESS_FAILURES) {
    const until = recent[ADDRESS_FAILURES - 1].getTime() + ADDRESS_WINDOW_MS;
    if (until > nowMs) throw lockedOut(until, nowMs);
  }
  return Math.min(Math.max(LOCKOUT_FAILURES - pair.n, 1), ADDRESS_FAILURES - recent.length);
}

export async function login(ctx: Ctx, input: { username: string; password: string; ip: string }): Promise<{ user: UserDto; token: string; expiresAt: Date }> {
  const now = ctx.now();
  const left = await checkLockout(ctx, input.username, input.ip, now);

  const user = await findUserByUsername(ctx.db, input.username);
  // verify against a dummy hash for unknown names: the answer takes as long either way
  const right = (await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH)) && user !== undefined;
  // a disabled account is told so only to whoever knows its password (nobody learns which accounts exist)
  if (right && user.disabled) {
    await ctx.db.transaction((tx) => appendAudit(tx, now, [{ actor: null, action: 'auth.login_disabled', subject: input.username, after: { ip: input.ip } }]));
    throw new AppError('forbidden', { zh: '该账号已停用，请联系组织部', en: 'This account is disabled; contact the organizer' });
  }
  const ok = right;
  const token = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  // the attempt, the session and the audit entry commit together
  await ctx.db.transaction(async (tx) => {
    await recordLoginAttempt(tx, { username: input.username, ip: input.ip, success: ok, at: now });
    if (ok && user) await insertSession(tx, { tokenHash: hashToken(token), userId: user.id, expiresAt, createdAt: now });
    await appendAudit(tx, now, [{
      actor: ok && user ? { id: user.id, username: user.username } : null,
      action: ok ? 'auth.login' : 'auth.login_failed',
      subject: input.username,
      after: { ip: input.ip },
    }]);
  });
  if (!ok || !user) {
    const remaining = left - 1;
    throw new AppError('unauthenticated', remaining > 0
      ? { zh: `用户名或密码错误，还可尝试 ${remaining} 次`, en: `Wrong username or password; ${remaining} ${remaining === 1 ? 'try' : 'tries'} left` }
      : { zh: '用户名或密码错误，登录已暂停，请稍后再试', en: 'Wrong username or password; sign-in is paused, try again later' },
    undefined, { remaining });
  }
  await deleteExpiredSessions(ctx.db, now);
  await deleteAttemptsBefore(ctx.db, new Date(now.getTime() - MEMORY_MS));
  return { user: await userWithAssignments(ctx.db, user), token, expiresAt };
}

/** The signed-in user sets a new password: the current one again, the rules, and not the same. */
export async function changePassword(ctx: Ctx, user: SessionUser, input: { currentPassword: string; newPassword: string }): Promise<UserDto> {
  const row = await findUserByUsername(ctx.db, user.username);
  if (!row || !(await verifyPassword(input.currentPassword, row.passwordHash))) {
    throw new AppError('validation_failed', { zh: '当前密码不正确', en: 'The current password is wrong' });
  }
  const problems = passwordProblems(input.newPassword, user.username);
  if (problems.length > 0) throw new AppError('validation_failed', describeProblems(problems));
  if (input.newPassword === input.currentPassword) {
    throw new AppError('validation_failed', { zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' });
  }
  const hash = await hashPassword(input.newPassword);
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    await setPassword(tx, user.id, hash, false);
    // other sessions (perhaps someone who knew the old password) end
    await deleteOtherSessions(tx, user.id, user.sessionId);
    await appendAudit(tx, now, [{ actor: { id: user.id, username: user.username }, action: 'auth.password_change', subject: user.username }]);
  });
  return { ...(await userWithAssignments(ctx.db, { ...row, passwordHash: hash, mustChangePassword: false })) };
}

/**
 * The signed-in user of a session token (null: none, expired, or the user disabled). From the
 * process's session cache when it holds the token (services/session-cache.ts) unless `fresh`.
 */
export async function authenticate(ctx: Ctx, token: string | undefined, fresh = false): Promise<SessionUser | null> {
  if (!token) return null;
  const now = ctx.now();
  const nowMs = now.getTime();
  const tokenHash = hashToken(token);
  const cache = ctx.sessions;
  if (cache && !fresh) {
    const hit = cache.get(tokenHash, nowMs);
    // a session due to be extended goes to the database (which extends it)
    if (hit && hit.expiresAt - nowMs >= SESSION_TTL_MS - EXTEND_AFTER_MS) return hit.user;
  }
  const stamp = cache?.stamp() ?? 0;
  const found = await findLiveSession(ctx.db, tokenHash, now);
  if (!found || found.user.disabled) return null;
  let expiresAt = found.expiresAt;
  if (found.expiresAt.getTime() - nowMs < SESSION_TTL_MS - EXTEND_AFTER_MS) {
    expiresAt = new Date(nowMs + SESSION_TTL_MS);
    await extendSession(ctx.db, found.sessionId, expiresAt);
  }
  const [user, scope] = await Promise.all([userWithAssignments(ctx.db, found.user), loadScope(ctx.db)]);
  const out: SessionUser = { ...user, sessionId: found.sessionId, scope };
  cache?.set(tokenHash, out, expiresAt.getTime(), nowMs, stamp);
  return out;
}

export async function logout(ctx: Ctx, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.db.transaction(async (tx) => {
    const user = await deleteSession(tx, hashToken(token));
    if (user) await appendAudit(tx, ctx.now(), [{ actor: user, action: 'auth.logout', subject: user.username }]);
  });
}
