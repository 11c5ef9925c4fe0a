// Accountability cases [问责事项]: settings, proposals from the rules' actions, the board, one case
// with its timeline, the unit's steps (sign, files, rectification report, extension request) and
// the organizer's (issue, review, extensions, escalation, interview record), the case's Word document.
import { z } from 'zod';
import { attachment, sendUploadedFile } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import {
  CaseCountSchema, CaseCreate, CaseDetailSchema, CaseFileParams, CaseFileSchema, CaseParams, CaseQuery, CaseSchema, CaseSettingsPatch, CaseSettingsSchema,
  EscalateBody, ExtensionCreate, ExtensionDecision, ExtensionParams, InterviewSchema, ProposalDecision, ProposalGenerate, ProposalParams, ProposalQuery,
  ProposalSchema, ReportBody, ReviewBody, SignBody,
} from '../schemas/cases.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  addCaseFile, caseDocx, decideExtension, decideProposal, downloadCaseFile, escalateCase, generateProposals, listCases, listProposals, openCase,
  readCase, readSettings, recordInterview, removeCaseFile, reportCase, requestExtension, reviewCase, signCase, updateSettings,
} from '../services/cases.ts';
import { EVIDENCE_MAX_BYTES } from '../services/evidence.ts';
import { checkUploadQuota } from '../services/quota.ts';

