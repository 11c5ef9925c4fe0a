// Evidence files of a figure: upload, list a unit's period, download (attachment only), remove.
import { z } from 'zod';
import { onCampaign, requireUser, SIGNED_IN } from '../http/access.ts';
import { sendUploadedFile } from '../http/attachment.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { checkUploadQuota } from '../services/quota.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { EvidenceKeyQuery, EvidenceListQuery, EvidenceParams, EvidenceSchema, FigureEvidenceSchema } from '../schemas/evidence.ts';
import { addEvidence, downloadEvidence, EVIDENCE_MAX_BYTES, listUnitEvidence, removeEvidence } from '../services/evidence.ts';

export function evidenceRoutes(app: App, { ctx, uploadQuotaBytes }: Deps): void {
  app.post('/campaigns/:id/figures/evidence', {
    config: { access: onCampaign('figure.enter') },
    schema: {
      tags: ['figures'],
      summary: 'Attach an evidence file (multipart field "file"; PDF, PNG, JPEG, .docx, .xlsx or OFD by content; ≤ 10 MB, ≤ 5 a figure)',
      consumes: ['multipart/form-data'],
      params: CampaignIdParams,
      querystring: EvidenceKeyQuery,
      response: { 201: z.object({ evidence: EvidenceSchema }), ...errorResponses },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const evidence = await addEvidence(ctx, user, req.params.id, req.query, async () => {
      const file = await uploadedFile(req, { maxBytes: EVIDENCE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, file.data.length, uploadQuotaBytes);
      return file;
    });
    return reply.status(201).send({ evidence });
  });

  app.get('/campaigns/:id/figures/evidence', {
    config: { access: onCampaign('figure.read') },
    schema: {
      tags: ['figures'],
      summary: 'The evidence files of a unit\'s period (also of figures not saved yet)',
      params: CampaignIdParams,
      querystring: EvidenceListQuery,
      response: { 200: z.object({ evidence: z.array(FigureEvidenceSchema) }), ...errorResponses },
    },
  }, async (req) => ({ evidence: await listUnitEvidence(ctx, requireUser(req), req.params.id, req.query.unit, req.query.period) }));

  // no campaign in the URL: the service answers 404 to anyone who may not read the figure
  app.get('/evidence/:evidenceId', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['figures'],
      summary: 'Download an evidence file (always as an attachment)',
      params: EvidenceParams,
      response: { 200: z.string().describe('the file'), ...errorResponses },
    },
  }, async (req, reply) => {
    const { meta, data } = await downloadEvidence(ctx, requireUser(req), req.params.evidenceId);
    return sendUploadedFile(reply, { ...meta, data });
  });

  app.delete('/evidence/:evidenceId', {
    config: { access: SIGNED_IN },
    schema: {
      tags: ['figures'],
      summary: 'Remove an evidence file (whoever may enter the figure, while its period allows)',
      params: EvidenceParams,
      response: { 204: z.null(), ...errorResponses },
    },
  }, async (req, reply) => {
    await removeEvidence(ctx, requireUser(req), req.params.evidenceId);
    return reply.status(204).send(null);
  });
}
