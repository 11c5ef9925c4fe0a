// Campaign shapes of the API (docs/api-plan.md, "Campaigns").
import { z } from 'zod';

export const CampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  cadence: z.enum(['month', 'quarter', 'half', 'year']),
  organizer: z.string().nullable(),
  /** the organization the campaign belongs to */
  organizationId: z.number().int(),
  status: z.enum(['active', 'archived']),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Campaign' });
export type CampaignDto = z.infer<typeof CampaignSchema>;

export const ModelSchema = z.object({
  /** the spec's decimals of every score: print scores with exactly that many (92.4 → 92.40) */
  precision: z.number().int().min(0).max(4),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), group: z.string(), person: z.number().int().optional().describe('(person campaign) the person record this competitor stands for') })),
  subject: z.enum(['unit', 'person']).describe('who competes: units, or persons (Leitai extension: campaign.subject)'),
  pairs: z.array(z.object({ id: z.string(), units: z.array(z.string()) })),
  indicators: z.array(z.object({
    id: z.string(),
    name: z.string(),
    input: z.enum(['value', 'score', 'event']),
    method: z.enum(['completion', 'schedule', 'best', 'range', 'rank']).optional(),
    weight: z.number().optional(),
    category: z.string().optional(),
    measure: z.string().optional(),
    effect: z.enum(['bonus', 'penalty', 'veto']).optional(),
    points: z.number().optional(),
    direction: z.enum(['higher', 'lower']).optional(),
    cumulative: z.boolean().optional(),
    targets: z.record(z.string(), z.number()).optional(),
    /** (1.1) the groups whose units take part; absent: every group */
    appliesTo: z.array(z.string()).optional(),
    /** (1.1) w(u) per unit the indicator applies to, when weights differ by group (else `weight`) */
    weights: z.record(z.string(), z.number()).optional(),
    /** (1.1) base target [基本目标] per unit the indicator applies to */
    bases: z.record(z.string(), z.number()).optional(),
    /** (1.1) amount (adds up over the year) | rate (a level): how a jump is judged */
    quantity: z.enum(['amount', 'rate']).optional(),
    /** (1.1) bounds of a reported figure */
    min: z.number().optional(),
    max: z.number().optional(),
    whole: z.boolean().optional(),
    /** (1.1) free texts: the published scoring standard [评分标准] and a description */
    standard: z.string().optional(),
    description: z.string().optional(),
  })),
  flags: z.array(z.object({
    id: z.string(),
    name: z.string(),
    color: z.string().optional(),
    award: z.enum(['top', 'bottom']),
    scope: z.enum(['group', 'pair', 'all']),
    indicator: z.string().optional(),
    mobile: z.boolean(),
    description: z.string().optional(),
  })),
  rules: z.array(z.object({
    id: z.string(),
    name: z.string(),
    action: z.string(),
    /** (1.1) the only periods the rule is checked at */
    at: z.array(z.string()).optional(),
    /** (1.1) false: once per streak */
    repeat: z.boolean().optional(),
    description: z.string().optional(),
  })),
  /** (1.1) the categories of value and score indicators [龙虎榜分类], in the spec's order */
  categories: z.array(z.string()).optional(),
  description: z.string().optional(),
  grades: z.array(z.object({ id: z.string(), name: z.string() })),
  periods: z.array(z.string()),
  reportedPeriods: z.array(z.string()),
  latestPeriod: z.string().nullable(),
}).meta({ id: 'CampaignModel' });
export type ModelDto = z.infer<typeof ModelSchema>;

export const SpecBody = z.object({ spec: z.string().min(1).max(2_000_000) });
/** a new campaign: its spec, and the organization it belongs to (default: the creator's own) */
export const NewCampaignBody = SpecBody.extend({ organizationId: z.number().int().positive().max(2147483647).optional() });
export const NewCampaignQuery = z.object({ organizationId: z.coerce.number().int().positive().max(2147483647).optional() });

export const VersionSchema = z.object({
  version: z.number().int(), createdAt: z.iso.datetime(), createdBy: z.string().nullable(),
  /** the display name of who saved it (people are named as they are known, not by username) */
  createdByName: z.string().nullable(),
});
export const VersionParams = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(2_147_483_647) });
/** A sheet read for the designer: every non-empty row with its number as the spreadsheet shows it. */
export const SheetSchema = z.object({ rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })) });
