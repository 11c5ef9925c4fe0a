// The whole storage model. Campaign structure (groups, units, pairs, indicators) is a projection of
// the current spec version, refreshed whenever a version is saved; the spec text itself is the
// source of truth and every version is kept. Scores are never computed here: period_results holds
// the engine's output so that reading a leaderboard is a single row fetch.
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn, bigint, boolean, check, customType, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ROLES = ['admin', 'organizer', 'scorer', 'reporter', 'leader'] as const;
export type Role = (typeof ROLES)[number];
export const CAMPAIGN_STATUSES = ['active', 'archived'] as const;
export const CADENCES = ['month', 'quarter', 'half', 'year'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const FIGURE_STATUSES = ['pending', 'approved', 'returned'] as const;
export type FigureStatus = (typeof FIGURE_STATUSES)[number];
/** unopened (未开启) → open (填报中) → verification (已截止, 审核中) → closed (已关闭) */
export const PERIOD_STATES = ['unopened', 'open', 'verification', 'closed'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const ORGANIZATION_KINDS = ['county', 'town', 'village', 'department'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * Organizations as a tree: 县委组织部 (the root) → 乡镇党委 → 村/社区, and 县直部门. An organizer of an
 * organization manages its campaigns and reads those of the organizations below it (policy.ts).
 */
export const organizations = pgTable(
  'organizations',
  {
    id: serial('id').primaryKey(),
    /** null: the root (the installation's own organization) */
    parentId: integer('parent_id').references((): AnyPgColumn => organizations.id),
    name: text('name').notNull(),
    /** county (组织部), town (乡镇党委), village (村/社区), department (县直部门) */
    kind: text('kind', { enum: ORGANIZATION_KINDS }).notNull().default('county'),
    createdAt: createdAt(),
  },
  (t) => [
    index('organizations_parent_idx').on(t.parentId),
    check('organizations_kind_check', sql`${t.kind} in ('county', 'town', 'village', 'department')`),
  ],
);

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash').notNull(),
    /** the password was set by someone else (created, reset, printed at first start): the user
     * must choose a new one before doing anything else */
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    /** a contact number (optional; shown to those who manage the account) */
    phone: text('phone'),
    /** a disabled account cannot sign in; its sessions end when it is disabled */
    disabled: boolean('disabled').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_username_key').on(t.username)],
);

export const campaigns = pgTable(
  'campaigns',
  {
    /** the spec's campaign.id */
    id: text('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    year: integer('year').notNull(),
    cadence: text('cadence', { enum: CADENCES }).notNull(),
    organizer: text('organizer'),
    status: text('status', { enum: CAMPAIGN_STATUSES }).notNull().default('active'),
    currentVersion: integer('current_version').notNull(),
    /**
     * +1 by a trigger on every statement that changes the campaign's figures (values, verification
     * states, deletions): a process's cache of the figures (services/figure-store.ts) is current
     * while its version is this one.
     */
    dataVersion: bigint('data_version', { mode: 'number' }).notNull().default(0),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('campaigns_status_check', sql`${t.status} in ('active', 'archived')`),
    check('campaigns_cadence_check', sql`${t.cadence} in ('month', 'quarter', 'half', 'year')`),
  ],
);

export const campaignVersions = pgTable(
  'campaign_versions',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    specText: text('spec_text').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.version] })],
);

/**
 * What a user may do where: a role on an organization (organizer, leader; admin on the root) or on
 * one campaign (a reporter's unit, a scorer's indicator, or any role for that campaign only). A
 * user holds any number of them: a town's organizer is also the town's reporter in the county's
 * campaign. policy.ts reads them.
 */
export const roleGrants = pgTable(
  'role_grants',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ROLES }).notNull(),
    organizationId: integer('organization_id').references(() => organizations.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    /** reporters: the unit they report for */
    unitId: text('unit_id'),
    /** scorers: the score-input indicator they score */
    indicatorId: text('indicator_id'),
  },
  (t) => [
    index('role_grants_user_idx').on(t.userId),
    index('role_grants_campaign_idx').on(t.campaignId),
    check('role_grants_role_check', sql`${t.role} in ('admin', 'organizer', 'scorer', 'reporter', 'leader')`),
    // on an organization or on a campaign, never both, never neither
    check('role_grants_scope_check', sql`(${t.organizationId} is null) <> (${t.campaignId} is null)`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: serial('id').primaryKey(),
    /** sha256 (hex) of the random cookie token: a leaked table does not leak usable sessions */
    tokenHash: text('token_hash').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [uniqueIndex('sessions_token_hash_key').on(t.tokenHash)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: serial('id').primaryKey(),
    username: text('username').notNull(),
    ip: text('ip').notNull(),
    success: boolean('success').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [index('login_attempts_username_at_idx').on(t.username, t.at), index('login_attempts_ip_at_idx').on(t.ip, t.at)],
);

export const campaignGroups = pgTable(
  'campaign_groups',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.id] })],
);

export const units = pgTable(
  'units',
  {
    campaignId: text('campaign_id').notNull(),
    id: text('id').notNull(),
    name: text('name').notNull(),
    groupId: text('group_id').notNull(),
    position: integer('position').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.id] }),
    foreignKey({ columns: [t.campaignId, t.groupId], foreignColumns: [campaignGroups.campaignId, campaignGroups.id] }).onDelete('cascade'),
  ],
);

export const pairs = pgTable(
  'pairs',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    unitIds: text('unit_ids').array().notNull(),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.id] })],
);

export const indicators = pgTable(
  'indicators',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    name: text('name').notNull(),
    input: text('input', { enum: ['value', 'score', 'event'] }).notNull(),
    method: text('method'),
    weight: numeric('weight'),
    category: text('category'),
    measure: text('measure'),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.id] })],
);

