import type Bull from 'bull';

/**
 * The bull queues one server instance opened (`openQueue` adds each), by name: what `/metrics` and
 * the admins' queue view read their counts and failed jobs from. One per server, never global: two
 * servers in one process each list their own.
 */
export class QueueRegistry {
  private readonly queues = new Map<string, Bull.Queue>();

  add(name: string, queue: Bull.Queue): void {
    if (this.queues.has(name)) throw new Error(`the ${name} queue is open already`);
    this.queues.set(name, queue);
  }

  get(name: string): Bull.Queue | undefined {
    return this.queues.get(name);
  }

  /** Every queue with its name, in the order they were opened. */
  all(): { name: string; queue: Bull.Queue }[] {
    return [...this.queues].map(([name, queue]) => ({ name, queue }));
  }
}
