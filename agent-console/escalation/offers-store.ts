import type { ConversationSummary } from '../../shared/contract';
import { AgentRequestError, type AgentConnection, type PushPayload } from '../agent-socket';

export interface EscalationOffer {
  conversation: ConversationSummary;
  /** When the offer moves on to another agent; null when it was offered to everyone. */
  expiresAt: string | null;
  accept: 'idle' | 'accepting' | 'failed';
  error: string | null;
}

export interface OffersState {
  offers: EscalationOffer[];
}

/** Escalated conversations offered to this agent (`escalation:offer`) and accepting them. */
export class OffersStore {
  private state: OffersState = { offers: [] };
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  private readonly expiryTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private disposed = false;

  constructor(
    private readonly connection: AgentConnection,
    /** Called with the conversation this agent just accepted. */
    private readonly onAccepted: (conversation: ConversationSummary) => void,
  ) {}

  getState(): OffersState {
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
      this.connection.on('escalation:offer', (offer) => this.handleOffer(offer)),
      this.connection.on('conversation:upsert', (summary) => this.handleUpsert(summary)),
    );
  }

  dispose(): void {
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    for (const timer of this.expiryTimers.values()) clearTimeout(timer);
    this.expiryTimers.clear();
    this.listeners.clear();
  }

  async accept(conversationId: string): Promise<void> {
    const offer = this.find(conversationId);
    if (!offer || offer.accept === 'accepting') return;
    this.replace({ ...offer, accept: 'accepting', error: null });
    try {
      const { conversation } = await this.connection.request('escalation:accept', { conversationId });
      if (this.disposed) return;
      this.remove(conversationId);
      this.onAccepted(conversation);
    } catch (error) {
      const current = this.find(conversationId);
      if (this.disposed || !current) return;
      this.replace({ ...current, accept: 'failed', error: describeAcceptError(error) });
    }
  }

  dismiss(conversationId: string): void {
    this.remove(conversationId);
  }

  private handleOffer({ conversation, expiresAt }: PushPayload<'escalation:offer'>): void {
    if (this.disposed) return;
    const id = conversation.id;
    clearTimeout(this.expiryTimers.get(id));
    this.expiryTimers.delete(id);
    if (expiresAt) {
      // Past its SLA the server re-routes the offer: drop it here then.
      const delay = Math.max(0, Date.parse(expiresAt) - Date.now());
      this.expiryTimers.set(
        id,
        setTimeout(() => this.remove(id), delay),
      );
    }
    const offer: EscalationOffer = { conversation, expiresAt, accept: 'idle', error: null };
    this.update({ offers: [...this.state.offers.filter((o) => o.conversation.id !== id), offer] });
  }

  /** Someone took the conversation, or it closed: it is no longer on offer (only unassigned ones are offered). */
  private handleUpsert(summary: ConversationSummary): void {
    const offer = this.find(summary.id);
    // Once accepting, the ack decides (the server announces our own assignment before answering)
    // and a failure stays shown until dismissed.
    if (this.disposed || offer?.accept !== 'idle') return;
    if (summary.assigneeId !== null || summary.status !== 'open') this.remove(summary.id);
  }

  private find(conversationId: string): EscalationOffer | undefined {
    return this.state.offers.find((o) => o.conversation.id === conversationId);
  }

  private replace(next: EscalationOffer): void {
    this.update({ offers: this.state.offers.map((o) => (o.conversation.id === next.conversation.id ? next : o)) });
  }

  private remove(conversationId: string): void {
    clearTimeout(this.expiryTimers.get(conversationId));
    this.expiryTimers.delete(conversationId);
    if (!this.find(conversationId)) return;
    this.update({ offers: this.state.offers.filter((o) => o.conversation.id !== conversationId) });
  }

  private update(next: OffersState): void {
    if (this.disposed) return;
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }
}

function describeAcceptError(error: unknown): string {
  if (!(error instanceof AgentRequestError)) return 'Something went wrong.';
  switch (error.code) {
    case 'conflict':
      return 'Another agent already took it.';
    case 'conversation_closed':
    case 'not_found':
      return 'This conversation is no longer open.';
    case 'disconnected':
    case 'timeout':
      return 'No answer from the server. Try again.';
    default:
      return error.message || 'Something went wrong.';
  }
}
