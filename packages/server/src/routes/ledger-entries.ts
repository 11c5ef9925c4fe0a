// A person campaign's ledger entries [实绩台账] by reporters, with evidence files, verified by the
// section responsible for the key work (issue 17 item 2).
import { z } from 'zod';
import { sendUploadedFile } from '../http/attachment.ts';
import { onCampaign, requireUser } from '../http/access.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  LedgerEntryCreate, LedgerEntryDtoSchema, LedgerEntryFileParams, LedgerEntryFileSchema, LedgerEntryParams, LedgerEntryQuery, LedgerEntryUpdate, LedgerEntryVerify,
} from '../schemas/ledger-entries.ts';
import { EVIDENCE_MAX_BYTES } from '../services/evidence.ts';
import { addEntryFile, createEntry, downloadEntryFile, getEntry, listEntries, removeEntryFile, updateEntry, verifyEntry } from '../services/ledger-entries.ts';
import { checkUploadQuota } from '../services/quota.ts';

const Envelope = z.object({ entry: LedgerEntryDtoSchema });

export function ledgerEntryRoutes(app: App, { ctx, uploadQuotaBytes }: Deps): void {
  app.get('/campaigns/:id/ledger-entries', {
    config: { access: onCampaign('campaign.read') },
    schema: {
      tags: ['people'], summary: 'A person campaign\'s ledger entries [实绩台账], newest first (a reporter: their own competitor\'s); ?unit=, ?state=pending for the sections\' queue',
      params: CampaignIdParams, querystring: LedgerEntryQuery, response: { 200: z.object({ entries: z.array(LedgerEntryDtoSchema) }), ...errorResponses },
    },
  }, async (req) => ({ entries: await listEntries(ctx, requireUser(req), req.params.id, req.query) }));

  app.post('/campaigns/:id/ledger-entries', {
    config: { access: onCampaign('ledger_entry.write') },
    schema: {
      tags: ['people'], summary: 'Record a ledger entry for a competitor linked to a person (its reporter, or an organizer): date, what was done, the key work\'s indicator; it waits for the section',
      params: CampaignIdParams, body: LedgerEntryCreate, response: { 201: Envelope, ...errorResponses },
    },
  }, async (req, reply) => {
    const user = requireUser(req);
    const id = await createEntry(ctx, user, req.params.id, req.body);
    return reply.code(201).send({ entry: await getEntry(ctx, user, req.params.id, id) });
  });

  app.put('/campaigns/:id/ledger-entries/:entryId', {
    config: { access: onCampaign('ledger_entry.write') },
    schema: { tags: ['people'], summary: 'Correct a pending or returned entry (409 once approved); it waits for the section again', params: LedgerEntryParams, body: LedgerEntryUpdate, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => {
    const user = requireUser(req);
    await updateEntry(ctx, user, req.params.id, req.params.entryId, req.body);
    return { entry: await getEntry(ctx, user, req.params.id, req.params.entryId) };
  });

  app.post('/campaigns/:id/ledger-entries/:entryId/files', {
    config: { access: onCampaign('ledger_entry.write') },
    schema: { tags: ['people'], summary: 'Attach an evidence file to an entry not yet approved (the evidence limits: 10 MB, 5 files, PDF/images/Office/OFD)', consumes: ['multipart/form-data'], params: LedgerEntryParams, response: { 201: z.object({ file: LedgerEntryFileSchema }), ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    const file = await addEntryFile(ctx, user, req.params.id, req.params.entryId, async () => {
      const f = await uploadedFile(req, { maxBytes: EVIDENCE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, f.data.length, uploadQuotaBytes);
      return f;
    });
    return reply.code(201).send({ file });
  });

  app.get('/campaigns/:id/ledger-entries/:entryId/files/:fileId', {
    config: { access: onCampaign('campaign.read') },
    schema: { tags: ['people'], summary: 'Download an entry\'s evidence file (attachment)', params: LedgerEntryFileParams, response: { 200: z.string().describe('the file'), ...errorResponses } },
  }, async (req, reply) => sendUploadedFile(reply, await downloadEntryFile(ctx, requireUser(req), req.params.id, req.params.entryId, req.params.fileId)));

  app.delete('/campaigns/:id/ledger-entries/:entryId/files/:fileId', {
    config: { access: onCampaign('ledger_entry.write') },
    schema: { tags: ['people'], summary: 'Remove an evidence file from an entry not yet approved (409 once approved)', params: LedgerEntryFileParams, response: { 204: z.null(), ...errorResponses } },
  }, async (req, reply) => {
    await removeEntryFile(ctx, requireUser(req), req.params.id, req.params.entryId, req.params.fileId);
    return reply.status(204).send(null);
  });

  app.post('/campaigns/:id/ledger-entries/:entryId/verify', {
    config: { access: onCampaign('ledger_entry.verify') },
    schema: { tags: ['people'], summary: 'The section responsible for the key work (its scorers, or an organizer) approves a pending entry or returns it with a reason', params: LedgerEntryParams, body: LedgerEntryVerify, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => {
    const user = requireUser(req);
    await verifyEntry(ctx, user, req.params.id, req.params.entryId, req.body);
    return { entry: await getEntry(ctx, user, req.params.id, req.params.entryId) };
  });
}
