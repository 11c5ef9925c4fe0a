// Builds the HTTP application on a database that is already migrated. Used by main.ts and by
// tests (`buildApp({ databaseUrl })` + `app.inject`).
import fastifyCookie from '@fastify/cookie';
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { DEFAULT_PUBLIC_URL, type TrustProxy } from './config.ts';
import { openDatabase } from './db/client.ts';
import { EventHub } from './db/notify.ts';
import { enforceAccess, PUBLIC, type Access } from './http/access.ts';
import { errorBody, installErrorHandler } from './http/error-handler.ts';
import { AppError } from './errors.ts';
import { refuseControlCharacters } from './http/input.ts';
import { refuseCrossOrigin } from './http/csrf.ts';
import { registerSecurityHeaders } from './http/security.ts';
import { healthRoutes } from './routes/health.ts';
import { languageOf } from './http/language.ts';
import { SESSION_COOKIE, type Deps } from './http/types.ts';
import { registerWeb } from './http/web.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { campaignRoutes } from './routes/campaigns.ts';
import { figureRoutes } from './routes/figures.ts';
import { bulletinRoutes } from './routes/bulletins.ts';
import { ballotRoutes } from './routes/ballots.ts';
import { voteRoutes } from './routes/vote.ts';
import { peopleRoutes } from './routes/people.ts';
import { selectionRoutes } from './routes/selections.ts';
import { publicityRoutes } from './routes/publicity.ts';
import { kioskRoutes } from './routes/kiosk.ts';
import { publicRoutes } from './routes/public.ts';
import { evidenceRoutes } from './routes/evidence.ts';
import { periodRoutes } from './routes/periods.ts';
import { requestRoutes } from './routes/requests.ts';
import { verificationRoutes } from './routes/verification.ts';
import { resultRoutes } from './routes/results.ts';
import { streamRoutes } from './routes/stream.ts';
import { uploadRoutes } from './routes/uploads.ts';
import { userRoutes } from './routes/users.ts';
import { organizationRoutes } from './routes/organizations.ts';
import { rollupRoutes } from './routes/rollups.ts';
import { overviewRoutes } from './routes/overview.ts';
import { commitmentRoutes } from './routes/commitments.ts';
import { ledgerRoutes } from './routes/ledgers.ts';
import { ledgerEntryRoutes } from './routes/ledger-entries.ts';
import { caseRoutes } from './routes/cases.ts';
import { supervisionRoutes } from './routes/supervision.ts';
import { meetingRoutes } from './routes/meetings.ts';
import { startCaseReminders, type CaseTimer } from './services/case-timer.ts';
import { authenticate } from './services/auth.ts';
import type { Ctx } from './services/context.ts';
import { SpecCache } from './services/specs.ts';
import { DEFAULT_UPLOAD_QUOTA_BYTES } from './services/quota.ts';
import { ResultsKeeper, type Pacing } from './services/recompute.ts';
import { Evaluator, type EvaluatorOptions } from './services/evaluator.ts';
import { FigureStore } from './services/figure-store.ts';
import { SessionCache } from './services/session-cache.ts';
import { EtagCache } from './services/results-version.ts';

export interface AppOptions {
  databaseUrl: string;
  /** folder of the built web app; null serves no UI */
  webDist?: string | null;
  /** injectable clock (tests move time to expire sessions and lockouts) */
  now?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** the session cookie's Secure attribute; `auto`: when the request came over https */
  cookieSecure?: boolean | 'auto';
  /** users created through the API must change their password at first sign-in (default yes) */
  forcePasswordChange?: boolean;
  /** bytes one user may upload in 24 hours (default 100 MB; UPLOAD_QUOTA_MB) */
  uploadQuotaBytes?: number;
  /** fastify's trustProxy: whose forwarded headers (client address, https) to believe */
  trustProxy?: TrustProxy;
  poolSize?: number;
  /** absolute base URL of the phone pages (QR codes, links on bulletins); default config's PUBLIC_URL default */
  publicUrl?: string;
  /** the engine's worker threads (tests force them with inlineBelow: 0) */
  evaluator?: EvaluatorOptions;
  /** how often nearing-due case reminders are sent (ms; main.ts: CASE_REMINDER_MINUTES); 0 or unset: no timer */
  caseReminderMs?: number;
  /** how catch-ups of a campaign's results are spaced while its figures keep changing (services/recompute.ts Pacing) */
  catchUpPacing?: Pacing;
  /** false: every request reads its session and the leaderboard's etag from the database (the benchmark's comparison); default on */
  sessionCache?: boolean;
}

