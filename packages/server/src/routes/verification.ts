// Verification by each indicator's responsible section: the queue, and approve / return decisions.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { FigureSchema } from '../schemas/figures.ts';
import { DecisionBody, VerificationQuery } from '../schemas/verification.ts';
import { decide, verificationQueue } from '../services/verification.ts';

export function verificationRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/verification', {
    config: { access: onCampaign('figure.verify') },
    schema: {
      tags: ['verification'],
      summary: 'The figures the signed-in user verifies (a scorer: those of their indicators)',
      params: CampaignIdParams,
      querystring: VerificationQuery,
      response: {
        200: z.object({
          figures: z.array(FigureSchema.extend({
            // beside each figure: the figure of the period before, a jump against it, behind schedule
            review: z.object({ previous: z.string().nullable(), jump: z.boolean(), behind: z.boolean() }),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => ({ figures: await verificationQueue(ctx, requireUser(req), req.params.id, req.query) }));

  app.post('/campaigns/:id/verification', {
    config: { access: onCampaign('figure.verify') },
    schema: {
      tags: ['verification'],
      summary: 'Approve figures or return them to the unit with a reason; all or nothing',
      params: CampaignIdParams,
      body: DecisionBody,
      response: { 200: z.object({ figures: z.array(FigureSchema) }), ...errorResponses },
    },
  }, async (req) => ({ figures: await decide(ctx, requireUser(req), req.params.id, req.body.decisions) }));
}
