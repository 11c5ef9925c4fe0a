// The Excel round trip: the period template, an upload's preview (nothing stored), its error
// workbook, and the confirmation that stores it.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import { attachment } from '../http/attachment.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { checkUploadQuota } from '../services/quota.ts';
import { errorResponses } from '../schemas/common.ts';
import { PeriodParams } from '../schemas/periods.ts';
import { UploadConfirmBody, UploadParams, UploadPreviewSchema } from '../schemas/uploads.ts';
import { periodTemplate } from '../services/template.ts';
import { confirmUpload, createUpload, errorWorkbook, readUpload } from '../services/uploads.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function uploadRoutes(app: App, { ctx, uploadQuotaBytes }: Deps): void {
  app.get('/campaigns/:id/periods/:period/template.xlsx', {
    config: { access: onCampaign('figure.enter'), fresh: false },
    schema: {
      tags: ['uploads'],
      summary: 'The period template: units × the indicators the caller may enter, pre-filled, with data validation',
      params: PeriodParams,
      response: { 200: z.string().describe(XLSX), ...errorResponses },
    },
  }, async (req, reply) => {
    const { data, filename } = await periodTemplate(ctx, requireUser(req), req.params.id, req.params.period);
    reply.header('content-type', XLSX);
    reply.header('content-disposition', attachment(filename));
    // a Buffer is sent as it is: the response schema only documents the type
    return reply.send(data as unknown as string);
  });

  app.post('/campaigns/:id/periods/:period/upload', {
    config: { access: onCampaign('figure.enter'), fresh: false },
    schema: {
      tags: ['uploads'],
      summary: 'Check a filled template or a long-format .csv/.xlsx (multipart field "file"): a preview, nothing stored',
      consumes: ['multipart/form-data'],
      params: PeriodParams,
      response: { 200: UploadPreviewSchema, ...errorResponses },
    },
  }, async (req) => {
    const user = requireUser(req);
    const file = await uploadedFile(req);
    await checkUploadQuota(ctx, user.id, file.data.length, uploadQuotaBytes);
    return createUpload(ctx, user, req.params.id, req.params.period, file, req.lang);
  });

  app.get('/uploads/:uploadId', {
    config: { access: { action: 'upload.use' } },
    schema: {
      tags: ['uploads'],
      summary: 'The preview of one of the caller\'s uploads again',
      params: UploadParams,
      response: { 200: UploadPreviewSchema, ...errorResponses },
    },
  }, async (req) => readUpload(ctx, requireUser(req), req.params.uploadId, req.lang));

  app.get('/uploads/:uploadId/errors.xlsx', {
    config: { access: { action: 'upload.use' } },
    schema: {
      tags: ['uploads'],
      summary: 'The uploaded workbook with a 错误说明 column naming each row\'s problems (bad cells marked, with notes)',
      params: UploadParams,
      response: { 200: z.string().describe(XLSX), ...errorResponses },
    },
  }, async (req, reply) => {
    const { data, filename } = await errorWorkbook(ctx, requireUser(req), req.params.uploadId);
    reply.header('content-type', XLSX);
    reply.header('content-disposition', attachment(filename, 'upload-errors.xlsx'));
    return reply.send(data as unknown as string);
  });

  app.post('/uploads/:uploadId/confirm', {
    config: { access: { action: 'upload.use' } },
    schema: {
      tags: ['uploads'],
      summary: 'Store every figure of a valid upload in one transaction, with the explanations typed in the preview (422 when it had problems, or explanation_required when a reporter\'s figure needing an explanation has none; 409 when confirmed already)',
      params: UploadParams,
      body: UploadConfirmBody,
      response: { 200: z.object({ saved: z.number().int(), unchanged: z.number().int() }), ...errorResponses },
    },
  }, async (req) => confirmUpload(ctx, requireUser(req), req.params.uploadId, req.body?.explanations));
}
