import type { ChartConfiguration } from 'chart.js';
import type {
  BotReport,
  CsatReport,
  EscalationsReport,
  FunnelReport,
  Histogram,
  HesitationOutcome,
  KbReport,
} from '../../shared/contract/analytics';

const BRAND = '#1d5bd8';
const BRAND_SOFT = '#9db8f0';
const SUCCESS = '#15803d';
const MUTED = '#b6bfcc';

/** An axis that counts people, answers or searches: whole ticks only (never "0.5 visitors"). */
const countAxis = (title: string) => ({ beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: title } });

/** A value per period drawn as a line over bars; monotone, so it never dips below or above its points. */
const periodLine = (label: string, data: Array<number | null>) => ({
  type: 'line' as const,
  label,
  data,
  borderColor: BRAND,
  backgroundColor: BRAND,
  cubicInterpolationMode: 'monotone' as const,
  pointRadius: 2,
});

export const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)} %`);
const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1).replaceAll('_', ' ');

/** `≤ 30 s`, `≤ 2 min`, `≤ 4 h`, `≤ 3 d`; the open bucket is `> ` the last bound. */
export function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h`;
  return `${Math.round(seconds / 86_400)} d`;
}
export function bucketLabels(h: Histogram): string[] {
  const bounds = h.buckets.map((b) => b.upTo);
  return bounds.map((upTo, i) => (upTo === null ? `> ${duration(bounds[i - 1]!)}` : `≤ ${duration(upTo)}`));
}

export function funnelChart(r: FunnelReport): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: r.stages.map((s) => capitalized(s.stage)),
      datasets: [
        {
          label: 'Visitors',
          data: r.stages.map((s) => s.visitors),
          backgroundColor: r.stages.map((_, i) => (i < 3 ? BRAND_SOFT : BRAND)),
          borderRadius: 4,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            afterLabel: (item) => {
              const share = r.stages[item.dataIndex]?.fromPrevious ?? null;
              return share === null ? '' : `${percent(share)} of the stage before`;
            },
          },
        },
      },
      scales: { x: countAxis('visitors') },
    },
  };
}

export const OUTCOME_LABELS: Record<HesitationOutcome, string> = {
  prompted: 'Prompted',
  below_threshold: 'Intent below threshold',
  capped: 'Frequency cap',
  in_chat: 'Already chatting',
};

export function escalationsChart(r: EscalationsReport): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: r.byOutcome.map((o) => OUTCOME_LABELS[o.outcome]),
      datasets: [
        { label: 'Hesitations', data: r.byOutcome.map((o) => o.hesitations), backgroundColor: MUTED, borderRadius: 4 },
        { label: 'Ordered within 24 h', data: r.byOutcome.map((o) => o.purchased), backgroundColor: SUCCESS, borderRadius: 4 },
      ],
    },
    options: {
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: { footer: (items) => `${percent(r.byOutcome[items[0]?.dataIndex ?? 0]?.purchaseRate ?? null)} ordered within 24 h` },
        },
      },
      scales: { y: countAxis('hesitations') },
    },
  };
}

export function histogramChart(h: Histogram, label: string): ChartConfiguration {
  return {
    type: 'bar',
    data: { labels: bucketLabels(h), datasets: [{ label, data: h.buckets.map((b) => b.count), backgroundColor: BRAND, borderRadius: 4 }] },
    options: {
      plugins: { legend: { display: false } },
      scales: { y: countAxis('conversations') },
    },
  };
}

export function csatChart(r: CsatReport): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: r.series.map((p) => p.period.slice(5)),
      datasets: [
        {
          ...periodLine(
            'Average rating',
            r.series.map((p) => p.average),
          ),
          yAxisID: 'rating',
        },
        {
          type: 'bar',
          label: 'Responses',
          data: r.series.map((p) => p.responses),
          backgroundColor: MUTED,
          yAxisID: 'responses',
          borderRadius: 3,
        },
      ],
    },
    options: {
      plugins: { legend: { position: 'bottom' } },
      scales: {
        rating: { position: 'left', min: 1, max: 5, title: { display: true, text: 'average (1–5)' } },
        responses: { ...countAxis(`responses per ${r.interval}`), position: 'right', grid: { drawOnChartArea: false } },
      },
    },
  };
}

export function gapsChart(r: KbReport): ChartConfiguration {
  return {
    type: 'bar',
    data: {
      labels: r.gaps.map((g) => `${g.query} (${g.locale})`),
      datasets: [{ label: 'Searches without results', data: r.gaps.map((g) => g.searches), backgroundColor: '#d97706', borderRadius: 4 }],
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: countAxis('searches without results') },
    },
  };
}

/** The answer bot's outcomes, each its own colour: confirmed and assumed resolutions are never one "resolved". */
export const BOT_SERIES = [
  { key: 'confirmed', label: 'Confirmed (“That helped”)', color: SUCCESS },
  { key: 'assumed', label: 'Assumed (quiet after the answer)', color: '#7cc49a' },
  { key: 'handedOff', label: 'Handed off to a person', color: '#d97706' },
] as const satisfies ReadonlyArray<{ key: keyof BotReport['totals']; label: string; color: string }>;

/** Answers per period as a line, and beside it each outcome as its own bar (side by side, not stacked). */
export function botChart(r: BotReport): ChartConfiguration {
  const answered = (i: number) => r.series[i]?.answered ?? 0;
  return {
    type: 'bar',
    data: {
      labels: r.series.map((p) => p.period.slice(5)),
      datasets: [
        periodLine(
          'Answered',
          r.series.map((p) => p.answered),
        ),
        ...BOT_SERIES.map(({ key, label, color }) => ({
          type: 'bar' as const,
          label,
          data: r.series.map((p) => p[key]),
          backgroundColor: color,
          borderRadius: 3,
        })),
      ],
    },
    options: {
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            afterLabel: (item) =>
              item.datasetIndex === 0 || answered(item.dataIndex) === 0
                ? ''
                : `${percent((item.parsed.y ?? 0) / answered(item.dataIndex))} of the answers`,
          },
        },
      },
      scales: { y: countAxis(`answers per ${r.interval}`) },
    },
  };
}
