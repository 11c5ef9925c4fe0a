// Public commitments [公开承诺] (issue 16 item 1): the campaign's routes (signed in) and the public ones
// (no sign-in: public commitments only, remarks stored for moderation, QR codes).
import { z } from 'zod';
import { onCampaign, PUBLIC, requireUser } from '../http/access.ts';
import { attachment, sendUploadedFile } from '../http/attachment.ts';
import type { App, Deps } from '../http/types.ts';
import { uploadedFile } from '../http/upload.ts';
import { CampaignIdParams, errorResponses } from '../schemas/common.ts';
import {
  CommitmentCaseCreate, CommitmentCreate, CommitmentDecision, CommitmentRatingCreate, CommitmentEdit, CommitmentEvaluation, CommitmentFileParams, CommitmentFileQuery, CommitmentListQuery, CommitmentParams,
  CommitmentReport, CommitmentSchema, CommitmentUpdateCreate, LedgerFileSchema, PublicCommitmentParams, PublicCommitmentSchema, PublicCommitmentsQuery,
  RemarkCreate, RemarkModeration, RemarkParams, RemarkSchema,
} from '../schemas/commitments.ts';
import { renderCommitmentDocx } from '../services/commitment-docx.ts';
import {
  addCommitmentFile, addUpdate, caseForCommitment, commitmentFile, commitmentFromMeeting, commitmentUrl, createCommitment, decideCommitment, editCommitment, evaluateCommitment, getCommitment,
  LEDGER_FILE_MAX_BYTES, listCommitments, listRemarks, moderateRemark, openRating, postRemark, publicCommitment, publicCommitments, reportCommitment, submitCommitment,
} from '../services/commitments.ts';
import { RaterLinkSchema } from '../schemas/ballots.ts';
import { checkUploadQuota } from '../services/quota.ts';
import { qrPng, qrSvg } from '../services/qr.ts';

const Envelope = z.object({ commitment: CommitmentSchema });
const tags = ['commitments'];

