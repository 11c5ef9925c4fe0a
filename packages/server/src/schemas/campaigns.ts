// Campaign shapes of the API (docs/api-plan.md, "Campaigns").
import { z } from 'zod';

export const CampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  cadence: z.enum(['month', 'quarter', 'half', 'year']),
  organizer: z.string().nullable(),
  status: z.enum(['active', 'archived']),
  version: z.number().int(),
  updatedAt: z.iso.datetime(),
}).meta({ id: 'Campaign' });
export type CampaignDto = z.infer<typeof CampaignSchema>;

export const ModelSchema = z.object({
  /** the spec's decimals of every score: print scores with exactly that many (92.4 → 92.40) */
  precision: z.number().int().min(0).max(4),
  groups: z.array(z.object({ id: z.string(), name: z.string() })),
  units: z.array(z.object({ id: z.string(), name: z.string(), group: z.string() })),
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
  })),
  flags: z.array(z.object({
    id: z.string(),
    name: z.string(),
    color: z.string().optional(),
    award: z.enum(['top', 'bottom']),
    scope: z.enum(['group', 'pair', 'all']),
    indicator: z.string().optional(),
    mobile: z.boolean(),
  })),
  rules: z.array(z.object({ id: z.string(), name: z.string(), action: z.string() })),
  grades: z.array(z.object({ id: z.string(), name: z.string() })),
  periods: z.array(z.string()),
  reportedPeriods: z.array(z.string()),
  latestPeriod: z.string().nullable(),
}).meta({ id: 'CampaignModel' });
export type ModelDto = z.infer<typeof ModelSchema>;

export const SpecBody = z.object({ spec: z.string().min(1).max(2_000_000) });

export const VersionSchema = z.object({
  version: z.number().int(), createdAt: z.iso.datetime(), createdBy: z.string().nullable(),
  /** the display name of who saved it (people are named as they are known, not by username) */
  createdByName: z.string().nullable(),
});
export const VersionParams = z.object({ id: z.string().min(1).max(64), version: z.coerce.number().int().min(1).max(2_147_483_647) });
/** A sheet read for the designer: every non-empty row with its number as the spreadsheet shows it. */
export const SheetSchema = z.object({ rows: z.array(z.object({ row: z.number().int(), cells: z.array(z.string()) })) });
