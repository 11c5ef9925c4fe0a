// Reporting period shapes of the API (docs/api-plan.md, "Reporting periods").
import { z } from 'zod';
import { PERIOD_STATES } from '../db/schema.ts';

export const PeriodStateSchema = z.enum(PERIOD_STATES);

export const PeriodSchema = z.object({
  period: z.string(),
  state: PeriodStateSchema,
  deadline: z.iso.datetime().nullable(),
  /** the deadline has passed (figures entered now are marked late) */
  pastDeadline: z.boolean(),
  /** value figures expected (units × value-input indicators) and stored */
  expected: z.number().int(),
  reported: z.number().int(),
  late: z.number().int(),
  /** verification: figures not yet approved / returned to the unit */
  pending: z.number().int(),
  returned: z.number().int(),
  /** the period's bulletin (通报): none yet, a draft, or published */
  bulletin: z.enum(['none', 'draft', 'published']),
}).meta({ id: 'Period' });
export type PeriodDto = z.infer<typeof PeriodSchema>;

export const PeriodParams = z.object({ id: z.string().min(1).max(64), period: z.string().min(1).max(16) });

export const PeriodUpdate = z.object({
  state: PeriodStateSchema.optional(),
  /** ISO 8601 with offset; null removes the deadline */
  deadline: z.iso.datetime({ offset: true }).nullable().optional(),
  reason: z.string().trim().max(500).optional(),
});

export const MissingSchema = z.object({
  unit: z.string(),
  name: z.string(),
  /** value-input indicators with no figure for the period */
  indicators: z.array(z.string()),
  /** reminders already sent to the unit for this period */
  reminded: z.number().int(),
}).meta({ id: 'MissingReport' });

export const ReminderSend = z.object({
  /** default: every unit on the 催报 list */
  units: z.array(z.string().min(1).max(64)).max(10_000).optional(),
  message: z.string().trim().min(1).max(500).optional(),
});

export const ReminderSchema = z.object({
  id: z.number().int(),
  /** reminder: 催报 from an organizer; returned: a figure returned by verification, with the reason */
  kind: z.enum(['reminder', 'returned', 'case']),
  period: z.string(),
  unit: z.string(),
  /** in the request's language for generated messages; an organizer's own message as written */
  message: z.string(),
  sentBy: z.string().nullable(),
  sentAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
  /** a returned ledger entry [实绩台账] (kind returned): the entry, to open it */
  ledgerEntry: z.number().int().optional(),
}).meta({ id: 'Reminder' });
export type ReminderDto = z.infer<typeof ReminderSchema>;
