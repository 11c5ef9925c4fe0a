// The live preview of the reporter's form: a short while after the typing stops, the values being
// typed go to the preview route, which scores them with the engine (nothing is stored). A newer
// request cancels the one in flight, so the answer shown is always for the latest values. The
// last good preview stays on screen while a value is one the engine refuses (its issues come back
// as `issues`, by indicator).
import { useCallback, useEffect, useState } from 'react';
import { previewFigures } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import type { FigurePreview, Issue } from '../api/types.ts';

const DEBOUNCE_MS = 300;

export interface FormPreview {
  preview: FigurePreview | undefined;
  /** a preview is on its way for the latest values */
  pending: boolean;
  /** the engine's issues with the typed values, by indicator */
  issues: Map<string, Issue[]>;
  error: Error | undefined;
  reload: () => void;
}

export function useFormPreview(campaignId: string, unit: string, period: string | undefined, values: Record<string, string | null>, enabled: boolean): FormPreview {
  const [preview, setPreview] = useState<FigurePreview | undefined>(undefined);
  const [pending, setPending] = useState(false);
  const [issues, setIssues] = useState<Map<string, Issue[]>>(new Map());
  const [error, setError] = useState<Error | undefined>(undefined);
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(values);

  useEffect(() => {
    if (!enabled || !period) return undefined;
    const ctrl = new AbortController();
    const sent = JSON.parse(key) as Record<string, string | null>;
    setPending(true);
    const timer = setTimeout(() => {
      previewFigures(campaignId, { unit, period, values: sent }, ctrl.signal)
        .then((p) => {
          setPreview(p);
          setIssues(new Map());
          setError(undefined);
        })
        .catch((e: unknown) => {
          if (ctrl.signal.aborted) return;
          if (e instanceof ApiError && e.code === 'data_invalid') {
            // each issue names the figure it is about
            const byIndicator = new Map<string, Issue[]>();
            for (const i of e.issues) {
              const ind = i.indicator;
              if (ind) byIndicator.set(ind, [...(byIndicator.get(ind) ?? []), i]);
            }
            setIssues(byIndicator);
            setError(undefined);
          } else {
            setError(e instanceof Error ? e : new Error(String(e)));
          }
        })
        .finally(() => {
          if (!ctrl.signal.aborted) setPending(false);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [campaignId, unit, period, key, enabled, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { preview: preview && preview.period === period && preview.unit === unit ? preview : undefined, pending, issues, error, reload };
}
