import type { FastifyReply } from 'fastify';
// Content-Disposition for a download (RFC 6266 / 5987): an ASCII fallback name for old clients and
// the exact UTF-8 name (Chinese titles) for every current browser.
export function attachment(filename: string, asciiFallback?: string): string {
  const ascii = (asciiFallback ?? filename).replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}

/**
 * Sends a file someone uploaded (evidence, case, commitment and supervision files) as a download that
 * is never rendered from our origin, never sniffed into something else and never cached on the way.
 */
export function sendUploadedFile(reply: FastifyReply, file: { contentType: string; filename: string; data: Uint8Array }): FastifyReply {
  reply.header('content-type', file.contentType);
  reply.header('content-disposition', attachment(file.filename));
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', "default-src 'none'; sandbox");
  reply.header('cache-control', 'private, no-store');
  return reply.send(Buffer.from(file.data));
}
