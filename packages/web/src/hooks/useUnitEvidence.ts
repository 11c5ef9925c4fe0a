// The evidence files of a unit's period, by indicator, with attaching and removing. Files may be
// attached before the figure is submitted: they belong to the figure's key.
import { useMemo } from 'react';
import { getUnitEvidence, removeEvidence, uploadEvidence } from '../api/endpoints.ts';
import type { FigureEvidence } from '../api/types.ts';
import { useAsync } from './useAsync.ts';

export function useUnitEvidence(campaignId: string, unit: string, period: string | undefined, enabled: boolean) {
  const loaded = useAsync(
    () => (enabled && period ? getUnitEvidence(campaignId, unit, period) : Promise.resolve({ evidence: [] as FigureEvidence[] })),
    [campaignId, unit, period ?? '', enabled],
  );
  const byIndicator = useMemo(() => {
    const m = new Map<string, FigureEvidence[]>();
    for (const e of loaded.data?.evidence ?? []) m.set(e.indicator, [...(m.get(e.indicator) ?? []), e]);
    return m;
  }, [loaded.data]);
  const { reload } = loaded;

  const attach = async (indicator: string, file: File) => {
    if (!period) return;
    await uploadEvidence(campaignId, { unit, indicator, period }, file);
    reload();
  };
  const remove = async (evidenceId: string) => {
    await removeEvidence(evidenceId);
    reload();
  };
  return { byIndicator, error: loaded.error, ready: loaded.data !== undefined, attach, remove, reload };
}
