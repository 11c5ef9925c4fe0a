// Results of one period, refetched whenever the live stream reports a change in this campaign.
import { getResults } from '../api/endpoints.ts';
import { useAsync } from './useAsync.ts';
import { useCampaignStream } from './useCampaignStream.ts';

export function useResults(campaignId: string, period: string | undefined) {
  const state = useAsync(() => getResults(campaignId, period), [campaignId, period ?? '']);
  const live = useCampaignStream(campaignId, () => state.reload());
  return { ...state, live };
}
