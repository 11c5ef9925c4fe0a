// Security headers on every answer (pages, API, files): a Content-Security-Policy the web app and
// the big screen run under (own scripts only; antd writes its styles inline; QR codes and charts are
// data:/blob: images), no framing by other sites, nosniff, a strict Referrer-Policy, and HSTS only
// when the request really came over https (directly or through a trusted proxy, see TRUST_PROXY).
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'worker-src': ["'self'", 'blob:'],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
} as const;

export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY as unknown as Record<string, string[]> },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // phones open the public pages from QR codes: no cross-origin isolation needed
    crossOriginEmbedderPolicy: false,
    // sent below, only over https: a browser that saw it over plain http would ignore it anyway,
    // and a LAN install on http must not be told to insist on https
    hsts: false,
  });
  app.addHook('onSend', async (req, reply) => {
    if (req.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
  });
}
