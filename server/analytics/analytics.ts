import type { Redis } from 'ioredis';
import type { AnalyticsReportName, AnalyticsReports } from '../../shared/contract/analytics';
import type { Logger } from '../infra/logger';
import type { DayRange } from '../data';
import { ConversationAnalytics } from './conversation-analytics';
import { LifecycleAnalytics } from './lifecycle-analytics';
import { AnalyticsRecorder } from './recorder';
import { REPORTS } from './reports';
import { ReplyTimes } from './reply-times';
import { RollupFlusher } from './rollup';

/** How long a report waits for another process's flush before reading what is in MongoDB. */
const FLUSH_WAIT_MS = 2_000;

/** The analytics domain in one server process: recording facts, flushing them, and reading reports. */
export class Analytics {
  readonly recorder: AnalyticsRecorder;
  readonly lifecycle: LifecycleAnalytics;
  readonly conversations: ConversationAnalytics;
  readonly flusher: RollupFlusher;
  /** The site's recent first-response times, for the widget's "usually replies in about N minutes". */
  readonly replyTimes: ReplyTimes;

  private constructor(redis: Redis, log: Logger) {
    this.recorder = new AnalyticsRecorder(redis, log);
    this.lifecycle = new LifecycleAnalytics(this.recorder, redis, log);
    this.replyTimes = new ReplyTimes(redis);
    this.conversations = new ConversationAnalytics(this.recorder, redis, this.replyTimes);
    this.flusher = new RollupFlusher(redis, log);
  }

  static start(redis: Redis, log: Logger): Analytics {
    const analytics = new Analytics(redis, log);
    analytics.flusher.start();
    return analytics;
  }

  /** A report over the day documents, after moving the latest counts into them. */
  async report<K extends AnalyticsReportName>(name: K, range: DayRange): Promise<AnalyticsReports[K]> {
    await this.flusher.flush(FLUSH_WAIT_MS);
    return REPORTS[name](range);
  }

  close(): void {
    this.flusher.stop();
  }
}
