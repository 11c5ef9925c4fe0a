// GET/POST /campaigns/:id/rollups, DELETE /campaigns/:id/rollups/:linkId: the cells of a campaign fed
// from lower campaigns (上下联动), declared by the campaign's organizers, read by its readers.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { NewRollupBody, RollupLinkSchema, RollupParams } from '../schemas/rollups.ts';
import { createRollup, listRollups, removeRollup } from '../services/rollups.ts';

export function rollupRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/rollups', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['rollups'], summary: 'The cells fed from lower campaigns, with the values they carried and their sources',
      params: CampaignIdParams, response: { 200: z.object({ rollups: z.array(RollupLinkSchema) }), ...errorResponses },
    },
  }, async (req) => ({ rollups: await listRollups(ctx, req.params.id) }));

  app.post('/campaigns/:id/rollups', {
    config: { access: onCampaign('campaign.edit') },
    schema: {
      tags: ['rollups'], summary: 'Feed a unit\'s indicator from a lower campaign; its closed periods are rolled up at once',
      params: CampaignIdParams, body: NewRollupBody, response: { 201: z.object({ rollup: RollupLinkSchema }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ rollup: await createRollup(ctx, requireUser(req), req.params.id, req.body) }));

  app.delete('/campaigns/:id/rollups/:linkId', {
    config: { access: onCampaign('campaign.edit') },
    schema: { tags: ['rollups'], params: RollupParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await removeRollup(ctx, requireUser(req), req.params.id, req.params.linkId);
    return reply.code(204).send(null);
  });
}
