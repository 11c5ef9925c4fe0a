// The overview of an organization's campaigns at every level below it (县级总览 / 乡镇总览).
import { z } from 'zod';
import { OrganizationSchema } from './organizations.ts';
import { PeriodSchema } from './periods.ts';

export const OverviewCampaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['active', 'archived']),
  organization: OrganizationSchema,
  /** may the viewer manage it (their own organization's) or only read it (an organization below) */
  manage: z.boolean(),
  periods: z.array(PeriodSchema),
  /** the period being reported or verified now: the first not closed (null: all closed) */
  current: z.string().nullable(),
  /** who has not reported in the current period (催报): units with value figures missing */
  missing: z.array(z.object({ unit: z.string(), name: z.string(), indicators: z.number().int() })),
  /** corrections and appeals waiting for a decision */
  pendingRequests: z.number().int(),
  /** open accountability cases (问责事项: issued, signed, reported or returned) */
  openCases: z.number().int(),
  /** of them, past their due date and not reported */
  overdueCases: z.number().int(),
}).meta({ id: 'OverviewCampaign' });

export const OverviewSchema = z.object({
  organization: OrganizationSchema,
  campaigns: z.array(OverviewCampaignSchema),
}).meta({ id: 'Overview' });
export type OverviewDto = z.infer<typeof OverviewSchema>;

export const OverviewQuery = z.object({ organization: z.coerce.number().int().positive().max(2147483647).optional() });
