// Roll-up shapes of the API (上下联动): which lower campaign feeds which cell of a higher campaign, how.
import { z } from 'zod';
import { ROLLUP_MEASURES } from '../db/schema.ts';

export const RollupMeasureSchema = z.enum(ROLLUP_MEASURES);

export const RollupValueSchema = z.object({
  /** the unit of the higher campaign the value went to */
  unit: z.string(),
  /** the higher campaign's period the value went to */
  period: z.string(),
  /** the lower campaign's closed period it was taken from */
  sourcePeriod: z.string(),
  value: z.string(),
  /** written: entered as the figure; correction: the higher period was closed, a correction request waits for its organizer */
  outcome: z.enum(['written', 'correction']),
  requestId: z.number().int().nullable(),
  computedAt: z.iso.datetime(),
  /** "来自 青溪镇2026年度村级擂台赛 2026-03" */
  label: z.string(),
});

export const RollupLinkSchema = z.object({
  id: z.number().int(),
  /** the higher campaign's unit fed by the link; null: every unit, each from the same unit of the source (an assessment's measures) */
  unit: z.string().nullable(),
  indicator: z.string(),
  sourceCampaign: z.object({ id: z.string(), name: z.string() }),
  measure: RollupMeasureSchema,
  /** flag_share: the flag counted */
  flag: z.string().nullable(),
  /** indicator_mean / indicator_sum: the lower campaign's indicator */
  sourceIndicator: z.string().nullable(),
  /** in words: "下级单位平均总分", "获“红旗”单位占比（%）", "“村集体经济收入”合计", "年度汇总得分" */
  description: z.string(),
  values: z.array(RollupValueSchema),
}).meta({ id: 'RollupLink' });
export type RollupLinkDto = z.infer<typeof RollupLinkSchema>;

export const NewRollupBody = z.object({
  /** the unit fed (omitted for the per-unit measures unit_summary and unit_mean_total) */
  unit: z.string().min(1).max(64).optional(),
  indicator: z.string().min(1).max(64),
  sourceCampaign: z.string().min(1).max(64),
  measure: RollupMeasureSchema,
  flag: z.string().min(1).max(64).optional(),
  sourceIndicator: z.string().min(1).max(64).optional(),
});

export const RollupParams = z.object({ id: z.string().min(1).max(64), linkId: z.coerce.number().int().positive().max(2147483647) });
