// Bulletins (通报): drafts generated from stored results, edited, published (frozen), corrected by
// new versions; their Word and Excel files. Readers of the campaign read them; organizers manage them.
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { attachment } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { BulletinCreate, BulletinListQuery, BulletinParams, BulletinPatch, BulletinSchema, BulletinSummarySchema } from '../schemas/bulletins.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  createBulletin, deleteBulletin, downloadBulletin, FILE_TYPES, listCampaignBulletins, publishBulletin, readBulletin, updateBulletin,
  type BulletinFileKind,
} from '../services/bulletins.ts';

const Envelope = z.object({ bulletin: BulletinSchema });
const READ = { action: 'bulletin.read' } as const;
const MANAGE = { action: 'bulletin.manage' } as const;

/** Sends a rendered bulletin as an attachment (a Buffer goes out as it is: the schema only documents the type). */
export function sendBulletinFile(reply: FastifyReply, id: number, kind: BulletinFileKind, file: { data: Uint8Array; filename: string }) {
  reply.header('content-type', FILE_TYPES[kind]);
  reply.header('content-disposition', attachment(file.filename, `bulletin-${id}.${kind}`));
  reply.header('x-content-type-options', 'nosniff');
  return reply.send(Buffer.from(file.data.buffer, file.data.byteOffset, file.data.byteLength) as unknown as string);
}

export function bulletinRoutes(app: App, { ctx, publicUrl }: Deps): void {
  app.get('/campaigns/:id/bulletins', {
    config: { access: onCampaign('bulletin.read') },
    schema: {
      tags: ['bulletins'],
      summary: 'The campaign\'s bulletins (drafts and every published version), newest first',
      params: CampaignIdParams,
      querystring: BulletinListQuery,
      response: { 200: z.object({ bulletins: z.array(BulletinSummarySchema) }), ...errorResponses },
    },
  }, async (req) => ({ bulletins: await listCampaignBulletins(ctx, req.params.id, req.query.period) }));

  app.post('/campaigns/:id/bulletins', {
    config: { access: onCampaign('bulletin.manage') },
    schema: {
      tags: ['bulletins'],
      summary: 'Generate a draft bulletin from the period\'s stored result (a correction: the next version, with a change note)',
      params: CampaignIdParams,
      body: BulletinCreate,
      response: { 201: Envelope, ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send({ bulletin: await createBulletin(ctx, requireUser(req), req.params.id, req.body) }));

  app.get('/bulletins/:bulletinId', {
    config: { access: READ },
    schema: { tags: ['bulletins'], summary: 'A bulletin with its content', params: BulletinParams, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => ({ bulletin: await readBulletin(ctx, requireUser(req), req.params.bulletinId) }));

  app.patch('/bulletins/:bulletinId', {
    config: { access: MANAGE },
    schema: {
      tags: ['bulletins'],
      summary: 'Edit a draft (number, title, text, change note) or regenerate it from the stored result; 409 once published',
      params: BulletinParams,
      body: BulletinPatch,
      response: { 200: Envelope, ...errorResponses },
    },
  }, async (req) => ({ bulletin: await updateBulletin(ctx, requireUser(req), req.params.bulletinId, req.body) }));

  app.delete('/bulletins/:bulletinId', {
    config: { access: MANAGE },
    schema: { tags: ['bulletins'], summary: 'Delete a draft; 409 once published', params: BulletinParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await deleteBulletin(ctx, requireUser(req), req.params.bulletinId);
    return reply.code(204).send(null);
  });

  app.post('/bulletins/:bulletinId/publish', {
    config: { access: MANAGE },
    schema: {
      tags: ['bulletins'],
      summary: 'Publish a draft: freezes its content (canonical JSON + sha256) and its .docx/.xlsx; pushes `publication` to public pages and screens',
      params: BulletinParams,
      response: { 200: Envelope, ...errorResponses },
    },
  }, async (req) => ({ bulletin: await publishBulletin(ctx, requireUser(req), req.params.bulletinId, publicUrl) }));

  for (const kind of ['docx', 'xlsx'] as const) {
    app.get(`/bulletins/:bulletinId/bulletin.${kind}`, {
      config: { access: READ },
      schema: {
        tags: ['bulletins'],
        summary: `The bulletin as ${kind === 'docx' ? 'a Word document (GB/T 9704 layout)' : 'an Excel workbook (one sheet per ranking)'}: a published one's stored bytes, a draft rendered now`,
        params: BulletinParams,
        response: { 200: z.string().describe(FILE_TYPES[kind]), ...errorResponses },
      },
    }, async (req, reply) => sendBulletinFile(reply, req.params.bulletinId, kind, await downloadBulletin(ctx, requireUser(req), req.params.bulletinId, kind, publicUrl)));
  }
}
