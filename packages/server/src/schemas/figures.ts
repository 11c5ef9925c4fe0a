// Figure shapes of the API (docs/api-plan.md, "Figures").
import { z } from 'zod';
import { EvidenceSchema } from './evidence.ts';

const id = z.string().trim().min(1).max(64);
/** exact text of the figure; the engine decides whether it is a valid decimal for the indicator */
const value = z.string().max(64);
/**
 * The version of the figure the client edited: omitted or null = "there was no figure". A write
 * whose version is not the stored one is refused with 409 (never a silent overwrite).
 */
const version = z.number().int().min(1).nullable().optional();

/**
 * The reporter's note on the figure (required when it falls behind schedule or jumps against the
 * last period: services/explanation-rule.ts). Blank counts as none.
 */
const explanation = z.string().trim().max(500).nullable().optional();

export const FigureInput = z.object({ unit: id, indicator: id, period: z.string().trim().min(1).max(16), value, version, explanation });
export const FigurePut = FigureInput.extend({ value: value.nullable(), reason: z.string().trim().max(500).optional() });
/** A figure to clear (remove), with the version the client saw. */
export const FigureClear = z.object({ unit: id, indicator: id, period: z.string().trim().min(1).max(16), version });
/** Figures to store and figures to clear, all or nothing (one transaction, one recompute). */
export const FigureBatch = z.object({
  figures: z.array(FigureInput).max(50_000),
  clears: z.array(FigureClear).max(50_000).optional(),
}).refine((b) => b.figures.length + (b.clears?.length ?? 0) > 0, { message: 'figures or clears must name at least one figure', path: ['figures'] });

export const FIGURE_STATUS = ['pending', 'approved', 'returned'] as const;

export const FigureSchema = z.object({
  unit: z.string(),
  indicator: z.string(),
  period: z.string(),
  value: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.iso.datetime(),
  /** send this back when changing the figure */
  version: z.number().int(),
  /** entered after the period's deadline */
  late: z.boolean(),
  /** verification: pending until the indicator's section approves or returns it */
  status: z.enum(FIGURE_STATUS),
  /** why it was returned */
  reviewReason: z.string().nullable(),
  /** the reporter's note (behind schedule, a jump against the last period) */
  explanation: z.string().nullable(),
  /** evidence files attached to the figure, oldest first */
  evidence: z.array(EvidenceSchema),
}).meta({ id: 'Figure' });
export type FigureDto = z.infer<typeof FigureSchema>;

export const FigureConflictSchema = z.object({
  unit: z.string(),
  indicator: z.string(),
  period: z.string(),
  /** the version the client sent (null: none) */
  sentVersion: z.number().int().nullable(),
  /** what is stored now (null: nothing) */
  current: FigureSchema.nullable(),
});
export type FigureConflictDto = z.infer<typeof FigureConflictSchema>;
