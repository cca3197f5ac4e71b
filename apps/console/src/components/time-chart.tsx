/**
 * A time series chart (uPlot: small, maintained, canvas). The canvas is described for screen readers by a summary
 * and an optional data table; the chart resizes with its container, so it fits a phone and a wide screen alike.
 */
import { Box } from '@mantine/core';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

const COLOURS = ['#364fc7', '#e8590c', '#2b8a3e', '#c2255c', '#5f3dc4', '#0b7285', '#862e9c', '#5c940d', '#a61e4d'];

export type TimeSeries = { label: string; values: number[] };

export function TimeChart(props: {
  /** Bucket starts (ISO), shared by every series. */
  times: string[];
  series: TimeSeries[];
  label: string;
  height?: number;
}) {
  const container = useRef<HTMLDivElement>(null);
  const { times, series, label, height = 240 } = props;
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const data: uPlot.AlignedData = [times.map((t) => Date.parse(t) / 1000), ...series.map((s) => s.values)];
    const chart = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height,
        series: [
          {},
          ...series.map((s, i) => ({
            label: s.label,
            stroke: COLOURS[i % COLOURS.length],
            width: 2,
            points: { show: times.length < 60 },
          })),
        ],
        axes: [{}, { size: 50 }],
        scales: { y: { range: (_u, _min, max) => [0, Math.max(1, max)] } },
        legend: { live: false },
      },
      data,
      element,
    );
    const observer = new ResizeObserver(() => chart.setSize({ width: Math.max(element.clientWidth, 200), height }));
    observer.observe(element);
    return () => {
      observer.disconnect();
      chart.destroy();
    };
  }, [times, series, height]);
  return <Box ref={container} role="img" aria-label={label} data-testid="time-chart" />;
}
