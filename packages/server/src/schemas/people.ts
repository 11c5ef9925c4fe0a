// People, selections under a quota (model stars), objections during 公示, the honours register
// (issue 17 items 1, 2, 4, 5).
import { z } from 'zod';
import { PERSON_POSTS, SELECTION_METHODS, SELECTION_STATES } from '../db/schema.ts';
import { RaterGroupInput } from './ballots.ts';
import { CampaignIdParams, SerialId } from './common.ts';
import { PeriodStateSchema } from './periods.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const PostSchema = z.enum(PERSON_POSTS);

export const PersonSchema = z.object({
  id: z.number().int(),
  organizationId: z.number().int(),
  organizationName: z.string(),
  name: z.string(),
  unit: z.string(),
  post: PostSchema,
}).meta({ id: 'Person' });
export type PersonDto = z.infer<typeof PersonSchema>;

export const PersonCreate = z.object({
  name: Text(50),
  unit: Text(100),
  post: PostSchema,
  /** default: the signed-in user's organization */
  organizationId: z.number().int().optional(),
});

export const LedgerEntrySchema = z.object({
  id: z.number().int(),
  date: z.string(),
  what: z.string(),
  evidence: z.string().nullable(),
  keyWork: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  /** recorded: the organizer's own entry; approved: a reporter's entry the section verified */
  state: z.enum(['recorded', 'approved']),
  /** the person campaign a reporter's entry was made in */
  campaignName: z.string().nullable(),
  campaign: z.string().nullable(),
  /** a reporter's entry: the key work (indicator) it was made under, and its evidence files (downloaded from the campaign's ledger entries) */
  indicatorName: z.string().nullable(),
  files: z.array(z.object({ id: z.string(), filename: z.string(), size: z.number().int() })),
});
export const LedgerCreate = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
  what: Text(1000),
  evidence: z.string().trim().max(1000).optional(),
  keyWork: z.string().trim().max(200).optional(),
});

export const HonourSchema = z.object({
  id: z.number().int(),
  honour: z.string(),
  category: z.string(),
  year: z.number().int(),
  personId: z.number().int().nullable(),
  personName: z.string().nullable(),
  unitName: z.string().nullable(),
  citation: z.string(),
  selectionId: z.number().int().nullable(),
  /** 蝉联: the same subject held the same honour (and category) the year before; how many years in a row */
  streak: z.number().int(),
}).meta({ id: 'Honour' });
export type HonourDto = z.infer<typeof HonourSchema>;

export const HonourCreate = z.object({
  honour: Text(100),
  category: z.string().trim().max(100).optional(),
  year: z.number().int().min(2000).max(2100),
  personId: z.number().int().optional(),
  unitName: z.string().trim().min(1).max(100).optional(),
  citation: Text(1000),
  /** default: the signed-in user's organization */
  organizationId: z.number().int().optional(),
});
export const HonourQuery = z.object({
  year: z.coerce.number().int().optional(),
  person: z.coerce.number().int().optional(),
  unit: z.string().max(100).optional(),
});

/** A person's scores from the campaigns in which they compete (their unit id is `person-<id>`). */
export const PersonScoreSchema = z.object({
  campaign: z.string(),
  campaignName: z.string(),
  period: z.string(),
  total: z.number().nullable(),
  rank: z.number().int().nullable(),
  of: z.number().int(),
  /** the period's state: a result of a period not closed is provisional (预计) */
  state: PeriodStateSchema,
});

export const PersonPageSchema = z.object({
  person: PersonSchema,
  ledger: z.array(LedgerEntrySchema),
  honours: z.array(HonourSchema),
  scores: z.array(PersonScoreSchema),
});

export const PersonParams = z.object({ personId: SerialId });

// ---- selections --------------------------------------------------------------------------------

export const NominationSchema = z.object({
  id: z.number().int(),
  personId: z.number().int(),
  personName: z.string(),
  personUnit: z.string(),
  post: PostSchema,
  unit: z.string(),
  unitName: z.string(),
  reason: z.string(),
  status: z.enum(['nominated', 'elected', 'not_elected', 'withdrawn', 'confirmed']),
  share: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});

export const ObjectionSchema = z.object({
  id: z.number().int(),
  nominationId: z.number().int().nullable(),
  personName: z.string().nullable(),
  text: z.string(),
  contact: z.string(),
  status: z.enum(['open', 'upheld', 'dismissed']),
  reply: z.string().nullable(),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
});

