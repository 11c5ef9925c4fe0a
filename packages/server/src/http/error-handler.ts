// Turns every failure into the one error shape `{error: {code, message, issues?}}` in the client's
// language. Request validation problems become `validation_failed`; anything unexpected becomes
// `internal`, logged in full on the server and shown to nobody.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError } from '../errors.ts';
import type { ErrorBody } from '../schemas/common.ts';
import { languageOf, type Lang } from './language.ts';

export function errorBody(err: AppError, lang: Lang): ErrorBody {
  return { error: { code: err.code, message: lang === 'en' ? err.en : err.zh, ...(err.issues ? { issues: err.issues } : {}), ...(err.details ?? {}) } };
}

function describeValidation(err: FastifyError): { zh: string; en: string } {
  const parts = (err.validation ?? []).slice(0, 5).map((v) => {
    const where = `${err.validationContext ?? 'body'}${v.instancePath ? v.instancePath.replaceAll('/', '.') : ''}`;
    return `${where}: ${v.message ?? ''}`.trim();
  });
  const detail = parts.join('; ');
  return { zh: `请求格式不正确${detail ? `（${detail}）` : ''}`, en: `The request is not well-formed${detail ? ` (${detail})` : ''}` };
}

/** PostgreSQL's unique_violation: two requests raced to create the same thing. */
function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  if ('code' in err && err.code === '23505' && 'severity' in err) return true;
  // drizzle wraps driver errors in DrizzleQueryError, the driver's error being the cause
  return 'cause' in err && err.cause !== err && isUniqueViolation(err.cause);
}

/** The SQLSTATE of a PostgreSQL error, looking through drizzle's wrapper. */
function sqlState(err: unknown, depth = 0): string | undefined {
  if (typeof err !== 'object' || err === null || depth > 4) return undefined;
  if ('code' in err && typeof err.code === 'string' && 'severity' in err) return err.code;
  return 'cause' in err && err.cause !== err ? sqlState(err.cause, depth + 1) : undefined;
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EHOSTUNREACH']);

/** The database went away (refused, reset, shut down, or the pool could not connect in time). */
export function isConnectionLoss(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 4) return false;
  const code = 'code' in err ? String(err.code) : '';
  if (CONNECTION_CODES.has(code)) return true;
  // 57P01–57P03: admin shutdown, crash shutdown, cannot connect now; 08xxx: connection exceptions
  if ('severity' in err && (/^57P0[123]$/.test(code) || code.startsWith('08'))) return true;
  const msg = err instanceof Error ? err.message : '';
  if (/Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(msg)) return true;
  if (err instanceof AggregateError && err.errors.some((e) => isConnectionLoss(e, depth + 1))) return true;
  return 'cause' in err && err.cause !== err && isConnectionLoss(err.cause, depth + 1);
}

export function toAppError(err: unknown, req: FastifyRequest): AppError {
  if (err instanceof AppError) return err;
  if (isUniqueViolation(err)) return new AppError('conflict');
  // class 22, data exceptions (a NUL byte, a number out of range, text that is not a number):
  // input the schema let through but the database refuses is still the client's error
  const state = sqlState(err);
  if (state?.startsWith('22')) {
    req.log.warn({ err }, 'input refused by the database');
    return new AppError('validation_failed', { zh: '请求格式不正确（含有无法保存的值）', en: 'The request is not well-formed (a value cannot be stored)' });
  }
  if (isConnectionLoss(err)) {
    req.log.error({ err }, 'database unavailable');
    return new AppError('unavailable');
  }
  if (hasZodFastifySchemaValidationErrors(err)) return new AppError('validation_failed', describeValidation(err));
  if (isResponseSerializationError(err)) {
    req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
    return new AppError('internal');
  }
  const fe = err as Partial<FastifyError>;
  if (fe.validation) return new AppError('validation_failed', describeValidation(fe as FastifyError));
  const status = typeof fe.statusCode === 'number' ? fe.statusCode : 500;
  // fastify's own client errors (bad JSON, wrong content type, body too large…)
  if (status >= 400 && status < 500) {
    if (status === 404) return new AppError('not_found');
    const msg = fe.message ?? '';
    return new AppError('validation_failed', { zh: `请求格式不正确（${msg}）`, en: `The request is not well-formed (${msg})` });
  }
  req.log.error({ err }, 'unexpected error');
  return new AppError('internal');
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: unknown, req: FastifyRequest, reply: FastifyReply) => {
    const e = toAppError(err, req);
    const lang = req.lang ?? languageOf(req.headers['accept-language']);
    // Fastify keeps some client errors' own status (413 too large, 415 content type)
    const fe = err as Partial<FastifyError>;
    const status = e.code === 'validation_failed' && typeof fe.statusCode === 'number' && fe.statusCode > 400 && fe.statusCode < 500 ? fe.statusCode : e.status;
    const retry = e.details?.retryAfter;
    if (typeof retry === 'number') reply.header('retry-after', String(retry));
    else if (e.code === 'unavailable') reply.header('retry-after', '5');
    return reply.status(status).send(errorBody(e, lang));
  });
}