export function commitmentRoutes(app: App, { ctx, publicUrl, uploadQuotaBytes }: Deps): void {
  const one = (req: { user: unknown; params: { id: string; commitmentId: number } }) =>
    getCommitment(ctx, requireUser(req as never), req.params.id, req.params.commitmentId, publicUrl).then((commitment) => ({ commitment }));

  app.get('/campaigns/:id/commitments', {
    config: { access: onCampaign('commitment.read') },
    schema: { tags, summary: 'The campaign\'s commitments (a unit\'s reporter: the public ones and their own unit\'s)', params: CampaignIdParams, querystring: CommitmentListQuery, response: { 200: z.object({ commitments: z.array(CommitmentSchema) }), ...errorResponses } },
  }, async (req) => ({ commitments: await listCommitments(ctx, requireUser(req), req.params.id, req.query, publicUrl) }));

  app.post('/campaigns/:id/commitments', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: 'Draft a commitment of a unit (its reporter, an organizer) or of a leader (the leader, an organizer)', params: CampaignIdParams, body: CommitmentCreate, response: { 201: Envelope, ...errorResponses } },
  }, async (req, reply) => {
    const id = await createCommitment(ctx, requireUser(req), req.params.id, req.body);
    return reply.code(201).send({ commitment: await getCommitment(ctx, requireUser(req), req.params.id, id, publicUrl) });
  });

  app.post('/campaigns/:id/meetings/:meetingId/units/:unitId/commitment', {
    config: { access: onCampaign('commitment.draft') },
    schema: {
      tags, summary: 'A called unit\'s 表态 at a review meeting as a draft commitment of the unit (its reporter, an organizer); once: asked again, it answers with that one (200)',
      params: CampaignIdParams.extend({ meetingId: z.coerce.number().int().positive().max(2_147_483_647), unitId: z.string().trim().min(1).max(64) }),
      response: { 200: Envelope.extend({ created: z.boolean() }), 201: Envelope.extend({ created: z.boolean() }), ...errorResponses },
    },
  }, async (req, reply) => {
    const made = await commitmentFromMeeting(ctx, requireUser(req), req.params.id, req.params.meetingId, req.params.unitId);
    return reply.code(made.created ? 201 : 200).send({ commitment: await getCommitment(ctx, requireUser(req), req.params.id, made.id, publicUrl), created: made.created });
  });

  app.get('/campaigns/:id/commitments/:commitmentId', {
    config: { access: onCampaign('commitment.read') },
    schema: { tags, summary: 'A commitment with its items, progress updates and files', params: CommitmentParams, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => one(req));

  app.put('/campaigns/:id/commitments/:commitmentId', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: 'Edit a draft (its committer or an organizer; 409 once submitted)', params: CommitmentParams, body: CommitmentEdit, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => { await editCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body); return one(req); });

  app.post('/campaigns/:id/commitments/:commitmentId/submit', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: 'Submit a draft for approval (409 unless a draft)', params: CommitmentParams, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => { await submitCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId); return one(req); });

  app.post('/campaigns/:id/commitments/:commitmentId/decision', {
    config: { access: onCampaign('commitment.decide') },
    schema: { tags, summary: 'Approve (it becomes public) or return to draft with a reason (organizer; 409 unless submitted)', params: CommitmentParams, body: CommitmentDecision, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => { await decideCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body); return one(req); });

  app.post('/campaigns/:id/commitments/:commitmentId/updates', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: '示诺/践诺: a quarterly progress update of a public commitment (409 otherwise)', params: CommitmentParams, body: CommitmentUpdateCreate, response: { 201: Envelope, ...errorResponses } },
  }, async (req, reply) => { await addUpdate(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body); return reply.code(201).send(await one(req)); });

  app.post('/campaigns/:id/commitments/:commitmentId/report', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: '述诺: the year-end report (409 unless public)', params: CommitmentParams, body: CommitmentReport, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => { await reportCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body); return one(req); });

  app.post('/campaigns/:id/commitments/:commitmentId/evaluation', {
    config: { access: onCampaign('commitment.decide') },
    schema: { tags, summary: '评诺: a verdict per item; optionally a penalty event per unfulfilled item through the figure path (organizer; 409 unless reported)', params: CommitmentParams, body: CommitmentEvaluation, response: { 200: Envelope, ...errorResponses } },
  }, async (req) => { await evaluateCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body); return one(req); });

  app.post('/campaigns/:id/commitments/:commitmentId/case', {
    config: { access: onCampaign('case.manage') },
    schema: { tags, summary: 'Open an accountability case of the unit for the items not kept (organizer; 409 before the evaluation or with none not kept; asked again: the case opened before, nothing new)', params: CommitmentParams, body: CommitmentCaseCreate, response: { 200: Envelope.extend({ caseId: z.number().int(), opened: z.boolean() }), ...errorResponses } },
  }, async (req) => {
    const r = await caseForCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.body);
    return { ...r, ...(await one(req)) };
  });

  app.post('/campaigns/:id/commitment-ratings', {
    config: { access: onCampaign('ballot.manage') },
    schema: { tags, summary: '评诺 by members and the public: a marks ballot (0–100) rating the given commitments with weighted rater groups (党员评、群众评、组织评) and one-time links, returned once; closing the ballot gives each its satisfaction', params: CampaignIdParams, body: CommitmentRatingCreate, response: { 201: z.object({ ballot: z.number().int(), links: z.array(RaterLinkSchema) }), ...errorResponses } },
  }, async (req, reply) => reply.code(201).send(await openRating(ctx, requireUser(req), req.params.id, req.body, publicUrl)));

  app.post('/campaigns/:id/commitments/:commitmentId/files', {
    config: { access: onCampaign('commitment.draft') },
    schema: { tags, summary: 'Attach the signed scan, a report file or an update\'s evidence (multipart "file"; PDF, images, .docx, .xlsx, OFD; ≤ 10 MB)', consumes: ['multipart/form-data'], params: CommitmentParams, querystring: CommitmentFileQuery, response: { 201: z.object({ file: LedgerFileSchema }), ...errorResponses } },
  }, async (req, reply) => {
    const user = requireUser(req);
    const file = await addCommitmentFile(ctx, user, req.params.id, req.params.commitmentId, req.query.kind, req.query.update, async () => {
      const f = await uploadedFile(req, { maxBytes: LEDGER_FILE_MAX_BYTES });
      await checkUploadQuota(ctx, user.id, f.data.length, uploadQuotaBytes);
      return f;
    });
    return reply.code(201).send({ file });
  });

  app.get('/campaigns/:id/commitments/:commitmentId/files/:fileId', {
    config: { access: onCampaign('commitment.read') },
    schema: { tags, summary: 'Download a commitment\'s file (attachment)', params: CommitmentFileParams, response: { 200: z.string().describe('the file'), ...errorResponses } },
  }, async (req, reply) => {
    const f = await commitmentFile(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.params.fileId);
    return sendUploadedFile(reply, f);
  });

  app.get('/campaigns/:id/commitments/:commitmentId/commitment.docx', {
    config: { access: onCampaign('commitment.read') },
    schema: { tags, summary: 'The printable 承诺书 (Word, official layout, QR code of its public page)', params: CommitmentParams, response: { 200: z.string().describe('application/vnd.openxmlformats-officedocument.wordprocessingml.document'), ...errorResponses } },
  }, async (req, reply) => {
    const c = await getCommitment(ctx, requireUser(req), req.params.id, req.params.commitmentId, publicUrl);
    const url = commitmentUrl(publicUrl, c.campaign, c.id);
    const data = await renderCommitmentDocx(c, { qrPng: await qrPng(url), url, date: ctx.now() });
    reply.header('content-type', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    reply.header('content-disposition', attachment(`${c.owner}公开承诺书.docx`, `commitment-${c.id}.docx`));
    reply.header('x-content-type-options', 'nosniff');
    return reply.send(Buffer.from(data) as unknown as string);
  });

  app.get('/campaigns/:id/commitments/:commitmentId/remarks', {
    config: { access: onCampaign('commitment.decide') },
    schema: { tags, summary: 'Remarks from the public, newest first, every state (organizer)', params: CommitmentParams, response: { 200: z.object({ remarks: z.array(RemarkSchema) }), ...errorResponses } },
  }, async (req) => ({ remarks: await listRemarks(ctx, requireUser(req), req.params.id, req.params.commitmentId) }));

  app.post('/campaigns/:id/commitments/:commitmentId/remarks/:remarkId/moderation', {
    config: { access: onCampaign('commitment.decide') },
    schema: { tags, summary: 'Publish (with an optional answer) or hide a remark (organizer)', params: RemarkParams, body: RemarkModeration, response: { 200: z.object({ remark: RemarkSchema }), ...errorResponses } },
  }, async (req) => ({ remark: await moderateRemark(ctx, requireUser(req), req.params.id, req.params.commitmentId, req.params.remarkId, req.body) }));

  // ——— public: approved (public) commitments only ———
  const ptags = ['public'];
  app.get('/public/campaigns/:id/commitments', {
    config: { access: PUBLIC },
    schema: { tags: ptags, summary: 'The public commitments of a campaign (of one unit with ?unit=)', params: CampaignIdParams, querystring: PublicCommitmentsQuery, response: { 200: z.object({ campaign: z.object({ id: z.string(), name: z.string(), year: z.number().int() }), commitments: z.array(PublicCommitmentSchema) }), ...errorResponses } },
  }, async (req) => publicCommitments(ctx, req.params.id, req.query.unit, publicUrl));

  app.get('/public/commitments/:commitmentId', {
    config: { access: PUBLIC },
    schema: { tags: ptags, summary: 'A public commitment with its progress and moderated remarks (404 before approval)', params: PublicCommitmentParams, response: { 200: z.object({ commitment: PublicCommitmentSchema }), ...errorResponses } },
  }, async (req) => ({ commitment: await publicCommitment(ctx, req.params.commitmentId, publicUrl) }));

  app.get('/public/commitments/:commitmentId/qr.svg', {
    config: { access: PUBLIC },
    schema: { tags: ptags, summary: 'QR code (SVG) of a public commitment\'s page', params: PublicCommitmentParams, response: { 200: z.string().describe('image/svg+xml'), ...errorResponses } },
  }, async (req, reply) => {
    const c = await publicCommitment(ctx, req.params.commitmentId, publicUrl);
    reply.header('content-type', 'image/svg+xml; charset=utf-8');
    reply.header('cache-control', 'public, max-age=3600');
    return reply.send(await qrSvg(c.url));
  });

  app.post('/public/commitments/:commitmentId/remarks', {
    config: { access: PUBLIC },
    schema: { tags: ptags, summary: 'A remark from the public: stored for the organizer, shown only once moderated; rate-limited (429)', params: PublicCommitmentParams, body: RemarkCreate, response: { 202: z.object({ received: z.literal(true) }), ...errorResponses } },
  }, async (req, reply) => {
    await postRemark(ctx, req.params.commitmentId, req.body.text, req.ip);
    return reply.code(202).send({ received: true as const });
  });
}
