// Shapes shared by many routes. Types used in the code are inferred from these schemas.
import { z } from 'zod';
import { ROLES } from '../db/schema.ts';
import { FigureConflictSchema, FigureSchema } from './figures.ts';

export const IssueSchema = z.object({
  kind: z.enum(['spec', 'data']),
  code: z.string(),
  path: z.string().optional(),
  line: z.number().int().optional(),
  row: z.number().int().optional(),
  text: z.string().optional(),
  /** data issues about one figure: its unit, indicator and period ids */
  unit: z.string().optional(),
  indicator: z.string().optional(),
  period: z.string().optional(),
  message: z.string(),
  messageZh: z.string(),
  /** a figure's issue: the message without where it is (for the figure's own cell) */
  detail: z.string().optional(),
  detailZh: z.string().optional(),
}).meta({ id: 'Issue' });

/** What is wrong in one cell of an uploaded sheet (or one row when no column applies). */
export const RowErrorSchema = z.object({
  row: z.number().int(),
  /** the column's heading (e.g. 姓名, 账号, 单位) */
  column: z.string(),
  message: z.string(),
}).meta({ id: 'RowError' });

export const ErrorSchema = z.object({
  error: z.object({
    code: z.enum(['unauthenticated', 'forbidden', 'not_found', 'validation_failed', 'spec_invalid', 'data_invalid', 'explanation_required', 'conflict', 'period_locked', 'period_not_open', 'bulletin_published', 'locked_out', 'password_change_required', 'quota_exceeded', 'unavailable', 'internal']),
    message: z.string(),
    issues: z.array(IssueSchema).optional(),
    /** 409 on a figure write: the figure as stored now (null: it no longer exists) */
    current: FigureSchema.nullable().optional(),
    /** 409 on a figure write: every figure whose version did not match */
    conflicts: z.array(FigureConflictSchema).optional(),
    /** 401 on a failed sign-in: tries left before this address is paused for the account */
    remaining: z.number().int().optional(),
    /** 422 on a bulk creation: every wrong cell; nothing was created */
    errors: z.array(RowErrorSchema).optional(),
    /** 429: seconds until the next try is allowed */
    retryAfter: z.number().int().optional(),
  }),
}).meta({ id: 'Error' });
export type ErrorBody = z.infer<typeof ErrorSchema>;

/** Error responses every route may give; documented once, validated like any response. */
export const errorResponses = { '4xx': ErrorSchema, '5xx': ErrorSchema } as const;

export const RoleSchema = z.enum(ROLES);

export const AssignmentSchema = z.object({
  campaignId: z.string(),
  unitId: z.string().optional(),
  indicatorId: z.string().optional(),
});
export type AssignmentDto = z.infer<typeof AssignmentSchema>;

/** A role on an organization (and, for reading, those below it) or on one campaign (policy.ts). */
export const GrantSchema = z.object({
  role: RoleSchema,
  organizationId: z.number().int().optional(),
  campaignId: z.string().optional(),
  unitId: z.string().optional(),
  indicatorId: z.string().optional(),
}).meta({ id: 'Grant' });
export type GrantDto = z.infer<typeof GrantSchema>;

export const UserSchema = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** the organization the user belongs to */
  organizationId: z.number().int(),
  /** the strongest of the user's roles (admin > organizer > leader > scorer > reporter), for display */
  role: RoleSchema,
  /** every role the user holds, where */
  grants: z.array(GrantSchema),
  /** the campaign grants (units reported, indicators scored), as before grants existed */
  assignments: z.array(AssignmentSchema),
  /** signed in with a password someone else set: only changing it (POST /auth/password) is allowed */
  mustChangePassword: z.boolean(),
  /** a contact number, when given */
  phone: z.string().nullable(),
  /** a disabled account cannot sign in */
  disabled: z.boolean(),
}).meta({ id: 'User' });
export type UserDto = z.infer<typeof UserSchema>;

export const CampaignIdParams = z.object({ id: z.string().min(1).max(64) });

/** A serial id in a path or query: PostgreSQL's integer, so 2147483648 is a 400, not a 500. */
export const SerialId = z.coerce.number().int().positive().max(2_147_483_647);
