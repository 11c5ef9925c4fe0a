// Figure routes: read, enter one, batch, import a CSV/xlsx file, preview the reporter's form.
import { z } from 'zod';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import { FigureBatch, FigurePut, FigureSchema } from '../schemas/figures.ts';
import { PreviewBody, PreviewSchema } from '../schemas/preview.ts';
import { batchRows, importFigures, putFigure, readFigures, saveBatch } from '../services/figures.ts';
import { previewFigures } from '../services/preview.ts';

const Saved = z.object({ saved: z.number().int() });

export function figureRoutes(app: App, { ctx }: Deps): void {
  app.get('/campaigns/:id/figures', {
    config: { access: onCampaign('figure.read'), fresh: false },
    schema: {
      tags: ['figures'],
      params: CampaignIdParams,
      querystring: z.object({ period: z.string().max(16).optional() }),
      response: { 200: z.object({ figures: z.array(FigureSchema) }), ...errorResponses },
    },
  }, async (req) => ({ figures: await readFigures(ctx, requireUser(req), req.params.id, req.query.period) }));

  app.put('/campaigns/:id/figures', {
    config: { access: onCampaign('figure.enter'), fresh: false, onlyFigures: true },
    schema: {
      tags: ['figures'],
      summary: 'Enter one figure (value null clears it); answered once stored (with its audit entry); the results catch up right after, and a request reading results waits for them. 422 explanation_required when a reporter\'s figure behind schedule or jumping against the period before has no explanation',
      params: CampaignIdParams,
      body: FigurePut,
      response: { 200: z.object({ figure: FigureSchema.nullable() }), ...errorResponses },
    },
  }, async (req) => ({ figure: await putFigure(ctx, requireUser(req), req.params.id, req.body) }));

  app.post('/campaigns/:id/figures/batch', {
    config: { access: onCampaign('figure.enter'), fresh: false, onlyFigures: true },
    schema: {
      tags: ['figures'],
      summary: 'Enter many figures and clear others, all or nothing (one transaction; the results catch up right after); issues name each figure (unit, indicator, period) and its item row (index + 2)',
      params: CampaignIdParams,
      body: FigureBatch,
      response: { 200: Saved, ...errorResponses },
    },
  }, async (req) => ({ saved: await saveBatch(ctx, requireUser(req), req.params.id, batchRows(req.body.figures), (req.body.clears ?? []).map((c) => ({ ...c, version: c.version ?? null }))) }));

  app.post('/campaigns/:id/figures/preview', {
    config: { access: onCampaign('figure.enter'), fresh: false, onlyFigures: true },
    schema: {
      tags: ['figures'],
      summary: 'What a unit\'s figures would score with these values (the engine; nothing stored), with last period\'s figures and whether each needs an explanation',
      params: CampaignIdParams,
      body: PreviewBody,
      response: { 200: PreviewSchema, ...errorResponses },
    },
  }, async (req) => previewFigures(ctx, requireUser(req), req.params.id, req.body));

  app.post('/campaigns/:id/figures/import', {
    config: { access: onCampaign('figure.enter'), fresh: false, onlyFigures: true },
    schema: {
      tags: ['figures'],
      summary: 'Import a long-format .csv or .xlsx (multipart field "file"), all or nothing',
      consumes: ['multipart/form-data'],
      params: CampaignIdParams,
      response: { 200: Saved, ...errorResponses },
    },
  }, async (req) => {
    const user = requireUser(req);
    return { saved: await importFigures(ctx, user, req.params.id, await uploadedFile(req)) };
  });
}
