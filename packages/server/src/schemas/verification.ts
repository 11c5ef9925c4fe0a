// Verification shapes of the API (docs/api-plan.md, "Verification").
import { z } from 'zod';

const id = z.string().trim().min(1).max(64);

export const VerificationQuery = z.object({
  period: z.string().max(16).optional(),
  status: z.enum(['pending', 'approved', 'returned']).optional(),
});

export const Decision = z.object({
  unit: id,
  indicator: id,
  period: z.string().trim().min(1).max(16),
  /** the version of the figure the reviewer looked at; 409 when it changed since */
  version: z.number().int().min(1),
  decision: z.enum(['approve', 'return']),
  /** required when returning */
  reason: z.string().trim().max(500).optional(),
});
export const DecisionBody = z.object({ decisions: z.array(Decision).min(1).max(10_000) });
