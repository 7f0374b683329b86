// The host page's `identify()`: sent once connected, again after a reconnect if it did not get through.
import { type ChatClient, isRetryableError, type Payload } from './chat-client';

export type IdentifyInput = Payload<'visitor:identify'>;

export class Identity {
  #pending: IdentifyInput | null = null;

  constructor(
    private readonly client: ChatClient,
    private readonly isConnected: () => boolean,
  ) {}

  identify(identity: IdentifyInput): void {
    this.#pending = identity;
    void this.send();
  }

  /** Sends the identity not yet accepted, if connected. */
  async send(): Promise<void> {
    const identity = this.#pending;
    if (!identity || !this.isConnected()) return;
    try {
      await this.client.request('visitor:identify', identity);
      if (this.#pending === identity) this.#pending = null;
    } catch (error) {
      console.warn('[LifecycleChat] identify was refused', error);
      if (!isRetryableError(error)) this.#pending = null;
    }
  }
}