export const figures = pgTable(
  'figures',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    indicatorId: text('indicator_id').notNull(),
    period: text('period').notNull(),
    /** the figure exactly as written: the engine reads this text, never a float */
    value: text('value').notNull(),
    /** the same figure as an exact numeric, for SQL reporting */
    valueNum: numeric('value_num').notNull(),
    enteredBy: integer('entered_by').references(() => users.id),
    enteredAt: timestamp('entered_at', { withTimezone: true }).notNull(),
    /** 1 on creation, +1 on every change: a writer names the version it edited (conflict detection) */
    version: integer('version').notNull().default(1),
    /** entered after the period's reporting deadline */
    late: boolean('late').notNull().default(false),
    /** verification by the indicator's responsible section */
    status: text('status', { enum: FIGURE_STATUSES }).notNull().default('pending'),
    reviewReason: text('review_reason'),
    reviewedBy: integer('reviewed_by').references(() => users.id),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    /** the reporter's note for a figure behind schedule or jumping against the last period (required then) */
    explanation: text('explanation'),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId, t.indicatorId, t.period] }),
    index('figures_campaign_period_idx').on(t.campaignId, t.period),
    check('figures_status_check', sql`${t.status} in ('pending', 'approved', 'returned')`),
  ],
);

/** A unit's standing in a stored period, as its history lists it. */
export interface UnitStanding {
  total: number;
  rank: { all: number; group: number; pairs: Record<string, number> };
  delta: number | null;
  flags: string[];
  vetoed: boolean;
}

/**
 * Stored period results, as bytes ready to send (services/recompute.ts writes them after every
 * change of figures, their verification, a period's state or the spec; routes/results.ts sends
 * them as they are, with `etag`). Explanations are not stored: they are computed when someone
 * looks (the results explain request).
 */
export const periodResults = pgTable(
  'period_results',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    /** the campaign version the result was computed with */
    version: integer('version').notNull(),
    /** the JSON text of the results response (period, periods, state, unverified, result: engine.evaluateAll without explanations) */
    body: text('body').notNull(),
    /** the same for a reporter: other units' scores and ranks, no figures, nothing pending (docs/api-plan.md) */
    publicBody: text('public_body').notNull(),
    /** strong validator of body and publicBody (a hash of both) */
    etag: text('etag').notNull(),
    /** unit id → its standing (the unit history reads one unit's without parsing the body) */
    standings: jsonb('standings').$type<Record<string, UnitStanding>>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.period] })],
);

/**
 * The figures' data version (campaigns.data_version) the stored results of a campaign were computed
 * from: the results are behind while it is lower than the campaign's. Only moves forward (a
 * recompute of an older version never overwrites a newer one).
 */
export const campaignResults = pgTable('campaign_results', {
  campaignId: text('campaign_id').primaryKey().references(() => campaigns.id, { onDelete: 'cascade' }),
  dataVersion: bigint('data_version', { mode: 'number' }).notNull(),
});

/**
 * Periods whose stored results a committed figure write left behind (the write commits without
 * recomputing; services/recompute.ts catches up): the data version the write produced and the
 * period it wrote. A recompute that stores results of data version v deletes the rows up to v.
 */
export const resultsPending = pgTable(
  'results_pending',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    dataVersion: bigint('data_version', { mode: 'number' }).notNull(),
    period: text('period').notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.dataVersion, t.period] })],
);

/**
 * Reporting periods of a campaign: a period without a row is not yet open (未开启), without a deadline.
 * unopened → (the organizer opens it) open → (deadline passes: later figures are marked late) →
 * verification → closed (locked). Figures are taken only for an open (or verifying) period.
 */
export const campaignPeriods = pgTable(
  'campaign_periods',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    state: text('state', { enum: PERIOD_STATES }).notNull().default('open'),
    deadline: timestamp('deadline', { withTimezone: true }),
    updatedBy: integer('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.period] }),
    check('campaign_periods_state_check', sql`${t.state} in ('unopened', 'open', 'verification', 'closed')`),
  ],
);

export type InboxKind = 'reminder' | 'returned' | 'case';
/** What a generated inbox message names: ids, rendered with the current spec's names at read time. */
export type InboxParams =
  | { indicators: string[] }
  | { indicator: string; value: string; reason: string }
  | { case: number; number: string; kindName: string; event: 'issued' | 'nearing' | 'returned' | 'extension_granted' | 'extension_refused'; due: string; reason?: string }
  /** the period was opened (开启) for reporting, with its deadline */
  | { opened: true; deadline: string | null }
  /** a reporter's ledger entry [实绩台账] returned by the section, with the reason (kind 'returned') */
  | { ledger: number; date: string; what: string; reason: string };
export const isOpeningNotice = (p: InboxParams | null | undefined): p is { opened: true; deadline: string | null } => !!p && 'opened' in p;

/** Reminders (催报) sent by organizers to a unit, and figures returned to it; they appear in the unit's inbox. */
export const reminders = pgTable(
  'reminders',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    unitId: text('unit_id').notNull(),
    /** 'reminder' (催报) or 'returned' (a figure returned by verification) */
    kind: text('kind').$type<InboxKind>().notNull().default('reminder'),
    /** the stored text: the organizer's own message, or the Chinese rendering of `params` */
    message: text('message').notNull(),
    /** for a generated message: what it names (rendered in the reader's language at read time); null = `message` as written */
    params: jsonb('params').$type<InboxParams>(),
    sentBy: integer('sent_by').references(() => users.id),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    index('reminders_campaign_unit_idx').on(t.campaignId, t.unitId),
    check('reminders_kind_check', sql`${t.kind} in ('reminder', 'returned', 'case')`),
  ],
);

/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE) and tamper-evident:
 * every entry carries the hash of the one before, and its own hash is sha256 over the previous
 * hash and a canonical JSON of the entry (services/audit.ts). `seq` has no gaps. No foreign keys:
 * entries outlive the campaigns and users they name.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    actorId: integer('actor_id'),
    actor: text('actor'),
    action: text('action').notNull(),
    campaignId: text('campaign_id'),
    subject: text('subject'),
    before: jsonb('before'),
    after: jsonb('after'),
    reason: text('reason'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [
    index('audit_log_campaign_idx').on(t.campaignId, t.seq),
    index('audit_log_action_idx').on(t.action, t.seq),
    index('audit_log_at_idx').on(t.at),
  ],
);

