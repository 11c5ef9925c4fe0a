// Live updates: the server sends `event: results` with {campaign, period} whenever stored results
// change. We only refetch; the data itself never travels on the stream. EventSource reconnects on
// its own after a dropped connection.
import { useEffect, useRef, useState } from 'react';
import { streamUrl } from '../api/endpoints.ts';

export interface ResultsEvent {
  campaign: string;
  period: string;
}

function parseEvent(data: string): ResultsEvent | null {
  try {
    const x: unknown = JSON.parse(data);
    if (typeof x === 'object' && x !== null && 'campaign' in x && 'period' in x) {
      const { campaign, period } = x as { campaign: unknown; period: unknown };
      if (typeof campaign === 'string' && typeof period === 'string') return { campaign, period };
    }
  } catch {
    // a malformed event still means "something changed"
  }
  return null;
}

/** Calls onChange for every results event of this campaign; returns whether the stream is open. */
export function useCampaignStream(campaignId: string | undefined, onChange: (e: ResultsEvent | null) => void): boolean {
  const cb = useRef(onChange);
  cb.current = onChange;
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!campaignId || typeof EventSource === 'undefined') return;
    const es = new EventSource(streamUrl(campaignId), { withCredentials: true });
    const handle = (ev: MessageEvent<string>) => {
      const e = parseEvent(ev.data);
      if (e && e.campaign !== campaignId) return;
      cb.current(e);
    };
    es.addEventListener('results', handle);
    es.onopen = () => setOpen(true);
    es.onerror = () => setOpen(es.readyState === EventSource.OPEN);
    return () => {
      es.removeEventListener('results', handle);
      es.close();
      setOpen(false);
    };
  }, [campaignId]);

  return open;
}
