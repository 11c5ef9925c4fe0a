// The fastify instance type routes are written against: zod schemas give request and reply types.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { EventHub } from '../db/notify.ts';
import type { Ctx } from '../services/context.ts';

export type App = FastifyInstance<RawServerDefault, RawRequestDefaultExpression, RawReplyDefaultExpression, FastifyBaseLogger, ZodTypeProvider>;

export interface Deps {
  ctx: Ctx;
  hub: EventHub;
  /** the session cookie's Secure attribute; `auto`: when the request came over https */
  cookieSecure: boolean | 'auto';
  /** open event streams, ended when the app closes */
  streams: Set<{ send(event: string, data: unknown): void; end(): void }>;
  /** users created by someone else must change their password at first sign-in */
  forcePasswordChange: boolean;
  /** bytes one user may upload (sheets and evidence) in 24 hours */
  uploadQuotaBytes: number;
  /** absolute base URL of the web app (no trailing slash), for links and QR codes */
  publicUrl: string;
}

export const SESSION_COOKIE = 'leitai_session';
