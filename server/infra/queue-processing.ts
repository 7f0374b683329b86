import Bull from 'bull';
import type { Logger } from './logger';
import type { QueueRegistry } from './queue-registry';

/**
 * Starts a bull processor and lets go of the promise `queue.process()` returns. Bull reports a
 * failing fetch loop on the queue's 'error' event (each queue logs it where it is made) and also
 * rejects that promise, with `undefined` when the queue's blocking connection closes at shutdown:
 * left alone it is an unhandled rejection.
 */
export function startProcessing(processing: Promise<void>): void {
  processing.catch(() => undefined);
}

/**
 * Redis options of every bull queue: its connections reconnect as the server's other Redis clients
 * do, 50 ms later per attempt and at most every 2 s. Bull's own default waits e^attempt ms (up to
 * 20 s), so after a Redis outage of a few seconds its timers and jobs resumed only seconds after Redis did.
 */
const queueRedis = { retryStrategy: (attempt: number) => Math.min(attempt * 50, 2_000) };

interface QueueOptions {
  redisUrl: string;
  prefix: string;
  log: Logger;
  defaultJobOptions: Bull.JobOptions;
  /** The server's queues, which this one joins (for metrics and the queue view). */
  registry: QueueRegistry;
  /** Bull's lock and stalled-job timing, where bull's defaults (a dead process's job runs again within 30–60 s) are too slow. */
  settings?: Bull.AdvancedSettings;
}

/**
 * A bull queue of this server, listed in its registry: its errors are logged, and the worker name
 * `process()` gives its blocking connection, without waiting, cannot fail unobserved when the queue
 * closes right after.
 */
export function openQueue<T>(name: string, { redisUrl, prefix, log, defaultJobOptions, registry, settings }: QueueOptions): Bull.Queue<T> {
  const queue = new Bull<T>(name, redisUrl, { prefix, redis: queueRedis, defaultJobOptions, ...(settings && { settings }) });
  registry.add(name, queue);
  queue.on('error', (err) => log.error({ err }, `${name} queue error`));
  const named = queue as Bull.Queue<T> & { setWorkerName(): Promise<void> };
  const setWorkerName = named.setWorkerName.bind(named);
  named.setWorkerName = () => setWorkerName().catch(() => undefined);
  return queue;
}

/**
 * Closes a bull queue once the jobs this process runs are done. To stop waiting on Redis, bull
 * disconnects its blocking connection and connects it again, and watches that reconnection only after
 * the running jobs finish: when it fails first (Redis down, or the queue closing under it) that is an
 * unhandled rejection. The connection is closed right after anyway, so its outcome doesn't matter.
 */
export function closeQueue(queue: Bull.Queue): Promise<void> {
  for (const client of queue.clients) {
    const connect = client.connect.bind(client);
    client.connect = () => connect().catch(() => undefined);
  }
  return queue.close();
}
