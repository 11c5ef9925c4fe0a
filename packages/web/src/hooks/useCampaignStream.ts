// Live updates: the server sends `event: results` with {campaign, period} whenever stored results
// change, and `event: ballot` with {campaign, ballot} when a ballot's turnout or state changes. We only refetch; the data itself never travels on the stream. EventSource reconnects on
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

/** the campaign an event names (a malformed event names none, and is taken as this campaign's) */
function campaignOf(data: string): string | undefined {
  try {
    const x: unknown = JSON.parse(data);
    if (typeof x === 'object' && x !== null && 'campaign' in x && typeof x.campaign === 'string') return x.campaign;
  } catch {
    // fall through
  }
  return undefined;
}

/**
 * Calls onChange for every `results` event of this campaign (or, with `kind: 'ballot'`, every change
 * of a ballot's turnout or state: `{campaign, ballot}`); returns whether the stream is open.
 */
export function useCampaignStream(campaignId: string | undefined, onChange: (e: ResultsEvent | null) => void, kind: 'results' | 'ballot' = 'results'): boolean {
  const cb = useRef(onChange);
  cb.current = onChange;
  const [open, setOpen] = useState(false);

  useEffect(() => {
    if (!campaignId || typeof EventSource === 'undefined') return;
    const es = new EventSource(streamUrl(campaignId), { withCredentials: true });
    const handle = (ev: MessageEvent<string>) => {
      if (kind === 'ballot') {
        const c = campaignOf(ev.data);
        if (c === undefined || c === campaignId) cb.current(null);
        return;
      }
      const e = parseEvent(ev.data);
      if (e && e.campaign !== campaignId) return;
      cb.current(e);
    };
    es.addEventListener(kind, handle);
    es.onopen = () => setOpen(true);
    es.onerror = () => setOpen(es.readyState === EventSource.OPEN);
    return () => {
      es.removeEventListener(kind, handle);
      es.close();
      setOpen(false);
    };
  }, [campaignId, kind]);

  return open;
}
