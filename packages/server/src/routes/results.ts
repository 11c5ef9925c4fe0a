// Result routes: stored period results (the leaderboard: bytes as stored, compressed, with an etag),
// one unit's explanations (computed when asked), a unit's history, accountability actions.
import { z } from 'zod';
import { PERIOD_STATES } from '../db/schema.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import { CompressedCache, encodingFor, sendStoredJson } from '../http/compressed.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { ActionResultSchema, PairResultSchema, PeriodResultSchema, UnitResultSchema } from '../schemas/results.ts';
import { explainUnit, readActions, readResultsBody, unitHistory } from '../services/results.ts';
import { PageCache, pageOfBody } from '../services/results-page.ts';

const PeriodQuery = z.object({ period: z.string().max(16).optional() });
const ResultsQuery = PeriodQuery.extend({
  // columns: the result as engine resultColumns (about a third of the bytes; engine resultRows gives the rows back)
  shape: z.enum(['rows', 'columns']).optional(),
  // a page: the units ranked offset+1 … offset+limit overall (services/results-page.ts); without limit, every unit
  offset: z.coerce.number().int().min(0).max(10_000_000).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export function resultRoutes(app: App, { ctx }: Deps): void {
  const compressed = new CompressedCache();
  const pages = new PageCache();

  app.get('/campaigns/:id/results', {
    // waits for the results to catch up itself, in its etag query (services/results.ts)
    config: { access: onCampaign('campaign.read'), fresh: false },
    schema: {
      tags: ['results'],
      summary: 'Stored results of a period (default: the latest with data); result is null before any data. Sent as stored (ETag, 304 to If-None-Match; br/gzip). shape=columns: result in columns as stored (engine resultColumns; this schema shows the default rows). limit (and offset): one page, the units ranked offset+1 … offset+limit overall, with the pairs, flags (overall, their groups and pairs), actions, counts, movement and unverified figures of those units and page.total; every page of one etag version is cut from the same stored result. A reporter gets other units\' scores and ranks without figures and no unverified list (docs/api-plan.md); explanations: /results/explain',
      params: CampaignIdParams,
      querystring: ResultsQuery,
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
          // a page (limit given): where it starts, its size and how many units the result has
          page: z.object({ offset: z.number().int(), limit: z.number().int(), total: z.number().int() }).optional(),
        }),
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const encoding = encodingFor(req.headers['accept-encoding']);
    const shape = req.query.shape ?? 'rows';
    const user = requireUser(req);
    const { offset = 0, limit } = req.query;
    if (limit === undefined) {
      const stored = await readResultsBody(ctx, user, req.params.id, req.query.period, req.headers['if-none-match'], (etag) => compressed.has(etag, encoding), shape);
      return sendStoredJson(req, reply, compressed, stored.etag, stored.body, async () => (await readResultsBody(ctx, user, req.params.id, stored.period, undefined, undefined, shape)).body ?? '{}');
    }
    // a page: cut from the stored columns of one version, its etag that version's and the page's
    const page = { offset, limit };
    const suffix = `-p${offset}-${limit}${shape === 'rows' ? '-rows' : ''}`;
    const tagOf = (etag: string) => `${etag}${suffix}`;
    const pageText = (etag: string, body: string) => pages.get(etag, () => pageOfBody(pages.body(etag.slice(0, -suffix.length), body), page, shape));
    const stored = await readResultsBody(ctx, user, req.params.id, req.query.period, req.headers['if-none-match'], (etag) => compressed.has(etag, encoding) || pages.has(etag), 'columns', tagOf);
    const load = async () => {
      const again = await readResultsBody(ctx, user, req.params.id, stored.period, undefined, undefined, 'columns', tagOf);
      return again.body === null ? '{}' : pageText(again.etag, again.body);
    };
    // the client has it, or this process has it compressed (null), or its text (a page asked for uncompressed)
    const text = stored.body === null ? pages.peek(stored.etag) ?? null : pageText(stored.etag, stored.body);
    return sendStoredJson(req, reply, compressed, stored.etag, text, load);
  });

  app.get('/campaigns/:id/results/explain', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['results'],
      summary: 'One unit\'s result of a period with every explanation, computed now by the engine (a reporter: their own unit only)',
      params: CampaignIdParams,
      querystring: z.object({ period: z.string().min(1).max(16), unit: z.string().min(1).max(64) }),
      response: {
        200: z.object({
          period: z.string(),
          unit: UnitResultSchema.nullable(),
          pairs: z.array(PairResultSchema),
          actions: z.array(ActionResultSchema),
        }),
        ...errorResponses,
      },
    },
  }, async (req, reply) => {
    const json = await explainUnit(ctx, requireUser(req), req.params.id, req.query.period, req.query.unit);
    reply.header('content-type', 'application/json; charset=utf-8');
    // the JSON text is sent as it is: the response schema only documents it
    return reply.send(Buffer.from(json) as never);
  });

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
  }, async (req) => ({ actions: await readActions(ctx, requireUser(req), req.params.id, req.query.period) }));
}
