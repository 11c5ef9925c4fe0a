// Account shapes of the API (issue 18 item 2): the users list as a manager sees it, an account just
// made or reset (with its password, shown once), and the rows of a bulk creation from Excel.
import { z } from 'zod';
import { GrantSchema, RoleSchema, RowErrorSchema, UserSchema } from './common.ts';

export const USERNAME = z.string().trim().min(1).max(64).regex(/^[\p{L}\p{N}_.-]+$/u);
export const PHONE = z.string().trim().max(32).regex(/^[0-9+\- ()]*$/);

export const AccountListItemSchema = UserSchema.extend({
  organizationName: z.string(),
  /** may the caller change this account (an organizer never manages an admin, nor someone holding roles elsewhere) */
  manageable: z.boolean(),
  createdAt: z.string(),
}).meta({ id: 'AccountListItem' });

/** An account as printed on the account sheet (账号分发单): only in the answer that made or reset it. */
export const IssuedAccountSchema = z.object({
  userId: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  /** the initial password: never stored in plain text, never shown again */
  password: z.string(),
  organizationName: z.string(),
  campaignNames: z.array(z.string()),
  unitNames: z.array(z.string()),
  indicatorNames: z.array(z.string()),
  roles: z.array(RoleSchema),
  /** the sign-in address (PUBLIC_URL) with the username filled in */
  loginUrl: z.string(),
  /** the QR code of loginUrl, as SVG */
  qrSvg: z.string(),
}).meta({ id: 'IssuedAccount' });
export type IssuedAccount = z.infer<typeof IssuedAccountSchema>;

export const UserIdParams = z.object({ userId: z.coerce.number().int().positive().max(2147483647) });

export const NewUserBody = z.object({
  /** none: made from the pinyin of displayName (a number added when taken) */
  username: USERNAME.optional(),
  /** none: a strong random one, returned once as `account.password` */
  password: z.string().min(8).max(256).optional(),
  displayName: z.string().trim().min(1).max(100),
  phone: PHONE.nullable().optional(),
  /** the organization the user belongs to (default: the root) */
  organizationId: z.number().int().positive().max(2147483647).optional(),
  /** one role placed as before grants existed (on the organization; reporters and scorers on their assignments) */
  role: RoleSchema.optional(),
  assignments: z.array(z.object({ campaignId: z.string(), unitId: z.string().optional(), indicatorId: z.string().optional() })).max(1000).optional(),
  /** further roles, each on an organization or a campaign */
  grants: z.array(GrantSchema).max(1000).optional(),
});

export const UserPatchBody = z.object({
  displayName: z.string().trim().min(1).max(100).optional(),
  phone: PHONE.nullable().optional(),
  organizationId: z.number().int().positive().max(2147483647).optional(),
  /** every role the user is to hold (replaces those held) */
  grants: z.array(GrantSchema).min(1).max(1000).optional(),
  disabled: z.boolean().optional(),
});

export const BULK_ROLES = ['reporter', 'scorer', 'leader', 'organizer'] as const;

/** One row of a bulk creation, as previewed (names resolved to ids) and as sent to confirm it. */
export const BulkRowSchema = z.object({
  /** the row of the sheet (for errors) */
  row: z.number().int().min(1).max(100000),
  displayName: z.string().trim().min(1).max(100),
  username: USERNAME,
  phone: PHONE.nullable().optional(),
  role: z.enum(BULK_ROLES),
  unitIds: z.array(z.string().max(64)).max(200),
  indicatorIds: z.array(z.string().max(64)).max(200),
}).meta({ id: 'BulkAccountRow' });
export type BulkRow = z.infer<typeof BulkRowSchema>;

/** A previewed row: as read (a wrong row keeps what it had, e.g. an empty name), names resolved to ids. */
export const BulkPreviewRowSchema = z.object({
  row: z.number().int(),
  displayName: z.string(),
  username: z.string(),
  phone: z.string().nullable(),
  role: z.enum(BULK_ROLES),
  unitIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  /** the username was made from the name's pinyin (the sheet left 账号 empty) */
  generated: z.boolean(),
  unitNames: z.array(z.string()),
  indicatorNames: z.array(z.string()),
});

export { RowErrorSchema };
export type RowError = z.infer<typeof RowErrorSchema>;

export const BulkPreviewSchema = z.object({
  rows: z.array(BulkPreviewRowSchema),
  errors: z.array(RowErrorSchema),
});

export const BulkConfirmBody = z.object({ rows: z.array(BulkRowSchema).min(1).max(500) });

export const AccountSheetBody = z.object({
  accounts: z.array(IssuedAccountSchema.omit({ qrSvg: true, userId: true }).extend({ userId: z.number().int().optional() })).min(1).max(500),
});