/** Kiosk links carry their secret in the path: request logs show it as `***`. */
export const redactUrl = (url: string): string => url.replace(/\/(kiosk|screen|vote)\/[^/?#]+/, '/$1/***');

function withRedaction(logger: FastifyServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger || typeof logger !== 'object') return logger;
  return {
    ...logger,
    serializers: {
      req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({ method: req.method, url: redactUrl(req.url), hostname: req.hostname, remoteAddress: req.ip }),
    },
  };
}

/** fastify's typings lack the number of hops that it accepts: say it as a function */
function trustProxyOption(t: TrustProxy): FastifyServerOptions['trustProxy'] {
  return typeof t === 'number' ? (_addr: string, hop: number) => hop < t : t;
}

export interface RouteInfo {
  method: string;
  url: string;
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    leitai: { ctx: Ctx; routes: RouteInfo[]; hub: EventHub; caseReminders: CaseTimer };
  }
}

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const serverOptions: FastifyServerOptions = {
    logger: withRedaction(opts.logger ?? false), bodyLimit: 20 * 1024 * 1024, trustProxy: trustProxyOption(opts.trustProxy ?? false),
    // the router's own refusals (a path parameter over 100 characters, a malformed URL) in the one error shape
    frameworkErrors: (err, req, reply) => {
      const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
      void (reply as FastifyReply).status(status).send(errorBody(new AppError('validation_failed', { zh: '请求地址不正确（路径参数过长或格式有误）', en: 'The request URL is not well-formed (a path parameter too long or malformed)' }), languageOf(req.headers['accept-language'])));
    },
  };
  const app = Fastify(serverOptions);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  const database = openDatabase(opts.databaseUrl, opts.poolSize);
  const hub = new EventHub(opts.databaseUrl, (msg, err) => app.log.warn({ err }, msg));
  const evaluator = new Evaluator(opts.evaluator);
  const ctx: Ctx = {
    db: database.db, now: opts.now ?? (() => new Date()), specs: new SpecCache(), figures: new FigureStore(), evaluator,
    results: new ResultsKeeper(() => ctx, hub, (msg, err) => app.log.warn({ err }, msg), undefined, undefined, opts.catchUpPacing),
  };
  const deps: Deps = { ctx, hub, cookieSecure: opts.cookieSecure ?? 'auto', streams: new Set(), forcePasswordChange: opts.forcePasswordChange ?? true, uploadQuotaBytes: opts.uploadQuotaBytes ?? DEFAULT_UPLOAD_QUOTA_BYTES, publicUrl: opts.publicUrl ?? DEFAULT_PUBLIC_URL };
  const routes: RouteInfo[] = [];
  app.decorate('leitai', { ctx, routes, hub, caseReminders: { runOnce: async () => 0, stop: async () => {} } });

  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    // read lazily: hooks of plugin scopes that run after this one may still set the access
    for (const m of methods) routes.push({ method: m, url: r.url, get access() { return r.config?.access; } });
  });
  app.decorateRequest('user', null);
  app.decorateRequest('lang', 'zh');
  app.decorateRequest('sessionToken', undefined);
  app.addHook('onRequest', async (req) => { req.lang = languageOf(req.headers['accept-language']); });

  installErrorHandler(app);
  await registerSecurityHeaders(app);
  refuseCrossOrigin(app, [new URL(opts.publicUrl ?? DEFAULT_PUBLIC_URL).origin]);
  refuseControlCharacters(app);
  await app.register(fastifyCookie);
  // one file a request, few small fields: a multipart body cannot be made of thousands of parts
  await app.register(fastifyMultipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20, parts: 21, fieldNameSize: 100, fieldSize: 64 * 1024, headerPairs: 100 } });
  enforceAccess(app, async (req, fresh) => {
    req.sessionToken = req.cookies[SESSION_COOKIE];
    req.user = await authenticate(ctx, req.sessionToken, fresh);
  });
  // the session cache (services/session-cache.ts): emptied by every process's auth notifications,
  // when the listening connection goes down, and, in this process, before the answer of any request
  // that may have changed something (the client's next request reads its change)
  const sessions = new SessionCache(() => hub.listening);
  hub.onLost(() => sessions.clear());
  await hub.subscribe('auth', () => sessions.clear()).catch((err: unknown) => app.log.warn({ err }, 'session cache: could not listen; sessions are read on every request'));
  if (opts.sessionCache !== false) ctx.sessions = sessions;
  // the same for the leaderboard's stored etags (services/results-version.ts): dropped per campaign
  // by every process's version notifications, and in this process after a figure write committed
  const etags = new EtagCache(() => hub.listening, () => hub.barrier());
  hub.onLost(() => etags.clear());
  await hub.subscribe('version', (e) => etags.drop(e.campaign)).catch((err: unknown) => app.log.warn({ err }, 'etag cache: could not listen; etags are read on every request'));
  if (opts.sessionCache !== false) ctx.etags = etags;
  const applied = ctx.figures.applied.bind(ctx.figures);
  ctx.figures.applied = (campaignId, ...rest) => {
    etags.drop(campaignId);
    applied(campaignId, ...rest);
  };
  app.addHook('onSend', async (req) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS' && req.routeOptions.config.onlyFigures !== true) {
      sessions.clear();
      etags.clear();
    }
  });

  // read your writes: a request on a campaign whose stored results are behind its figures (a figure
  // write commits before its recompute) waits until they caught up; the figure routes, which read
  // no results, and the results route (which checks with its etag read) opt out (config.fresh)
  app.addHook('preHandler', async (req) => {
    const config = req.routeOptions.config;
    const access = config.access;
    if (!access || !('action' in access) || config.fresh === false) return;
    const campaignId = access.resource?.((req.params ?? {}) as Record<string, string>).campaignId;
    if (campaignId !== undefined) await ctx.results.fresh(campaignId);
  });

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Leitai (擂台) API', version: '1', description: 'See docs/api-plan.md. Session: httpOnly cookie leitai_session.' },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => { route.config = { ...route.config, access: PUBLIC }; });
    await docs.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  });

  await app.register(async (api) => {
    const zapp = api.withTypeProvider<ZodTypeProvider>();
    authRoutes(zapp, deps);
    userRoutes(zapp, deps);
    organizationRoutes(zapp, deps);
    rollupRoutes(zapp, deps);
    overviewRoutes(zapp, deps);
    campaignRoutes(zapp, deps);
    figureRoutes(zapp, deps);
    evidenceRoutes(zapp, deps);
    resultRoutes(zapp, deps);
    streamRoutes(zapp, deps);
    auditRoutes(zapp, deps);
    periodRoutes(zapp, deps);
    verificationRoutes(zapp, deps);
    requestRoutes(zapp, deps);
    uploadRoutes(zapp, deps);
    bulletinRoutes(zapp, deps);
    publicRoutes(zapp, deps);
    kioskRoutes(zapp, deps);
    commitmentRoutes(zapp, deps);
    ledgerRoutes(zapp, deps);
    ledgerEntryRoutes(zapp, deps);
    ballotRoutes(zapp, deps);
    voteRoutes(zapp, deps);
    peopleRoutes(zapp, deps);
    selectionRoutes(zapp, deps);
    publicityRoutes(zapp, deps);
    caseRoutes(zapp, deps);
    supervisionRoutes(zapp, deps);
    meetingRoutes(zapp, deps);
  }, { prefix: '/api/v1' });

  healthRoutes(app, database.pool);
  await registerWeb(app, opts.webDist ?? null);

  // the database went away: every open stream may miss events from now on. Say so and end it; the
  // clients reconnect (and are refused with 503 until the database is back).
  hub.onLost(() => {
    for (const s of [...deps.streams]) {
      s.send('interrupted', { reason: 'database' });
      s.end();
    }
  });

  // nearing-due reminders of cases, sent by a timer (not only when someone reads the board)
  const caseReminders = startCaseReminders(ctx, opts.caseReminderMs ?? 0, (e) => app.log.error({ err: e }, 'case reminders failed'));
  app.leitai.caseReminders = caseReminders;

  app.addHook('preClose', async () => {
    await caseReminders.stop();
    for (const s of [...deps.streams]) s.end();
  });
  app.addHook('onClose', async () => {
    await ctx.figures.close();
    await ctx.results.close();
    await hub.close();
    await evaluator.close();
    await database.close();
  });
  return app;
}
