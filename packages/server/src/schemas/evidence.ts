// Evidence files (佐证材料) of a figure (docs/api-plan.md, "Reporter's form").
import { z } from 'zod';

export const EvidenceSchema = z.object({
  id: z.string(),
  filename: z.string(),
  /** the type read from the file's first bytes, not the one the browser claimed */
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.iso.datetime(),
}).meta({ id: 'Evidence' });
export type EvidenceDto = z.infer<typeof EvidenceSchema>;

/** Evidence with the figure it belongs to (the list of a unit's period, which may precede the figure). */
export const FigureEvidenceSchema = EvidenceSchema.extend({ unit: z.string(), indicator: z.string(), period: z.string() }).meta({ id: 'FigureEvidence' });
export type FigureEvidenceDto = z.infer<typeof FigureEvidenceSchema>;

const id = z.string().trim().min(1).max(64);
export const EvidenceKeyQuery = z.object({ unit: id, indicator: id, period: z.string().trim().min(1).max(16) });
export const EvidenceListQuery = z.object({ unit: id, period: z.string().trim().min(1).max(16) });
export const EvidenceParams = z.object({ evidenceId: z.string().min(1).max(64) });
