// What a bulletin (通报) shows, frozen at publication. Everything is copied out of the stored
// engine result of the period (and of the period before, for movement and flags kept or lost) with
// the names of the spec version it was computed with, so a published bulletin never depends on a
// later spec or figure. Scores are the engine's numbers as they are: nothing here computes one.
// The public pages (phone, big screen) read only this content of published bulletins.
import { z } from 'zod';
import { PERIOD_STATES } from '../db/schema.ts';

const Named = { id: z.string(), name: z.string() };

export const BulletinRankRow = z.object({
  unit: z.string(),
  name: z.string(),
  group: z.string(),
  groupName: z.string(),
  total: z.number(),
  /** rank among all units (overall tables) or in the group (group tables) */
  rank: z.number().int(),
  /** movement of the rank this row lists against the stored period before (positive = moved up; null without
   * one): group rows carry the engine's `delta` (group rank, contract section 5), overall rows the difference of
   * the engine's two `rank.all` */
  delta: z.number().int().nullable(),
  vetoed: z.boolean(),
  /** names of the flags held after this period */
  flags: z.array(z.string()),
  /** the summary's grade name, when the spec has a summary */
  grade: z.string().nullable(),
});
export type BulletinRankRow = z.infer<typeof BulletinRankRow>;

export const BulletinGroup = z.object({ ...Named, rows: z.array(BulletinRankRow) });

export const BulletinPair = z.object({
  id: z.string(),
  units: z.array(z.object({ unit: z.string(), name: z.string(), total: z.number(), rank: z.number().int() })),
  /** unit id, null for a tie */
  winner: z.string().nullable(),
  margin: z.number().nullable(),
});

export const BulletinFlag = z.object({
  flag: z.string(),
  name: z.string(),
  /** the spec's color (red, yellow, …) when given */
  color: z.string().nullable(),
  award: z.enum(['top', 'bottom']),
  /** `all`, a group id or a pair id, and its display name */
  scope: z.string(),
  scopeName: z.string(),
  /** the indicator a per-indicator flag is awarded on */
  indicator: z.string().nullable(),
  holders: z.array(z.object({ unit: z.string(), name: z.string() })),
  kept: z.array(z.object({ unit: z.string(), name: z.string() })),
  /** units that held the flag the period before and do not now */
  lost: z.array(z.object({ unit: z.string(), name: z.string() })),
  /** holders that did not hold it the period before */
  won: z.array(z.object({ unit: z.string(), name: z.string() })),
});

export const BulletinItemRow = z.object({
  unit: z.string(),
  name: z.string(),
  score: z.number(),
  /** the figure the engine scored (ytd, in the indicator's measure); null for score input */
  value: z.number().nullable(),
  rank: z.number().int(),
  /** the rank is shared with another unit (并列): a tie at the board's boundary brings every tied unit in */
  tied: z.boolean().optional(),
});

/** 龙虎榜: single-item leaders and laggards, per category of indicators. */
export const BulletinCategory = z.object({
  /** the spec's category, or '' for indicators without one */
  category: z.string(),
  indicators: z.array(z.object({
    ...Named,
    measure: z.string().nullable(),
    /** (spec 1.1) 'category': the board of the category's subtotal (the engine's categories), listed first */
    kind: z.enum(['indicator', 'category']).optional(),
    /** the first 3 by the engine's indicator rank (rank.all), best first, and every unit tied with the 3rd */
    leaders: z.array(BulletinItemRow),
    /** the last 3, in rank order (the worst last), and every unit tied with the 3rd last; never a unit that is among the leaders */
    laggards: z.array(BulletinItemRow),
  })),
});

export const BulletinScheduleRow = z.object({
  unit: z.string(),
  name: z.string(),
  /** indicators (names) the unit is ahead of / behind the pro-rata schedule on */
  indicators: z.array(z.string()),
});

export const BulletinAction = z.object({
  rule: z.string(),
  ruleName: z.string(),
  /** the spec's action word, e.g. 约谈, 通报表扬 */
  action: z.string(),
  unit: z.string(),
  name: z.string(),
  reason: z.string(),
});

export const BulletinContent = z.object({
  /** bump when the shape changes; readers of old bulletins switch on it */
  format: z.literal(1),
  /** `precision`: the spec's decimals of every score — scores are printed with exactly that many (92.4 → 92.40) */
  /** `subject`: 'person' in a person campaign (the wording says 人员/姓名, not 单位); absent: units */
  campaign: z.object({ ...Named, year: z.number().int(), organizer: z.string().nullable(), precision: z.number().int().min(0).max(4), subject: z.enum(['unit', 'person']).optional() }),
  period: z.string(),
  /** e.g. 2026年3月 / March 2026 */
  periodLabel: z.object({ zh: z.string(), en: z.string() }),
  /** the period's reporting state when the content was generated (refreshed at publication): a bulletin of a period
   * that is not closed yet is provisional (初步结果) */
  periodState: z.enum(PERIOD_STATES),
  /** the campaign version and the time of the stored result the content was taken from */
  specVersion: z.number().int(),
  computedAt: z.string(),
  /** the organizer's own text, paragraphs in order (opening remarks, requirements) */
  intro: z.array(z.string()),
  closing: z.array(z.string()),
  overall: z.array(BulletinRankRow),
  groups: z.array(BulletinGroup),
  pairs: z.array(BulletinPair),
  flags: z.array(BulletinFlag),
  categories: z.array(BulletinCategory),
  schedule: z.object({ ahead: z.array(BulletinScheduleRow), behind: z.array(BulletinScheduleRow) }),
  /** accountability actions fired this period (督查问责) */
  actions: z.array(BulletinAction),
  /** 表扬: the units that won a top flag this period, with the flags' names (the spec has no other praise) */
  commendations: z.array(z.object({ unit: z.string(), name: z.string(), flags: z.array(z.string()) })),
});
export type BulletinContent = z.infer<typeof BulletinContent>;
