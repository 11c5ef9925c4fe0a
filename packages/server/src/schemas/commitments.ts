// Public commitments [公开承诺] (issue 16 item 1): shapes of the API (docs/api-plan.md, "Commitments").
import { z } from 'zod';
import { COMMITMENT_BENCHMARKS, COMMITMENT_STATUSES, COMMITMENT_VERDICTS, REMARK_STATES } from '../db/schema.ts';
import { RaterGroupInput } from './ballots.ts';
import { CampaignIdParams, SerialId } from './common.ts';

const id = z.string().trim().min(1).max(64);
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

export const CommitmentItemInput = z.object({
  text: text(500),
  benchmark: z.enum(COMMITMENT_BENCHMARKS),
  /** benchmark `indicator`: the campaign's indicator and the figure aimed at */
  indicator: id.optional(),
  target: z.string().trim().max(32).optional(),
  due: day.optional(),
});

export const CommitmentCreate = z.object({
  /** a unit's commitment */
  unit: id.optional(),
  /** a leader's commitment: the leader's user id */
  leader: z.number().int().positive().optional(),
  /** the leader's post, or the unit's signatory */
  post: z.string().trim().max(100).optional(),
  title: text(200),
  items: z.array(CommitmentItemInput).min(1).max(30),
});
export const CommitmentEdit = z.object({ post: z.string().trim().max(100).optional(), title: text(200), items: z.array(CommitmentItemInput).min(1).max(30) });
export const CommitmentDecision = z.object({ decision: z.enum(['approve', 'return']), reason: z.string().trim().max(1000).optional() });
export const CommitmentUpdateCreate = z.object({ quarter: z.string().regex(/^\d{4}-Q[1-4]$/, 'YYYY-Qn'), text: text(2000) });
export const CommitmentReport = z.object({ report: text(10000) });
export const CommitmentCaseCreate = z.object({
  /** the case kind (提醒单, 督办单, 整改通知书 … of the campaign's case settings) */
  kind: id,
  /** YYYY-MM-DD (default: the kind's days) */
  due: day.optional(),
  requirement: z.string().trim().max(2000).optional(),
});
export const CommitmentEvaluation = z.object({
  verdicts: z.array(z.object({ item: z.number().int().positive(), verdict: z.enum(COMMITMENT_VERDICTS), reason: text(1000) })).min(1).max(30),
  /** a penalty event per unfulfilled item, written through the figure path to this indicator and period */
  penalty: z.object({ indicator: id, period: z.string().trim().min(1).max(16) }).optional(),
  /** open an accountability case of this kind for the items not kept (a unit's commitment), in the same step */
  case: CommitmentCaseCreate.optional(),
});
export const CommitmentRatingCreate = z.object({
  title: z.string().trim().min(1).max(200).optional(),
  /** the commitments rated (public or later, none rated before) */
  commitments: z.array(z.number().int().positive()).min(1).max(200),
  /** rater groups with weights: 党员评、群众评、组织评 … and how many one-time links each */
  groups: z.array(RaterGroupInput).min(1).max(10),
  trim: z.number().int().min(0).max(20).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});
export const RemarkCreate = z.object({ text: text(500) });
export const RemarkModeration = z.object({ decision: z.enum(['publish', 'hide']), answer: z.string().trim().max(1000).optional() });

export const CommitmentParams = CampaignIdParams.extend({ commitmentId: SerialId });
export const CommitmentFileParams = CommitmentParams.extend({ fileId: z.string().min(1).max(64) });
export const RemarkParams = CommitmentParams.extend({ remarkId: SerialId });
export const PublicCommitmentParams = z.object({ commitmentId: SerialId });
export const CommitmentListQuery = z.object({ unit: id.optional(), status: z.enum(COMMITMENT_STATUSES).optional() });
export const CommitmentFileQuery = z.object({ kind: z.enum(['scan', 'report', 'update']), update: SerialId.optional() });
export const PublicCommitmentsQuery = z.object({ unit: id.optional() });

export const LedgerFileSchema = z.object({
  id: z.string(), kind: z.enum(['scan', 'report', 'update', 'progress']), filename: z.string(), contentType: z.string(), size: z.number().int(),
  sha256: z.string(), uploadedAt: z.iso.datetime(), updateId: z.number().int().nullable(),
}).meta({ id: 'LedgerFile' });

