// Corrections, appeals (申诉) and a figure's history.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses, SerialId } from '../schemas/common.ts';
import { AppealCreate, CorrectionCreate, HistoryEntrySchema, HistoryQuery, RequestDecision, RequestQuery, RequestSchema } from '../schemas/requests.ts';
import { decideRequest, figureHistory, fileAppeal, readRequests, requestCorrection } from '../services/requests.ts';

const RequestEnvelope = z.object({ request: RequestSchema });

export function requestRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/requests', {
    config: { access: onCampaign('request.read') },
    schema: {
      tags: ['corrections'],
      summary: 'Correction requests and appeals, newest first (a reporter: their unit\'s)',
      params: CampaignIdParams,
      querystring: RequestQuery,
      response: { 200: z.object({ requests: z.array(RequestSchema) }), ...errorResponses },
    },
  }, async (req) => ({ requests: await readRequests(ctx, requireUser(req), req.params.id, req.query) }));

  app.post('/campaigns/:id/corrections', {
    config: { access: onCampaign('figure.enter') },
    schema: {
      tags: ['corrections'],
      summary: 'Ask to change a figure of a closed period (whoever may enter the figure); an organizer decides',
      params: CampaignIdParams,
      body: CorrectionCreate,
      response: { 201: RequestEnvelope, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ request: await requestCorrection(ctx, requireUser(req), req.params.id, req.body) }));

  app.post('/campaigns/:id/appeals', {
    config: { access: onCampaign('appeal.create') },
    schema: {
      tags: ['corrections'],
      summary: 'Appeal (申诉) a published score of a unit, with a reason',
      params: CampaignIdParams,
      body: AppealCreate,
      response: { 201: RequestEnvelope, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ request: await fileAppeal(ctx, requireUser(req), req.params.id, req.body) }));

  app.post('/campaigns/:id/requests/:requestId/decision', {
    config: { access: onCampaign('request.decide') },
    schema: {
      tags: ['corrections'],
      summary: 'Accept (a correction: applies its value; an appeal: optionally with a correction) or reject with a reply',
      params: CampaignIdParams.extend({ requestId: SerialId }),
      body: RequestDecision,
      response: { 200: RequestEnvelope, ...errorResponses },
    },
  }, async (req) => ({ request: await decideRequest(ctx, requireUser(req), req.params.id, req.params.requestId, req.body) }));

  app.get('/campaigns/:id/figures/history', {
    config: { access: onCampaign('figure.read') },
    schema: {
      tags: ['figures'],
      summary: 'Every value a figure had, oldest first, from the audit log',
      params: CampaignIdParams,
      querystring: HistoryQuery,
      response: { 200: z.object({ history: z.array(HistoryEntrySchema) }), ...errorResponses },
    },
  }, async (req) => ({ history: await figureHistory(ctx, requireUser(req), req.params.id, req.query) }));
}
