// Campaign routes: list, create (JSON or multipart), read, new spec version, versions, archive.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import { onCampaign, requireUser, SIGNED_IN } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { CampaignSchema, ModelSchema, NewCampaignBody, NewCampaignQuery, SheetSchema, SpecBody, VersionParams, VersionSchema } from '../schemas/campaigns.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { readSheet, SHEET_MAX_BYTES } from '../services/sheet.ts';
import { archiveCampaign, campaignDetail, campaignVersion, campaignVersions, createCampaign, listVisibleCampaigns, updateSpec } from '../services/campaigns.ts';

const CampaignEnvelope = z.object({ campaign: CampaignSchema });

/** The spec text from a JSON body `{spec}` or a multipart upload's `file` field. */
async function specTextOf(req: FastifyRequest, body: { spec: string } | null | undefined): Promise<string> {
  if (req.isMultipart()) return new TextDecoder().decode((await uploadedFile(req)).data);
  if (!body) throw new AppError('validation_failed', { zh: '缺少 spec', en: '"spec" is required' });
  return body.spec;
}

export function campaignRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns', {
    // everyone signed in; the list holds only the campaigns the policy lets them read
    config: { access: SIGNED_IN },
    schema: { tags: ['campaigns'], response: { 200: z.object({ campaigns: z.array(CampaignSchema) }), ...errorResponses } },
  }, async (req) => ({ campaigns: await listVisibleCampaigns(ctx, requireUser(req)) }));

  app.post('/campaigns', {
    config: { access: { action: 'campaign.create' } },
    schema: {
      tags: ['campaigns'],
      summary: 'Create a campaign from a spec (JSON {spec} or multipart field "file")',
      consumes: ['application/json', 'multipart/form-data'],
      // the multipart parser leaves the body null (the organization then comes in the query)
      body: NewCampaignBody.nullish(),
      querystring: NewCampaignQuery,
      response: { 201: CampaignEnvelope, ...errorResponses },
    },
  }, async (req, reply) => {
    const organizationId = req.body?.organizationId ?? req.query.organizationId;
    const campaign = await createCampaign(ctx, requireUser(req), await specTextOf(req, req.body), organizationId);
    return reply.code(201).send({ campaign });
  });

  app.get('/campaigns/:id', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['campaigns'],
      params: CampaignIdParams,
      response: { 200: z.object({ campaign: CampaignSchema, specText: z.string(), model: ModelSchema }), ...errorResponses },
    },
  }, async (req) => campaignDetail(ctx, req.params.id));

  app.put('/campaigns/:id/spec', {
    config: { access: onCampaign('campaign.edit') },
    schema: {
      tags: ['campaigns'],
      summary: 'Save a new spec version (campaign.id must match)',
      consumes: ['application/json', 'multipart/form-data'],
      params: CampaignIdParams,
      // the multipart parser leaves the body null
      body: SpecBody.nullish(),
      response: { 200: CampaignEnvelope, ...errorResponses },
    },
  }, async (req) => ({ campaign: await updateSpec(ctx, requireUser(req), req.params.id, await specTextOf(req, req.body)) }));

  app.get('/campaigns/:id/versions', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['campaigns'], params: CampaignIdParams, response: { 200: z.object({ versions: z.array(VersionSchema) }), ...errorResponses } },
  }, async (req) => ({ versions: await campaignVersions(ctx, req.params.id) }));

  app.get('/campaigns/:id/versions/:version', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['campaigns'], summary: 'One stored version of the spec, with its text',
      params: VersionParams,
      response: { 200: z.object({ version: VersionSchema.extend({ specText: z.string() }) }), ...errorResponses },
    },
  }, async (req) => ({ version: await campaignVersion(ctx, req.params.id, req.params.version) }));

  app.post('/designer/sheet', {
    // the designer's imports (units, targets): organizers only; nothing is stored
    config: { access: { action: 'campaign.create' } },
    schema: {
      tags: ['campaigns'],
      summary: 'Read the first sheet of an .xlsx (or a CSV) for the campaign designer: rows of cell texts (≤ 2 MB, ≤ 5000 rows, ≤ 50 columns)',
      consumes: ['multipart/form-data'],
      response: { 200: SheetSchema, ...errorResponses },
    },
  }, async (req) => readSheet(await uploadedFile(req, { maxBytes: SHEET_MAX_BYTES })));

  app.post('/campaigns/:id/archive', {
    config: { access: onCampaign('campaign.edit') },
    schema: { tags: ['campaigns'], params: CampaignIdParams, response: { 200: CampaignEnvelope, ...errorResponses } },
  }, async (req) => ({ campaign: await archiveCampaign(ctx, requireUser(req), req.params.id) }));
}
