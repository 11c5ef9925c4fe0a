// Total (upper chart) and group rank (lower chart, 1 at the top) of one unit over the periods. The
// two series sit in two grids one above the other, so their labels never overlap each other; a
// period not closed yet is labelled as provisional (预计) on the axis.
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
  const option = useMemo((): EChartOption => {
    const periods = history.map((h) => (h.state && h.state !== 'closed' ? t('provisional.point', { period: h.period }) : h.period));
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, left: 'center', data: [t('unit.totalSeries'), t('unit.rankSeries')] },
      grid: [
        { left: 64, right: 24, top: 40, height: 150 },
        { left: 64, right: 24, top: 240, height: 110 },
      ],
      axisPointer: { link: [{ xAxisIndex: 'all' }] },
      xAxis: [
        { type: 'category', gridIndex: 0, data: periods, axisLabel: { show: false } },
        { type: 'category', gridIndex: 1, data: periods, axisLabel: { hideOverlap: true, interval: 0, rotate: periods.length > 8 ? 30 : 0 } },
      ],
      yAxis: [
        { type: 'value', gridIndex: 0, name: t('unit.totalSeries') },
        { type: 'value', gridIndex: 1, name: t('unit.rankSeries'), inverse: true, minInterval: 1, min: 1, max: Math.max(2, groupSize), splitLine: { show: false } },
      ],
      series: [
        {
          name: t('unit.totalSeries'), type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 28, itemStyle: { color: '#c8161d' },
          data: history.map((h) => h.total),
          label: { show: true, position: 'top', formatter: (p: { value: unknown }) => score(Number(p.value)) },
          labelLayout: { hideOverlap: true },
          tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? score(v) : String(v ?? '—')) },
        },
        {
          name: t('unit.rankSeries'), type: 'line', xAxisIndex: 1, yAxisIndex: 1, smooth: false, symbolSize: 8,
          itemStyle: { color: '#1677ff' }, data: history.map(rankOf),
          label: { show: true, position: 'right', color: '#1677ff', fontWeight: 'bold' },
          labelLayout: { hideOverlap: true },
        },
      ],
    };
  }, [history, groupSize, score, t]);
  return <EChart option={option} height={400} testId="trend-chart" renderer="svg" />;
}
