/**
 * Starts a bull processor and lets go of the promise `queue.process()` returns. Bull reports a
 * failing fetch loop on the queue's 'error' event (each queue logs it where it is made) and also
 * rejects that promise, with `undefined` when the queue's blocking connection closes at shutdown:
 * left alone it is an unhandled rejection.
 */
export function startProcessing(processing: Promise<void>): void {
  processing.catch(() => undefined);
}
