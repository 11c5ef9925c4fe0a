// Excel round trip shapes (docs/api-plan.md, "Excel round trip").
import { z } from 'zod';
import { IssueSchema } from './common.ts';

export const UploadIssueSchema = IssueSchema.extend({
  /** the spreadsheet column (A, B, …) of the cell, for the period template */
  column: z.string().optional(),
}).meta({ id: 'UploadIssue' });
export type UploadIssueDto = z.infer<typeof UploadIssueSchema>;

export const UPLOAD_ROW_STATUS = ['new', 'changed', 'same'] as const;

export const UploadRowSchema = z.object({
  /** the spreadsheet row (header = row 1 of a CSV) */
  row: z.number().int(),
  /** the spreadsheet column of the figure (template uploads) */
  column: z.string().optional(),
  unit: z.string(),
  indicator: z.string(),
  period: z.string(),
  value: z.string(),
  /** against what is stored: no figure yet / a different value / the same value (not written again) */
  status: z.enum(UPLOAD_ROW_STATUS),
  /** what is wrong with this figure (every issue of it, joined) */
  issue: z.string().optional(),
  /** the explanation (情况说明) the file gives the figure */
  explanation: z.string().optional(),
  /**
   * (a reporter's upload) the figure, as the upload writes it, falls behind schedule or jumps
   * against the period before: confirm waits for its explanation (the explanation rule of the form)
   */
  needsExplanation: z.object({ code: z.string(), message: z.string() }).optional(),
}).meta({ id: 'UploadRow' });
export type UploadRowDto = z.infer<typeof UploadRowSchema>;

export const UploadPreviewSchema = z.object({
  uploadId: z.string(),
  /** grid: the period template; long: unit,indicator,period,value rows */
  format: z.enum(['grid', 'long']),
  period: z.string(),
  filename: z.string(),
  rows: z.array(UploadRowSchema),
  issues: z.array(UploadIssueSchema),
  /** needsExplanation: figures that need an explanation (given in the file or not) */
  counts: z.object({ new: z.number().int(), changed: z.number().int(), same: z.number().int(), invalid: z.number().int(), needsExplanation: z.number().int() }),
}).meta({ id: 'UploadPreview' });
export type UploadPreviewDto = z.infer<typeof UploadPreviewSchema>;

/** Explanations typed in the preview, one per figure (blank: none). */
export const UploadConfirmBody = z.object({
  explanations: z.array(z.object({
    unit: z.string().min(1).max(64), indicator: z.string().min(1).max(64), period: z.string().min(1).max(16), explanation: z.string().trim().max(500),
  })).max(100_000).optional(),
}).nullish();

export const UploadParams = z.object({ uploadId: z.string().min(1).max(64) });
