// What the host page reports about the visitor: who they are (`identify()`) and what they do
// (tracking events). Sent at once while connected; otherwise held until the next sync.
import { type ChatClient, isRetryableError, type Payload, type TrackedEventInput } from '../chat-client';

export type IdentifyInput = Payload<'visitor:identify'>;

/** Tracking events kept while the connection is down; older ones are dropped first. */
const MAX_QUEUED_EVENTS = 100;

export function createVisitorReports(client: ChatClient, isConnected: () => boolean) {
  const queued: TrackedEventInput[] = [];
  /** The identity not yet accepted by the server. */
  let identity: IdentifyInput | null = null;

  const sendIdentity = async (): Promise<void> => {
    const sent = identity;
    if (!sent || !isConnected()) return;
    try {
      await client.request('visitor:identify', sent);
      if (identity === sent) identity = null;
    } catch (error) {
      console.warn('[LifecycleChat] identify was refused', error);
      if (!isRetryableError(error)) identity = null;
    }
  };

  return {
    identify(input: IdentifyInput): void {
      identity = input;
      void sendIdentity();
    },
    track(event: TrackedEventInput): void {
      if (isConnected()) {
        client.notify('track', event);
      } else {
        queued.push(event);
        queued.splice(0, queued.length - MAX_QUEUED_EVENTS);
      }
    },
    /** Sends what was held; called once synced. */
    flush(): void {
      for (const event of queued.splice(0)) client.notify('track', event);
      void sendIdentity();
    },
  };
}
