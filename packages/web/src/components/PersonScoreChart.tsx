// One person's score (bars) and rank among all competitors (line, 1 at the top) over the periods of
// one campaign, drawn as the unit page's trend chart draws a unit's (trendOption); a period not closed
// is labelled as provisional (预计) on the axis.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonPageData } from '../api/people.ts';
import { EChart, type EChartOption } from './EChart.tsx';
import { trendOption } from './TrendChart.tsx';

type Score = PersonPageData['scores'][number];

export function PersonScoreChart({ scores, campaign }: { scores: Score[]; campaign: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartOption => trendOption({
    periods: scores.map((s) => (s.state !== 'closed' ? t('provisional.point', { period: s.period }) : s.period)),
    totals: scores.map((s) => s.total),
    ranks: scores.map((s) => s.rank),
    rankMax: Math.max(...scores.map((s) => s.of)),
    totalName: t('people.person.total'), rankName: t('people.person.rank'), compact: true,
  }), [scores, t]);
  return <EChart option={option} height={300} testId={`person-chart-${campaign}`} renderer="svg" />;
}
