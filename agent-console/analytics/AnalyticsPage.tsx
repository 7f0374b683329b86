import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { AnalyticsReportName, AnalyticsReports } from '../../shared/contract/analytics';
import { csvUrl, lastDays, type DateRange } from '../api/analytics-api';
import { ChartCanvas } from './ChartCanvas';
import { BOT_SERIES, botChart, csatChart, duration, escalationsChart, funnelChart, gapsChart, histogramChart, percent } from './charts';
import { useReport } from './use-report';

const PRESETS = [7, 30, 90, 365] as const;

/** Admins: the lifecycle funnel, escalations, response times, CSAT, self-service and the answer bot, for a date range. */
export function AnalyticsPage() {
  const [range, setRange] = useState<DateRange>(() => lastDays(30));
  const [attempt, setAttempt] = useState(0);
  const retry = () => setAttempt((n) => n + 1);
  const valid = range.from <= range.to;

  return (
    <section class="page analytics" aria-labelledby="analytics-title">
      <div class="analytics__head">
        <h1 id="analytics-title" class="page__title">
          Analytics
        </h1>
        <form class="analytics__range" onSubmit={(e) => e.preventDefault()} aria-label="Date range (UTC days)">
          {PRESETS.map((days) => (
            <button
              key={days}
              type="button"
              class="button button--ghost"
              aria-pressed={sameRange(range, lastDays(days))}
              onClick={() => setRange(lastDays(days))}
            >
              {days === 365 ? '1 year' : `${days} days`}
            </button>
          ))}
          <label>
            From{' '}
            <input
              type="date"
              value={range.from}
              max={range.to}
              required
              onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
            />
          </label>
          <label>
            To{' '}
            <input
              type="date"
              value={range.to}
              min={range.from}
              required
              onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
            />
          </label>
        </form>
      </div>
      {!valid ? (
        <p class="form-error" role="alert">
          The start of the range is after its end.
        </p>
      ) : (
        <div class="analytics__grid">
          <FunnelCard range={range} attempt={attempt} onRetry={retry} />
          <EscalationsCard range={range} attempt={attempt} onRetry={retry} />
          <CsatCard range={range} attempt={attempt} onRetry={retry} />
          <ResponseTimesCard range={range} attempt={attempt} onRetry={retry} />
          <KbCard range={range} attempt={attempt} onRetry={retry} />
          <BotCard range={range} attempt={attempt} onRetry={retry} />
        </div>
      )}
    </section>
  );
}

const sameRange = (a: DateRange, b: DateRange) => a.from === b.from && a.to === b.to;

interface CardProps {
  range: DateRange;
  attempt: number;
  onRetry: () => void;
}

/** A report's card: title, CSV export, and its loading, error, empty or ready body. */
function ReportCard<K extends AnalyticsReportName>({
  name,
  title,
  range,
  attempt,
  onRetry,
  isEmpty,
  wide,
  children,
}: CardProps & {
  name: K;
  title: string;
  isEmpty: (report: AnalyticsReports[K]) => boolean;
  wide?: boolean;
  children: (report: AnalyticsReports[K]) => ComponentChildren;
}) {
  const state = useReport(name, range, attempt);
  const id = `analytics-${name}`;
  return (
    <article class={`card analytics-card${wide ? ' analytics-card--wide' : ''}`} aria-labelledby={id} aria-busy={state.phase === 'loading'}>
      <header class="analytics-card__head">
        <h2 id={id} class="card__title">
          {title}
        </h2>
        <a class="button button--ghost analytics-card__csv" href={csvUrl(name, range)} download>
          Export CSV
        </a>
      </header>
      {state.phase === 'loading' && (
        <div class="analytics-card__placeholder" role="status">
          Loading…
        </div>
      )}
      {state.phase === 'error' && (
        <div class="analytics-card__placeholder" role="alert">
          <p>{state.message}</p>
          <button type="button" class="button" onClick={onRetry}>
            Try again
          </button>
        </div>
      )}
      {state.phase === 'ready' &&
        (isEmpty(state.report) ? (
          <div class="analytics-card__placeholder analytics-card__placeholder--empty">No data in this range yet.</div>
        ) : (
          children(state.report)
        ))}
    </article>
  );
}

