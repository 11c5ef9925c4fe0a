// The one place that talks HTTP. Every call sends the interface language (the API answers errors
// in it) and the session cookie; every failure becomes an ApiError carrying the API's stable code,
// its user-readable message and, for 422s, the engine's issues.
import type { ErrorBody, Issue } from './types.ts';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: Issue[];
  /** the error body's further fields (e.g. `errors`: the wrong cells of a bulk creation) */
  readonly details: Record<string, unknown>;

  constructor(status: number, code: string, message: string, issues: Issue[] = [], details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

let acceptLanguage = 'zh-CN';

/** Called by the language switch so that later requests get messages in the chosen language. */
export function setApiLanguage(lang: 'zh' | 'en'): void {
  acceptLanguage = lang === 'en' ? 'en' : 'zh-CN';
}

/** Listeners told when any call comes back 401, so the app can send the user to sign in. */
const unauthenticatedListeners = new Set<() => void>();
export function onUnauthenticated(fn: () => void): () => void {
  unauthenticatedListeners.add(fn);
  return () => unauthenticatedListeners.delete(fn);
}

function isErrorBody(x: unknown): x is ErrorBody {
  if (typeof x !== 'object' || x === null || !('error' in x)) return false;
  const e = (x as { error: unknown }).error;
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** multipart uploads go as FormData, untouched */
  form?: FormData;
  signal?: AbortSignal;
  /** sign-in and "who am I" handle 401 themselves: do not broadcast it */
  quiet401?: boolean;
}

export async function request<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { 'Accept-Language': acceptLanguage, Accept: 'application/json' };
  let body: BodyInit | undefined;
  if (opts.form) body = opts.form;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  let res: Response;
  try {
    res = await fetch(API_BASE + path, { method: opts.method ?? 'GET', headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw new ApiError(0, 'network', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) {
    if (res.status === 401 && !opts.quiet401) unauthenticatedListeners.forEach((fn) => fn());
    if (isErrorBody(json)) throw new ApiError(res.status, json.error.code, json.error.message, json.error.issues ?? [], json.error as Record<string, unknown>);
    throw new ApiError(res.status, 'http_' + res.status, res.statusText || 'HTTP ' + res.status);
  }
  return json as T;
}
