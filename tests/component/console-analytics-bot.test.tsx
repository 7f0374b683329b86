// The Analytics page's answer-bot chart (issue 16): answered, confirmed, assumed and handed off per day,
// confirmed and assumed kept apart, totals and shares of the answers, CSV export, an empty state, and
// axis ticks in whole answers. Chart.js draws on tests/component/chart-canvas.ts.
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AnalyticsPage } from '../../agent-console/analytics/AnalyticsPage';
import { Chart } from '../../agent-console/analytics/chart-setup';
import { botChart } from '../../agent-console/analytics/charts';
import type { BotReport } from '../../shared/contract/analytics';
import { stubChartCanvas } from './chart-canvas';

vi.setConfig({ testTimeout: 20_000 });

stubChartCanvas();
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const day = (period: string, answered: number, confirmed: number, assumed: number, handedOff: number) => ({
  period,
  answered,
  confirmed,
  assumed,
  handedOff,
});
const REPORT: BotReport = {
  from: '2026-11-30',
  to: '2026-12-03',
  interval: 'day',
  series: [day('2026-11-30', 0, 0, 0, 0), day('2026-12-01', 1, 1, 0, 0), day('2026-12-02', 2, 0, 1, 0), day('2026-12-03', 1, 0, 0, 1)],
  totals: { answered: 4, confirmed: 1, assumed: 1, handedOff: 1 },
  confirmedRate: 0.25,
  assumedRate: 0.25,
  handedOffRate: 0.25,
};
const EMPTY: BotReport = {
  ...REPORT,
  series: REPORT.series.map((p) => day(p.period, 0, 0, 0, 0)),
  totals: { answered: 0, confirmed: 0, assumed: 0, handedOff: 0 },
  confirmedRate: null,
  assumedRate: null,
  handedOffRate: null,
};

/** The server: the bot report as given; the other reports fail (their cards are not under test). */
function serve(report: BotReport) {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      asked.push(url);
      const ok = url.startsWith('/api/analytics/bot?');
      return new Response(JSON.stringify(ok ? report : { error: { code: 'internal', message: 'not under test' } }), {
        status: ok ? 200 : 500,
        headers: { 'content-type': 'application/json' },
      });
    }),
  );
  return asked;
}

describe('Analytics: the answer bot chart', () => {
  it('shows the totals and the shares of the answers, confirmed and assumed apart, with the CSV of the range', async () => {
    const asked = serve(REPORT);
    render(<AnalyticsPage />);
    const card = await screen.findByRole('article', { name: 'Answer bot' });
    const chart = (await within(card).findByRole('img')) as HTMLCanvasElement;
    expect(chart.getAttribute('aria-label')).toBe('Answer bot per day: 4 answered, 1 confirmed, 1 assumed, 1 handed off');
    expect(card.querySelector('.analytics-card__lead')!.textContent).toBe(
      'Of 4 questions the bot answered, 25 % were confirmed resolved (“That helped”) and 25 % assumed resolved (no further message and no hand-off); 25 % were handed off to a person; 1 has no outcome yet.',
    );
    const figures = within(card.querySelector<HTMLElement>('dl[aria-label="Answer bot totals"]')!);
    const figure = (term: string) => figures.getByText(term).nextElementSibling!.textContent;
    expect(figure('Answered')).toBe('4');
    expect(figure('Confirmed (“That helped”)')).toBe('1 25 % of answered');
    expect(figure('Assumed (quiet after the answer)')).toBe('1 25 % of answered');
    expect(figure('Handed off to a person')).toBe('1 25 % of answered');

    const [from, to] = [asked[0]!.match(/from=([\d-]+)/)![1], asked[0]!.match(/to=([\d-]+)/)![1]];
    expect(asked.filter((url) => url.startsWith('/api/analytics/bot?'))).toEqual([`/api/analytics/bot?from=${from}&to=${to}`]);
    expect(within(card).getByRole('link', { name: 'Export CSV' }).getAttribute('href')).toBe(
      `/api/analytics/bot.csv?from=${from}&to=${to}`,
    );

    // Drawn: one line of answers, and each outcome as a bar of its own, never one "resolved".
    await waitFor(() => expect(chart.dataset.chartReady).toBe('true'));
    const drawn = Chart.getChart(chart)!;
    expect(drawn.data.labels).toEqual(['11-30', '12-01', '12-02', '12-03']);
    expect(drawn.data.datasets.map((d) => [d.type, d.label, d.data])).toEqual([
      ['line', 'Answered', [0, 1, 2, 1]],
      ['bar', 'Confirmed (“That helped”)', [0, 1, 0, 0]],
      ['bar', 'Assumed (quiet after the answer)', [0, 0, 1, 0]],
      ['bar', 'Handed off to a person', [0, 0, 0, 1]],
    ]);
    expect((drawn.options.scales!.y as { stacked?: boolean }).stacked ?? false).toBe(false);
    // Whole answers on the axis, however small the counts.
    const ticks = drawn.scales.y!.ticks.map((tick) => tick.value);
    expect(ticks.length).toBeGreaterThan(1);
    expect(ticks.every(Number.isInteger)).toBe(true);
  });

  it('keeps the ticks whole for one answer in a month, and counts per week for long ranges', () => {
    const canvas = document.createElement('canvas');
    document.body.append(canvas);
    const one: BotReport = { ...REPORT, series: [day('2026-12-01', 1, 1, 0, 0)], totals: { ...REPORT.totals, answered: 1 } };
    const chart = new Chart(canvas, { ...botChart(one), options: { ...botChart(one).options, responsive: false, animation: false } });
    try {
      const ticks = chart.scales.y!.ticks.map((tick) => tick.value);
      expect(ticks).toEqual([0, 1]);
      expect(chart.scales.y!.ticks.map((tick) => tick.label)).toEqual(['0', '1']);
    } finally {
      chart.destroy();
      canvas.remove();
    }
    const weekly = botChart({ ...REPORT, interval: 'week' });
    expect((weekly.options!.scales!.y as { title: { text: string } }).title.text).toBe('answers per week');
  });

  it('says when the range has no answers', async () => {
    serve(EMPTY);
    render(<AnalyticsPage />);
    const card = await screen.findByRole('article', { name: 'Answer bot' });
    expect(await within(card).findByText('No data in this range yet.')).toBeTruthy();
    expect(within(card).queryByRole('img')).toBeNull();
    expect(within(card).getByRole('link', { name: 'Export CSV' })).toBeTruthy();
  });
});
