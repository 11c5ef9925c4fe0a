// GET /overview: an organization's campaigns at every level below it, their periods, who has not reported.
import { requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { errorResponses } from '../schemas/common.ts';
import { OverviewQuery, OverviewSchema } from '../schemas/overview.ts';
import { overview } from '../services/overview.ts';

export function overviewRoutes(app: App, { ctx }: Deps): void {
  app.get('/overview', {
    // organizers and leaders of an organization; the service checks the organization asked for
    config: { access: { action: 'overview.read' } },
    schema: { tags: ['overview'], summary: 'An organization\'s campaigns at every level below it (default: the highest one the user organizes or leads)', querystring: OverviewQuery, response: { 200: OverviewSchema, ...errorResponses } },
  }, async (req) => overview(ctx, requireUser(req), req.query.organization));
}
