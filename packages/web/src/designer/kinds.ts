// The ways to score an indicator, in the words organizers use (完成率, 序时进度 …), each mapped to the
// spec's input, method and effect.
import type { DIndicator } from './doc.ts';

export const KINDS = ['completion', 'schedule', 'best', 'range', 'rank', 'score', 'bonus', 'penalty', 'veto'] as const;
export type Kind = (typeof KINDS)[number];

export function kindOf(ind: DIndicator): Kind {
  if (ind.input === 'score') return 'score';
  if (ind.input === 'event') return ind.effect ?? 'bonus';
  return ind.method ?? 'completion';
}

/** The indicator turned into another kind: keys that the new kind has no use for are dropped. */
export function withKind(ind: DIndicator, kind: Kind): DIndicator {
  const keep = ['id', 'name', 'category', 'description', 'applies_to'];
  const out: DIndicator = { id: ind.id, name: ind.name, input: 'value' };
  for (const k of Object.keys(ind)) if (keep.includes(k)) out[k] = ind[k];
  const weight = ind.weight ?? 10;
  if (kind === 'score') return { ...out, input: 'score', weight, standard: ind.standard };
  if (kind === 'bonus' || kind === 'penalty') return { ...out, input: 'event', effect: kind, points: ind.points ?? 1, cap: ind.input === 'event' ? ind.cap : undefined };
  if (kind === 'veto') return { ...out, input: 'event', effect: 'veto' };
  const value: DIndicator = {
    ...out, input: 'value', weight, method: kind, measure: ind.measure, direction: ind.direction, cumulative: ind.cumulative, quantity: ind.quantity,
    min: ind.min, max: ind.max, whole: ind.whole,
  };
  if (kind === 'completion' || kind === 'schedule') return { ...value, target: ind.target, base: ind.base, cap: ind.input === 'value' ? ind.cap : undefined };
  return { ...value, scope: ind.scope, step: kind === 'rank' ? ind.step : undefined };
}

export const ACTIONS = ['reminder', 'supervision', 'interview', 'review', 'suspension'] as const;
