// GET /campaigns/:id/stream: server-sent events `results` whenever the stored results of the
// campaign change, from whichever server process wrote them (see db/notify.ts).
import { z } from 'zod';
import { onCampaign } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { requireCampaign } from '../services/campaigns.ts';

const HEARTBEAT_MS = 25_000;

export function streamRoutes(app: App, { ctx, hub, streams }: Deps): void {
  app.get('/campaigns/:id/stream', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      summary: 'Server-sent events: `event: results`, `data: {"campaign","period"}` after every change',
      params: CampaignIdParams,
      response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
    },
  }, async (req, reply) => {
    const campaignId = req.params.id;
    await requireCampaign(ctx.db, campaignId);
    const raw = reply.raw;
    let closed = false;
    const stream = {
      end: () => {
        if (closed) return;
        closed = true;
        clearInterval(heartbeat);
        unsubscribe?.();
        streams.delete(stream);
        raw.end();
      },
    };
    const unsubscribe: (() => void) | undefined = await hub.subscribe((event) => {
      if (event.campaign === campaignId && !closed) raw.write(`event: results\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const heartbeat = setInterval(() => { if (!closed) raw.write(': keep-alive\n\n'); }, HEARTBEAT_MS);
    streams.add(stream);
    req.raw.on('close', stream.end);

    reply.hijack();
    raw.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    // `ready` tells the client the subscription is live: anything written from now on arrives.
    raw.write(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ campaign: campaignId })}\n\n`);
  });
}
