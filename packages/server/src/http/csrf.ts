// Cross-site request forgery: every state-changing request (any method but GET, HEAD and OPTIONS,
// with a body or without, JSON or multipart) that a browser sends from another origin is refused
// before anything runs. Browsers say where a request comes from: `Sec-Fetch-Site` (every current
// browser) and `Origin` (on every POST); a page on another port of the same host is "same-site" but
// not "same-origin", so SameSite=Lax cookies alone do not stop it. A request carrying neither header
// does not come from a browser page (curl, scripts, tests) and cannot ride on someone's cookie.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function crossOriginRefusal(req: FastifyRequest, trusted: ReadonlySet<string>): string | undefined {
  if (SAFE.has(req.method)) return undefined;
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  if (site === 'same-origin' || site === 'none') return undefined;
  if (origin !== undefined && origin !== 'null') {
    if (trusted.has(origin)) return undefined;
    // no Sec-Fetch-Site (an older browser): the Origin must be this very server
    if (site === undefined && origin === `${req.protocol}://${req.host}`) return undefined;
    return origin;
  }
  if (site !== undefined || origin === 'null') return origin ?? `Sec-Fetch-Site: ${site}`;
  return undefined;
}

/** `trustedOrigins`: origins (scheme://host[:port]) whose pages may write too, e.g. PUBLIC_URL's. */
export function refuseCrossOrigin(app: FastifyInstance, trustedOrigins: string[]): void {
  const trusted = new Set(trustedOrigins);
  app.addHook('onRequest', async (req) => {
    const from = crossOriginRefusal(req, trusted);
    if (from === undefined) return;
    req.log.warn({ from, method: req.method, url: req.url }, 'cross-origin write refused');
    throw new AppError('forbidden', {
      zh: `已拒绝来自其他网站（${from}）的修改请求`,
      en: `A request to change data from another site (${from}) was refused`,
    });
  });
}
