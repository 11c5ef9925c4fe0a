// Reporting periods: list with progress, state/deadline changes, the 催报 list, reminders and the
// unit inbox they land in.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { CampaignIdParams, errorResponses, SerialId } from '../schemas/common.ts';
import { MissingSchema, PeriodParams, PeriodSchema, PeriodUpdate, ReminderSchema, ReminderSend } from '../schemas/periods.ts';
import { listPeriods, markRead, missingReports, readInbox, sendReminders, updatePeriod } from '../services/periods.ts';

export function periodRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/periods', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['periods'],
      summary: 'Every period of the campaign with its state, deadline and reporting / verification progress',
      params: CampaignIdParams,
      response: { 200: z.object({ periods: z.array(PeriodSchema) }), ...errorResponses },
    },
  }, async (req) => ({ periods: await listPeriods(ctx, req.params.id) }));

  app.put('/campaigns/:id/periods/:period', {
    config: { access: onCampaign('period.manage') },
    schema: {
      tags: ['periods'],
      summary: 'Set the deadline and/or move the period: open → verification → closed (verification → open reopens)',
      params: PeriodParams,
      body: PeriodUpdate,
      response: { 200: z.object({ period: PeriodSchema }), ...errorResponses },
    },
  }, async (req) => ({ period: await updatePeriod(ctx, requireUser(req), req.params.id, req.params.period, req.body) }));

  app.get('/campaigns/:id/periods/:period/missing', {
    config: { access: onCampaign('period.manage') },
    schema: {
      tags: ['periods'],
      summary: '催报 list: units with value figures missing for the period',
      params: PeriodParams,
      response: { 200: z.object({ missing: z.array(MissingSchema) }), ...errorResponses },
    },
  }, async (req) => ({ missing: await missingReports(ctx, req.params.id, req.params.period) }));

  app.post('/campaigns/:id/periods/:period/reminders', {
    config: { access: onCampaign('period.manage') },
    schema: {
      tags: ['periods'],
      summary: 'Send reminders (default: to every unit on the 催报 list); they appear in the units\' inboxes',
      params: PeriodParams,
      body: ReminderSend,
      response: { 200: z.object({ sent: z.number().int() }), ...errorResponses },
    },
  }, async (req) => ({ sent: await sendReminders(ctx, requireUser(req), req.params.id, req.params.period, req.body) }));

  app.get('/campaigns/:id/inbox', {
    config: { access: onCampaign('inbox.read') },
    schema: {
      tags: ['periods'],
      summary: 'Reminders for the signed-in reporter\'s unit (organizers: every unit), newest first',
      params: CampaignIdParams,
      response: { 200: z.object({ reminders: z.array(ReminderSchema) }), ...errorResponses },
    },
  }, async (req) => ({ reminders: await readInbox(ctx, requireUser(req), req.params.id, req.lang) }));

  app.post('/campaigns/:id/inbox/:reminderId/read', {
    config: { access: onCampaign('inbox.read') },
    schema: {
      tags: ['periods'],
      summary: 'Mark a reminder read',
      params: CampaignIdParams.extend({ reminderId: SerialId }),
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await markRead(ctx, requireUser(req), req.params.id, req.params.reminderId);
    return reply.code(204).send(null);
  });
}
