// 走势: the overall rank of the current top ten over the published periods (ECharts, rank 1 on top).
import { useMemo } from 'react';
import { useSubjectTranslation } from '../../lib/subject.ts';
import type { KioskView } from '../../api/types.ts';
import { EChart, type EChartOption } from '../../components/EChart.tsx';

const PALETTE = ['#ff4d4f', '#ffc53d', '#40a9ff', '#73d13d', '#b37feb', '#ff9c6e', '#36cfc9', '#f759ab', '#bae637', '#d9d9d9'];

export function TrendPanel({ view }: { view: KioskView }) {
  const { t } = useSubjectTranslation();
  const option = useMemo((): EChartOption => {
    const latest = view.latest?.content.overall ?? [];
    const top = latest.slice(0, 10);
    const periods = view.periods;
    const max = Math.max(2, latest.length);
    return {
      animation: false,
      color: PALETTE,
      textStyle: { color: '#e8e8e8', fontSize: 22 },
      legend: { top: 0, textStyle: { color: '#e8e8e8', fontSize: 24 }, itemWidth: 36, itemHeight: 18, data: top.map((r) => r.name) },
      grid: { left: 90, right: 60, top: 110, bottom: 70 },
      xAxis: { type: 'category', data: periods.map((p) => p.label || p.period), axisLabel: { color: '#e8e8e8', fontSize: 24 }, axisLine: { lineStyle: { color: '#666' } } },
      yAxis: {
        type: 'value', inverse: true, min: 1, max, minInterval: 1, name: t('screen.rankAxis'), nameLocation: 'start',
        nameTextStyle: { color: '#bbb', fontSize: 22 }, axisLabel: { color: '#e8e8e8', fontSize: 22 }, splitLine: { lineStyle: { color: '#333' } },
      },
      series: top.map((r) => ({
        name: r.name, type: 'line', symbolSize: 14, lineStyle: { width: 5 },
        data: periods.map((p) => p.overall.find((o) => o.unit === r.unit)?.rank ?? null),
        endLabel: { show: true, formatter: '{a}', color: 'inherit', fontSize: 20 },
      })),
    };
  }, [view, t]);
  return (
    <div className="scr-trend" data-testid="screen-trend">
      <div className="scr-card-title">{t('screen.trendTitle')}</div>
      <EChart option={option} height={700} testId="screen-trend-chart" />
    </div>
  );
}
