// The public 公示 page of a selection and its objections [异议] (no sign-in; rate limited).
import { z } from 'zod';
import { PUBLIC } from '../http/access.ts';
import { RateLimit } from '../http/rate-limit.ts';
import type { App, Deps } from '../http/types.ts';
import { errorResponses } from '../schemas/common.ts';
import { ObjectionCreate, PublicSelectionParams, PublicSelectionSchema } from '../schemas/people.ts';
import { fileObjection, publicSelection } from '../services/selections.ts';

export function publicityRoutes(app: App, { ctx }: Deps): void {
  const limit = new RateLimit(5, 10 * 60_000);

  app.get('/public/selections/:selectionId', {
    config: { access: PUBLIC },
    schema: { tags: ['public'], summary: '公示: the elected of a selection, the deadline, whether objections are taken (404 before 公示)', params: PublicSelectionParams, response: { 200: PublicSelectionSchema, ...errorResponses } },
  }, async (req) => publicSelection(ctx, req.params.selectionId));

  app.post('/public/selections/:selectionId/objections', {
    config: { access: PUBLIC },
    schema: { tags: ['public'], summary: 'File an objection (text and contact) during 公示 only (409 otherwise); 5 per 10 minutes per address', params: PublicSelectionParams, body: ObjectionCreate, response: { 201: z.object({ ok: z.literal(true) }), ...errorResponses } },
  }, async (req, reply) => {
    limit.hit(`objection ${req.ip}`, Date.now());
    await fileObjection(ctx, req.params.selectionId, req.body);
    return reply.code(201).send({ ok: true as const });
  });
}