/**
 * The audit chain's head: the seq and hash of its last entry, in one row (id 1). An append locks
 * and reads it in one statement (SELECT … FOR UPDATE returns the row as the append before it left
 * it, even when it waited for that append to commit), chains its entries from it and moves it on,
 * in the transaction of the change it records: appends of every process take turns, and the chain
 * never forks. Filled from audit_log's last entry by its migration.
 */
export const auditHead = pgTable(
  'audit_head',
  {
    id: integer('id').primaryKey().default(1),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
  },
  (t) => [check('audit_head_one_row', sql`${t.id} = 1`)],
);

export const REQUEST_KINDS = ['correction', 'appeal'] as const;
export const REQUEST_STATUSES = ['pending', 'accepted', 'rejected'] as const;

/**
 * Corrections (a figure of a closed period changes only through one, approved by an organizer)
 * and appeals (申诉: a unit contests a published score; accepted with a correction or rejected with
 * a reply). The earlier values stay visible here and in the audit log.
 */
export const changeRequests = pgTable(
  'change_requests',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: REQUEST_KINDS }).notNull(),
    unitId: text('unit_id').notNull(),
    period: text('period').notNull(),
    /** corrections: the figure's indicator; appeals: optional */
    indicatorId: text('indicator_id'),
    /** the value asked for (correction) or applied on acceptance */
    value: text('value'),
    /** the figure's value when the request was made / decided */
    previousValue: text('previous_value'),
    reason: text('reason').notNull(),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('pending'),
    reply: text('reply'),
    requestedBy: integer('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('change_requests_campaign_idx').on(t.campaignId, t.status),
    check('change_requests_kind_check', sql`${t.kind} in ('correction', 'appeal')`),
    check('change_requests_status_check', sql`${t.status} in ('pending', 'accepted', 'rejected')`),
  ],
);

const bytea = customType<{ data: Uint8Array; driverData: Buffer }>({
  dataType: () => 'bytea',
  toDriver: (v) => Buffer.from(v),
  fromDriver: (v) => new Uint8Array(v),
});

export const UPLOAD_STATUSES = ['pending', 'confirmed'] as const;
export type UploadStatus = (typeof UPLOAD_STATUSES)[number];

/**
 * Excel/CSV uploads waiting for confirmation: the file as uploaded (for the error workbook), the
 * rows read from it with their preview status and every problem found. Nothing of an upload is a
 * figure until its uploader confirms it (services/uploads.ts); kept in the database so that any
 * server process can confirm it, and removed a day after it was made.
 */
export const uploads = pgTable(
  'uploads',
  {
    /** random, unguessable (uuid) */
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    /** grid: the period template (units × indicators); long: unit,indicator,period,value rows */
    format: text('format', { enum: ['grid', 'long'] }).notNull(),
    file: bytea('file').notNull(),
    /** the preview rows (services/uploads.ts UploadRow) */
    rows: jsonb('rows').notNull(),
    /** every problem, each naming its spreadsheet row (and column of the grid) */
    issues: jsonb('issues').notNull(),
    status: text('status', { enum: UPLOAD_STATUSES }).notNull().default('pending'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  },
  (t) => [
    index('uploads_created_idx').on(t.createdAt),
    check('uploads_status_check', sql`${t.status} in ('pending', 'confirmed')`),
    check('uploads_format_check', sql`${t.format} in ('grid', 'long')`),
  ],
);

/**
 * Evidence files attached to a figure (佐证材料). Kept in the database, not on disk: any server
 * process can serve them, a backup of the database is a backup of the evidence, and a failed
 * upload leaves nothing behind. Served only as attachments (never rendered inline from our origin).
 */
export const figureEvidence = pgTable(
  'figure_evidence',
  {
    /** random, unguessable (uuid) */
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    indicatorId: text('indicator_id').notNull(),
    period: text('period').notNull(),
    filename: text('filename').notNull(),
    /** the type found by reading the file's first bytes, not the one the browser claimed */
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('figure_evidence_figure_idx').on(t.campaignId, t.unitId, t.indicatorId, t.period)],
);

export const BULLETIN_STATUSES = ['draft', 'published'] as const;
export type BulletinStatus = (typeof BULLETIN_STATUSES)[number];

/**
 * Bulletins (通报) of a period, one row per version. A draft is edited until it is published; a
 * published row is frozen (a trigger refuses UPDATE and DELETE of it): its content, the sha256 of
 * that content and the Word and Excel files rendered at publication stay byte-identical for ever.
 * A correction is a new version of the same period with a change note; the current bulletin of a
 * period is its highest published version. Public pages read only published rows.
 */
export const bulletins = pgTable(
  'bulletins',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'restrict' }),
    period: text('period').notNull(),
    /** 1, 2, … per campaign and period */
    version: integer('version').notNull(),
    status: text('status', { enum: BULLETIN_STATUSES }).notNull().default('draft'),
    /** document number, e.g. 青组通〔2026〕3号 */
    number: text('number').notNull(),
    title: text('title').notNull(),
    /** what changed since the previous version (required from version 2 on) */
    changeNote: text('change_note'),
    /** schemas/bulletins.ts BulletinContent: everything the bulletin shows, names included */
    content: jsonb('content').notNull(),
    /** the canonical JSON text of `content` as published, and its sha256 (hex) */
    contentJson: text('content_json'),
    contentHash: text('content_hash'),
    docx: bytea('docx'),
    xlsx: bytea('xlsx'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    publishedBy: integer('published_by').references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bulletins_campaign_period_version_key').on(t.campaignId, t.period, t.version),
    index('bulletins_campaign_published_idx').on(t.campaignId, t.publishedAt),
    check('bulletins_status_check', sql`${t.status} in ('draft', 'published')`),
  ],
);

/**
 * Tokens of the lobby big screen (大屏): the kiosk URL carries the token, the table only its
 * sha256. Revoking sets revoked_at; a revoked token opens nothing.
 */
export const kioskTokens = pgTable(
  'kiosk_tokens',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    label: text('label').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('kiosk_tokens_token_hash_key').on(t.tokenHash)],
);

export const ROLLUP_MEASURES = ['mean_total', 'flag_share', 'indicator_mean', 'indicator_sum', 'unit_summary', 'unit_mean_total'] as const;
export type RollupMeasure = (typeof ROLLUP_MEASURES)[number];

