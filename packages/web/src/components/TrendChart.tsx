// Total (left axis) and group rank (right axis, 1 at the top) of one unit over the periods.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryPoint } from '../api/types.ts';
import { EChart, type EChartOption } from './EChart.tsx';

const rankOf = (h: HistoryPoint) => h.rank.group;

/**
 * `groupSize` bounds the rank axis, so that rank 1 of 8 is at the top of a scale that ends at 8.
 * `score` prints a total with the campaign's decimals (bar labels and the tooltip).
 */
export function TrendChart({ history, groupSize, score }: { history: HistoryPoint[]; groupSize: number; score: (x: number) => string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartOption => ({
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center', data: [t('unit.totalSeries'), t('unit.rankSeries')] },
    grid: { left: 56, right: 56, top: 56, bottom: 32 },
    xAxis: { type: 'category', data: history.map((h) => h.period) },
    yAxis: [
      { type: 'value', name: t('unit.totalSeries') },
      { type: 'value', name: t('unit.rankSeries'), inverse: true, minInterval: 1, min: 1, max: Math.max(2, groupSize), splitLine: { show: false } },
    ],
    series: [
      {
        name: t('unit.totalSeries'), type: 'bar', barMaxWidth: 28, itemStyle: { color: '#c8161d' },
        data: history.map((h) => h.total),
        label: { show: true, position: 'top', formatter: (p: { value: unknown }) => score(Number(p.value)) },
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? score(v) : String(v ?? '—')) },
      },
      {
        name: t('unit.rankSeries'), type: 'line', yAxisIndex: 1, smooth: false, symbolSize: 8,
        itemStyle: { color: '#1677ff' }, data: history.map(rankOf), label: { show: true, position: 'top', color: '#1677ff', fontWeight: 'bold' },
      },
    ],
  }), [history, groupSize, score, t]);
  return <EChart option={option} height={300} testId="trend-chart" />;
}