function FunnelCard(props: CardProps) {
  return (
    <ReportCard {...props} name="funnel" title="Lifecycle funnel" wide isEmpty={(r) => r.stages[0]!.visitors === 0}>
      {(r) => <Funnel report={r} />}
    </ReportCard>
  );
}

function Funnel({ report }: { report: AnalyticsReports['funnel'] }) {
  const config = useMemo(() => funnelChart(report), [report]);
  return (
    <>
      <p class="analytics-card__lead">
        Visitors first seen in the range, by the furthest stage they reached; {report.atRisk.toLocaleString('en')} were marked at risk.
      </p>
      <ChartCanvas config={config} label={`Funnel: ${report.stages.map((s) => `${s.stage} ${s.visitors}`).join(', ')}`} height={260} />
      <ol class="analytics-steps" aria-label="Conversion between stages">
        {report.stages.slice(1).map((s) => (
          <li key={s.stage}>
            <span>{s.stage.replace('_', ' ')}</span> <strong>{percent(s.fromPrevious)}</strong>
          </li>
        ))}
      </ol>
    </>
  );
}

function EscalationsCard(props: CardProps) {
  return (
    <ReportCard
      {...props}
      name="escalations"
      title="Hesitating buyers"
      isEmpty={(r) => r.prompted.hesitations + r.notPrompted.hesitations === 0}
    >
      {(r) => <Escalations report={r} />}
    </ReportCard>
  );
}

function Escalations({ report }: { report: AnalyticsReports['escalations'] }) {
  const config = useMemo(() => escalationsChart(report), [report]);
  return (
    <>
      <p class="analytics-card__lead">
        Ordered within 24 h: <strong>{percent(report.prompted.purchaseRate)}</strong> of {report.prompted.hesitations.toLocaleString('en')}{' '}
        prompted, <strong>{percent(report.notPrompted.purchaseRate)}</strong> of {report.notPrompted.hesitations.toLocaleString('en')} not
        prompted.
      </p>
      <ChartCanvas config={config} label="Hesitations and orders within 24 hours, by what came of the hesitation" />
    </>
  );
}

function CsatCard(props: CardProps) {
  return (
    <ReportCard {...props} name="csat" title="Customer satisfaction" isEmpty={(r) => r.series.length === 0}>
      {(r) => <Csat report={r} />}
    </ReportCard>
  );
}

function Csat({ report }: { report: AnalyticsReports['csat'] }) {
  const config = useMemo(() => csatChart(report), [report]);
  const responses = report.ratings.reduce((s, r) => s + r.count, 0);
  const satisfied = (report.ratings[3]!.count + report.ratings[4]!.count) / responses;
  return (
    <>
      <p class="analytics-card__lead">
        Average <strong>{report.average?.toFixed(2)}</strong> of 5 from {responses.toLocaleString('en')} ratings;{' '}
        <strong>{percent(satisfied)}</strong> rated 4 or 5.
      </p>
      <ChartCanvas config={config} label={`Average rating and responses per ${report.interval}`} />
    </>
  );
}

function ResponseTimesCard(props: CardProps) {
  return (
    <ReportCard
      {...props}
      name="response-times"
      title="Response and resolution times"
      wide
      isEmpty={(r) => r.firstResponse.count + r.resolution.count === 0}
    >
      {(r) => <ResponseTimes report={r} />}
    </ReportCard>
  );
}

const bound = (upTo: number | null, last: number | null) => (upTo === null ? `over ${duration(last ?? 0)}` : `within ${duration(upTo)}`);

function ResponseTimes({ report }: { report: AnalyticsReports['response-times'] }) {
  const first = useMemo(() => histogramChart(report.firstResponse, 'First agent reply'), [report]);
  const resolution = useMemo(() => histogramChart(report.resolution, 'Resolution'), [report]);
  const lastBound = (h: typeof report.firstResponse) => h.buckets.at(-2)?.upTo ?? null;
  return (
    <div class="analytics-pair">
      <div>
        <h3 class="analytics-card__sub">First agent reply</h3>
        <p class="analytics-card__lead">
          Half {bound(report.firstResponse.medianUpTo, lastBound(report.firstResponse))}, 90 %{' '}
          {bound(report.firstResponse.p90UpTo, lastBound(report.firstResponse))}.
        </p>
        <ChartCanvas config={first} label="Conversations by time to the first agent reply" />
      </div>
      <div>
        <h3 class="analytics-card__sub">Resolution (start to close)</h3>
        <p class="analytics-card__lead">
          Half {bound(report.resolution.medianUpTo, lastBound(report.resolution))}, 90 %{' '}
          {bound(report.resolution.p90UpTo, lastBound(report.resolution))}.
        </p>
        <ChartCanvas config={resolution} label="Conversations by time from start to close" />
      </div>
    </div>
  );
}

