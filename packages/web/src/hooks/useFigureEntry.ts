// The figures of one period and saving them one cell at a time (PUT /figures). A refused save
// keeps the typed text and remembers the API's message for that cell; the server recomputes the
// results in the same transaction, and the stream tells every open leaderboard.
import { useCallback, useMemo, useState } from 'react';
import { getFigures, putFigure } from '../api/endpoints.ts';
import { ApiError } from '../api/client.ts';
import type { Figure, Issue } from '../api/types.ts';
import { useAsync } from './useAsync.ts';
import { useLang } from '../i18n/LocaleProvider.tsx';

/** In a figure's own cell the row of its issue means nothing: the API gives the message without it. */
export function cellMessage(issue: Issue, lang: 'zh' | 'en'): string {
  return (lang === 'en' ? issue.detail : issue.detailZh) ?? (lang === 'en' ? issue.message : issue.messageZh);
}

export const cellKey = (unit: string, indicator: string) => `${unit}\u0000${indicator}`;

export interface CellState {
  saving?: boolean;
  error?: string;
  /** the text the user typed that the API refused, kept so they can correct it */
  draft?: string;
  justSaved?: boolean;
  /** refused for want of an explanation: the unit's form is where one is given */
  needsForm?: boolean;
}

/** `onLocked`: a save was refused because the period is closed or in verification (someone moved
 *  it meanwhile): the page reloads the period's state so the cells lock. */
export function useFigureEntry(campaignId: string, period: string | undefined, onLocked?: () => void) {
  const { lang } = useLang();
  const loaded = useAsync(
    () => (period ? getFigures(campaignId, period) : Promise.resolve({ figures: [] as Figure[] })),
    [campaignId, period ?? ''],
  );
  // figures saved in this session, over what was loaded
  const [local, setLocal] = useState<Map<string, Figure | null>>(new Map());
  const [cells, setCells] = useState<Map<string, CellState>>(new Map());
  const [forPeriod, setForPeriod] = useState(period);
  if (forPeriod !== period) {
    // another period: forget the previous period's edits (render-time reset, no effect needed)
    setForPeriod(period);
    setLocal(new Map());
    setCells(new Map());
  }

  const figures = useMemo(() => {
    const m = new Map<string, Figure>();
    for (const f of loaded.data?.figures ?? []) m.set(cellKey(f.unit, f.indicator), f);
    for (const [k, f] of local) {
      if (f) m.set(k, f);
      else m.delete(k);
    }
    return m;
  }, [loaded.data, local]);

  const reload = loaded.reload;
  const setCell = (k: string, s: CellState) => setCells((prev) => new Map(prev).set(k, s));

  const save = useCallback(async (unit: string, indicator: string, text: string) => {
    if (!period) return;
    const k = cellKey(unit, indicator);
    const value = text.trim() === '' ? null : text.trim();
    if (value === null && !figures.has(k)) {
      // emptied a cell that holds nothing stored (say, after a refused value): nothing to clear
      setCell(k, {});
      return;
    }
    setCell(k, { saving: true, draft: text });
    try {
      const version = figures.get(k)?.version ?? null;
      const r = await putFigure(campaignId, { unit, indicator, period, value, version });
      setLocal((prev) => new Map(prev).set(k, value === null ? null : (r?.figure ?? null)));
      setCell(k, { justSaved: true });
    } catch (e) {
      let msg = e instanceof Error ? e.message : String(e);
      if (e instanceof ApiError && e.issues.length > 0) {
        msg = e.issues.map((i) => cellMessage(i, lang)).join('；');
      }
      setCell(k, { error: msg, draft: text, needsForm: e instanceof ApiError && e.code === 'explanation_required' });
      if (e instanceof ApiError && e.code === 'period_locked') onLocked?.();
      if (e instanceof ApiError && e.code === 'conflict') {
        // someone else saved this figure meanwhile: show their value (the message names it) and
        // edit on top of it from now on, never silently over it
        setLocal((prev) => {
          const next = new Map(prev);
          next.delete(k);
          return next;
        });
        reload();
      }
    }
  }, [campaignId, period, lang, figures, reload, onLocked]);

  return { loading: loaded.loading, ready: loaded.data !== undefined, error: loaded.error, figures, cells, save, reload: loaded.reload };
}