export const CommitmentItemSchema = z.object({
  id: z.number().int(),
  text: z.string(),
  benchmark: z.enum(COMMITMENT_BENCHMARKS),
  indicator: z.string().nullable(),
  indicatorName: z.string().nullable(),
  target: z.string().nullable(),
  due: z.string().nullable(),
  /** an indicator's item: the unit's figure of the latest closed period, from the stored results */
  progress: z.object({ period: z.string(), value: z.string().nullable(), ratio: z.number().nullable() }).nullable(),
  verdict: z.enum(COMMITMENT_VERDICTS).nullable(),
  verdictReason: z.string().nullable(),
}).meta({ id: 'CommitmentItem' });

export const CommitmentUpdateSchema = z.object({
  id: z.number().int(), quarter: z.string(), text: z.string(), createdAt: z.iso.datetime(), createdBy: z.string().nullable(),
  files: z.array(LedgerFileSchema),
}).meta({ id: 'CommitmentUpdate' });

export const RatingSchema = z.object({
  ballot: z.number().int(), title: z.string(), state: z.enum(['open', 'closed']), outOf: z.string(), score: z.string().nullable(),
  groups: z.array(z.object({ name: z.string(), weight: z.string(), cast: z.number().int().nullable(), mean: z.string().nullable() })),
}).meta({ id: 'CommitmentRating' });

export const CommitmentSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  campaignName: z.string(),
  unit: z.string().nullable(),
  /** the committer's name: the unit's, or the leader's display name */
  owner: z.string(),
  leader: z.number().int().nullable(),
  post: z.string().nullable(),
  title: z.string(),
  status: z.enum(COMMITMENT_STATUSES),
  returnReason: z.string().nullable(),
  report: z.string().nullable(),
  reportedAt: z.iso.datetime().nullable(),
  approvedAt: z.iso.datetime().nullable(),
  evaluatedAt: z.iso.datetime().nullable(),
  penalty: z.object({ indicator: z.string(), indicatorName: z.string(), period: z.string(), count: z.number().int() }).nullable(),
  items: z.array(CommitmentItemSchema),
  updates: z.array(CommitmentUpdateSchema),
  files: z.array(LedgerFileSchema),
  /** the accountability case opened for the items not kept */
  case: z.object({ id: z.number().int(), number: z.string(), state: z.string() }).nullable(),
  /** the rating by members and the public: its ballot, and once closed the satisfaction score (of outOf) with each group's mean */
  rating: RatingSchema.nullable(),
  /** made at a review meeting (表态): that meeting */
  meeting: z.object({ id: z.number().int(), title: z.string() }).nullable(),
  /** may the caller edit it (a draft of their own), and decide on it (an organizer) */
  canEdit: z.boolean(),
  canDecide: z.boolean(),
  /** is the caller its committer (the unit's reporter, or the leader) */
  mine: z.boolean(),
  /** public page address (for the QR code), once public */
  publicUrl: z.string().nullable(),
}).meta({ id: 'Commitment' });
export type CommitmentDto = z.infer<typeof CommitmentSchema>;

export const RemarkSchema = z.object({
  id: z.number().int(), text: z.string(), state: z.enum(REMARK_STATES), answer: z.string().nullable(), createdAt: z.iso.datetime(),
  moderatedAt: z.iso.datetime().nullable(),
}).meta({ id: 'CommitmentRemark' });

/** What the public sees: no ids of users, no files' bytes, published remarks only. */
export const PublicCommitmentSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  campaignName: z.string(),
  unit: z.string().nullable(),
  owner: z.string(),
  post: z.string().nullable(),
  title: z.string(),
  status: z.enum(COMMITMENT_STATUSES),
  approvedAt: z.iso.datetime().nullable(),
  report: z.string().nullable(),
  items: z.array(CommitmentItemSchema),
  updates: z.array(z.object({ id: z.number().int(), quarter: z.string(), text: z.string(), createdAt: z.iso.datetime(), files: z.array(z.string()) })),
  remarks: z.array(z.object({ id: z.number().int(), text: z.string(), answer: z.string().nullable(), createdAt: z.iso.datetime() })),
  /** the satisfaction score from the closed rating ballot (of outOf) */
  satisfaction: z.object({ score: z.string().nullable(), outOf: z.string() }).nullable(),
  url: z.string(),
}).meta({ id: 'PublicCommitment' });
export type PublicCommitmentDto = z.infer<typeof PublicCommitmentSchema>;