/** a percentage such as 60 or 37.5 */
const Percent = z.string().trim().regex(/^\d{1,3}(\.\d{1,2})?$/, 'a percentage such as 60 or 37.5');

export const PanelWeights = z.object({
  /** 量化考核: the campaign's summary score (or the period total without a summary), % */
  quantified: Percent,
  /** 述职评议: the panel's marks, % */
  panel: Percent,
});

export const PanelSettingsSchema = z.object({
  weights: PanelWeights,
  /** the closed period whose summary gives the quantified part */
  period: z.string().nullable(),
  /** the judges' highest mark */
  fullMark: z.string().nullable(),
  /** drop the t highest and t lowest marks of a group of judges (when it has more than 2t) */
  trim: z.number().int(),
  /** how the panel part is put on 100: as its share of the top nominee's mean ('top') or of the full mark ('full') */
  panelScale: z.enum(['top', 'full']),
  /** the quantified score taken for each nomination when the panel opened */
  quantified: z.array(z.object({ nomination: z.number().int(), competitor: z.string(), score: z.string(), rank: z.number().int(), source: z.enum(['summary', 'total']) })),
}).meta({ id: 'PanelSettings' });
export type PanelSettingsDto = z.infer<typeof PanelSettingsSchema>;

const Explain = z.object({ code: z.string(), formula: z.string().optional(), zh: z.string(), en: z.string() });
export const CombinedRankingSchema = z.object({
  parts: z.array(z.object({ id: z.enum(['quantified', 'panel']), name: z.string(), weight: z.string(), scale: z.string(), top: z.string().nullable(), unscaled: z.boolean() })),
  /** best first */
  rows: z.array(z.object({
    nomination: z.number().int(),
    personName: z.string(),
    /** each part: the score taken (4 decimals; null: none) and on the 100-point scale */
    parts: z.array(z.object({ part: z.enum(['quantified', 'panel']), score: z.string().nullable(), scaled: z.string(), weight: z.string() })),
    /** the combined score, rounded to the campaign's precision */
    score: z.string(),
    rank: z.number().int(),
    explain: Explain,
  })),
}).meta({ id: 'CombinedRanking' });
export type CombinedRankingDto = z.infer<typeof CombinedRankingSchema>;

export const SelectionSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  honour: z.string(),
  category: z.string(),
  year: z.number().int(),
  quota: z.number().int(),
  threshold: z.string(),
  state: z.enum(SELECTION_STATES),
  /** approval: an approval ballot elects; panel [述比排序]: quantified score and a panel's marks, combined */
  method: z.enum(SELECTION_METHODS),
  /** panel: the combination's weights; the rest once the panel is open */
  panel: PanelSettingsSchema.nullable(),
  /** panel: the combined ranking, once the panel is closed */
  ranking: CombinedRankingSchema.nullable(),
  ballotId: z.number().int().nullable(),
  /** a tie at the quota left by the ballot: the nominations tied and the places left */
  tie: z.object({ nominations: z.array(z.number().int()), places: z.number().int() }).nullable(),
  tieDecision: z.object({ chosen: z.array(z.number().int()), reason: z.string(), by: z.string(), at: z.string(), exceeded: z.boolean() }).nullable(),
  publicityUntil: z.string().nullable(),
  nominations: z.array(NominationSchema),
  /** organizers only (empty for other readers) */
  objections: z.array(ObjectionSchema),
}).meta({ id: 'Selection' });
export type SelectionDto = z.infer<typeof SelectionSchema>;

