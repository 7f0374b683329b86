// Every chart that counts people, hesitations, conversations, responses or searches ticks in whole
// numbers, however small the counts: never "0.5 visitors". Chart.js draws on tests/component/chart-canvas.ts.
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { Chart } from '../../agent-console/analytics/chart-setup';
import { csatChart, escalationsChart, funnelChart, gapsChart, histogramChart } from '../../agent-console/analytics/charts';
import { stubChartCanvas } from './chart-canvas';

stubChartCanvas();

const range = { from: '2026-12-01', to: '2026-12-07' };
const conversion = (hesitations: number, purchased: number) => ({
  hesitations,
  purchased,
  purchaseRate: hesitations ? purchased / hesitations : null,
});

/** The tick values of each scale a chart draws. */
function ticksOf(config: ChartConfiguration): Record<string, number[]> {
  const canvas = document.createElement('canvas');
  document.body.append(canvas);
  const chart = new Chart(canvas, { ...config, options: { ...config.options, responsive: false, animation: false } });
  try {
    return Object.fromEntries(Object.entries(chart.scales).map(([id, scale]) => [id, scale.ticks.map((tick) => tick.value)]));
  } finally {
    chart.destroy();
    canvas.remove();
  }
}

describe('analytics count axes', () => {
  it.each([
    [
      'funnel (visitors)',
      funnelChart({
        ...range,
        atRisk: 0,
        stages: [
          { stage: 'awareness', visitors: 1, fromPrevious: null },
          { stage: 'engagement', visitors: 1, fromPrevious: 1 },
        ],
      }),
      'x',
    ],
    [
      'hesitating buyers (hesitations)',
      escalationsChart({
        ...range,
        prompted: conversion(1, 0),
        notPrompted: conversion(2, 1),
        byOutcome: [{ outcome: 'prompted', ...conversion(1, 0) }],
        byKind: [],
      }),
      'y',
    ],
    [
      'response times (conversations)',
      histogramChart(
        {
          buckets: [
            { upTo: 30, count: 1 },
            { upTo: null, count: 2 },
          ],
          count: 3,
          medianUpTo: null,
          p90UpTo: null,
        },
        'First response',
      ),
      'y',
    ],
    [
      'satisfaction (responses)',
      csatChart({
        ...range,
        interval: 'day',
        series: [{ period: '2026-12-01', responses: 1, average: 5, satisfied: 1 }],
        ratings: [{ rating: 5, count: 1 }],
        average: 5,
      }),
      'responses',
    ],
    [
      'searches without results',
      gapsChart({
        ...range,
        views: 1,
        deflections: 0,
        deflectionRate: 0,
        searches: 2,
        zeroResultSearches: 2,
        gaps: [{ query: 'bitcoin', locale: 'en', searches: 2 }],
      }),
      'x',
    ],
  ] as const)('%s', (_name, config, axis) => {
    const ticks = ticksOf(config)[axis]!;
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.filter((tick) => !Number.isInteger(tick))).toEqual([]);
  });
});
