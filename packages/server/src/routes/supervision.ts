// Supervision records [督查记录]: organizers record field checks, attach photos and files, propose a
// finding's penalty or bonus (a figure through the figure path) and open a case from it; the
// campaign's readers read them (a reporter their unit's, a leader the units they lead).
import { z } from 'zod';
import { sendUploadedFile } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { SUPERVISION_KINDS } from '../db/schema.ts';
import { DateString } from '../schemas/cases.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { EVIDENCE_MAX_BYTES } from '../services/evidence.ts';
import { checkUploadQuota } from '../services/quota.ts';
import { addRecordFile, caseFromRecord, createRecord, downloadRecordFile, listRecords, proposeEvent, readRecord } from '../services/supervision.ts';

const serial = z.coerce.number().int().positive().max(2_147_483_647);
const Params = CampaignIdParams.extend({ recordId: serial });
const FileSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() });
const RecordSchema = z.object({
  id: z.number().int(), kind: z.enum(SUPERVISION_KINDS), kindName: z.string(), unit: z.string(), unitName: z.string(), checkedOn: z.string(), findings: z.string(),
  checkers: z.array(z.string()), createdBy: z.string().nullable(), createdAt: z.iso.datetime(), files: z.array(FileSchema),
}).meta({ id: 'SupervisionRecord' });
const Create = z.object({
  kind: z.enum(SUPERVISION_KINDS), unit: z.string().trim().min(1).max(64), checkedOn: DateString, findings: z.string().trim().min(1).max(10000),
  checkers: z.array(z.string().trim().min(1).max(40)).min(1).max(20),
});

export function supervisionRoutes(app: App, { ctx, uploadQuotaBytes }: Deps): void {
  app.get('/campaigns/:id/supervision', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'Supervision records, newest first (a reporter: their unit\'s)', params: CampaignIdParams, querystring: z.object({ unit: z.string().max(64).optional() }), response: { 200: z.object({ records: z.array(RecordSchema) }), ...errorResponses } },
  }, async (req) => ({ records: await listRecords(ctx, requireUser(req), req.params.id, req.query.unit) }));

  app.post('/campaigns/:id/supervision', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Record a field check (周督查 weekly / 明察暗访 unannounced / 四不两直 four_nots / 专项督查 special)', params: CampaignIdParams, body: Create, response: { 201: z.object({ record: RecordSchema }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send({ record: await createRecord(ctx, requireUser(req), req.params.id, req.body) }));

  app.get('/campaigns/:id/supervision/:recordId', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'A supervision record', params: Params, response: { 200: z.object({ record: RecordSchema }), ...errorResponses } },
  }, async (req) => ({ record: await readRecord(ctx, requireUser(req), req.params.id, req.params.recordId) }));

  app.post('/campaigns/:id/supervision/:recordId/files', {
    config: { access: onCampaign('case.manage') },
    schema: { tags: ['cases'], summary: 'Attach a photo or file (the evidence limits)', consumes: ['multipart/form-data'], params: Params, response: { 201: z.object({ file: FileSchema }), ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    const file = await addRecordFile(ctx, user, req.params.id, req.params.recordId, async () => {
      const f = await uploadedFile(req, { maxBytes: EVIDENCE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, f.data.length, uploadQuotaBytes);
      return f;
    });
    return reply.code(201).send({ file });
  });

  app.get('/campaigns/:id/supervision/:recordId/files/:fileId', {
    config: { access: onCampaign('case.read') },
    schema: { tags: ['cases'], summary: 'Download a record\'s file (attachment)', params: Params.extend({ fileId: z.string().min(1).max(64) }), response: { 200: z.string().describe('the file'), ...errorResponses } },
  }, async (req, reply) => {
    const f = await downloadRecordFile(ctx, requireUser(req), req.params.id, req.params.recordId, req.params.fileId);
    return sendUploadedFile(reply, f);
  });

  app.post('/campaigns/:id/supervision/:recordId/event', {
    config: { access: onCampaign('case.manage') },
    schema: {
      tags: ['cases'], summary: 'A finding\'s penalty or bonus: `count` more events of an event indicator for the unit in a period, through the figure path (pending verification, audited, recomputed)',
      params: Params, body: z.object({ indicator: z.string().trim().min(1).max(64), period: z.string().trim().min(1).max(16), count: z.number().int().min(1).max(100) }),
      response: { 200: z.object({ unit: z.string(), indicator: z.string(), period: z.string(), value: z.string() }), ...errorResponses },
    },
  }, async (req) => proposeEvent(ctx, requireUser(req), req.params.id, req.params.recordId, req.body));

  app.post('/campaigns/:id/supervision/:recordId/case', {
    config: { access: onCampaign('case.manage') },
    schema: {
      tags: ['cases'], summary: 'Open a case from the finding (source: supervision)', params: Params,
      body: z.object({ kind: z.string().trim().min(1).max(32), reason: z.string().trim().min(1).max(2000).optional(), requirement: z.string().trim().max(2000).optional(), due: DateString.optional(), period: z.string().max(16).optional() }),
      response: { 201: z.object({ case: z.unknown() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ case: await caseFromRecord(ctx, requireUser(req), req.params.id, req.params.recordId, req.body) }));
}
