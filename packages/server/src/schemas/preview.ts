// The reporter's form preview (docs/api-plan.md, "Reporter's form"): what the unit's figures would
// score with the values being typed, from the engine, nothing stored.
import { z } from 'zod';
import { Explanation, IndicatorRank } from './results.ts';

const id = z.string().trim().min(1).max(64);

export const PreviewBody = z.object({
  unit: id,
  period: z.string().trim().min(1).max(16),
  /** indicator id → the value being typed (null: as if cleared); indicators left out keep their stored figure */
  values: z.record(id, z.string().max(64).nullable()).refine((v) => Object.keys(v).length <= 500, { message: 'at most 500 values' }),
});

const NEEDS = ['behind_schedule', 'jump'] as const;

const JumpSchema = z.object({
  /** this period's figure (for a cumulative figure: its increase over the period before) */
  current: z.string(),
  previous: z.string(),
  /** change in whole percent */
  percent: z.number(),
  /** current and previous are increases of a year-to-date figure */
  increase: z.boolean(),
});

/** The engine's result for one indicator of the unit (value, score or event input) plus what the form needs. */
export const PreviewIndicatorSchema = z.object({
  value: z.number().nullable().optional(),
  ytd: z.number().nullable().optional(),
  target: z.number().optional(),
  expected: z.number().optional(),
  /** (spec 1.1) the base target and whether the typed figure is below it */
  base: z.number().optional(),
  below_base: z.boolean().optional(),
  ratio: z.number().optional(),
  ahead: z.boolean().optional(),
  events: z.number().optional(),
  score: z.number(),
  missing: z.boolean().optional(),
  rank: IndicatorRank.optional(),
  explain: Explanation.optional(),
  /** the unit's stored figure of the period before (null: none, or this is the first period) */
  previous: z.string().nullable(),
  /** why a value figure needs an explanation as it stands (null: it needs none) */
  needsExplanation: z.enum(NEEDS).nullable(),
  jump: JumpSchema.nullable(),
});

export const PreviewSchema = z.object({
  unit: z.string(),
  period: z.string(),
  /** the period before (null for the first) */
  previousPeriod: z.string().nullable(),
  total: z.number(),
  vetoed: z.boolean(),
  rank: z.object({ all: z.number(), group: z.number(), pairs: z.record(z.string(), z.number()) }),
  /** whether the caller must give the explanations asked for (a unit's reporter) or may (organizers) */
  explanationRequired: z.boolean(),
  indicators: z.record(z.string(), PreviewIndicatorSchema),
}).meta({ id: 'FigurePreview' });
export type PreviewDto = z.infer<typeof PreviewSchema>;