/**
 * Roll-up links [上下联动] (services/rollups.ts): a cell of a higher campaign (unit × indicator) fed
 * from a lower campaign by a measure — the mean total of its units, the share of its units holding a
 * flag, the mean or sum of one of its indicators. With no unit, every unit is fed from the same unit
 * of the source (an overall assessment's [综合考核] measures: a unit's summary, its mean total). The
 * spec format is the shared contract and does not carry these: they are the server's.
 */
export const rollupLinks = pgTable(
  'rollup_links',
  {
    id: serial('id').primaryKey(),
    /** the higher campaign */
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** the unit fed; null: every unit, each from the same unit of the source */
    unitId: text('unit_id'),
    indicatorId: text('indicator_id').notNull(),
    sourceCampaignId: text('source_campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    measure: text('measure', { enum: ROLLUP_MEASURES }).notNull(),
    /** flag_share: the flag counted */
    flagId: text('flag_id'),
    /** indicator_mean / indicator_sum: the source's indicator */
    sourceIndicatorId: text('source_indicator_id'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('rollup_links_campaign_idx').on(t.campaignId),
    index('rollup_links_source_idx').on(t.sourceCampaignId),
    check('rollup_links_measure_check', sql`${t.measure} in ('mean_total', 'flag_share', 'indicator_mean', 'indicator_sum', 'unit_summary', 'unit_mean_total')`),
  ],
);

/** What each link carried into the higher campaign, per unit and period, and from which closed period. */
export const rollupValues = pgTable(
  'rollup_values',
  {
    linkId: integer('link_id').notNull().references(() => rollupLinks.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    /** the higher campaign's period */
    period: text('period').notNull(),
    /** the lower campaign's closed period the value was measured on */
    sourcePeriod: text('source_period').notNull(),
    value: text('value').notNull(),
    /** written: entered as the figure; correction: waits as a correction request (the higher period was closed) */
    outcome: text('outcome', { enum: ['written', 'correction'] }).notNull(),
    requestId: integer('request_id'),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.linkId, t.unitId, t.period] }),
    check('rollup_values_outcome_check', sql`${t.outcome} in ('written', 'correction')`),
  ],
);

// ——— Public commitments [公开承诺], leaders' visit logs, key-project ledgers (issue 16) ———

