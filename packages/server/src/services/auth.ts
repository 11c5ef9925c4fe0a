// Sign-in, sessions and lockout. A session lives 12 hours after its last use (sliding); five failed
// sign-ins for one username within 15 minutes lock it for the rest of that window.
import { AppError } from '../errors.ts';
import { DUMMY_HASH, verifyPassword } from '../auth/password.ts';
import { hashToken, newToken } from '../auth/token.ts';
import { deleteAttemptsBefore, deleteExpiredSessions, deleteSession, extendSession, findLiveSession, insertSession, recentFailures, recordLoginAttempt } from '../repositories/sessions.ts';
import { findUserByUsername } from '../repositories/users.ts';
import { appendAudit } from '../repositories/audit.ts';
import type { UserDto } from '../schemas/common.ts';
import type { Ctx } from './context.ts';
import { userWithAssignments } from './users.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** extend at most this often, so that reads do not all write */
const EXTEND_AFTER_MS = 5 * 60 * 1000;
export const LOCKOUT_WINDOW_MS = 15 * 60 * 1000;
export const LOCKOUT_FAILURES = 5;

export interface SessionUser extends UserDto {
  sessionId: number;
}

export async function login(ctx: Ctx, input: { username: string; password: string; ip: string }): Promise<{ user: UserDto; token: string; expiresAt: Date }> {
  const now = ctx.now();
  const failures = await recentFailures(ctx.db, input.username, new Date(now.getTime() - LOCKOUT_WINDOW_MS));
  if (failures >= LOCKOUT_FAILURES) throw new AppError('locked_out');

  const user = await findUserByUsername(ctx.db, input.username);
  // verify against a dummy hash for unknown names: the answer takes as long either way
  const ok = (await verifyPassword(input.password, user?.passwordHash ?? DUMMY_HASH)) && user !== undefined;
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
    throw new AppError('unauthenticated', { zh: '用户名或密码错误', en: 'Wrong username or password' });
  }
  await deleteExpiredSessions(ctx.db, now);
  await deleteAttemptsBefore(ctx.db, new Date(now.getTime() - 24 * 60 * 60 * 1000));
  return { user: await userWithAssignments(ctx.db, user), token, expiresAt };
}

export async function authenticate(ctx: Ctx, token: string | undefined): Promise<SessionUser | null> {
  if (!token) return null;
  const now = ctx.now();
  const found = await findLiveSession(ctx.db, hashToken(token), now);
  if (!found) return null;
  if (found.expiresAt.getTime() - now.getTime() < SESSION_TTL_MS - EXTEND_AFTER_MS) {
    await extendSession(ctx.db, found.sessionId, new Date(now.getTime() + SESSION_TTL_MS));
  }
  return { ...(await userWithAssignments(ctx.db, found.user)), sessionId: found.sessionId };
}

export async function logout(ctx: Ctx, token: string | undefined): Promise<void> {
  if (!token) return;
  await ctx.db.transaction(async (tx) => {
    const user = await deleteSession(tx, hashToken(token));
    if (user) await appendAudit(tx, ctx.now(), [{ actor: user, action: 'auth.logout', subject: user.username }]);
  });
}
