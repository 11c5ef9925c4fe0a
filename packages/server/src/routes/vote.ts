// The rater's phone page (no account): read the ballot's questions and cast once with the one-time
// link's token. Rate limited per client address.
import { z } from 'zod';
import { PUBLIC } from '../http/access.ts';
import { RateLimit } from '../http/rate-limit.ts';
import type { App, Deps } from '../http/types.ts';
import { TokenParams, VoteFormSchema, VoteInput } from '../schemas/ballots.ts';
import { errorResponses } from '../schemas/common.ts';
import { castVote, voteForm } from '../services/ballots.ts';

export function voteRoutes(app: App, { ctx }: Deps): void {
  const limit = new RateLimit(30, 60_000);

  app.get('/public/vote/:token', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'A rater\'s ballot form: the subjects to mark, approve or grade, and whether the link may still vote',
      params: TokenParams,
      response: { 200: VoteFormSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    return voteForm(ctx, req.params.token, req.lang);
  });

  app.post('/public/vote/:token', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'Cast the link\'s one ballot (stored without the token or the rater); 409 when the link has voted or the ballot is closed',
      params: TokenParams,
      body: VoteInput,
      response: { 201: z.object({ ok: z.literal(true) }), ...errorResponses },
    },
  }, async (req, reply) => {
    limit.hit(`vote ${req.ip}`, Date.now());
    await castVote(ctx, req.params.token, req.body);
    return reply.code(201).send({ ok: true as const });
  });
}
