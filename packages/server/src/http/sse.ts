// A server-sent event stream on a hijacked reply: `subscribe` runs first (its events are held back
// until the headers are out), then `event: ready` says that from now on nothing is missed.
// Keep-alive comments every 25 s; the stream ends when the client goes or the app closes.
import type { FastifyReply, FastifyRequest } from 'fastify';

const HEARTBEAT_MS = 25_000;

export interface EventStream {
  send(event: string, data: unknown): void;
  end(): void;
}

export async function serveEvents(
  req: FastifyRequest,
  reply: FastifyReply,
  streams: Set<{ end(): void }>,
  ready: unknown,
  /** subscribes; resolves to what undoes the subscription */
  subscribe: (stream: EventStream) => Promise<() => void>,
): Promise<void> {
  const raw = reply.raw;
  let started = false;
  let closed = false;
  const held: string[] = [];
  const write = (text: string) => {
    if (closed) return;
    if (started) raw.write(text);
    else held.push(text);
  };
  // set once subscribed / started; `end` may run before either (the client left, the token was revoked)
  const undo: { unsubscribe?: () => void; heartbeat?: ReturnType<typeof setInterval> } = {};
  const stream: EventStream = {
    send: (event, data) => write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`),
    end: () => {
      if (closed) return;
      closed = true;
      clearInterval(undo.heartbeat);
      undo.unsubscribe?.();
      streams.delete(stream);
      if (started) raw.end();
    },
  };
  undo.unsubscribe = await subscribe(stream);
  // ended while subscribing (e.g. the kiosk token was revoked): answer with an empty stream
  if (closed) undo.unsubscribe();
  streams.add(stream);
  req.raw.on('close', stream.end);
  reply.hijack();
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  started = true;
  if (closed) {
    streams.delete(stream);
    raw.end();
    return;
  }
  raw.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify(ready)}\n\n`);
  for (const text of held.splice(0)) raw.write(text);
  undo.heartbeat = setInterval(() => write(': keep-alive\n\n'), HEARTBEAT_MS);
}
