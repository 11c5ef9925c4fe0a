// Accountability shapes of the API (docs/api-plan.md, "Accountability cases").
import { z } from 'zod';
import { CASE_STATES, EXTENSION_STATUSES, PROPOSAL_STATUSES } from '../db/schema.ts';

const id = z.string().trim().min(1).max(64);
const period = z.string().trim().min(1).max(16);
const text = (max: number) => z.string().trim().min(1).max(max);
/** a Beijing calendar day */
export const DateString = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD').refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'not a date');

export const CaseKindSchema = z.object({
  id: z.string().trim().regex(/^[a-z][a-z0-9_-]{0,31}$/),
  name: text(20),
  numberFormat: text(40).refine((s) => s.includes('{n}'), 'the number format must contain {n}'),
  actions: z.array(z.string().trim().min(1).max(32)).max(10),
  dueDays: z.number().int().min(1).max(365),
}).meta({ id: 'CaseKind' });

export const CaseSettingsSchema = z.object({
  kinds: z.array(CaseKindSchema).min(1).max(10),
  nearingDays: z.number().int().min(0).max(60),
  publicAccountability: z.boolean(),
}).meta({ id: 'CaseSettings' });
export type CaseSettingsDto = z.infer<typeof CaseSettingsSchema>;
export const CaseSettingsPatch = CaseSettingsSchema.partial();

export const ProposalSchema = z.object({
  id: z.number().int(),
  period: z.string(),
  unit: z.string(),
  unitName: z.string(),
  rule: z.string(),
  ruleName: z.string(),
  action: z.string(),
  reason: z.string(),
  kind: z.string(),
  kindName: z.string(),
  status: z.enum(PROPOSAL_STATUSES),
  caseId: z.number().int().nullable(),
  caseNumber: z.string().nullable(),
  decisionReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
}).meta({ id: 'CaseProposal' });
export type ProposalDto = z.infer<typeof ProposalSchema>;

export const ProposalQuery = z.object({ period: period.optional(), status: z.enum(PROPOSAL_STATUSES).optional() });
export const ProposalGenerate = z.object({ period });
export const ProposalDecision = z.object({
  decision: z.enum(['issue', 'merge', 'dismiss']),
  /** merge: the open case of the same unit */
  caseId: z.number().int().positive().optional(),
  /** dismiss: why (required) */
  reason: z.string().trim().max(1000).optional(),
  /** issue: another kind than proposed, the due date, what the unit must do, who is responsible */
  kind: z.string().trim().max(32).optional(),
  due: DateString.optional(),
  requirement: z.string().trim().max(2000).optional(),
  persons: z.array(text(40)).max(20).optional(),
});

export const CaseCreate = z.object({
  unit: id,
  kind: z.string().trim().min(1).max(32),
  period: period.optional(),
  title: z.string().trim().max(100).optional(),
  reason: text(2000),
  requirement: z.string().trim().max(2000).optional(),
  due: DateString.optional(),
  persons: z.array(text(40)).max(20).optional(),
});

export const InterviewSchema = z.object({
  at: z.iso.datetime({ offset: true }),
  place: text(100),
  interviewers: z.array(text(40)).min(1).max(20),
  interviewees: z.array(text(40)).min(1).max(20),
  minutes: text(10000),
  promises: z.string().trim().max(5000),
  followUps: z.array(z.object({ text: text(500), due: DateString, done: z.boolean() })).max(30),
}).meta({ id: 'InterviewRecord' });

export const CaseFileSchema = z.object({
  id: z.string(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.iso.datetime(),
}).meta({ id: 'CaseFile' });

export const CaseSchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  kind: z.string(),
  kindName: z.string(),
  number: z.string(),
  unit: z.string(),
  unitName: z.string(),
  period: z.string().nullable(),
  title: z.string(),
  reason: z.string(),
  requirement: z.string(),
  persons: z.array(z.string()),
  state: z.enum(CASE_STATES),
  /** the due date (Beijing day) and its last instant */
  due: z.string(),
  dueAt: z.iso.datetime(),
  dueStatus: z.enum(['ok', 'nearing', 'overdue', 'none']),
  source: z.string(),
  sourceRef: z.string().nullable(),
  escalatedFrom: z.number().int().nullable(),
  escalatedTo: z.number().int().nullable(),
  interview: InterviewSchema.nullable(),
  issuedBy: z.string().nullable(),
  issuedAt: z.iso.datetime(),
  signedBy: z.string().nullable(),
  signedAt: z.iso.datetime().nullable(),
  closedBy: z.string().nullable(),
  closedAt: z.iso.datetime().nullable(),
}).meta({ id: 'Case' });
export type CaseDto = z.infer<typeof CaseSchema>;

export const CaseStepSchema = z.object({
  id: z.number().int(),
  action: z.string(),
  actor: z.string().nullable(),
  at: z.iso.datetime(),
  text: z.string().nullable(),
  data: z.unknown(),
  files: z.array(CaseFileSchema),
}).meta({ id: 'CaseStep' });

export const ExtensionSchema = z.object({
  id: z.number().int(),
  reason: z.string(),
  progress: z.string(),
  proposedDue: z.string(),
  previousDue: z.string(),
  status: z.enum(EXTENSION_STATUSES),
  reply: z.string().nullable(),
  requestedBy: z.string().nullable(),
  requestedAt: z.iso.datetime(),
  decidedBy: z.string().nullable(),
  decidedAt: z.iso.datetime().nullable(),
}).meta({ id: 'CaseExtension' });

export const CaseDetailSchema = CaseSchema.extend({
  steps: z.array(CaseStepSchema),
  extensions: z.array(ExtensionSchema),
  /** files attached and not yet part of a report */
  pendingFiles: z.array(CaseFileSchema),
}).meta({ id: 'CaseDetail' });
export type CaseDetailDto = z.infer<typeof CaseDetailSchema>;

export const CaseQuery = z.object({
  period: period.optional(),
  kind: z.string().max(32).optional(),
  state: z.enum([...CASE_STATES, 'open']).optional(),
  unit: id.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});

export const CaseCountSchema = z.object({
  unit: z.string(),
  unitName: z.string(),
  kind: z.string(),
  kindName: z.string(),
  /** 份: documents issued */
  documents: z.number().int(),
  /** 人次: people held responsible (a case naming nobody counts one) */
  persons: z.number().int(),
}).meta({ id: 'CaseCount' });

export const CaseParams = z.object({ id: z.string().min(1).max(64), caseId: z.coerce.number().int().positive().max(2_147_483_647) });
export const ProposalParams = z.object({ id: z.string().min(1).max(64), proposalId: z.coerce.number().int().positive().max(2_147_483_647) });
export const ExtensionParams = CaseParams.extend({ extensionId: z.coerce.number().int().positive().max(2_147_483_647) });
export const CaseFileParams = CaseParams.extend({ fileId: z.string().min(1).max(64) });

export const SignBody = z.object({ note: z.string().trim().max(1000).optional() });
export const ReportBody = z.object({ text: text(10000), measures: z.string().trim().max(5000).default(''), files: z.array(z.string().max(64)).max(5).default([]) });
export const ReviewBody = z.object({ decision: z.enum(['accept', 'return']), reason: z.string().trim().max(1000).optional() });
export const ExtensionCreate = z.object({ reason: text(1000), progress: text(2000), proposedDue: DateString });
export const ExtensionDecision = z.object({ decision: z.enum(['grant', 'refuse']), reply: z.string().trim().max(1000).optional() });
export const EscalateBody = z.object({ reason: text(2000), due: DateString.optional() });
