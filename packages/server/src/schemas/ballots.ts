// Ballots (issue 17 item 3): what the organizer declares, what they see (counts and aggregates,
// never a ballot), and what a rater's phone page sends.
import { z } from 'zod';
import { CampaignIdParams, SerialId } from './common.ts';

const Short = z.string().trim().min(1).max(100);
const DecimalText = z.string().trim().regex(/^\d{1,9}(\.\d{1,4})?$/, 'a decimal such as 0.6');

export const RaterGroupInput = z.object({
  id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/).optional(),
  name: Short,
  weight: DecimalText,
  /** how many one-time rater links to make for the group */
  raters: z.number().int().min(0).max(500),
});

export const LevelInput = z.object({ id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]{0,31}$/), name: Short, points: DecimalText });
export const OutcomeInput = z.object({ level: z.string(), op: z.enum(['>=', '>']), share: z.string().trim().max(20), outcome: Short });

export const BallotCreate = z.object({
  title: z.string().trim().min(1).max(200),
  kind: z.enum(['marks', 'approval', 'levels']),
  groups: z.array(RaterGroupInput).min(1).max(10),
  /** the campaign's units to rate (default: every unit) */
  subjects: z.array(z.string()).min(1).max(500).optional(),
  /** a score-input indicator and a period: closing enters each subject's figure for them */
  indicator: z.string().optional(),
  period: z.string().optional(),
  /** the highest mark without an indicator (default 100) */
  weight: DecimalText.optional(),
  trim: z.number().int().min(0).max(20).optional(),
  choose: z.number().int().min(1).max(500).optional(),
  levels: z.array(LevelInput).min(2).max(10).optional(),
  outcomes: z.array(OutcomeInput).max(10).optional(),
  opensAt: z.iso.datetime({ offset: true }).optional(),
  closesAt: z.iso.datetime({ offset: true }).optional(),
});
export type BallotCreateInput = z.infer<typeof BallotCreate>;

export const TurnoutSchema = z.object({
  group: z.string(),
  name: z.string(),
  weight: z.string(),
  /** rater links issued */
  issued: z.number().int(),
  /** ballots cast */
  cast: z.number().int(),
});

export const SubjectResultSchema = z.object({
  subject: z.string(),
  name: z.string(),
  figure: z.string().nullable(),
  share: z.string().optional(),
  levelShares: z.record(z.string(), z.string()).optional(),
  outcome: z.string().nullable().optional(),
  groups: z.array(z.object({
    group: z.string(), cast: z.number().int(), marked: z.number().int(), mean: z.string().nullable(),
    dropped: z.object({ high: z.array(z.string()), low: z.array(z.string()) }),
    approvals: z.number().int().optional(), share: z.string().optional(),
    levelCounts: z.record(z.string(), z.number().int()).optional(), levelShares: z.record(z.string(), z.string()).optional(),
    counted: z.boolean(),
  })),
  explain: z.object({ code: z.string(), formula: z.string().optional(), zh: z.string(), en: z.string() }),
});
export type SubjectResultDto = z.infer<typeof SubjectResultSchema>;

export const BallotSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  title: z.string(),
  kind: z.enum(['marks', 'approval', 'levels']),
  indicator: z.string().nullable(),
  indicatorName: z.string().nullable(),
  period: z.string().nullable(),
  weight: z.string(),
  trim: z.number().int(),
  choose: z.number().int().nullable(),
  levels: z.array(z.object({ id: z.string(), name: z.string(), points: z.string() })),
  /** levels: the outcome rules on the level shares, checked in order (the first that holds decides) */
  outcomes: z.array(OutcomeInput),
  subjects: z.array(z.object({ id: z.string(), name: z.string() })),
  opensAt: z.string(),
  closesAt: z.string().nullable(),
  state: z.enum(['open', 'closed']),
  closedAt: z.string().nullable(),
  /** counts only: links issued and ballots cast per rater group */
  turnout: z.array(TurnoutSchema),
  /** after closing: each subject's aggregate (counts, means, shares), never a ballot */
  result: z.array(SubjectResultSchema).nullable(),
  /** the selection this ballot decides, if any */
  selection: z.number().int().nullable(),
}).meta({ id: 'Ballot' });
export type BallotDto = z.infer<typeof BallotSchema>;

export const RaterLinkSchema = z.object({ group: z.string(), groupName: z.string(), token: z.string(), path: z.string(), url: z.string(), qrSvg: z.string() });
export type RaterLinkDto = z.infer<typeof RaterLinkSchema>;

export const BallotParams = CampaignIdParams.extend({ ballotId: SerialId });
export const TokenParams = z.object({ token: z.string().min(10).max(100) });

/** What a rater's phone page shows: the ballot's questions, not its results. */
export const VoteFormSchema = z.object({
  title: z.string(),
  campaignName: z.string(),
  kind: z.enum(['marks', 'approval', 'levels']),
  group: z.string(),
  weight: z.string(),
  choose: z.number().int().nullable(),
  levels: z.array(z.object({ id: z.string(), name: z.string() })),
  subjects: z.array(z.object({ id: z.string(), name: z.string(), detail: z.string().nullable() })),
  /** open: may vote now; used: this link has voted; closed: the ballot is closed (or not open yet: notYet) */
  status: z.enum(['open', 'used', 'closed', 'notYet']),
  closesAt: z.string().nullable(),
});

export const VoteInput = z.object({
  marks: z.record(z.string().max(40), z.string().max(20)).optional(),
  approvals: z.array(z.string().max(40)).max(500).optional(),
  levels: z.record(z.string().max(40), z.string().max(40)).optional(),
});