const Detail = z.object({ case: CaseDetailSchema });
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export function caseRoutes(app: App, { ctx, uploadQuotaBytes }: Deps): void {
  app.get('/campaigns/:id/case-settings', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['cases'], summary: 'The campaign\'s case kinds (number formats, escalation order), nearing-due days, whether public pages show accountability', params: CampaignIdParams, response: { 200: z.object({ settings: CaseSettingsSchema }), ...errorResponses } },
  }, async (req) => ({ settings: await readSettings(ctx, req.params.id) }));

  app.put('/campaigns/:id/case-settings', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Change the case settings (organizer)', params: CampaignIdParams, body: CaseSettingsPatch, response: { 200: z.object({ settings: CaseSettingsSchema }), ...errorResponses } },
  }, async (req) => ({ settings: await updateSettings(ctx, requireUser(req), req.params.id, req.body) }));

  app.get('/campaigns/:id/case-proposals', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Proposals: the rules\' matches of closed periods waiting to be issued, merged or dismissed', params: CampaignIdParams, querystring: ProposalQuery, response: { 200: z.object({ proposals: z.array(ProposalSchema) }), ...errorResponses } },
  }, async (req) => ({ proposals: await listProposals(ctx, req.params.id, req.query) }));

  app.post('/campaigns/:id/case-proposals', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Propose the period\'s actions now (a match proposed already is left alone)', params: CampaignIdParams, body: ProposalGenerate, response: { 200: z.object({ created: z.number().int() }), ...errorResponses } },
  }, async (req) => ({ created: await generateProposals(ctx, requireUser(req), req.params.id, req.body.period) }));

  app.post('/campaigns/:id/case-proposals/:proposalId/decision', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Issue a proposal as a case, merge it into an open case of the unit, or dismiss it with a reason', params: ProposalParams, body: ProposalDecision, response: { 200: z.object({ proposal: ProposalSchema, caseId: z.number().int().nullable() }), ...errorResponses } },
  }, async (req) => decideProposal(ctx, requireUser(req), req.params.id, req.params.proposalId, req.body));

  app.get('/campaigns/:id/cases', {
    config: { access: onCampaign('case.read') },
    schema: {
      tags: ['cases'], summary: 'The case board (a reporter: their unit\'s; a leader: the units they lead) and the year\'s counts (份, 人次) per unit and kind',
      params: CampaignIdParams, querystring: CaseQuery,
      response: { 200: z.object({ cases: z.array(CaseSchema), counts: z.array(CaseCountSchema), year: z.number().int(), kinds: z.array(z.object({ id: z.string(), name: z.string() })) }), ...errorResponses },
    },
  }, async (req) => listCases(ctx, requireUser(req), req.params.id, req.query));

  app.post('/campaigns/:id/cases', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Open (issue) a case by hand', params: CampaignIdParams, body: CaseCreate, response: { 201: Detail, ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ case: await openCase(ctx, requireUser(req), req.params.id, { ...req.body, source: 'manual' }) }));

  app.get('/campaigns/:id/cases/:caseId', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'A case with its timeline, extension requests and files', params: CaseParams, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await readCase(ctx, requireUser(req), req.params.id, req.params.caseId) }));

  app.get('/campaigns/:id/cases/:caseId/case.docx', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'The issued document (Word, the bulletins\' official layout), as stored at issue', params: CaseParams, response: { 200: z.string().describe(DOCX), ...errorResponses } },
  }, async (req, reply) => {
    const file = await caseDocx(ctx, requireUser(req), req.params.id, req.params.caseId);
    reply.header('content-type', DOCX);
    reply.header('content-disposition', attachment(file.filename, `case-${req.params.caseId}.docx`));
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(Buffer.from(file.data) as unknown as string);
  });

  app.post('/campaigns/:id/cases/:caseId/sign', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'Sign for an issued case (签收; the unit)', params: CaseParams, body: SignBody, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await signCase(ctx, requireUser(req), req.params.id, req.params.caseId, req.body.note) }));

  app.post('/campaigns/:id/cases/:caseId/files', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'Attach a file for the next rectification report (multipart "file"; the evidence limits: PDF, PNG, JPEG, .docx, .xlsx, OFD; ≤ 10 MB; ≤ 5 at a time)', consumes: ['multipart/form-data'], params: CaseParams, response: { 201: z.object({ file: CaseFileSchema }), ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    const file = await addCaseFile(ctx, user, req.params.id, req.params.caseId, async () => {
      const f = await uploadedFile(req, { maxBytes: EVIDENCE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, f.data.length, uploadQuotaBytes);
      return f;
    });
    return reply.code(201).send({ file });
  });

  app.get('/campaigns/:id/cases/:caseId/files/:fileId', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'Download a case file (always as an attachment)', params: CaseFileParams, response: { 200: z.string().describe('the file'), ...errorResponses } },
  }, async (req, reply) => {
    const f = await downloadCaseFile(ctx, requireUser(req), req.params.id, req.params.caseId, req.params.fileId);
    return sendUploadedFile(reply, f);
  });

  app.delete('/campaigns/:id/cases/:caseId/files/:fileId', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'Remove a file not yet part of a report', params: CaseFileParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await removeCaseFile(ctx, requireUser(req), req.params.id, req.params.caseId, req.params.fileId);
    return reply.code(204).send(null);
  });

  app.post('/campaigns/:id/cases/:caseId/report', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'Submit the rectification report (整改报告: text, measures, the files attached)', params: CaseParams, body: ReportBody, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await reportCase(ctx, requireUser(req), req.params.id, req.params.caseId, req.body) }));

  app.post('/campaigns/:id/cases/:caseId/review', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Accept the report (closed, 销号) or return it with a reason', params: CaseParams, body: ReviewBody, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await reviewCase(ctx, requireUser(req), req.params.id, req.params.caseId, req.body) }));

  app.post('/campaigns/:id/cases/:caseId/extensions', {
    config: { access: onCampaign('case.respond') },
    schema: { tags: ['cases'], summary: 'Ask for more time before the due date (延期申请: reason, progress, the date asked for)', params: CaseParams, body: ExtensionCreate, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await requestExtension(ctx, requireUser(req), req.params.id, req.params.caseId, req.body) }));

  app.post('/campaigns/:id/cases/:caseId/extensions/:extensionId/decision', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Grant (the due date moves; the old one is kept) or refuse an extension', params: ExtensionParams, body: ExtensionDecision, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await decideExtension(ctx, requireUser(req), req.params.id, req.params.caseId, req.params.extensionId, req.body) }));

  app.post('/campaigns/:id/cases/:caseId/escalate', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Escalate an open case to the next kind: a new case is issued, this one ends as escalated', params: CaseParams, body: EscalateBody, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await escalateCase(ctx, requireUser(req), req.params.id, req.params.caseId, req.body) }));

  app.put('/campaigns/:id/cases/:caseId/interview', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Record the interview (约谈): time, place, interviewers and interviewees, minutes, promises, follow-ups', params: CaseParams, body: InterviewSchema, response: { 200: Detail, ...errorResponses } },
  }, async (req) => ({ case: await recordInterview(ctx, requireUser(req), req.params.id, req.params.caseId, req.body) }));
}
