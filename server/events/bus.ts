import type { Logger } from '../infra/logger';

export type Listener<P> = (payload: P) => void | Promise<void>;

interface Registration {
  name: string;
  listener: Listener<never>;
}

/**
 * In-process publish/subscribe for domain events, with two kinds of listener:
 * - `onPublish`: starts as the event is published, before the publisher goes on. For delivery to
 *   sockets: a message acked by a process that then dies has been broadcast already.
 * - `on`: starts on the next turn of the event loop, once the publisher's own work is done, so a
 *   visitor's message is acked before its inbox index, answer bot and content gaps run (under load
 *   they ran first and delayed every ack).
 * Each kind starts in registration order. `publish` resolves once every listener has settled. A
 * failing listener is logged with its name and never reaches the publisher: the publisher awaits
 * `publish` only when its own answer must follow the listeners' work.
 */
export class EventBus<Events extends object> {
  private readonly atPublish = new Map<keyof Events, Registration[]>();
  private readonly afterPublish = new Map<keyof Events, Registration[]>();

  constructor(private readonly log: Logger) {}

  /** Registers `listener`, started after the publisher's own work, under a name for failure logs. */
  on<K extends keyof Events>(event: K, name: string, listener: Listener<Events[K]>): void {
    register(this.afterPublish, event, { name, listener: listener as Listener<never> });
  }

  /** Registers `listener`, started as the event is published, under a name for failure logs. */
  onPublish<K extends keyof Events>(event: K, name: string, listener: Listener<Events[K]>): void {
    register(this.atPublish, event, { name, listener: listener as Listener<never> });
  }

  publish<K extends keyof Events>(event: K, payload: Events[K]): Promise<void> {
    const first = this.run(this.atPublish, event, payload);
    const later = new Promise<void>((resolve) => setImmediate(() => resolve(this.run(this.afterPublish, event, payload))));
    return Promise.all([first, later]).then(() => undefined);
  }

  private run<K extends keyof Events>(registrations: Map<keyof Events, Registration[]>, event: K, payload: Events[K]): Promise<void> {
    const runs = (registrations.get(event) ?? []).map(({ name, listener }) => {
      const failed = (err: unknown) => this.log.error({ err, event, listener: name }, 'event listener failed');
      try {
        return Promise.resolve((listener as Listener<Events[K]>)(payload)).catch(failed);
      } catch (err) {
        failed(err);
        return Promise.resolve();
      }
    });
    return Promise.all(runs).then(() => undefined);
  }
}

function register<Events>(registrations: Map<keyof Events, Registration[]>, event: keyof Events, registration: Registration): void {
  registrations.set(event, [...(registrations.get(event) ?? []), registration]);
}
