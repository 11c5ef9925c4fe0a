// GET /campaigns/:id/stream: server-sent events `results` whenever the stored results of the
// campaign change, and `ballot` when a ballot's turnout or state changes, from whichever server
// process wrote them (see db/notify.ts).
import { z } from 'zod';
import { onCampaign } from '../http/access.ts';
import { serveEvents } from '../http/sse.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { requireCampaign } from '../services/campaigns.ts';

export function streamRoutes(app: App, { ctx, hub, streams }: Deps): void {
  app.get('/campaigns/:id/stream', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      summary: 'Server-sent events: `event: results`, `data: {"campaign","period"}` after every change of results; `event: ballot`, `data: {"campaign","ballot"}` after a vote is cast or a ballot closes',
      params: CampaignIdParams,
      response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
    },
  }, async (req, reply) => {
    const campaignId = req.params.id;
    await requireCampaign(ctx.db, campaignId);
    await serveEvents(req, reply, streams, { campaign: campaignId }, async (stream) => {
      const undo = await Promise.all([
        hub.subscribe('results', (event) => { if (event.campaign === campaignId) stream.send('results', event); }),
        hub.subscribe('ballot', (event) => { if (event.campaign === campaignId) stream.send('ballot', event); }),
      ]);
      return () => { for (const u of undo) u(); };
    });
  });
}
