import {
  BarChart,
  LineChart,
  PieChart,
  type BarSeriesOption,
  type LineSeriesOption,
  type PieSeriesOption,
} from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TooltipComponent,
  type GridComponentOption,
  type LegendComponentOption,
  type TooltipComponentOption,
} from 'echarts/components';
import { init, use as registerChartParts, type ComposeOption, type EChartsType } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef, type CSSProperties } from 'react';
import { BRAND_ORANGE } from '../theme';

// Only what the console draws: the full echarts bundle is ~1 MB, these parts a fraction of it.
registerChartParts([LineChart, BarChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = ComposeOption<
  | LineSeriesOption
  | BarSeriesOption
  | PieSeriesOption
  | GridComponentOption
  | LegendComponentOption
  | TooltipComponentOption
>;

/** Series colours: the brand orange first, then antd's blue, green, gold, purple, cyan, magenta, grey. */
export const CHART_COLORS = [BRAND_ORANGE, '#1677ff', '#52c41a', '#faad14', '#722ed1', '#13c2c2', '#eb2f96', '#8c8c8c'];

const BASE_OPTION: ChartOption = {
  color: CHART_COLORS,
  textStyle: { fontFamily: 'inherit' },
  tooltip: { confine: true },
};

interface EChartProps {
  option: ChartOption;
  height?: number;
  style?: CSSProperties;
  'aria-label'?: string;
  'data-testid'?: string;
}

/** An ECharts canvas that follows its container's size and is released when the component goes away. */
export function EChart({ option, height = 300, style, 'aria-label': ariaLabel, 'data-testid': testId }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const instance = init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    // The container, not the window: a collapsed sidebar or a tab switch resizes it without a window resize.
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    // A new option replaces the old one entirely (a removed series must disappear).
    chart.current?.setOption({ ...BASE_OPTION, ...option }, { notMerge: true });
  }, [option]);

  return (
    <div
      ref={container}
      role="img"
      aria-label={ariaLabel}
      data-testid={testId}
      style={{ width: '100%', height, ...style }}
    />
  );
}
