// Figure shapes of the API (docs/api-plan.md, "Figures").
import { z } from 'zod';

const id = z.string().trim().min(1).max(64);
/** exact text of the figure; the engine decides whether it is a valid decimal for the indicator */
const value = z.string().max(64);

export const FigureInput = z.object({ unit: id, indicator: id, period: z.string().trim().min(1).max(16), value });
export const FigurePut = FigureInput.extend({ value: value.nullable() });
export const FigureBatch = z.object({ figures: z.array(FigureInput).min(1).max(50_000) });

export const FigureSchema = z.object({
  unit: z.string(),
  indicator: z.string(),
  period: z.string(),
  value: z.string(),
  enteredBy: z.string().nullable(),
  enteredAt: z.iso.datetime(),
}).meta({ id: 'Figure' });
export type FigureDto = z.infer<typeof FigureSchema>;
