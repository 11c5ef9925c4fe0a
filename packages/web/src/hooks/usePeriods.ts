// The campaign's reporting periods with state, deadline and progress; refetched with the stream.
import { getPeriods } from '../api/endpoints.ts';
import type { Period } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export function usePeriods(campaignId: string) {
  const state = useAsync(() => getPeriods(campaignId), [campaignId]);
  const byKey = new Map<string, Period>((state.data?.periods ?? []).map((p) => [p.period, p]));
  return { ...state, byKey };
}
