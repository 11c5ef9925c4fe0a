// The engine's PeriodResult (contract section 10) as a schema, so that stored results are checked
// on the way out and documented in OpenAPI. `satisfies` keeps it in step with the engine's types.
import { z } from 'zod';
import type { ActionResult, PeriodResult } from '@leitai/engine';

export const Explanation = z.object({ code: z.string(), formula: z.string().optional(), zh: z.string(), en: z.string() });
export const IndicatorRank = z.object({ all: z.number(), group: z.number() });

const ValueIndicatorResult = z.object({
  value: z.number().nullable(),
  ytd: z.number().nullable().optional(),
  target: z.number().optional(),
  expected: z.number().optional(),
  /** (1.1) base target and whether the unit is below it */
  base: z.number().optional(),
  below_base: z.boolean().optional(),
  ratio: z.number().optional(),
  ahead: z.boolean().optional(),
  score: z.number(),
  missing: z.boolean(),
  rank: IndicatorRank,
  explain: Explanation.optional(),
});
const EventIndicatorResult = z.object({ events: z.number(), score: z.number(), explain: Explanation.optional() });

export const UnitResultSchema = z.object({
  unit: z.string(),
  group: z.string(),
  total: z.number(),
  vetoed: z.boolean(),
  rank: z.object({ all: z.number(), group: z.number(), pairs: z.record(z.string(), z.number()) }),
  delta: z.number().nullable(),
  flags: z.array(z.string()),
  tally: z.record(z.string(), z.number()),
  indicators: z.record(z.string(), z.union([ValueIndicatorResult, EventIndicatorResult])),
  /** (1.1) category subtotals and ranks [龙虎榜分类] */
  categories: z.record(z.string(), z.object({ score: z.number(), rank: IndicatorRank })).optional(),
  summary: z.object({
    score: z.number(),
    vetoed: z.boolean(),
    rank: IndicatorRank,
    grade: z.string().nullable().optional(),
    explain: z.array(Explanation).optional(),
  }).optional(),
  explain: z.object({ rank: z.array(Explanation), flags: z.array(Explanation), rules: z.array(Explanation).optional() }).optional(),
});

export const ActionResultSchema = z.object({
  rule: z.string(),
  action: z.string(),
  unit: z.string(),
  period: z.string(),
  reason: z.string(),
  explain: Explanation.optional(),
}).meta({ id: 'ActionResult' }) satisfies z.ZodType<ActionResult>;

export const PairResultSchema = z.object({
  pair: z.string(),
  units: z.array(z.string()),
  winner: z.string().nullable(),
  margin: z.number().nullable(),
  explain: Explanation.optional(),
});

export const PeriodResultSchema = z.object({
  campaign: z.string(),
  period: z.string(),
  units: z.array(UnitResultSchema),
  pairs: z.array(PairResultSchema),
  flags: z.array(z.object({
    flag: z.string(),
    scope: z.string(),
    holders: z.array(z.string()),
    previous: z.array(z.string()).optional(),
    kept: z.array(z.string()).optional(),
    lost: z.array(z.string()).optional(),
  })),
  actions: z.array(ActionResultSchema),
}).meta({ id: 'PeriodResult' }) satisfies z.ZodType<PeriodResult>;
