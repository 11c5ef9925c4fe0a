// Ballots (issue 17 item 3): the organizer opens, watches (counts only) and closes them; raters vote
// on a phone page with their one-time link (routes/vote.ts). No route returns a ballot as cast.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { BallotCreate, BallotParams, BallotSchema, RaterLinkSchema } from '../schemas/ballots.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { closeBallot, createBallot, getBallot, listBallots } from '../services/ballots.ts';

export function ballotRoutes(app: App, { ctx, publicUrl }: Deps): void {
  app.post('/campaigns/:id/ballots', {
    config: { access: onCampaign('ballot.manage') },
    schema: {
      tags: ['ballots'],
      summary: 'Open a ballot (marks, approval or levels) with rater groups and one-time rater links; the links are returned once (only their hashes are kept)',
      params: CampaignIdParams,
      body: BallotCreate,
      response: { 201: z.object({ ballot: BallotSchema, links: z.array(RaterLinkSchema) }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createBallot(ctx, requireUser(req), req.params.id, req.body, publicUrl)));

  app.get('/campaigns/:id/ballots', {
    config: { access: onCampaign('ballot.manage') },
    schema: {
      tags: ['ballots'],
      summary: 'The campaign\'s ballots with their turnout (counts per rater group) and, once closed, each subject\'s aggregate',
      params: CampaignIdParams,
      response: { 200: z.object({ ballots: z.array(BallotSchema) }), ...errorResponses },
    },
  }, async (req) => ({ ballots: await listBallots(ctx, req.params.id) }));

  app.get('/campaigns/:id/ballots/:ballotId', {
    config: { access: onCampaign('ballot.manage') },
    schema: {
      tags: ['ballots'],
      summary: 'One ballot: turnout while open (live counts), aggregates once closed — never a ballot as cast',
      params: BallotParams,
      response: { 200: z.object({ ballot: BallotSchema }), ...errorResponses },
    },
  }, async (req) => ({ ballot: await getBallot(ctx, req.params.id, req.params.ballotId) }));

  app.post('/campaigns/:id/ballots/:ballotId/close', {
    config: { access: onCampaign('ballot.manage') },
    schema: {
      tags: ['ballots'],
      summary: 'Close the ballot: the engine aggregates the ballots cast; an indicator ballot enters each subject\'s figure through the figure path (pending verification); a selection\'s ballot elects',
      params: BallotParams,
      response: { 200: z.object({ ballot: BallotSchema }), ...errorResponses },
    },
  }, async (req) => ({ ballot: await closeBallot(ctx, requireUser(req), req.params.id, req.params.ballotId) }));
}
