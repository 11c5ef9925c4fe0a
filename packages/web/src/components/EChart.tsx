// A minimal ECharts host: init on mount, setOption on change, resize with its box, dispose on
// unmount. Written here rather than using echarts-for-react, whose ESM build imports `tslib`
// without declaring it (the build fails to resolve it). Only the charts we use are registered,
// which keeps the bundle small.
import { useEffect, useRef } from 'react';
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { LabelLayout } from 'echarts/features';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer, SVGRenderer, LabelLayout]);

export type EChartOption = Parameters<echarts.ECharts['setOption']>[0];

/** `renderer: 'svg'` draws text as SVG text elements (crisp, and measurable by the browser tests) */
export function EChart({ option, height = 300, testId, renderer = 'canvas' }: { option: EChartOption; height?: number; testId?: string; renderer?: 'canvas' | 'svg' }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer });
    chart.current = c;
    const ro = new ResizeObserver(() => c.resize());
    ro.observe(box.current);
    return () => {
      ro.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, [renderer]);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
