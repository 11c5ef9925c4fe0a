// Review meetings' shapes in the API (routes/meetings.ts); the service's types are inferred from them.
import { z } from 'zod';
import { MEETING_KINDS, MEETING_STATES } from '../db/schema.ts';
import { DateString } from './cases.ts';

const unitId = z.string().trim().min(1).max(64);
const period = z.string().trim().min(1).max(16);
const line = (max: number) => z.string().trim().min(1).max(max);

export const LaggardSchema = z.object({ unit: z.string(), unitName: z.string(), reasons: z.array(z.string()) }).meta({ id: 'MeetingLaggard' });
export const CalledUnitSchema = z.object({
  unit: z.string(), unitName: z.string(), reasons: z.array(z.string()), statement: z.string().nullable(), commitments: z.array(z.string()),
  statedBy: z.string().nullable(), statedAt: z.iso.datetime().nullable(),
  commitment: z.number().int().nullable().describe('the draft commitment made from this statement (POST …/units/:unitId/commitment), if any'),
}).meta({ id: 'MeetingUnit' });
export const FollowUpSchema = z.object({
  id: z.number().int(), unit: z.string(), unitName: z.string(), text: z.string(), due: z.string(), done: z.boolean(), doneAt: z.iso.datetime().nullable(),
  caseId: z.number().int().nullable(), caseNumber: z.string().nullable(), createdAt: z.iso.datetime(),
}).meta({ id: 'MeetingFollowUp' });
export const MeetingSchema = z.object({
  id: z.number().int(), kind: z.enum(MEETING_KINDS), kindName: z.string(), period: z.string(), periodLabel: z.string(), title: z.string(), heldOn: z.string(),
  place: z.string(), agenda: z.array(z.string()), state: z.enum(MEETING_STATES), createdBy: z.string().nullable(), createdAt: z.iso.datetime(),
  complete: z.boolean().describe('false when the reader sees only part of the called units (a reporter: its own)'),
  units: z.array(CalledUnitSchema), followUps: z.array(FollowUpSchema),
}).meta({ id: 'Meeting' });
export const One = z.object({ meeting: MeetingSchema });

export const MeetingCreate = z.object({
  kind: z.enum(MEETING_KINDS), period, title: z.string().trim().max(100).optional(), heldOn: DateString, place: line(100),
  agenda: z.array(line(500)).max(30),
  units: z.array(unitId).max(500).optional().describe('the units called, in order; default: the period\'s laggards'),
});
export const MeetingPatch = z.object({ title: line(100).optional(), heldOn: DateString.optional(), place: line(100).optional(), agenda: z.array(line(500)).max(30).optional() });
export const Statement = z.object({ statement: line(10000), commitments: z.array(line(1000)).max(30) });
export const FollowUpCreate = z.object({ unit: unitId, text: line(1000), due: DateString, caseKind: z.string().trim().min(1).max(32).optional().describe('open a case of this kind for it at once') });

export type Laggard = z.infer<typeof LaggardSchema>;
export type CalledUnitDto = z.infer<typeof CalledUnitSchema>;
export type FollowUpDto = z.infer<typeof FollowUpSchema>;
export type MeetingDto = z.infer<typeof MeetingSchema>;
export type MeetingInput = z.infer<typeof MeetingCreate>;
export type MeetingPatchInput = z.infer<typeof MeetingPatch>;
export type StatementInput = z.infer<typeof Statement>;
export type FollowUpInput = z.infer<typeof FollowUpCreate>;
