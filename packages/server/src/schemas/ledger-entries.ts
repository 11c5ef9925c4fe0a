// A person campaign's ledger entries entered by reporters, with evidence and section verification (issue 17 item 2).
import { z } from 'zod';
import { LEDGER_ENTRY_STATES } from '../db/schema.ts';
import { CampaignIdParams } from './common.ts';

const Date_ = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date YYYY-MM-DD');

export const LedgerEntryFileSchema = z.object({ id: z.string(), filename: z.string(), contentType: z.string(), size: z.number().int() });

export const LedgerEntryDtoSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  unit: z.string(),
  unitName: z.string(),
  personId: z.number().int(),
  personName: z.string(),
  date: z.string(),
  what: z.string(),
  keyWork: z.string().nullable(),
  indicator: z.string(),
  indicatorName: z.string(),
  state: z.enum(LEDGER_ENTRY_STATES),
  returnReason: z.string().nullable(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  verifiedBy: z.string().nullable(),
  verifiedAt: z.string().nullable(),
  files: z.array(LedgerEntryFileSchema),
}).meta({ id: 'LedgerEntry' });
export type LedgerEntryDto = z.infer<typeof LedgerEntryDtoSchema>;

const Fields = {
  date: Date_,
  what: z.string().trim().min(1).max(2000),
  /** the key work's indicator: its scoring section verifies the entry */
  indicator: z.string().trim().min(1).max(64),
  keyWork: z.string().trim().max(200).optional(),
};
/** draft: true saves without submitting (a draft waits for no one; submitted later by saving it without draft) */
const Draft = { draft: z.boolean().optional() };
export const LedgerEntryCreate = z.object({ unit: z.string().trim().min(1).max(64), ...Fields, ...Draft });
export const LedgerEntryUpdate = z.object({ ...Fields, ...Draft });
export const LedgerEntryVerify = z.object({ decision: z.enum(['approve', 'return']), reason: z.string().trim().max(1000).optional() });
export const LedgerEntryQuery = z.object({ unit: z.string().max(64).optional(), state: z.enum(LEDGER_ENTRY_STATES).optional() });
const serial = z.coerce.number().int().positive().max(2_147_483_647);
export const LedgerEntryParams = CampaignIdParams.extend({ entryId: serial });
export const LedgerEntryFileParams = LedgerEntryParams.extend({ fileId: z.string().min(1).max(64) });