export const COMMITMENT_STATUSES = ['draft', 'submitted', 'public', 'reported', 'evaluated'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
/** 'none': an item that aims at no 第一 and no figure (a 表态 made at a review meeting, say) */
export const COMMITMENT_BENCHMARKS = ['national', 'province', 'city', 'county', 'indicator', 'none'] as const;
export type CommitmentBenchmark = (typeof COMMITMENT_BENCHMARKS)[number];
export const COMMITMENT_VERDICTS = ['fulfilled', 'partly', 'not'] as const;
export type CommitmentVerdict = (typeof COMMITMENT_VERDICTS)[number];

/**
 * A commitment (承诺) of a unit or of a leader (a user with a post) in a campaign:
 * draft (the committer edits it) → submitted → public (approved by an organizer; shown on the public
 * pages) → reported (述诺, the year-end report) → evaluated (评诺, a verdict per item). services/commitments.ts.
 */
export const commitments = pgTable(
  'commitments',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** a unit's commitment: the unit; null for a leader's */
    unitId: text('unit_id'),
    /** a leader's commitment: the leader; null for a unit's */
    leaderId: integer('leader_id').references(() => users.id),
    /** the leader's post (县委常委、副县长), or the unit's signatory */
    post: text('post'),
    title: text('title').notNull(),
    status: text('status', { enum: COMMITMENT_STATUSES }).notNull().default('draft'),
    /** why an organizer sent it back to draft */
    returnReason: text('return_reason'),
    /** 述诺: the year-end report */
    report: text('report'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    approvedBy: integer('approved_by').references(() => users.id),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    evaluatedBy: integer('evaluated_by').references(() => users.id),
    evaluatedAt: timestamp('evaluated_at', { withTimezone: true }),
    /** the penalty written through the figure path at evaluation: {indicator, period, count} */
    penalty: jsonb('penalty').$type<{ indicator: string; period: string; count: number } | null>(),
    /** the accountability case opened because items were not kept (one at most: reopening answers with it) */
    caseId: integer('case_id').references((): AnyPgColumn => cases.id, { onDelete: 'set null' }),
    /** the ballot rating it (党员评、群众评、组织评 with weights; services/ballots.ts), its satisfaction from the aggregate */
    ratingBallotId: integer('rating_ballot_id').references((): AnyPgColumn => ballots.id, { onDelete: 'set null' }),
    /** made at a review meeting (表态): the meeting; one commitment per meeting and unit */
    meetingId: integer('meeting_id').references((): AnyPgColumn => reviewMeetings.id, { onDelete: 'set null' }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('commitments_campaign_idx').on(t.campaignId, t.status),
    uniqueIndex('commitments_meeting_unit_key').on(t.meetingId, t.unitId),
    check('commitments_status_check', sql`${t.status} in ('draft', 'submitted', 'public', 'reported', 'evaluated')`),
    check('commitments_owner_check', sql`(${t.unitId} is null) <> (${t.leaderId} is null)`),
  ],
);

export const commitmentItems = pgTable(
  'commitment_items',
  {
    id: serial('id').primaryKey(),
    commitmentId: integer('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    /** 全国/全省/全市/全县第一, or a figure of one of the campaign's indicators */
    benchmark: text('benchmark', { enum: COMMITMENT_BENCHMARKS }).notNull(),
    indicatorId: text('indicator_id'),
    /** the figure aimed at (benchmark 'indicator') */
    target: text('target'),
    /** YYYY-MM-DD */
    due: text('due'),
    verdict: text('verdict', { enum: COMMITMENT_VERDICTS }),
    verdictReason: text('verdict_reason'),
  },
  (t) => [
    index('commitment_items_commitment_idx').on(t.commitmentId),
    check('commitment_items_benchmark_check', sql`${t.benchmark} in ('national', 'province', 'city', 'county', 'indicator', 'none')`),
    check('commitment_items_verdict_check', sql`${t.verdict} is null or ${t.verdict} in ('fulfilled', 'partly', 'not')`),
  ],
);

/** 示诺/践诺: progress published each quarter, with evidence files (ledger_files). */
export const commitmentUpdates = pgTable(
  'commitment_updates',
  {
    id: serial('id').primaryKey(),
    commitmentId: integer('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    /** YYYY-Qn */
    quarter: text('quarter').notNull(),
    text: text('text').notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('commitment_updates_commitment_idx').on(t.commitmentId)],
);

export const REMARK_STATES = ['new', 'published', 'hidden'] as const;
export type RemarkState = (typeof REMARK_STATES)[number];

/** Remarks from the public on a commitment's public page: stored for the organizer, shown only once moderated (published). */
export const commitmentRemarks = pgTable(
  'commitment_remarks',
  {
    id: serial('id').primaryKey(),
    commitmentId: integer('commitment_id').notNull().references(() => commitments.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    /** sha256 of the sender's address (rate limits), never the address itself */
    senderHash: text('sender_hash').notNull(),
    state: text('state', { enum: REMARK_STATES }).notNull().default('new'),
    answer: text('answer'),
    moderatedBy: integer('moderated_by').references(() => users.id),
    moderatedAt: timestamp('moderated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('commitment_remarks_commitment_idx').on(t.commitmentId, t.createdAt),
    index('commitment_remarks_sender_idx').on(t.senderHash, t.createdAt),
    check('commitment_remarks_state_check', sql`${t.state} in ('new', 'published', 'hidden')`),
  ],
);

/**
 * Files of the ledgers: a commitment's signed scan (承诺书扫描件), its progress updates' and its
 * report's evidence, a project's progress evidence. Kept in the database like figure evidence.
 */
export const ledgerFiles = pgTable(
  'ledger_files',
  {
    id: text('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** scan | report | update (of a commitment), progress (of a project) */
    kind: text('kind', { enum: ['scan', 'report', 'update', 'progress'] }).notNull(),
    commitmentId: integer('commitment_id').references(() => commitments.id, { onDelete: 'cascade' }),
    updateId: integer('update_id'),
    projectId: integer('project_id'),
    progressId: integer('progress_id'),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('ledger_files_commitment_idx').on(t.commitmentId),
    index('ledger_files_project_idx').on(t.projectId),
    check('ledger_files_kind_check', sql`${t.kind} in ('scan', 'report', 'update', 'progress')`),
  ],
);

/** 走访/过堂: a leader's visit to a unit or a project they lead. */
export const leaderVisits = pgTable(
  'leader_visits',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    leaderId: integer('leader_id').notNull().references(() => users.id),
    /** visit (走访) or hearing (过堂) */
    kind: text('kind', { enum: ['visit', 'hearing'] }).notNull().default('visit'),
    /** YYYY-MM-DD */
    date: text('date').notNull(),
    unitId: text('unit_id'),
    projectId: integer('project_id'),
    findings: text('findings').notNull(),
    followUps: text('follow_ups'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('leader_visits_campaign_idx').on(t.campaignId, t.leaderId),
    check('leader_visits_kind_check', sql`${t.kind} in ('visit', 'hearing')`),
  ],
);

/** Key projects (重点项目台账, 四个一: a project, a team, a timetable). */
export const projects = pgTable(
  'projects',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    ownerUnitId: text('owner_unit_id').notNull(),
    /** the leader in charge (领办) */
    leaderId: integer('leader_id').references(() => users.id),
    /** the task force (专班): names, as written */
    team: text('team'),
    /** planned investment (万元), exact text */
    plannedInvestment: text('planned_investment'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('projects_campaign_idx').on(t.campaignId)],
);

export const projectMilestones = pgTable(
  'project_milestones',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** YYYY-MM-DD */
    due: text('due').notNull(),
    /** YYYY-MM-DD when it was done; null: not yet */
    doneOn: text('done_on'),
    /** the accountability case opened because it was overdue (one at most) */
    caseId: integer('case_id').references((): AnyPgColumn => cases.id, { onDelete: 'set null' }),
  },
  (t) => [index('project_milestones_project_idx').on(t.projectId)],
);

/** Monthly progress of a project, with evidence (ledger_files kind progress). */
export const projectProgress = pgTable(
  'project_progress',
  {
    id: serial('id').primaryKey(),
    projectId: integer('project_id').notNull().references(() => projects.id, { onDelete: 'cascade' }),
    /** YYYY-MM */
    month: text('month').notNull(),
    text: text('text').notNull(),
    /** investment to date (万元), exact text */
    investment: text('investment'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('project_progress_project_idx').on(t.projectId, t.month)],
);

// ---- People, ballots, selections and honours (issue 17) ----------------------------------------

export const PERSON_POSTS = ['secretary', 'team', 'member', 'cadre'] as const;
export type PersonPost = (typeof PERSON_POSTS)[number];

/**
 * People [人员]: 书记 (secretary), 班子成员 (team), 党员 (member), 干部 (cadre), kept across campaigns
 * and years in their organization. A campaign's competitor may stand for a person (spec units with
 * `person:`; services/people.ts matches them by id).
 */
export const persons = pgTable(
  'persons',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id),
    name: text('name').notNull(),
    /** the unit the person works in (free text: 伊山镇, 县发改委) */
    unit: text('unit').notNull(),
    post: text('post', { enum: PERSON_POSTS }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('persons_organization_idx').on(t.organizationId),
    check('persons_post_check', sql`${t.post} in ('secretary', 'team', 'member', 'cadre')`),
  ],
);

/** The performance ledger [实绩台账]: dated entries of what a person did. */
/** draft: saved by the reporter, not yet submitted (seen only by who keeps the ledger); pending: waiting for the section */
export const LEDGER_ENTRY_STATES = ['recorded', 'draft', 'pending', 'approved', 'returned'] as const;
export type LedgerEntryState = (typeof LEDGER_ENTRY_STATES)[number];

export const ledgerEntries = pgTable(
  'ledger_entries',
  {
    id: serial('id').primaryKey(),
    personId: integer('person_id').notNull().references(() => persons.id, { onDelete: 'cascade' }),
    date: text('date').notNull(),
    what: text('what').notNull(),
    evidence: text('evidence'),
    keyWork: text('key_work'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
    /**
     * A reporter's entry (issue 17): made in a person campaign for a competitor linked to this
     * person, under the indicator (key work) whose scoring section verifies it. Null: the
     * organizer's own entry, recorded as it is.
     */
    campaignId: text('campaign_id').references(() => campaigns.id, { onDelete: 'cascade' }),
    unitId: text('unit_id'),
    indicatorId: text('indicator_id'),
    /** recorded (the organizer's), pending → approved | returned (with a reason) → pending again when edited */
    state: text('state', { enum: LEDGER_ENTRY_STATES }).notNull().default('recorded'),
    returnReason: text('return_reason'),
    verifiedBy: integer('verified_by').references(() => users.id),
    verifiedAt: timestamp('verified_at', { withTimezone: true }),
  },
  (t) => [index('ledger_entries_person_idx').on(t.personId), index('ledger_entries_campaign_idx').on(t.campaignId, t.state)],
);

/** Evidence files of a reporter's ledger entry (the evidence limits). */
export const ledgerEntryFiles = pgTable(
  'ledger_entry_files',
  {
    id: text('id').primaryKey(),
    entryId: integer('entry_id').notNull().references(() => ledgerEntries.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('ledger_entry_files_entry_idx').on(t.entryId)],
);

export const BALLOT_KINDS = ['marks', 'approval', 'levels'] as const;
export const BALLOT_STATES = ['open', 'closed'] as const;

/**
 * A ballot [测评/投票] of a campaign: rater groups with weights, one-time rater tokens, open and close
 * times. `definition` is the engine's BallotDef without the precision (subjects with their names).
 * With an indicator and a period, closing it enters each subject's figure through the figure path.
 */
export const ballots = pgTable(
  'ballots',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    kind: text('kind', { enum: BALLOT_KINDS }).notNull(),
    definition: jsonb('definition').notNull(),
    indicatorId: text('indicator_id'),
    period: text('period'),
    opensAt: timestamp('opens_at', { withTimezone: true }).notNull(),
    closesAt: timestamp('closes_at', { withTimezone: true }),
    state: text('state', { enum: BALLOT_STATES }).notNull().default('open'),
    /** the engine's aggregate, stored when closed (counts, means, shares: never a ballot) */
    result: jsonb('result'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('ballots_campaign_idx').on(t.campaignId),
    check('ballots_kind_check', sql`${t.kind} in ('marks', 'approval', 'levels')`),
    check('ballots_state_check', sql`${t.state} in ('open', 'closed')`),
  ],
);

/** One-time rater tokens: only the sha256 is kept; `used` says it voted (not when, not which ballot). */
export const ballotTokens = pgTable(
  'ballot_tokens',
  {
    id: serial('id').primaryKey(),
    ballotId: integer('ballot_id').notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    tokenHash: text('token_hash').notNull(),
    used: boolean('used').notNull().default(false),
  },
  (t) => [uniqueIndex('ballot_tokens_hash_key').on(t.tokenHash), index('ballot_tokens_ballot_idx').on(t.ballotId)],
);

/** Ballots as cast: the rater group and the content, never the token, the rater or the time. */
export const ballotVotes = pgTable(
  'ballot_votes',
  {
    id: serial('id').primaryKey(),
    ballotId: integer('ballot_id').notNull().references(() => ballots.id, { onDelete: 'cascade' }),
    groupId: text('group_id').notNull(),
    content: jsonb('content').notNull(),
  },
  (t) => [index('ballot_votes_ballot_idx').on(t.ballotId)],
);

export const SELECTION_STATES = ['nominating', 'voting', 'tie', 'elected', 'publicity', 'confirmed'] as const;
export type SelectionState = (typeof SELECTION_STATES)[number];
export const SELECTION_METHODS = ['approval', 'panel'] as const;
export type SelectionMethod = (typeof SELECTION_METHODS)[number];

/**
 * A selection [评选] of an honour under a fixed quota: nominations by the campaign's units, a ballot
 * (elected = the top `quota` whose approval share reaches `threshold`), a recorded decision on a tie
 * at the quota, the publicity period [公示] with objections, then the honours register.
 */
export const selections = pgTable(
  'selections',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** the honour conferred: 模范星, 优秀党员, 好班长 … */
    honour: text('honour').notNull(),
    /** a category of the honour (致富带富星); '' for none */
    category: text('category').notNull().default(''),
    year: integer('year').notNull(),
    quota: integer('quota').notNull(),
    /** approval: the approval share an elected subject reaches at least, as a decimal ("0.5");
     * panel: the combined score (on 100) an elected subject reaches at least */
    threshold: text('threshold').notNull(),
    /** approval: an approval ballot elects; panel [述比排序]: the quantified score and a panel's marks, combined */
    method: text('method', { enum: SELECTION_METHODS }).notNull().default('approval'),
    /** panel: the combination's weights, and once the panel opens: the period, the marks' setting and the quantified scores taken */
    panel: jsonb('panel'),
    /** panel: the combined ranking computed when the panel closed (engine combineScores, explained) */
    ranking: jsonb('ranking'),
    state: text('state', { enum: SELECTION_STATES }).notNull().default('nominating'),
    ballotId: integer('ballot_id').references(() => ballots.id),
    /** the tie at the quota the ballot left: nomination ids and places */
    tie: jsonb('tie'),
    /** the recorded decision on it: chosen nomination ids, reason, who, when */
    tieDecision: jsonb('tie_decision'),
    publicityUntil: timestamp('publicity_until', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('selections_campaign_idx').on(t.campaignId),
    check('selections_state_check', sql`${t.state} in ('nominating', 'voting', 'tie', 'elected', 'publicity', 'confirmed')`),
    check('selections_quota_check', sql`${t.quota} >= 0`),
    check('selections_method_check', sql`${t.method} in ('approval', 'panel')`),
  ],
);

export const NOMINATION_STATES = ['nominated', 'elected', 'not_elected', 'withdrawn', 'confirmed'] as const;

export const nominations = pgTable(
  'nominations',
  {
    id: serial('id').primaryKey(),
    selectionId: integer('selection_id').notNull().references(() => selections.id, { onDelete: 'cascade' }),
    personId: integer('person_id').notNull().references(() => persons.id),
    /** the nominating unit of the campaign */
    unitId: text('unit_id').notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: NOMINATION_STATES }).notNull().default('nominated'),
    /** the approval share from the ballot (4 decimals) */
    share: text('share'),
    withdrawnReason: text('withdrawn_reason'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('nominations_selection_idx').on(t.selectionId),
    uniqueIndex('nominations_person_key').on(t.selectionId, t.personId),
    check('nominations_status_check', sql`${t.status} in ('nominated', 'elected', 'not_elected', 'withdrawn', 'confirmed')`),
  ],
);

export const OBJECTION_STATES = ['open', 'upheld', 'dismissed'] as const;

/** Objections [异议] filed by anyone during 公示. */
export const objections = pgTable(
  'objections',
  {
    id: serial('id').primaryKey(),
    selectionId: integer('selection_id').notNull().references(() => selections.id, { onDelete: 'cascade' }),
    nominationId: integer('nomination_id').references(() => nominations.id),
    text: text('text').notNull(),
    contact: text('contact').notNull(),
    status: text('status', { enum: OBJECTION_STATES }).notNull().default('open'),
    reply: text('reply'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('objections_selection_idx').on(t.selectionId),
    check('objections_status_check', sql`${t.status} in ('open', 'upheld', 'dismissed')`),
  ],
);

/** The honours register [表彰名录]: honour, year, subject (a person, or a unit by name), citation. */
export const honours = pgTable(
  'honours',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id),
    honour: text('honour').notNull(),
    category: text('category').notNull().default(''),
    year: integer('year').notNull(),
    personId: integer('person_id').references(() => persons.id),
    unitName: text('unit_name'),
    citation: text('citation').notNull(),
    selectionId: integer('selection_id').references(() => selections.id),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('honours_organization_idx').on(t.organizationId),
    index('honours_person_idx').on(t.personId),
    check('honours_subject_check', sql`(${t.personId} is null) <> (${t.unitName} is null)`),
  ],
);

/** A kind of accountability document of a campaign (提醒单, 督办单, …), in escalation order. */
export interface CaseKindSetting {
  id: string;
  name: string;
  /** the document number; {year} and {n} are replaced: 〔{year}〕督字第{n}号 */
  numberFormat: string;
  /** the engine's rule actions whose matches are proposed as this kind (reminder, supervision, …) */
  actions: string[];
  /** days from issue to the rectification due date */
  dueDays: number;
}

/**
 * Per-campaign settings of accountability (问责): the case kinds and their number formats, how many
 * days before the due date a case counts as nearing it, and whether public pages show accountability
 * at all (default no: ranks, flags and scores are public; actions, cases and veto reasons internal).
 */
export const caseSettings = pgTable('case_settings', {
  campaignId: text('campaign_id').primaryKey().references(() => campaigns.id, { onDelete: 'cascade' }),
  kinds: jsonb('kinds').$type<CaseKindSetting[]>().notNull(),
  nearingDays: integer('nearing_days').notNull().default(3),
  publicAccountability: boolean('public_accountability').notNull().default(false),
  updatedBy: integer('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
});

export const PROPOSAL_STATUSES = ['pending', 'issued', 'merged', 'dismissed'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** A rule's match in a period (the engine's action), waiting for the organizer: issue, merge into an open case, dismiss. */
export const caseProposals = pgTable(
  'case_proposals',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    unitId: text('unit_id').notNull(),
    ruleId: text('rule_id').notNull(),
    ruleName: text('rule_name').notNull(),
    action: text('action').notNull(),
    reason: text('reason').notNull(),
    /** the case kind proposed (from the settings' actions) */
    kind: text('kind').notNull(),
    status: text('status', { enum: PROPOSAL_STATUSES }).notNull().default('pending'),
    caseId: integer('case_id'),
    decisionReason: text('decision_reason'),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('case_proposals_match_key').on(t.campaignId, t.period, t.unitId, t.ruleId),
    check('case_proposals_status_check', sql`${t.status} in ('pending', 'issued', 'merged', 'dismissed')`),
  ],
);

export const CASE_STATES = ['issued', 'signed', 'reported', 'returned', 'closed', 'escalated'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** An interview (约谈) as held: when, where, who talked with whom, the minutes and what was promised. */
export interface InterviewRecord {
  at: string;
  place: string;
  interviewers: string[];
  interviewees: string[];
  minutes: string;
  promises: string;
  followUps: { text: string; due: string; done: boolean }[];
}

/**
 * Accountability cases [问责事项]: a numbered document of a kind issued to a unit, signed for,
 * answered by a rectification report, reviewed and closed (销号) — or escalated to the next kind.
 * The number is unique per campaign, kind and year; a proposal becomes at most one case.
 */
export const cases = pgTable(
  'cases',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    year: integer('year').notNull(),
    seq: integer('seq').notNull(),
    number: text('number').notNull(),
    unitId: text('unit_id').notNull(),
    period: text('period'),
    title: text('title').notNull(),
    reason: text('reason').notNull(),
    /** what the unit must do */
    requirement: text('requirement').notNull().default(''),
    /** who is held responsible (责任人 / 被谈话人): counts 人次 */
    persons: text('persons').array().notNull().default(sql`'{}'::text[]`),
    state: text('state', { enum: CASE_STATES }).notNull().default('issued'),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
    /** where the case came from: rule (a proposal), manual, supervision, commitment, project, escalation */
    source: text('source').notNull(),
    sourceRef: text('source_ref'),
    proposalId: integer('proposal_id'),
    escalatedFrom: integer('escalated_from'),
    interview: jsonb('interview').$type<InterviewRecord>(),
    nearingRemindedAt: timestamp('nearing_reminded_at', { withTimezone: true }),
    docx: bytea('docx').notNull(),
    issuedBy: integer('issued_by').references(() => users.id),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    signedBy: integer('signed_by').references(() => users.id),
    signedAt: timestamp('signed_at', { withTimezone: true }),
    closedBy: integer('closed_by').references(() => users.id),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('cases_number_key').on(t.campaignId, t.kind, t.year, t.seq),
    uniqueIndex('cases_proposal_key').on(t.proposalId),
    index('cases_campaign_unit_idx').on(t.campaignId, t.unitId),
    check('cases_state_check', sql`${t.state} in ('issued', 'signed', 'reported', 'returned', 'closed', 'escalated')`),
  ],
);

/** Every step of a case (办理留痕): who, when, what, with its text and files. */
export const caseSteps = pgTable(
  'case_steps',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    action: text('action').notNull(),
    actorId: integer('actor_id').references(() => users.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    text: text('text'),
    /** what the step carries (a report's measures, an extension's dates, the case escalated to, …) */
    data: jsonb('data'),
    fileIds: text('file_ids').array().notNull().default(sql`'{}'::text[]`),
  },
  (t) => [index('case_steps_case_idx').on(t.caseId, t.id)],
);

/** Files of a case (a rectification's evidence, the minutes' photos): attached first, then named by a step. */
export const caseFiles = pgTable(
  'case_files',
  {
    id: text('id').primaryKey(),
    caseId: integer('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('case_files_case_idx').on(t.caseId)],
);

export const EXTENSION_STATUSES = ['pending', 'granted', 'refused'] as const;

/** A unit's request for more time (延期申请): granted (the due date moves, the old one is kept) or refused. */
export const caseExtensions = pgTable(
  'case_extensions',
  {
    id: serial('id').primaryKey(),
    caseId: integer('case_id').notNull().references(() => cases.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    progress: text('progress').notNull(),
    proposedDue: timestamp('proposed_due', { withTimezone: true }).notNull(),
    previousDue: timestamp('previous_due', { withTimezone: true }).notNull(),
    status: text('status', { enum: EXTENSION_STATUSES }).notNull().default('pending'),
    reply: text('reply'),
    requestedBy: integer('requested_by').references(() => users.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedBy: integer('decided_by').references(() => users.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index('case_extensions_case_idx').on(t.caseId),
    check('case_extensions_status_check', sql`${t.status} in ('pending', 'granted', 'refused')`),
  ],
);

export const SUPERVISION_KINDS = ['weekly', 'unannounced', 'four_nots', 'special'] as const;

/**
 * Supervision records [督查记录]: a dated field check of a unit (周督查 / 明察暗访 / 四不两直 /
 * 专项督查), its findings and who checked. A finding may propose a penalty or bonus — a figure of an
 * event indicator written through the figure path — and may open a case.
 */
export const supervisionRecords = pgTable(
  'supervision_records',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: SUPERVISION_KINDS }).notNull(),
    unitId: text('unit_id').notNull(),
    checkedOn: text('checked_on').notNull(),
    findings: text('findings').notNull(),
    checkers: text('checkers').array().notNull(),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('supervision_records_campaign_idx').on(t.campaignId, t.unitId),
    check('supervision_records_kind_check', sql`${t.kind} in ('weekly', 'unannounced', 'four_nots', 'special')`),
  ],
);

/** Photos and files of a supervision record (the evidence limits). */
export const supervisionFiles = pgTable(
  'supervision_files',
  {
    id: text('id').primaryKey(),
    recordId: integer('record_id').notNull().references(() => supervisionRecords.id, { onDelete: 'cascade' }),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    data: bytea('data').notNull(),
    uploadedBy: integer('uploaded_by').references(() => users.id),
    uploadedAt: timestamp('uploaded_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('supervision_files_record_idx').on(t.recordId)],
);

/** 双月表态会 (bimonthly) / 季度过堂会 (quarterly) / 述职会 (report) */
export const MEETING_KINDS = ['bimonthly', 'quarterly', 'report'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
/** planned (筹备中) → held (已召开: statements recorded) → closed (已归档: nothing changes any more) */
export const MEETING_STATES = ['planned', 'held', 'closed'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];

/**
 * Review meetings [双月表态会 / 季度过堂会 / 述职会] (issue 15 item 4): one per campaign, kind and
 * period, with its date, place and agenda; the units called (preselected from the period's
 * laggards in the stored results) with their statements and commitments; follow-ups.
 */
export const reviewMeetings = pgTable(
  'review_meetings',
  {
    id: serial('id').primaryKey(),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEETING_KINDS }).notNull(),
    period: text('period').notNull(),
    title: text('title').notNull(),
    heldOn: text('held_on').notNull(),
    place: text('place').notNull(),
    agenda: jsonb('agenda').$type<string[]>().notNull(),
    state: text('state', { enum: MEETING_STATES }).notNull().default('planned'),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('review_meetings_period_key').on(t.campaignId, t.kind, t.period),
    check('review_meetings_kind_check', sql`${t.kind} in ('bimonthly', 'quarterly', 'report')`),
    check('review_meetings_state_check', sql`${t.state} in ('planned', 'held', 'closed')`),
  ],
);

/** A unit called to a meeting: why (the laggard reasons, or by hand), its statement [表态] and commitments. */
export const reviewMeetingUnits = pgTable(
  'review_meeting_units',
  {
    meetingId: integer('meeting_id').notNull().references(() => reviewMeetings.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    position: integer('position').notNull(),
    reasons: jsonb('reasons').$type<string[]>().notNull(),
    statement: text('statement'),
    commitments: jsonb('commitments').$type<string[]>().notNull(),
    statedBy: integer('stated_by').references(() => users.id),
    statedAt: timestamp('stated_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.unitId] })],
);

/** A meeting's follow-up for a called unit: a due-dated item, or a case opened from it. */
export const reviewFollowUps = pgTable(
  'review_follow_ups',
  {
    id: serial('id').primaryKey(),
    meetingId: integer('meeting_id').notNull().references(() => reviewMeetings.id, { onDelete: 'cascade' }),
    unitId: text('unit_id').notNull(),
    text: text('text').notNull(),
    due: text('due').notNull(),
    caseId: integer('case_id').references(() => cases.id),
    done: boolean('done').notNull().default(false),
    doneAt: timestamp('done_at', { withTimezone: true }),
    createdBy: integer('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('review_follow_ups_meeting_idx').on(t.meetingId, t.unitId)],
);
