// Result routes: stored period results, a unit's history, accountability actions.
import { z } from 'zod';
import { PERIOD_STATES } from '../db/schema.ts';
import { onCampaign } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { ActionResultSchema, PeriodResultSchema, UnitResultSchema } from '../schemas/results.ts';
import { readActions, readResults, unitHistory } from '../services/results.ts';

const PeriodQuery = z.object({ period: z.string().max(16).optional() });

export function resultRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/results', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      summary: 'Stored results of a period (default: the latest with data); result is null before any data',
      params: CampaignIdParams,
      querystring: PeriodQuery,
      response: {
        200: z.object({
          period: z.string().nullable(),
          periods: z.array(z.string()),
          result: PeriodResultSchema.nullable(),
          state: z.enum(PERIOD_STATES).nullable(),
          unverified: z.array(z.object({ unit: z.string(), indicator: z.string(), status: z.enum(['pending', 'returned']), counted: z.boolean() })),
          // per unit: figures stored for the period and those the result counts (0 counted: 未报 / 待审核, not a score)
          counts: z.record(z.string(), z.object({ reported: z.number().int(), counted: z.number().int() })),
          // per unit: movement of the overall and of the group rank against the stored period before
          movement: z.record(z.string(), z.object({ all: z.number().nullable(), group: z.number().nullable() })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => readResults(ctx, req.params.id, req.query.period));

  app.get('/campaigns/:id/units/:unitId/history', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      params: CampaignIdParams.extend({ unitId: z.string().min(1).max(64) }),
      response: {
        200: z.object({
          unit: z.string(),
          history: z.array(z.object({
            period: z.string(),
            // the period's state: results before `closed` are provisional
            state: z.enum(PERIOD_STATES),
            total: z.number(),
            rank: UnitResultSchema.shape.rank,
            delta: z.number().nullable(),
            flags: z.array(z.string()),
            vetoed: z.boolean(),
          })),
        }),
        ...errorResponses,
      },
    },
  }, async (req) => unitHistory(ctx, req.params.id, req.params.unitId));

  app.get('/campaigns/:id/actions', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      params: CampaignIdParams,
      querystring: PeriodQuery,
      response: { 200: z.object({ actions: z.array(ActionResultSchema) }), ...errorResponses },
    },
  }, async (req) => ({ actions: await readActions(ctx, req.params.id, req.query.period) }));
}
