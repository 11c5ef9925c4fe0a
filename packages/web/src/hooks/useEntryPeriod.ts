// The period being entered: from ?period=, else the latest period with data, else the first of
// the year. Entry uses every period of the campaign (not only reported ones): that is how a new
// period starts.
import { useSearchParams } from 'react-router-dom';
import type { CampaignModel } from '../api/types.ts';

export function useEntryPeriod(model: CampaignModel | undefined) {
  const [params, setParams] = useSearchParams();
  const asked = params.get('period');
  const period = asked && model?.periods.includes(asked) ? asked : (model?.latestPeriod ?? model?.periods[0]);
  const setPeriod = (p: string) => {
    const next = new URLSearchParams(params);
    next.set('period', p);
    setParams(next, { replace: true });
  };
  return { period, setPeriod };
}