const SHARE = /^(0(\.\d{1,4})?|1(\.0{1,4})?)$/;
const SCORE = /^(\d{1,2}(\.\d{1,4})?|100(\.0{1,4})?)$/;
export const SelectionCreate = z.object({
  honour: Text(100),
  category: z.string().trim().max(100).optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  quota: z.number().int().min(1).max(500),
  /** approval: the approval share 0 … 1 an elected subject reaches (required); panel: the combined score 0 … 100 (default 0) */
  threshold: z.string().trim().optional(),
  /** default approval */
  method: z.enum(SELECTION_METHODS).optional(),
  /** panel: the weights of 量化考核 and 述职评议, in %, adding up to 100 */
  weights: PanelWeights.optional(),
}).superRefine((v, ctx) => {
  if ((v.method ?? 'approval') === 'approval') {
    if (v.threshold === undefined || !SHARE.test(v.threshold)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'an approval share 0 … 1 such as 0.5' });
    if (v.weights !== undefined) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'weights belong to a panel selection (method: panel)' });
    return;
  }
  if (v.threshold !== undefined && !SCORE.test(v.threshold)) ctx.addIssue({ code: 'custom', path: ['threshold'], message: 'a combined score 0 … 100 such as 60' });
  if (!v.weights) { ctx.addIssue({ code: 'custom', path: ['weights'], message: 'a panel selection needs the weights of quantified and panel (e.g. 60 and 40)' }); return; }
  const cents = (x: string) => Math.round(Number(x) * 100);
  if (cents(v.weights.quantified) <= 0 || cents(v.weights.panel) <= 0) ctx.addIssue({ code: 'custom', path: ['weights'], message: 'each weight must be above 0' });
  else if (cents(v.weights.quantified) + cents(v.weights.panel) !== 10_000) ctx.addIssue({ code: 'custom', path: ['weights'], message: `the weights must add up to 100: ${v.weights.quantified} + ${v.weights.panel}` });
});
export type SelectionCreateInput = z.infer<typeof SelectionCreate>;

export const PanelOpen = z.object({
  /** the closed period whose summary (or total) gives the quantified part */
  period: z.string().min(1).max(20),
  /** the judges: one group or several with weights */
  groups: z.array(RaterGroupInput).min(1).max(10),
  /** the highest mark a judge may give (default 100) */
  fullMark: z.string().trim().regex(/^\d{1,5}(\.\d{1,2})?$/, 'a mark such as 100').optional(),
  /** drop the t highest and t lowest marks of a group (when it has more than 2t) */
  trim: z.number().int().min(0).max(20).optional(),
  /** the panel part on 100: share of the top nominee's mean (default) or of the full mark */
  panelScale: z.enum(['top', 'full']).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});
export type PanelOpenInput = z.infer<typeof PanelOpen>;
export const RankingNominate = z.object({ period: z.string().min(1).max(20), top: z.number().int().min(1).max(500) });
export const NominationCreate = z.object({ personId: z.number().int(), unit: z.string().min(1).max(100), reason: Text(1000) });
export const VotingOpen = z.object({
  groups: z.array(z.object({ name: Text(100), weight: z.string().trim().regex(/^\d{1,9}(\.\d{1,4})?$/), raters: z.number().int().min(0).max(500) })).min(1).max(10),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});
export const TieDecision = z.object({
  chosen: z.array(z.number().int()).max(500),
  reason: Text(1000),
  /** take more of the tied than places are left (the quota is exceeded by this recorded decision) */
  exceed: z.boolean().optional(),
});
export const PublicityStart = z.object({ until: z.iso.datetime({ offset: true }) });
export const ObjectionDecision = z.object({ decision: z.enum(['uphold', 'dismiss']), reply: Text(1000) });
export const ConfirmInput = z.object({ citation: z.string().trim().max(1000).optional() });

export const SelectionParams = CampaignIdParams.extend({ selectionId: SerialId });
export const ObjectionParams = SelectionParams.extend({ objectionId: SerialId });
export const NominationParams = SelectionParams.extend({ nominationId: SerialId });
export const NominationWithdraw = z.object({ reason: z.string().max(500) });

// ---- the public 公示 page -------------------------------------------------------------------------

export const PublicSelectionSchema = z.object({
  id: z.number().int(),
  campaignName: z.string(),
  organizer: z.string().nullable(),
  honour: z.string(),
  category: z.string(),
  year: z.number().int(),
  state: z.enum(['publicity', 'confirmed']),
  publicityUntil: z.string().nullable(),
  /** whether objections are taken now */
  open: z.boolean(),
  elected: z.array(z.object({ nomination: z.number().int(), name: z.string(), unit: z.string(), post: PostSchema, nominatedBy: z.string(), reason: z.string() })),
});
export const PublicSelectionParams = z.object({ selectionId: SerialId });
export const ObjectionCreate = z.object({
  nomination: z.number().int().optional(),
  text: Text(2000),
  contact: Text(100),
});
