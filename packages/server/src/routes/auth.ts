// POST /auth/login, POST /auth/logout, POST /auth/password, GET /auth/me.
import { z } from 'zod';
import { PUBLIC, SIGNED_IN, requireUser } from '../http/access.ts';
import { SESSION_COOKIE, type App, type Deps } from '../http/types.ts';
import { errorResponses, RoleSchema, UserSchema } from '../schemas/common.ts';
import { changePassword, login, logout } from '../services/auth.ts';
import { describeMe } from '../services/organizations.ts';
import { loadScope } from '../repositories/users.ts';

/** The signed-in user as the web needs them: their grants, organization and roles per campaign. */
const MeEnvelope = z.object({
  user: UserSchema.extend({
    organizationName: z.string(),
    /** the roles the user holds in each campaign they reach (policy.ts rolesIn), strongest first */
    campaignRoles: z.record(z.string(), z.array(RoleSchema)),
    /** organizations whose campaigns the user creates and manages */
    organizes: z.array(z.number().int()),
  }),
});

export function authRoutes(app: App, { ctx, cookieSecure }: Deps): void {
  app.post('/auth/login', {
    config: { access: PUBLIC },
    schema: {
      tags: ['auth'],
      summary: 'Sign in; sets the session cookie',
      body: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
      response: { 200: MeEnvelope, ...errorResponses },
    },
  }, async (req, reply) => {
    const { user, token } = await login(ctx, { ...req.body, ip: req.ip });
    // A browser-session cookie: the server decides expiry (12 h after last use).
    reply.setCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', path: '/', secure: cookieSecure === 'auto' ? req.protocol === 'https' : cookieSecure });
    return { user: await describeMe(ctx, { ...user, scope: await loadScope(ctx.db) }) };
  });

  app.post('/auth/logout', {
    // public so that a stale cookie can always be cleared
    config: { access: PUBLIC },
    schema: { tags: ['auth'], summary: 'Sign out', response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await logout(ctx, req.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.post('/auth/password', {
    // allowed while a password change is required (http/access.ts)
    config: { access: SIGNED_IN },
    schema: {
      tags: ['auth'],
      summary: 'Change one\'s own password (required after an initial or reset password)',
      body: z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(1).max(256) }),
      response: { 200: MeEnvelope, ...errorResponses },
    },
  }, async (req) => {
    const me = requireUser(req);
    const user = await changePassword(ctx, me, req.body);
    return { user: await describeMe(ctx, { ...user, scope: me.scope }) };
  });

  app.get('/auth/me', {
    config: { access: SIGNED_IN },
    schema: { tags: ['auth'], summary: 'The signed-in user, with their roles per campaign', response: { 200: MeEnvelope, ...errorResponses } },
  }, async (req) => ({ user: await describeMe(ctx, requireUser(req)) }));
}
