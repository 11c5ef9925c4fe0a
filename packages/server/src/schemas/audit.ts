// Audit log shapes of the API (docs/api-plan.md, "Audit log").
import { z } from 'zod';

export const AuditEntrySchema = z.object({
  seq: z.number().int(),
  at: z.iso.datetime(),
  actorId: z.number().int().nullable(),
  actor: z.string().nullable(),
  action: z.string(),
  campaignId: z.string().nullable(),
  subject: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  reason: z.string().nullable(),
  prevHash: z.string(),
  hash: z.string(),
  /** who, by display name (the entry keeps the username it was written with) */
  actorName: z.string().nullable().optional(),
  /** what happened, as a sentence naming people, units, indicators and campaigns by their names */
  text: z.object({ zh: z.string(), en: z.string() }).optional(),
}).meta({ id: 'AuditEntry' });
export type AuditEntryDto = z.infer<typeof AuditEntrySchema>;

export const AuditQuery = z.object({
  campaign: z.string().max(64).optional(),
  actor: z.string().max(64).optional(),
  /** an exact action (figure.set) or a family (figure) */
  action: z.string().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});
