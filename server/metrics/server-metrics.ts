import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { AnalyticsFact } from '../analytics/facts';
import type { AnalyticsRecorder } from '../analytics/recorder';
import type { DomainEvents } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import type { QueueRegistry } from '../infra/queue-registry';
import type { ChatNamespaces } from '../realtime/namespaces';
import { bounded } from './bounded';
import { EventLoopLag } from './event-loop-lag';
import { observeQueues } from './queue-gauges';

/** What the scrape reads at its moment: this process's sockets, the server's queues, and a ping of each store. */
export interface MetricsProbes {
  ns: ChatNamespaces;
  queues: QueueRegistry;
  pingDatabase: () => Promise<unknown>;
  pingRedis: () => Promise<unknown>;
  clock: Clock;
}

/** Seconds: from a millisecond to ten seconds, the range acks, deliveries and round trips live in. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const PREFIX = 'lifecycle_chat_';

/**
 * The Prometheus metrics of one server instance, in a registry of its own (two servers in one process
 * each count their own). Domain counts move from domain events (`server/listeners.ts`); gauges and
 * round trips are read when Prometheus scrapes.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  private readonly acks: Histogram<'namespace' | 'event' | 'outcome'>;
  private readonly messages: Counter<'author'>;
  private readonly delivery: Histogram;
  private readonly escalations: Counter<'kind' | 'outcome'>;
  private readonly botAnswers: Counter<'outcome'>;
  private readonly emails: Counter<'kind' | 'outcome'>;
  private readonly lag: EventLoopLag;
  private readonly countQueueFailures: () => void;

  constructor(private readonly probes: MetricsProbes) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    new Gauge({
      name: `${PREFIX}sockets_connected`,
      help: 'Sockets connected to this process, per Socket.IO namespace (/visitor: widget tabs, /agent: console tabs).',
      labelNames: ['namespace'],
      registers,
      collect() {
        this.set({ namespace: '/visitor' }, probes.ns.visitors.sockets.size);
        this.set({ namespace: '/agent' }, probes.ns.agents.sockets.size);
      },
    });
    this.messages = new Counter({
      name: `${PREFIX}messages_stored_total`,
      help: 'Chat messages stored for the first time, by author (visitor, agent, bot, system).',
      labelNames: ['author'],
      registers,
    });
    this.acks = new Histogram({
      name: `${PREFIX}socket_ack_seconds`,
      help: 'Time from a socket request event reaching its handler (past the rate limit) until its acknowledgement was sent (message:send: the message is stored), by namespace, event and outcome (ok or error).',
      labelNames: ['namespace', 'event', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.delivery = new Histogram({
      name: `${PREFIX}message_delivery_seconds`,
      help: "Time from a message's creation (stamped as it is stored) until this process emitted its broadcast to the conversation's sockets and the other processes (not the time until a client received it).",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.escalations = new Counter({
      name: `${PREFIX}escalations_total`,
      help: 'Hesitations decided, by hesitation kind and outcome (prompted, below_threshold, capped, in_chat).',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.botAnswers = new Counter({
      name: `${PREFIX}bot_answers_total`,
      help: "The answer bot's answers (outcome answered) and what came of them (confirmed, assumed, handed_off).",
      labelNames: ['outcome'],
      registers,
    });
    this.emails = new Counter({
      name: `${PREFIX}emails_total`,
      help: 'Mails handed to the SMTP server or written to the outbox (outcome sent), or that could not be (outcome failed), by kind.',
      labelNames: ['kind', 'outcome'],
      registers,
    });
    this.countQueueFailures = observeQueues(this.registry, PREFIX, probes.queues);
    pingAtScrape(this.registry, `${PREFIX}database_ping_seconds`, 'database', probes.pingDatabase);
    pingAtScrape(this.registry, `${PREFIX}redis_ping_seconds`, 'Redis', probes.pingRedis);
    this.lag = new EventLoopLag(this.registry, `${PREFIX}event_loop_lag_seconds`);
  }

  /** Starts what runs on its own: failure counts of every queue (all open by now) and the lag sampler. */
  start(): void {
    this.countQueueFailures();
    this.lag.start();
  }

  ackSent(namespace: string, event: string, ok: boolean, seconds: number): void {
    this.acks.observe({ namespace, event, outcome: ok ? 'ok' : 'error' }, seconds);
  }

  messageCreated({ message }: DomainEvents['message.created']): void {
    this.messages.inc({ author: message.author });
    this.delivery.observe(Math.max(0, this.probes.clock.now() - message.createdAt.getTime()) / 1000);
  }

  escalationDecided({ hesitation, outcome }: DomainEvents['escalation.decided']): void {
    this.escalations.inc({ kind: hesitation.kind, outcome });
  }

  mailSent({ kind }: DomainEvents['mail.sent']): void {
    this.emails.inc({ kind, outcome: 'sent' });
  }

  mailFailed({ kind }: DomainEvents['mail.failed']): void {
    this.emails.inc({ kind, outcome: 'failed' });
  }

  /** The answer bot's analytics recorder, counting its answers and their outcomes on the way through. */
  countingBotOutcomes(recorder: Pick<AnalyticsRecorder, 'record'>): Pick<AnalyticsRecorder, 'record'> {
    return {
      record: (fact: AnalyticsFact) => {
        if (fact.type === 'bot') this.botAnswers.inc({ outcome: fact.outcome });
        return recorder.record(fact);
      },
    };
  }

  /** The Prometheus text of every series. */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.lag.stop();
  }
}

/** A histogram of one round trip to a store, timed once at each scrape (a failed or hung ping is not observed: `/healthz` reports it). */
function pingAtScrape(registry: Registry, name: string, store: string, ping: () => Promise<unknown>): void {
  new Histogram({
    name,
    help: `Round trip of a ping to ${store}, timed once at each scrape of this process.`,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
    async collect() {
      const started = process.hrtime.bigint();
      const answered = await bounded(async () => {
        await ping();
        return true;
      });
      if (answered) this.observe(Number(process.hrtime.bigint() - started) / 1e9);
    },
  });
}
