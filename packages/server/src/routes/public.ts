// Public routes (no sign-in): published bulletins only — the phone pages' ranking, a unit's
// history, search, QR codes, the bulletins' files and the `publication` event stream.
import { z } from 'zod';
import { PUBLIC } from '../http/access.ts';
import { serveEvents } from '../http/sse.ts';
import type { App, Deps } from '../http/types.ts';
import {
  BulletinParams, BulletinSchema, PublicCampaignSchema, PublicSearchQuery, PublicSearchSchema, PublicUnitParams, PublicUnitSchema, QrQuery,
} from '../schemas/bulletins.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { FILE_TYPES } from '../services/bulletins.ts';
import { phoneQr, publicBulletin, publicBulletinFile, publicCampaign, publicUnit, published, searchUnits } from '../services/public.ts';
import { sendBulletinFile } from './bulletins.ts';

export function publicRoutes(app: App, { ctx, hub, streams, publicUrl }: Deps): void {
  app.get('/public/campaigns/:id', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'The published periods of a campaign and its latest published bulletin (404 when nothing is published)',
      params: CampaignIdParams,
      response: { 200: PublicCampaignSchema, ...errorResponses },
    },
  }, async (req) => publicCampaign(ctx, req.params.id, req.lang));

  app.get('/public/campaigns/:id/units/:unitId', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'A unit\'s published history: total, ranks, movement and flags of every published period',
      params: PublicUnitParams,
      response: { 200: PublicUnitSchema, ...errorResponses },
    },
  }, async (req) => publicUnit(ctx, req.params.id, req.params.unitId, req.lang));

  app.get('/public/campaigns/:id/search', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: '查询我的名次: units of the latest published bulletin whose name or id contains q',
      params: CampaignIdParams,
      querystring: PublicSearchQuery,
      response: { 200: PublicSearchSchema, ...errorResponses },
    },
  }, async (req) => ({ units: await searchUnits(ctx, req.params.id, req.query.q) }));

  app.get('/public/campaigns/:id/qr.svg', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'QR code (SVG) of the phone page of the campaign, or of a unit with ?unit=',
      params: CampaignIdParams,
      querystring: QrQuery,
      response: { 200: z.string().describe('image/svg+xml'), ...errorResponses },
    },
  }, async (req, reply) => {
    const svg = await phoneQr(ctx, req.params.id, req.query.unit, publicUrl);
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    reply.header('cache-control', 'public, max-age=3600');
    return reply.send(svg);
  });

  app.get('/public/campaigns/:id/stream', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'Server-sent events: `event: publication`, `data: {"campaign","period","bulletin","version"}` on every publication',
      params: CampaignIdParams,
      response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
    },
  }, async (req, reply) => {
    const campaignId = req.params.id;
    await published(ctx.db, campaignId);
    await serveEvents(req, reply, streams, { campaign: campaignId }, (stream) =>
      hub.subscribe('publication', (e) => { if (e.campaign === campaignId) stream.send('publication', e); }));
  });

  app.get('/public/bulletins/:bulletinId', {
    config: { access: PUBLIC },
    schema: {
      tags: ['public'],
      summary: 'A published bulletin (drafts are not found here)',
      params: BulletinParams,
      response: { 200: z.object({ bulletin: BulletinSchema }), ...errorResponses },
    },
  }, async (req) => ({ bulletin: await publicBulletin(ctx, req.params.bulletinId) }));

  for (const kind of ['docx', 'xlsx'] as const) {
    app.get(`/public/bulletins/:bulletinId/bulletin.${kind}`, {
      config: { access: PUBLIC },
      schema: {
        tags: ['public'],
        summary: `A published bulletin's ${kind === 'docx' ? 'Word document' : 'Excel workbook'}, the bytes stored at publication`,
        params: BulletinParams,
        response: { 200: z.string().describe(FILE_TYPES[kind]), ...errorResponses },
      },
    }, async (req, reply) => sendBulletinFile(reply, req.params.bulletinId, kind, await publicBulletinFile(ctx, req.params.bulletinId, kind, publicUrl)));
  }
}
