import { Histogram, type Registry } from 'prom-client';

/** How often the loop is sampled: a timer that fires late by X measures X of lag. */
const SAMPLE_MS = 250;
const BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * A histogram of the event loop's lag: every 250 ms a timer notes how late it fired. The default
 * `nodejs_eventloop_lag_*` gauges give the percentiles of the last interval; this one can be
 * aggregated over any window and across processes.
 */
export class EventLoopLag {
  private readonly histogram: Histogram;
  private timer: NodeJS.Timeout | undefined;

  constructor(registry: Registry, name: string) {
    this.histogram = new Histogram({
      name,
      help: `How late a timer due every ${SAMPLE_MS} ms fired: the event loop's lag, sampled four times a second.`,
      buckets: BUCKETS,
      registers: [registry],
    });
  }

  start(): void {
    let expected = performance.now() + SAMPLE_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      this.histogram.observe(Math.max(0, now - expected) / 1000);
      expected = now + SAMPLE_MS;
    }, SAMPLE_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
