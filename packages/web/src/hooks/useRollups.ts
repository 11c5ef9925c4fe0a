// The roll-up links [上下联动] of a campaign: which of its cells are fed from a lower campaign, and
// what each carried into which period (with the lower period it came from).
import { useCallback } from 'react';
import { listRollups } from '../api/endpoints.ts';
import type { RollupLink } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export interface RollupCell {
  link: RollupLink;
  /** what the link carried into this period (undefined: the lower campaign has not closed a period of it yet) */
  value: RollupLink['values'][number] | undefined;
}

export function useRollups(campaignId: string, enabled = true) {
  const state = useAsync(() => (enabled ? listRollups(campaignId).then((r) => r.rollups) : Promise.resolve([] as RollupLink[])), [campaignId, enabled]);
  const links = state.data;
  /** the link feeding a unit's indicator, if any (a link without unit feeds every unit) */
  const cell = useCallback((unit: string, indicator: string, period: string | undefined): RollupCell | undefined => {
    const link = links?.find((l) => l.indicator === indicator && (l.unit === null || l.unit === unit));
    if (!link) return undefined;
    return { link, value: period === undefined ? undefined : link.values.find((v) => v.unit === unit && v.period === period) };
  }, [links]);
  return { ...state, cell };
}