function KbCard(props: CardProps) {
  return (
    <ReportCard {...props} name="kb" title="Self-service" wide isEmpty={(r) => r.views + r.searches === 0}>
      {(r) => <Kb report={r} />}
    </ReportCard>
  );
}

function Kb({ report }: { report: AnalyticsReports['kb'] }) {
  const config = useMemo(() => gapsChart(report), [report]);
  return (
    <div class="analytics-pair">
      <dl class="analytics-figures">
        <div>
          <dt>Deflection rate</dt>
          <dd>{percent(report.deflectionRate)}</dd>
        </div>
        <div>
          <dt>Article reads</dt>
          <dd>{report.views.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Reads without a chat after</dt>
          <dd>{report.deflections.toLocaleString('en')}</dd>
        </div>
        <div>
          <dt>Searches without results</dt>
          <dd>
            {report.zeroResultSearches.toLocaleString('en')} of {report.searches.toLocaleString('en')}
          </dd>
        </div>
      </dl>
      <div>
        <h3 class="analytics-card__sub">Top content gaps</h3>
        {report.gaps.length === 0 ? (
          <p class="analytics-card__placeholder--empty">Every search found an answer.</p>
        ) : (
          <ChartCanvas
            config={config}
            label={`Searches without results: ${report.gaps.map((g) => `${g.query} ${g.searches}`).join(', ')}`}
          />
        )}
      </div>
    </div>
  );
}

function BotCard(props: CardProps) {
  return (
    <ReportCard
      {...props}
      name="bot"
      title="Answer bot"
      wide
      isEmpty={(r) => r.totals.answered + r.totals.confirmed + r.totals.assumed + r.totals.handedOff === 0}
    >
      {(r) => <Bot report={r} />}
    </ReportCard>
  );
}

const BOT_RATES = { confirmed: 'confirmedRate', assumed: 'assumedRate', handedOff: 'handedOffRate' } as const;

function Bot({ report }: { report: AnalyticsReports['bot'] }) {
  const config = useMemo(() => botChart(report), [report]);
  const { totals } = report;
  // Answers still within the quiet period (the last minutes) have no outcome yet.
  const open = Math.max(0, totals.answered - totals.confirmed - totals.assumed - totals.handedOff);
  return (
    <>
      <p class="analytics-card__lead">
        Of {totals.answered.toLocaleString('en')} {totals.answered === 1 ? 'question' : 'questions'} the bot answered,{' '}
        <strong>{percent(report.confirmedRate)}</strong> were confirmed resolved (“That helped”) and{' '}
        <strong>{percent(report.assumedRate)}</strong> assumed resolved (no further message and no hand-off);{' '}
        <strong>{percent(report.handedOffRate)}</strong> were handed off to a person
        {open > 0 ? `; ${open.toLocaleString('en')} ${open === 1 ? 'has' : 'have'} no outcome yet` : ''}.
      </p>
      <dl class="analytics-figures analytics-figures--row" aria-label="Answer bot totals">
        <div>
          <dt>Answered</dt>
          <dd>{totals.answered.toLocaleString('en')}</dd>
        </div>
        {BOT_SERIES.map(({ key, label }) => (
          <div key={key}>
            <dt>{label}</dt>
            <dd>
              {totals[key].toLocaleString('en')} <small>{percent(report[BOT_RATES[key]])} of answered</small>
            </dd>
          </div>
        ))}
      </dl>
      <ChartCanvas
        config={config}
        label={`Answer bot per ${report.interval}: ${totals.answered} answered, ${totals.confirmed} confirmed, ${totals.assumed} assumed, ${totals.handedOff} handed off`}
      />
    </>
  );
}
