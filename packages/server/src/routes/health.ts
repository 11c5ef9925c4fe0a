// GET /healthz: the process answers and its database does (a `select 1` within two seconds).
// 200 {status: ok} or 503 {status: unavailable} — for a load balancer, systemd or a monitoring probe.
import type { FastifyInstance } from 'fastify';
import type pg from 'pg';
import { PUBLIC } from '../http/access.ts';

export const HEALTH_TIMEOUT_MS = 2000;

export async function databaseAnswers(pool: pg.Pool, timeoutMs = HEALTH_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), timeoutMs); });
  const probe = pool.query('select 1').then(() => true, () => false);
  try {
    return await Promise.race([probe, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function healthRoutes(app: FastifyInstance, pool: pg.Pool): void {
  app.get('/healthz', { config: { access: PUBLIC }, schema: { hide: true } }, async (_req, reply) => {
    const db = await databaseAnswers(pool);
    reply.header('cache-control', 'no-store');
    return reply.status(db ? 200 : 503).send({ status: db ? 'ok' : 'unavailable', http: 'ok', database: db ? 'ok' : 'unreachable' });
  });
}
