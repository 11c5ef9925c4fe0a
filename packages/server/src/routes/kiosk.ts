// The lobby big screen: organizers create and revoke its tokens; the screen itself reads with the
// token alone (no sign-in) and keeps a `publication` stream open that closes when it is revoked.
import { z } from 'zod';
import { onCampaign, PUBLIC, requireUser } from '../http/access.ts';
import { serveEvents } from '../http/sse.ts';
import type { App, Deps } from '../http/types.ts';
import { KioskParams, KioskTokenCreate, KioskTokenParams, KioskTokenSchema, KioskViewSchema } from '../schemas/bulletins.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { createKioskToken, kioskToken, kioskView, listKioskTokens, revokeKioskToken } from '../services/kiosk.ts';

export function kioskRoutes(app: App, { ctx, hub, streams }: Deps): void {
  app.post('/campaigns/:id/kiosk-tokens', {
    config: { access: onCampaign('kiosk.manage') },
    schema: {
      tags: ['kiosk'],
      summary: 'A new big-screen link: the secret is returned once (only its hash is stored)',
      params: CampaignIdParams,
      body: KioskTokenCreate,
      response: { 201: z.object({ token: KioskTokenSchema, secret: z.string() }), ...errorResponses },
    },
  }, async (req, reply) => reply.code(201).send(await createKioskToken(ctx, requireUser(req), req.params.id, req.body.label)));

  app.get('/campaigns/:id/kiosk-tokens', {
    config: { access: onCampaign('kiosk.manage') },
    schema: {
      tags: ['kiosk'],
      summary: 'The campaign\'s big-screen links, newest first (without their secrets)',
      params: CampaignIdParams,
      response: { 200: z.object({ tokens: z.array(KioskTokenSchema) }), ...errorResponses },
    },
  }, async (req) => ({ tokens: await listKioskTokens(ctx, req.params.id) }));

  app.post('/kiosk-tokens/:tokenId/revoke', {
    config: { access: { action: 'kiosk.manage' } },
    schema: {
      tags: ['kiosk'],
      summary: 'Revoke a big-screen link: it opens nothing from now on and its open screens are disconnected',
      params: KioskTokenParams,
      response: { 200: z.object({ token: KioskTokenSchema }), ...errorResponses },
    },
  }, async (req) => ({ token: await revokeKioskToken(ctx, requireUser(req), req.params.tokenId) }));

  app.get('/kiosk/:secret', {
    config: { access: PUBLIC },
    schema: {
      tags: ['kiosk'],
      summary: 'What the big screen shows: the latest published bulletin and every published period\'s ranking (404 for an unknown or revoked link)',
      params: KioskParams,
      response: { 200: KioskViewSchema, ...errorResponses },
    },
  }, async (req, reply) => {
    reply.header('cache-control', 'no-store');
    reply.header('referrer-policy', 'no-referrer');
    return kioskView(ctx, req.params.secret, req.lang);
  });

  app.get('/kiosk/:secret/stream', {
    config: { access: PUBLIC },
    schema: {
      tags: ['kiosk'],
      summary: 'Server-sent events as the public stream (`publication`); ends when the link is revoked',
      params: KioskParams,
      response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
    },
  }, async (req, reply) => {
    const token = await kioskToken(ctx, req.params.secret);
    await serveEvents(req, reply, streams, { campaign: token.campaignId }, async (stream) => {
      const offPublication = await hub.subscribe('publication', (e) => { if (e.campaign === token.campaignId) stream.send('publication', e); });
      const offKiosk = await hub.subscribe('kiosk', (e) => { if (e.token === token.id) stream.end(); });
      // revoked between the check above and the subscription: end at once
      await kioskToken(ctx, req.params.secret).catch(() => stream.end());
      return () => { offPublication(); offKiosk(); };
    });
  });
}
