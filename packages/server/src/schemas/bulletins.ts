// API shapes of bulletins (通报), the public pages and the lobby big screen (docs/api-plan.md,
// "Bulletins", "Public", "Lobby big screen"). The content itself is schemas/bulletin-content.ts.
import { z } from 'zod';
import { BULLETIN_STATUSES } from '../db/schema.ts';
import { BulletinContent } from './bulletin-content.ts';

export const BulletinSummarySchema = z.object({
  id: z.number().int(),
  campaign: z.string(),
  period: z.string(),
  version: z.number().int(),
  status: z.enum(BULLETIN_STATUSES),
  number: z.string(),
  title: z.string(),
  changeNote: z.string().nullable(),
  /** sha256 (hex) of the canonical JSON of the content, set at publication */
  contentHash: z.string().nullable(),
  createdAt: z.iso.datetime(),
  /** usernames; null on the public routes */
  createdBy: z.string().nullable(),
  publishedAt: z.iso.datetime().nullable(),
  publishedBy: z.string().nullable(),
  /** who drafted and who published it by display name (由 县委组织部考核办 发布); null on the public routes */
  createdByName: z.string().nullable().optional(),
  publishedByName: z.string().nullable().optional(),
  /** the highest published version of its period */
  current: z.boolean(),
}).meta({ id: 'BulletinSummary' });
export type BulletinSummaryDto = z.infer<typeof BulletinSummarySchema>;

export const BulletinSchema = BulletinSummarySchema.extend({ content: BulletinContent }).meta({ id: 'Bulletin' });
export type BulletinDto = z.infer<typeof BulletinSchema>;

const Paragraphs = z.array(z.string().max(5000)).max(100);
const Number_ = z.string().trim().min(1).max(100);
const Title = z.string().trim().min(1).max(200);
const ChangeNote = z.string().trim().min(1).max(2000);

export const BulletinCreate = z.object({
  period: z.string().min(1).max(16),
  number: Number_.optional(),
  title: Title.optional(),
  intro: Paragraphs.optional(),
  closing: Paragraphs.optional(),
  /** required from version 2 on: what the correction changes */
  changeNote: ChangeNote.optional(),
});
export type BulletinCreateDto = z.infer<typeof BulletinCreate>;

export const BulletinPatch = z.object({
  number: Number_.optional(),
  title: Title.optional(),
  intro: Paragraphs.optional(),
  closing: Paragraphs.optional(),
  changeNote: ChangeNote.nullable().optional(),
  /** re-read the period's stored result (keeps number, title and text) */
  regenerate: z.literal(true).optional(),
});
export type BulletinPatchDto = z.infer<typeof BulletinPatch>;

export const BulletinParams = z.object({ bulletinId: z.coerce.number().int().positive().max(2_147_483_647) });
export const BulletinListQuery = z.object({ period: z.string().min(1).max(16).optional() });

const PublicCampaignInfo = z.object({ id: z.string(), name: z.string(), year: z.number().int(), organizer: z.string().nullable() });

export const PublicCampaignSchema = z.object({
  campaign: PublicCampaignInfo,
  /** the current (highest published) version of every published period, in period order */
  periods: z.array(z.object({ period: z.string(), label: z.string(), bulletinId: z.number().int(), version: z.number().int(), publishedAt: z.iso.datetime() })),
  latest: BulletinSchema.nullable(),
}).meta({ id: 'PublicCampaign' });

export const PublicUnitSchema = z.object({
  unit: z.object({ id: z.string(), name: z.string(), group: z.string(), groupName: z.string() }),
  history: z.array(z.object({
    period: z.string(),
    label: z.string(),
    total: z.number(),
    rank: z.number().int(),
    groupRank: z.number().int(),
    delta: z.number().int().nullable(),
    vetoed: z.boolean(),
    flags: z.array(z.string()),
    grade: z.string().nullable(),
  })),
  /** flag name → in how many published periods the unit held it */
  flags: z.record(z.string(), z.number().int()),
}).meta({ id: 'PublicUnit' });

export const PublicUnitParams = z.object({ id: z.string().min(1).max(64), unitId: z.string().min(1).max(64) });
export const PublicSearchQuery = z.object({ q: z.string().trim().min(1).max(50) });
export const PublicSearchSchema = z.object({ units: z.array(z.object({ id: z.string(), name: z.string(), groupName: z.string() })) });
export const QrQuery = z.object({ unit: z.string().min(1).max(64).optional() });

export const KioskTokenSchema = z.object({
  id: z.number().int(),
  label: z.string(),
  createdAt: z.iso.datetime(),
  createdBy: z.string().nullable(),
  revokedAt: z.iso.datetime().nullable(),
}).meta({ id: 'KioskToken' });
export type KioskTokenDto = z.infer<typeof KioskTokenSchema>;

export const KioskTokenCreate = z.object({ label: z.string().trim().min(1).max(100) });
export const KioskTokenParams = z.object({ tokenId: z.coerce.number().int().positive().max(2_147_483_647) });
export const KioskParams = z.object({ secret: z.string().min(1).max(200) });

export const KioskViewSchema = z.object({
  campaign: PublicCampaignInfo,
  /** the current version of the latest published period; null before the first publication */
  latest: BulletinSchema.nullable(),
  /** every published period (current versions), oldest first, the latest included: the trend lines */
  periods: z.array(z.object({
    period: z.string(),
    label: z.string(),
    overall: z.array(z.object({ unit: z.string(), name: z.string(), total: z.number(), rank: z.number().int() })),
  })),
}).meta({ id: 'KioskView' });
