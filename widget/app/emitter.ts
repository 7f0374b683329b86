/** A minimal typed event emitter; `Events` maps each event name to its argument tuple. */
export class Emitter<Events extends { [E in keyof Events]: unknown[] }> {
  readonly #listeners: { [E in keyof Events]?: Set<(...args: Events[E]) => void> } = {};

  on<E extends keyof Events>(event: E, listener: (...args: Events[E]) => void): () => void {
    const set = this.#listeners[event] ?? new Set();
    this.#listeners[event] = set;
    set.add(listener);
    return () => set.delete(listener);
  }

  emit<E extends keyof Events>(event: E, ...args: Events[E]): void {
    for (const listener of this.#listeners[event] ?? []) listener(...args);
  }
}
