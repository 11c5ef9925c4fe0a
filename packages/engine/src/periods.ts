// Contract section 2: the periods of a campaign's year, in order, and how much of the year has
// elapsed at the end of each.
import type { Cadence, Spec } from './model.ts';

const PER_YEAR: Record<Cadence, number> = { month: 12, quarter: 4, half: 2, year: 1 };

export function periodsPerYear(cadence: Cadence): number {
  return PER_YEAR[cadence];
}

export function periodKeys(spec: Pick<Spec, 'campaign'>): string[] {
  const { year, cadence } = spec.campaign;
  const n = PER_YEAR[cadence];
  const keys: string[] = [];
  for (let i = 1; i <= n; i++) {
    if (cadence === 'month') keys.push(`${year}-${String(i).padStart(2, '0')}`);
    else if (cadence === 'quarter') keys.push(`${year}-Q${i}`);
    else if (cadence === 'half') keys.push(`${year}-H${i}`);
    else keys.push(String(year));
  }
  return keys;
}

/** 0-based index of a period key in the year, or -1 when it is not a period of this campaign. */
export function periodIndex(spec: Pick<Spec, 'campaign'>, key: string): number {
  return periodKeys(spec).indexOf(key);
}

/** elapsed(p) as the fraction [numerator, denominator]: month m → m/12, quarter q → q/4, … */
export function elapsedOf(spec: Pick<Spec, 'campaign'>, index: number): [number, number] {
  return [index + 1, PER_YEAR[spec.campaign.cadence]];
}
