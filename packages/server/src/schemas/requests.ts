// Correction request and appeal shapes of the API (docs/api-plan.md, "Corrections and appeals").
import { z } from 'zod';
import { REQUEST_KINDS, REQUEST_STATUSES } from '../db/schema.ts';

const id = z.string().trim().min(1).max(64);
const period = z.string().trim().min(1).max(16);
const reason = z.string().trim().min(1).max(1000);

export const CorrectionCreate = z.object({ unit: id, indicator: id, period, value: z.string().trim().min(1).max(64), reason });
export const AppealCreate = z.object({ unit: id, period, indicator: id.optional(), reason });
export const RequestDecision = z.object({
  decision: z.enum(['accept', 'reject']),
  /** the organizer's answer; required when rejecting */
  reply: z.string().trim().max(1000).optional(),
  /** accepting an appeal: the correction to apply (optional) */
  correction: z.object({ indicator: id, value: z.string().trim().min(1).max(64) }).optional(),
});
export const RequestQuery = z.object({ kind: z.enum(REQUEST_KINDS).optional(), status: z.enum(REQUEST_STATUSES).optional() });

export const RequestSchema = z.object({
  id: z.number().int(),
  kind: z.enum(REQUEST_KINDS),
  unit: z.string(),
  period: z.string(),
  indicator: z.string().nullable(),
  /** correction: the value asked for; appeal: the value applied on acceptance (if any) */
  value: z.string().nullable(),
  /** the figure's value before the change (kept for history) */
  previousValue: z.string().nullable(),
  reason: z.string(),
  status: z.enum(REQUEST_STATUSES),
  reply: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
}).meta({ id: 'ChangeRequest' });
export type RequestDto = z.infer<typeof RequestSchema>;

export const HistoryQuery = z.object({ unit: id, indicator: id, period });
export const HistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  action: z.string(),
  actor: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
}).meta({ id: 'FigureHistoryEntry' });
