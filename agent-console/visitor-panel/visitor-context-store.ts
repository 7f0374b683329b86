import type { VisitorContext, VisitorConversation } from '../../shared/contract';
import { AgentRequestError, type AgentConnection, type ConnectionStatus } from '../agent-socket';

export interface VisitorContextState {
  /** The visitor shown beside the open conversation; null when none is open. */
  visitorId: string | null;
  load: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  context: VisitorContext | null;
  /** The visitor's latest conversations, newest first (from the load; pushes leave them as they are). */
  conversations: VisitorConversation[] | null;
}

const EMPTY: VisitorContextState = { visitorId: null, load: 'idle', error: null, context: null, conversations: null };

/**
 * The lifecycle context of the open conversation's visitor: loaded with `visitor:context` (which also
 * subscribes the socket to that visitor's changes), then kept live by the `visitor:context` pushes.
 * Framework-free, like ConsoleStore.
 */
export class VisitorContextStore {
  private state: VisitorContextState = EMPTY;
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  private generation = 0;
  /** Set when a push arrives while a load is in flight: the push is the newer of the two. */
  private pushedDuringLoad = false;
  private disposed = false;

  constructor(private readonly connection: AgentConnection) {}

  getState(): VisitorContextState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    if (this.cleanups.length > 0 || this.disposed) return;
    this.cleanups.push(
      this.connection.on('visitor:context', (context) => this.handlePush(context)),
      this.connection.onStatus((status) => this.handleStatus(status)),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  /** Shows this visitor's context (null: nothing); loads it unless it is already shown. */
  show(visitorId: string | null): void {
    if (visitorId === this.state.visitorId && this.state.load !== 'error') return;
    if (!visitorId) {
      this.generation += 1;
      this.update(EMPTY);
      return;
    }
    this.update({ visitorId, load: 'loading', error: null, context: null, conversations: null });
    void this.load(visitorId);
  }

  retry(): void {
    const { visitorId } = this.state;
    if (!visitorId) return;
    this.update({ ...this.state, load: 'loading', error: null });
    void this.load(visitorId);
  }

  private handleStatus(status: ConnectionStatus): void {
    // The server forgets which visitors a socket watches: subscribe again on the new one.
    if (status === 'connected' && this.state.visitorId) void this.load(this.state.visitorId);
  }

  private handlePush(context: VisitorContext): void {
    if (this.disposed || context.visitorId !== this.state.visitorId) return;
    this.pushedDuringLoad = true;
    this.update({ ...this.state, load: 'ready', error: null, context });
  }

  private async load(visitorId: string): Promise<void> {
    if (this.connection.status() !== 'connected') return;
    const generation = ++this.generation;
    this.pushedDuringLoad = false;
    try {
      const { conversations, ...context } = await this.connection.request('visitor:context', { visitorId });
      if (this.disposed || generation !== this.generation) return;
      this.update({
        ...this.state,
        load: 'ready',
        error: null,
        context: this.pushedDuringLoad && this.state.context ? this.state.context : context,
        conversations,
      });
    } catch (error) {
      if (this.disposed || generation !== this.generation) return;
      // Keep what is shown; a dropped link reloads on reconnect.
      if (this.state.context || (error instanceof AgentRequestError && error.code === 'disconnected')) return;
      this.update({
        ...this.state,
        load: 'error',
        error: error instanceof Error && error.message ? error.message : 'Could not load this visitor.',
      });
    }
  }

  private update(next: VisitorContextState): void {
    if (this.disposed) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}
