// Selections under a fixed quota — model stars [模范星评选] and other honours (issue 17 items 4–5).
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { RaterLinkSchema } from '../schemas/ballots.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  ConfirmInput, NominationCreate, NominationParams, NominationWithdraw, PanelOpen, RankingNominate, ObjectionDecision, ObjectionParams, PublicityStart, SelectionCreate, SelectionParams, SelectionSchema, TieDecision, VotingOpen,
} from '../schemas/people.ts';
import {
  confirmSelection, createSelection, decideObjection, decideTie, getSelection, listSelections, nominate, nominateFromRanking, openPanel, openVoting, startPublicity, withdrawNomination,
} from '../services/selections.ts';

const One = z.object({ selection: SelectionSchema });

export function selectionRoutes(app: App, { ctx, publicUrl }: Deps): void {
  app.get('/campaigns/:id/selections', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['selections'], summary: 'The campaign\'s selections with their nominations (objections: organizers only)', params: CampaignIdParams, response: { 200: z.object({ selections: z.array(SelectionSchema) }), ...errorResponses } },
  }, async (req) => ({ selections: await listSelections(ctx, requireUser(req), req.params.id) }));

  app.post('/campaigns/:id/selections', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'Open a selection: honour, category, year, quota; method approval (an approval-share threshold) or panel [述比排序] (the weights of 量化考核 and 述职评议 in %, a combined-score threshold); nominations open', params: CampaignIdParams, body: SelectionCreate, response: { 201: One, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ selection: await createSelection(ctx, requireUser(req), req.params.id, req.body) }));

  app.get('/campaigns/:id/selections/:selectionId', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['selections'], summary: 'One selection', params: SelectionParams, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await getSelection(ctx, requireUser(req), req.params.id, req.params.selectionId) }));

  app.post('/campaigns/:id/selections/:selectionId/nominations', {
    config: { access: onCampaign('nomination.create') },
    schema: { tags: ['selections'], summary: 'A unit nominates a person with a reason (its reporters; organizers for any unit)', params: SelectionParams, body: NominationCreate, response: { 201: One, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ selection: await nominate(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/ranking', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'Quantified ranking as the first step: nominate the persons ranked within the top N of a closed period of this person campaign (ties at the edge included)', params: SelectionParams, body: RankingNominate, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await nominateFromRanking(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/nominations/:nominationId/withdraw', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'While nominations are open, withdraw a nomination with a reason (e.g. a nominee vetoed [一票否决]); it stays listed as withdrawn and takes no further part', params: NominationParams, body: NominationWithdraw, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await withdrawNomination(ctx, requireUser(req), req.params.id, req.params.selectionId, req.params.nominationId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/voting', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'Close nominations and open the approval ballot; returns the one-time rater links (once)', params: SelectionParams, body: VotingOpen, response: { 201: z.object({ selection: SelectionSchema, links: z.array(RaterLinkSchema) }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await openVoting(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body, publicUrl)));

  app.post('/campaigns/:id/selections/:selectionId/panel', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: '述比排序: close nominations, take each nominee\'s quantified score from a closed period and open the judges\' marks ballot; returns the one-time judge links (once). Closing the ballot combines both parts and applies the quota', params: SelectionParams, body: PanelOpen, response: { 201: z.object({ selection: SelectionSchema, links: z.array(RaterLinkSchema) }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await openPanel(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body, publicUrl)));

  app.post('/campaigns/:id/selections/:selectionId/tie', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'The recorded decision on a tie at the quota (more than the places left only with exceed: true)', params: SelectionParams, body: TieDecision, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await decideTie(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/publicity', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'Start 公示 until a deadline: the public page lists the elected and takes objections', params: SelectionParams, body: PublicityStart, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await startPublicity(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/objections/:objectionId/decision', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'Decide an objection: uphold (the nominee is withdrawn with the reply as reason) or dismiss', params: ObjectionParams, body: ObjectionDecision, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await decideObjection(ctx, requireUser(req), req.params.id, req.params.selectionId, req.params.objectionId, req.body) }));

  app.post('/campaigns/:id/selections/:selectionId/confirm', {
    config: { access: onCampaign('selection.manage') },
    schema: { tags: ['selections'], summary: 'After 公示 with every objection decided: confirm; the elected enter the honours register', params: SelectionParams, body: ConfirmInput, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ selection: await confirmSelection(ctx, requireUser(req), req.params.id, req.params.selectionId, req.body) }));
}
