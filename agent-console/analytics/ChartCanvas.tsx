import type { ChartConfiguration, ChartType } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';

interface ChartCanvasProps {
  config: ChartConfiguration;
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  height?: number;
}

/** A Chart.js chart; the library is fetched the first time any chart is shown. */
export function ChartCanvas({ config, label, height = 240 }: ChartCanvasProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let chart: { destroy(): void } | null = null;
    let live = true;
    import('./chart-setup').then(
      ({ Chart }) => {
        if (!live || !canvas.current) return;
        // The chart type is given, not inferred: inferring it from this spread (a union over every chart
        // type's deeply partial options) was most of the console's type check (~8 of 13 s).
        const sized: ChartConfiguration = { ...config, options: { responsive: true, maintainAspectRatio: false, ...config.options } };
        chart = new Chart<ChartType>(canvas.current, sized);
        canvas.current.dataset.chartReady = 'true';
      },
      () => live && setFailed(true),
    );
    return () => {
      live = false;
      chart?.destroy();
    };
  }, [config]);
  if (failed) return <p class="notice">The chart library could not be loaded. Reload the page to try again.</p>;
  return (
    <div class="analytics-chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
