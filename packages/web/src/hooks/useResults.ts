// Results of one period, refetched whenever the live stream reports a change in this campaign.
// `page`: one page of the overall ranking (a large campaign); null: not yet known, nothing fetched.
import { getResults } from '../api/endpoints.ts';
import { useAsync } from './useAsync.ts';
import { useCampaignStream } from './useCampaignStream.ts';

export function useResults(campaignId: string, period: string | undefined, page?: { offset: number; limit: number } | null) {
  const state = useAsync(
    () => (page === null ? new Promise<never>(() => {}) : getResults(campaignId, period, page)),
    [campaignId, period ?? '', page === null ? 'wait' : page ? `${page.offset}/${page.limit}` : 'all'],
  );
  const live = useCampaignStream(campaignId, () => state.reload());
  return { ...state, live };
}
