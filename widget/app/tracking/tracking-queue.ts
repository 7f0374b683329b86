// Tracking events go out at once while connected, and are held (the latest ones) until the next sync otherwise.
import type { ChatClient, TrackedEventInput } from '../chat-client';

/** Tracking events kept while the connection is down; older ones are dropped first. */
const MAX_QUEUED_EVENTS = 100;

export class TrackingQueue {
  readonly #queued: TrackedEventInput[] = [];

  constructor(
    private readonly client: ChatClient,
    private readonly isConnected: () => boolean,
  ) {}

  track(event: TrackedEventInput): void {
    if (this.isConnected()) {
      this.client.notify('track', event);
    } else {
      this.#queued.push(event);
      this.#queued.splice(0, this.#queued.length - MAX_QUEUED_EVENTS);
    }
  }

  /** Sends what was held; called once synced. */
  flush(): void {
    for (const event of this.#queued.splice(0)) this.client.notify('track', event);
  }
}
