// Every route states who may call it in `config.access`; this hook enforces it before anything
// else runs (before the body is even parsed). A route that states nothing is refused: forgetting
// to declare a permission can never open a route.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';
import { can, type Action, type Resource } from '../policy.ts';
import type { SessionUser } from '../services/auth.ts';
import type { Lang } from './language.ts';

export type Access =
  /** anyone, signed in or not (sign-in itself, API docs, the web app's files) */
  | { public: true }
  /** any signed-in user */
  | { signedIn: true }
  /** a signed-in user the policy allows `action` on the resource named by the route's params */
  | { action: Action; resource?: (params: Record<string, string>) => Resource };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /**
     * false: the route reads no stored results, so it does not wait for a campaign's results to
     * catch up with figure writes before it runs (app.ts; services/recompute.ts ResultsKeeper.fresh)
     */
    fresh?: boolean;
    /**
     * true: the route changes nothing but a campaign's figures (and their audit entries), so the
     * process's session cache is kept after it (a figure write ends no session and changes no
     * right), and the campaign's leaderboard etags are dropped by the write itself when it
     * commits, not every campaign's (app.ts)
     */
    onlyFigures?: boolean;
  }
  interface FastifyRequest {
    user: SessionUser | null;
    lang: Lang;
    sessionToken: string | undefined;
  }
}

/** The usual declaration: `action` on the campaign named by `:id`. */
export function onCampaign(action: Action): Access {
  return { action, resource: (p) => ({ campaignId: p.id }) };
}

/** what a user who must change their password may still call */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/v1/auth/me', '/api/v1/auth/password']);

export const PUBLIC: Access = { public: true };
export const SIGNED_IN: Access = { signedIn: true };

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('unauthenticated');
  return req.user;
}

/**
 * `authenticate(req, fresh)` sets req.user; `fresh`: from the database, not the process's session
 * cache. A refusal is decided on what the database says: a user refused on a cached view is read
 * again (a right given a moment ago, perhaps by another process, is not refused).
 */
export function enforceAccess(app: FastifyInstance, authenticate: (req: FastifyRequest, fresh: boolean) => Promise<void>): void {
  app.addHook('onRequest', async (req) => {
    // no route matched: the not-found handler answers (404 or the web app's index.html)
    if (req.is404) return;
    const access = req.routeOptions.config.access;
    if (!access) throw new AppError('forbidden', { zh: '此接口未声明访问权限，已拒绝', en: 'This route declares no permission and is refused' });
    if ('public' in access) return;
    await authenticate(req, false);
    if (refusal(req, access) !== undefined) await authenticate(req, true);
    const refused = refusal(req, access);
    if (refused) throw refused;
  });
}

/** Why the request's user may not call the route (undefined: they may). */
function refusal(req: FastifyRequest, access: Exclude<Access, { public: true }>): AppError | undefined {
  if (!req.user) return new AppError('unauthenticated');
  // an initial or reset password: nothing but reading oneself and changing it
  if (req.user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(req.routeOptions.url ?? '')) return new AppError('password_change_required');
  if ('signedIn' in access) return undefined;
  const params = (req.params ?? {}) as Record<string, string>;
  const resource = access.resource?.(params) ?? {};
  if (!can(req.user, access.action, resource)) {
    // a campaign one may not read is not there at all (404); one that is read but not yours to change: 403
    if (resource.campaignId !== undefined && !can(req.user, 'campaign.read', { campaignId: resource.campaignId })) {
      return AppError.notFound({ zh: `竞赛“${resource.campaignId}”`, en: `Campaign "${resource.campaignId}"` });
    }
    return new AppError('forbidden');
  }
  return undefined;
}
