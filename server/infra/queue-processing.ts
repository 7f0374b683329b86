import type Bull from 'bull';

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
export const queueRedis = { retryStrategy: (attempt: number) => Math.min(attempt * 50, 2_000) };

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
