// The campaign (summary, spec text and model) that every campaign page needs, plus lookups by id.
import { useMemo } from 'react';
import { getCampaign } from '../api/endpoints.ts';
import type { CampaignDetail, ModelFlag, ModelGroup, ModelIndicator, ModelPair, ModelRule, ModelUnit } from '../api/types.ts';
import { fixed } from '../publication/format.ts';
import { rememberSubject } from '../lib/subject.ts';
import { useAsync, type AsyncState } from './useAsync.ts';

export interface CampaignLookups {
  unit: Map<string, ModelUnit>;
  group: Map<string, ModelGroup>;
  indicator: Map<string, ModelIndicator>;
  flag: Map<string, ModelFlag>;
  rule: Map<string, ModelRule>;
  pair: Map<string, ModelPair>;
  grade: Map<string, { id: string; name: string }>;
  /** who competes (campaign.subject): the wording says 人员 instead of 单位 for persons */
  subject: 'unit' | 'person';
  /** a score with the campaign's decimals (92.4 → 92.40); no score → '—' */
  score: (x: number | null | undefined) => string;
}

export function useCampaign(id: string): AsyncState<CampaignDetail> & { lookups: CampaignLookups | undefined } {
  const state = useAsync(() => getCampaign(id), [id]);
  const model = state.data?.model;
  const lookups = useMemo((): CampaignLookups | undefined => {
    if (!model) return undefined;
    rememberSubject(id, model.subject ?? 'unit');
    const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x]));
    return {
      unit: byId(model.units),
      group: byId(model.groups),
      indicator: byId(model.indicators),
      flag: byId(model.flags),
      rule: byId(model.rules),
      pair: byId(model.pairs),
      grade: byId(model.grades ?? []),
      subject: model.subject ?? 'unit',
      score: (x: number | null | undefined) => (x === null || x === undefined ? '—' : fixed(x, model.precision)),
    };
  }, [model, id]);
  return { ...state, lookups };
}
