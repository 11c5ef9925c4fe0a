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
  counts: z.object({ new: z.number().int(), changed: z.number().int(), same: z.number().int(), invalid: z.number().int() }),
}).meta({ id: 'UploadPreview' });
export type UploadPreviewDto = z.infer<typeof UploadPreviewSchema>;

export const UploadParams = z.object({ uploadId: z.string().min(1).max(64) });
