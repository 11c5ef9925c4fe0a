// Total (upper chart) and rank (lower chart, 1 at the top) over the periods: a unit's on its page, a
// person's per campaign on theirs. The two series sit in two grids one above the other, so their
// labels never overlap each other; a period not closed yet is labelled as provisional (预计) on the axis.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryPoint } from '../api/types.ts';
import { EChart, type EChartOption } from './EChart.tsx';

export interface TrendSeries {
  /** axis labels, a provisional period already marked */
  periods: string[];
  totals: (number | null)[];
  ranks: (number | null)[];
  /** the rank axis ends here (rank 1 of 8 is at the top of a scale that ends at 8) */
  rankMax: number;
  totalName: string;
  rankName: string;
  /** prints a total (bar labels and the tooltip); default as it is */
  score?: (x: number) => string;
  /** a shorter chart (two stacked grids of 110 and 80 px instead of 150 and 110) */
  compact?: boolean;
}

/** The chart's option: total bars above, the rank line below. */
export function trendOption(s: TrendSeries): EChartOption {
  const score = s.score ?? String;
  const [top, mid] = s.compact ? [{ top: 36, height: 110 }, { top: 190, height: 80 }] : [{ top: 40, height: 150 }, { top: 240, height: 110 }];
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0, left: 'center', data: [s.totalName, s.rankName] },
    grid: [{ left: 64, right: 24, ...top }, { left: 64, right: 24, ...mid }],
    axisPointer: { link: [{ xAxisIndex: 'all' }] },
    xAxis: [
      { type: 'category', gridIndex: 0, data: s.periods, axisLabel: { show: false } },
      { type: 'category', gridIndex: 1, data: s.periods, axisLabel: { hideOverlap: true, interval: 0, rotate: s.periods.length > 8 ? 30 : 0 } },
    ],
    yAxis: [
      { type: 'value', gridIndex: 0, name: s.totalName },
      { type: 'value', gridIndex: 1, name: s.rankName, inverse: true, minInterval: 1, min: 1, max: Math.max(2, s.rankMax), splitLine: { show: false } },
    ],
    series: [
      {
        name: s.totalName, type: 'bar', xAxisIndex: 0, yAxisIndex: 0, barMaxWidth: 28, itemStyle: { color: '#c8161d' },
        data: s.totals,
        label: { show: true, position: 'top', formatter: (p: { value: unknown }) => score(Number(p.value)) },
        labelLayout: { hideOverlap: true },
        tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? score(v) : String(v ?? '—')) },
      },
      {
        name: s.rankName, type: 'line', xAxisIndex: 1, yAxisIndex: 1, smooth: false, symbolSize: 8,
        itemStyle: { color: '#1677ff' }, data: s.ranks,
        label: { show: true, position: 'right', color: '#1677ff', fontWeight: 'bold' },
        labelLayout: { hideOverlap: true },
      },
    ],
  };
}

/**
 * A unit's total and group rank. `groupSize` bounds the rank axis; `score` prints a total with the
 * campaign's decimals.
 */
export function TrendChart({ history, groupSize, score }: { history: HistoryPoint[]; groupSize: number; score: (x: number) => string }) {
  const { t } = useTranslation();
  const option = useMemo((): EChartOption => trendOption({
    periods: history.map((h) => (h.state && h.state !== 'closed' ? t('provisional.point', { period: h.period }) : h.period)),
    totals: history.map((h) => h.total),
    ranks: history.map((h) => h.rank.group),
    rankMax: groupSize, totalName: t('unit.totalSeries'), rankName: t('unit.rankSeries'), score,
  }), [history, groupSize, score, t]);
  return <EChart option={option} height={400} testId="trend-chart" renderer="svg" />;
}
