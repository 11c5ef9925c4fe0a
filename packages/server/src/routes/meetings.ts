// Review meetings [双月表态会 / 季度过堂会 / 述职会] (issue 15 item 4): organizers arrange a meeting
// of a period (the units called preselected from its laggards), record statements and follow-ups
// (an item or a case), move it planned → held → closed and export the minutes to Word; a called
// unit's reporter reads its own part and may send its statement; leaders read the units they lead.
import { z } from 'zod';
import { attachment } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { MEETING_KINDS, MEETING_STATES } from '../db/schema.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { FollowUpCreate, LaggardSchema, MeetingCreate, MeetingPatch, MeetingSchema, One, Statement } from '../schemas/meetings.ts';
import {
  addFollowUp, createMeeting, followUpCase, listMeetings, markFollowUp, meetingMinutes, moveMeeting, periodLaggards, readMeeting, recordStatement, setCalledUnits, updateMeeting,
} from '../services/meetings.ts';

const serial = z.coerce.number().int().positive().max(2_147_483_647);
const Params = CampaignIdParams.extend({ meetingId: serial });
const FollowUpParams = Params.extend({ followUpId: serial });
const unitId = z.string().trim().min(1).max(64);
const period = z.string().trim().min(1).max(16);
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function meetingRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/meetings', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'Review meetings, latest first (a reporter: those calling its unit, with its part only)', params: CampaignIdParams, querystring: z.object({ period: period.optional(), kind: z.enum(MEETING_KINDS).optional() }), response: { 200: z.object({ meetings: z.array(MeetingSchema) }), ...errorResponses } },
  }, async (req) => ({ meetings: await listMeetings(ctx, requireUser(req), req.params.id, req.query) }));

  app.get('/campaigns/:id/meeting-laggards', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'The period\'s laggards in its stored results (last of each group, bottom flags, rules\' actions): who a new meeting would call', params: CampaignIdParams, querystring: z.object({ period }), response: { 200: z.object({ laggards: z.array(LaggardSchema), hasResult: z.boolean() }), ...errorResponses } },
  }, async (req) => periodLaggards(ctx, req.params.id, req.query.period));

  app.post('/campaigns/:id/meetings', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Arrange a meeting of a period (one of each kind per period)', params: CampaignIdParams, body: MeetingCreate, response: { 201: One, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ meeting: await createMeeting(ctx, requireUser(req), req.params.id, req.body) }));

  app.get('/campaigns/:id/meetings/:meetingId', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'A meeting (a reporter: its own unit\'s part only)', params: Params, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await readMeeting(ctx, requireUser(req), req.params.id, req.params.meetingId) }));

  app.patch('/campaigns/:id/meetings/:meetingId', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Change the title, date, place or agenda (not once closed)', params: Params, body: MeetingPatch, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await updateMeeting(ctx, requireUser(req), req.params.id, req.params.meetingId, req.body) }));

  app.put('/campaigns/:id/meetings/:meetingId/units', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'The units called, in order (a unit with a statement or follow-ups stays)', params: Params, body: z.object({ units: z.array(unitId).max(500) }), response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await setCalledUnits(ctx, requireUser(req), req.params.id, req.params.meetingId, req.body.units) }));

  app.put('/campaigns/:id/meetings/:meetingId/units/:unitId/statement', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'A called unit\'s statement (表态) and commitments (an organizer, or the unit beforehand)', params: Params.extend({ unitId }), body: Statement, response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await recordStatement(ctx, requireUser(req), req.params.id, req.params.meetingId, req.params.unitId, req.body) }));

  app.post('/campaigns/:id/meetings/:meetingId/state', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'planned → held → closed (archived), one step at a time', params: Params, body: z.object({ state: z.enum(MEETING_STATES) }), response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await moveMeeting(ctx, requireUser(req), req.params.id, req.params.meetingId, req.body.state) }));

  app.post('/campaigns/:id/meetings/:meetingId/follow-ups', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'A follow-up for a called unit: a due-dated item, or a case of `caseKind` opened with it', params: Params, body: FollowUpCreate, response: { 201: One, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ meeting: await addFollowUp(ctx, requireUser(req), req.params.id, req.params.meetingId, req.body) }));

  app.post('/campaigns/:id/meetings/:meetingId/follow-ups/:followUpId/case', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Turn a follow-up into a case of a kind (once)', params: FollowUpParams, body: z.object({ kind: z.string().trim().min(1).max(32) }), response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await followUpCase(ctx, requireUser(req), req.params.id, req.params.meetingId, req.params.followUpId, req.body.kind) }));

  app.post('/campaigns/:id/meetings/:meetingId/follow-ups/:followUpId/done', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Mark a follow-up done or not (also after the meeting is closed)', params: FollowUpParams, body: z.object({ done: z.boolean() }), response: { 200: One, ...errorResponses } },
  }, async (req) => ({ meeting: await markFollowUp(ctx, requireUser(req), req.params.id, req.params.meetingId, req.params.followUpId, req.body.done) }));

  app.get('/campaigns/:id/meetings/:meetingId/minutes.docx', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'The minutes (会议纪要) in Word, the bulletins\' official layout (a reporter: its own part)', params: Params, response: { 200: z.string().describe(DOCX), ...errorResponses } },
  }, async (req, reply) => {
    const file = await meetingMinutes(ctx, requireUser(req), req.params.id, req.params.meetingId);
    reply.header('content-type', DOCX);
    reply.header('content-disposition', attachment(file.filename, `meeting-${req.params.meetingId}.docx`));
    reply.header('x-content-type-options', 'nosniff');
    reply.header('cache-control', 'no-store');
    return reply.send(Buffer.from(file.data) as unknown as string);
  });
}
