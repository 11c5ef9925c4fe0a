// Live publication: the public and kiosk streams send `event: publication` ({campaign, period,
// bulletin, version}) whenever a bulletin is published, from whichever server process published it.
// We only refetch. EventSource reconnects by itself after a dropped connection, but gives up for
// good when the server answers with an error (restarting, or a revoked kiosk token): then we open
// a new one a little later, since a lobby screen runs unattended for months. Every `ready` after
// the first means we were away and may have missed a publication, so it refetches too.
import { useEffect, useRef, useState } from 'react';
import type { PublicationEvent } from '../api/types.ts';

const REOPEN_MS = 10_000;
/** after the server said the stream was interrupted (its database went away) */
const RETRY_INTERRUPTED_MS = 3_000;

function parse(data: string): PublicationEvent | null {
  try {
    const x: unknown = JSON.parse(data);
    if (typeof x === 'object' && x !== null && 'campaign' in x && typeof x.campaign === 'string') return x as PublicationEvent;
  } catch {
    // a malformed event still means "something was published"
  }
  return null;
}

/** Calls onChange for every publication (and after a reconnect or a failure); returns whether the stream is open. */
export function usePublicationStream(url: string | undefined, onChange: (e: PublicationEvent | null) => void): boolean {
  const cb = useRef(onChange);
  cb.current = onChange;
  const readies = useRef(0);
  const [open, setOpen] = useState(false);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!url || typeof EventSource === 'undefined') return;
    const es = new EventSource(url);
    let reopen: ReturnType<typeof setTimeout> | undefined;
    const onPub = (ev: MessageEvent<string>) => cb.current(parse(ev.data));
    const onReady = () => {
      readies.current += 1;
      setOpen(true);
      if (readies.current > 1) cb.current(null);
    };
    // the server lost its database: what we show is no longer live; try again shortly
    const onInterrupted = () => {
      setOpen(false);
      es.close();
      if (!reopen) reopen = setTimeout(() => setAttempt((n) => n + 1), RETRY_INTERRUPTED_MS);
    };
    es.addEventListener('publication', onPub);
    es.addEventListener('ready', onReady);
    es.addEventListener('interrupted', onInterrupted);
    es.onerror = () => {
      setOpen(es.readyState === EventSource.OPEN);
      if (es.readyState === EventSource.CLOSED && !reopen) {
        // the page shows why (e.g. the token was revoked) once it refetches
        cb.current(null);
        reopen = setTimeout(() => setAttempt((n) => n + 1), REOPEN_MS);
      }
    };
    return () => {
      if (reopen) clearTimeout(reopen);
      es.removeEventListener('publication', onPub);
      es.removeEventListener('ready', onReady);
      es.removeEventListener('interrupted', onInterrupted);
      es.close();
      setOpen(false);
    };
  }, [url, attempt]);

  return open;
}
