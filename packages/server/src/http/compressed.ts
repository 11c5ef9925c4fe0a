// Stored JSON bodies sent as they are, compressed once per version (etag) and encoding, in the
// libuv thread pool (not on the event loop); answered 304 when the client has that version.
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

const br = promisify(brotliCompress);
const gz = promisify(gzip);

type Encoding = 'br' | 'gzip' | 'identity';

/** The encoding to send: brotli, else gzip, when the client accepts it (q=0 refuses). */
export function encodingFor(acceptEncoding: string | undefined): Encoding {
  const accepted = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name, q ? Number(q.slice(2)) : 1);
  }
  const ok = (e: string) => (accepted.get(e) ?? accepted.get('*') ?? 0) > 0;
  if (ok('br')) return 'br';
  if (ok('gzip')) return 'gzip';
  return 'identity';
}

/** Compressed bodies by etag and encoding; the least recently used go beyond `maxBytes`. */
export class CompressedCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;
  constructor(private readonly maxBytes = 64 * 1024 * 1024) {}

  /** Whether the body of `etag` is here, compressed as `encoding` (or being compressed). */
  has(etag: string, encoding: Encoding): boolean {
    return encoding !== 'identity' && this.entries.has(`${encoding}:${etag}`);
  }

  /** The compressed body of `etag` when it is here. */
  peek(etag: string, encoding: Encoding): Promise<Buffer> | undefined {
    return encoding === 'identity' ? undefined : this.entries.get(`${encoding}:${etag}`);
  }

  get(etag: string, encoding: Exclude<Encoding, 'identity'>, body: () => string): Promise<Buffer> {
    const key = `${encoding}:${etag}`;
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const raw = Buffer.from(body());
    const p = encoding === 'br'
      ? br(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
      : gz(raw, { level: 6 });
    this.entries.set(key, p);
    p.then((buf) => {
      if (this.entries.get(key) !== p) return;
      this.sizes.set(key, buf.length);
      this.bytes += buf.length;
      for (const k of this.entries.keys()) {
        if (this.bytes <= this.maxBytes) break;
        if (k === key) continue;
        this.entries.delete(k);
        this.bytes -= this.sizes.get(k) ?? 0;
        this.sizes.delete(k);
      }
    }, () => this.entries.delete(key));
    return p;
  }
}

/**
 * Sends a stored JSON body with its strong etag: 304 when If-None-Match names it, else the body
 * compressed as the client accepts. `body` null: the client has it, or the cache has it compressed.
 */
export async function sendStoredJson(req: FastifyRequest, reply: FastifyReply, cache: CompressedCache, etag: string, stored: string | null, load: () => Promise<string>): Promise<FastifyReply> {
  let body = stored;
  const tag = `"${etag}"`;
  reply.header('etag', tag);
  reply.header('cache-control', 'private, no-cache');
  reply.header('vary', 'Accept-Encoding, Cookie');
  const inm = req.headers['if-none-match'];
  if (inm && inm.split(',').map((s) => s.trim().replace(/^W\//, '')).includes(tag)) {
    return reply.code(304).send();
  }
  reply.header('content-type', 'application/json; charset=utf-8');
  const encoding = encodingFor(req.headers['accept-encoding']);
  const hit = body === null ? cache.peek(etag, encoding) : undefined;
  if (hit) {
    reply.header('content-encoding', encoding);
    return reply.send(await hit);
  }
  body ??= await load();
  if (encoding === 'identity' || body.length < 1024) return reply.send(Buffer.from(body));
  reply.header('content-encoding', encoding);
  return reply.send(await cache.get(etag, encoding, () => body));
}
