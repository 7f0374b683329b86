import type { Logger } from '../infra/logger';

export type Listener<P> = (payload: P) => void | Promise<void>;

interface Registration {
  name: string;
  listener: Listener<never>;
}

/**
 * In-process publish/subscribe for domain events. Listeners start synchronously, in registration
 * order, when an event is published (so a listener that only emits to sockets has emitted by the time
 * `publish` returns); `publish` resolves once every listener has settled. A failing listener is
 * logged with its name and never reaches the publisher: the publisher awaits `publish` only when its
 * own answer must follow the listeners' work.
 */
export class EventBus<Events extends object> {
  private readonly registrations = new Map<keyof Events, Registration[]>();

  constructor(private readonly log: Logger) {}

  /** Registers `listener` under a name that identifies it in failure logs. */
  on<K extends keyof Events>(event: K, name: string, listener: Listener<Events[K]>): void {
    const list = this.registrations.get(event) ?? [];
    list.push({ name, listener: listener as Listener<never> });
    this.registrations.set(event, list);
  }

  publish<K extends keyof Events>(event: K, payload: Events[K]): Promise<void> {
    const runs = (this.registrations.get(event) ?? []).map(({ name, listener }) => {
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
