// The whole storage model. Campaign structure (groups, units, pairs, indicators) is a projection of
// the current spec version, refreshed whenever a version is saved; the spec text itself is the
// source of truth and every version is kept. Scores are never computed here: period_results holds
// the engine's output so that reading a leaderboard is a single row fetch.
import { sql } from 'drizzle-orm';
import type { PeriodResult } from '@leitai/engine';
import {
  boolean, check, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, serial, text, timestamp, uniqueIndex,
} from 'drizzle-orm/pg-core';

export const ROLES = ['admin', 'organizer', 'scorer', 'reporter', 'leader'] as const;
export type Role = (typeof ROLES)[number];
export const CAMPAIGN_STATUSES = ['active', 'archived'] as const;
export const CADENCES = ['month', 'quarter', 'half', 'year'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

export const organizations = pgTable('organizations', {
  id: serial('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: serial('id').primaryKey(),
    organizationId: integer('organization_id').notNull().references(() => organizations.id),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    role: text('role', { enum: ROLES }).notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('users_username_key').on(t.username),
    check('users_role_check', sql`${t.role} in ('admin', 'organizer', 'scorer', 'reporter', 'leader')`),
  ],
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

export const userAssignments = pgTable(
  'user_assignments',
  {
    id: serial('id').primaryKey(),
    userId: integer('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    /** reporters: the unit they report for */
    unitId: text('unit_id'),
    /** scorers: the score-input indicator they score */
    indicatorId: text('indicator_id'),
  },
  (t) => [index('user_assignments_user_idx').on(t.userId)],
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
  (t) => [index('login_attempts_username_at_idx').on(t.username, t.at)],
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
  },
  (t) => [
    primaryKey({ columns: [t.campaignId, t.unitId, t.indicatorId, t.period] }),
    index('figures_campaign_period_idx').on(t.campaignId, t.period),
  ],
);

export const periodResults = pgTable(
  'period_results',
  {
    campaignId: text('campaign_id').notNull().references(() => campaigns.id, { onDelete: 'cascade' }),
    period: text('period').notNull(),
    /** the campaign version the result was computed with */
    version: integer('version').notNull(),
    /** engine.evaluateAll(..., { explain: true }) output for this period */
    result: jsonb('result').$type<PeriodResult>().notNull(),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.period] })],
);
