// One person's score (bars) and rank among all competitors (line, 1 at the top) over the periods of
// one campaign, as the unit page's trend chart draws a unit's; a period not closed is labelled as
// provisional (预计) on the axis.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { PersonPageData } from '../api/people.ts';
import { EChart, type EChartOption } from './EChart.tsx';

type Score = PersonPageData['scores'][number];

export function PersonScoreChart({ scores, campaign }: { scores: Score[]; campaign: string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartOption => {
    const periods = scores.map((s) => (s.state !== 'closed' ? t('provisional.point', { period: s.period }) : s.period));
    const of = Math.max(2, ...scores.map((s) => s.of));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 'center', data: [t('people.person.total'), t('people.person.rank')] },
      grid: [
        { left: 56, right: 24, top: 36, height: 110 },
        { left: 56, right: 24, top: 190, height: 80 },
      ],
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      xAxis: [
        { type: 'category', gridIndex: 0, data: periods, axisLabel: { show: false } },
        { type: 'category', gridIndex: 1, data: periods, axisLabel: { hideOverlap: true, interval: 0, rotate: periods.length > 8 ? 30 : 0 } },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, name: t('people.person.total') },
        { type: 'value', gridIndex: 1, name: t('people.person.rank'), inverse: true, minInterval: 1, min: 1, max: of, splitLine: { show: false } },
      ],
      series: [
        {
          name: t('people.person.total'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 28, itemStyle: { color: '#c8161d' },
          data: scores.map((s) => s.total), label: { show: true, position: 'top' }, labelLayout: { hideOverlap: true },
        },
        {
          name: t('people.person.rank'), type: 'line', xAxisIndex: 1, yAxisIndex: 1, symbolSize: 8, itemStyle: { color: '#1677ff' },
          data: scores.map((s) => s.rank), label: { show: true, position: 'right', color: '#1677ff', fontWeight: 'bold' }, labelLayout: { hideOverlap: true },
        },
      ],
    };
  }, [scores, t]);
  return <EChart option={option} height={300} testId={`person-chart-${campaign}`} renderer="svg" />;
}
