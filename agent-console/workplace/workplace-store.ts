import type { AgentPresence, Availability, CannedResponse, CloseReason, ConversationSummary, Note, User } from '../../shared/contract';
import { AgentRequestError, type AgentConnection, type ConnectionStatus } from '../agent-socket';
import { newClientId } from '../lib/client-id';
import type { ConsoleStore } from '../state/console-store';
import type { InboxView } from './inbox-views';
import { describeFailure, type WorkplaceApi } from './workplace-api';

export interface WorkplaceState {
  view: InboxView;
  closed: { load: 'idle' | 'loading' | 'ready' | 'error'; conversations: ConversationSummary[] };
  search: { query: string; load: 'idle' | 'searching' | 'ready' | 'error'; results: ConversationSummary[] };
  me: AgentPresence | null;
  team: AgentPresence[];
  /** Notes per conversation, loaded when it is opened and kept live. */
  notes: Record<string, Note[]>;
  /** The last position the visitor has seen, per conversation. */
  visitorRead: Record<string, number>;
  canned: CannedResponse[];
  /** New assignments and escalations the agent has not looked at yet (the title badge). */
  attention: number;
  /** The last action that failed, to show beside the conversation. */
  error: string | null;
  busy: boolean;
}

/** What the store needs of the browser; tests pass fakes. */
export interface BrowserHooks {
  notify(title: string, body: string): void;
  /** Whether the agent is looking at the console right now. */
  isAttending(): boolean;
  /** Calls back on the agent's input (pointer, keys) and on focus; returns the unsubscribe. */
  onActivity(listener: () => void): () => void;
  onAttend(listener: () => void): () => void;
}

const ACTIVITY_REPORT_MS = 60_000;

/**
 * The console's workplace beyond replying: inbox views and search, notes, read receipts, take /
 * transfer / close, availability, canned responses, and notifications. Framework-free, beside
 * ConsoleStore (whose open list and selection it reads).
 */
export class WorkplaceStore {
  private state: WorkplaceState = {
    view: 'open',
    closed: { load: 'idle', conversations: [] },
    search: { query: '', load: 'idle', results: [] },
    me: null,
    team: [],
    notes: {},
    visitorRead: {},
    canned: [],
    attention: 0,
    error: null,
    busy: false,
  };
  private readonly listeners = new Set<() => void>();
  private readonly cleanups: Array<() => void> = [];
  private readonly readSent = new Map<string, number>();
  private readonly notesLoaded = new Set<string>();
  private lastActivityReport = 0;
  private searchGeneration = 0;
  private disposed = false;

  constructor(
    private readonly connection: AgentConnection,
    private readonly consoleStore: ConsoleStore,
    private readonly api: Pick<WorkplaceApi, 'canned'>,
    private readonly user: User,
    private readonly browser: BrowserHooks,
  ) {}

  getState(): WorkplaceState {
    return this.state;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  start(): void {
    const c = this.connection;
    this.cleanups.push(
      c.onStatus((status) => this.handleStatus(status)),
      c.on('note:new', (note) => this.addNote(note)),
      c.on('conversation:read', ({ conversationId, seq }) =>
        this.patch({ visitorRead: { ...this.state.visitorRead, [conversationId]: seq } }),
      ),
      c.on('presence:changed', (presence) => this.handlePresence(presence)),
      c.on('conversation:upsert', (summary) => this.handleUpsert(summary)),
      c.on('escalation:offer', ({ conversation }) =>
        this.attend(`Escalated: ${conversation.visitorName}`, conversation.lastMessage?.text ?? 'A buyer needs help now.'),
      ),
      this.consoleStore.subscribe(() => this.followSelection()),
      this.browser.onActivity(() => this.reportActivity()),
      this.browser.onAttend(() => {
        if (this.state.attention > 0) this.patch({ attention: 0 });
        this.followSelection();
      }),
    );
    this.handleStatus(c.status());
  }

  dispose(): void {
    this.disposed = true;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.listeners.clear();
  }

  // ---- actions -------------------------------------------------------------------------------

  setView(view: InboxView): void {
    this.patch({ view });
    if (view === 'closed') void this.loadClosed();
  }

  async search(query: string): Promise<void> {
    const generation = ++this.searchGeneration;
    const trimmed = query.trim();
    if (trimmed.length < 2) {
      this.patch({ search: { query, load: 'idle', results: [] } });
      return;
    }
    this.patch({ search: { ...this.state.search, query, load: 'searching' } });
    try {
      const { conversations } = await this.connection.request('conversations:search', { query: trimmed });
      if (generation === this.searchGeneration) this.patch({ search: { query, load: 'ready', results: conversations } });
    } catch {
      if (generation === this.searchGeneration) this.patch({ search: { query, load: 'error', results: [] } });
    }
  }

  take(conversationId: string): Promise<boolean> {
    return this.act(async () => {
      const { conversation } = await this.connection.request('conversation:take', { conversationId });
      this.consoleStore.select(conversation.id);
    });
  }

  transfer(conversationId: string, toUserId: string, note: string): Promise<boolean> {
    return this.act(() => this.connection.request('conversation:transfer', { conversationId, toUserId, note }));
  }

  close(conversationId: string, reason: CloseReason, comment: string): Promise<boolean> {
    return this.act(() => this.connection.request('conversation:close', { conversationId, reason, comment }));
  }

  addNoteText(conversationId: string, text: string): Promise<boolean> {
    return this.act(async () => {
      const { note } = await this.connection.request('note:add', { conversationId, clientId: newClientId(), text });
      this.addNote(note);
    });
  }

  setAvailability(availability: Availability): Promise<boolean> {
    return this.act(async () => this.handlePresence(await this.connection.request('availability:set', { availability })));
  }

  setCapacity(capacity: number): Promise<boolean> {
    return this.act(async () => this.handlePresence(await this.connection.request('availability:set', { capacity })));
  }

  /** Loads and capacities change with every assignment: fresh ones before picking a transfer target. */
  refreshTeam(): void {
    void this.loadTeam();
  }

  dismissError(): void {
    this.patch({ error: null });
  }

  // ---- events --------------------------------------------------------------------------------

  private handleStatus(status: ConnectionStatus): void {
    if (status !== 'connected' || this.disposed) return;
    this.readSent.clear();
    this.notesLoaded.clear();
    void this.loadTeam();
    void this.loadCanned();
    if (this.state.view === 'closed') void this.loadClosed();
    this.followSelection();
  }

  private handlePresence(presence: AgentPresence): void {
    const team = this.state.team.some((a) => a.userId === presence.userId)
      ? this.state.team.map((a) => (a.userId === presence.userId ? presence : a))
      : [...this.state.team, presence];
    this.patch({ team, me: presence.userId === this.user.id ? presence : this.state.me });
  }

  private handleUpsert(summary: ConversationSummary): void {
    const before = this.consoleStore.getState().conversations.find((c) => c.id === summary.id);
    // Newly mine (taken by someone for me, or transferred to me): worth a notification.
    if (summary.status === 'open' && summary.assigneeId === this.user.id && before?.assigneeId !== this.user.id) {
      const mineByMyOwnHand = this.state.busy;
      if (!mineByMyOwnHand)
        this.attend(`Assigned to you: ${summary.visitorName}`, summary.lastMessage?.text ?? 'A conversation is now yours.');
    }
    if (summary.status === 'closed' || this.state.closed.load === 'ready') {
      const others = this.state.closed.conversations.filter((c) => c.id !== summary.id);
      const closed = summary.status === 'closed' ? [summary, ...others] : others;
      this.patch({ closed: { ...this.state.closed, conversations: closed } });
    }
    if (this.state.search.results.some((c) => c.id === summary.id)) {
      this.patch({ search: { ...this.state.search, results: this.state.search.results.map((c) => (c.id === summary.id ? summary : c)) } });
    }
  }

  /** Loads notes for a newly opened conversation and reports what the agent has read. */
  private followSelection(): void {
    if (this.disposed || this.connection.status() !== 'connected') return;
    const selected = this.consoleStore.getState().selected;
    if (!selected || selected.load !== 'ready') return;
    const id = selected.id;
    if (!this.notesLoaded.has(id)) {
      this.notesLoaded.add(id);
      this.connection.request('notes:list', { conversationId: id }).then(
        ({ notes }) => this.patch({ notes: { ...this.state.notes, [id]: mergeNotes(this.state.notes[id] ?? [], notes) } }),
        () => this.notesLoaded.delete(id),
      );
    }
    const last = selected.messages.at(-1)?.seq;
    if (last === undefined || !this.browser.isAttending()) return;
    const alreadyRead = Math.max(this.readSent.get(id) ?? -1, selected.conversation?.agentReadSeq ?? -1);
    if (last <= alreadyRead) return;
    this.readSent.set(id, last);
    this.connection.request('conversation:read', { conversationId: id, seq: last }).catch(() => this.readSent.delete(id));
  }

  private reportActivity(): void {
    const now = Date.now();
    if (now - this.lastActivityReport < ACTIVITY_REPORT_MS || this.connection.status() !== 'connected') return;
    this.lastActivityReport = now;
    this.connection.request('presence:activity', {}).catch(() => (this.lastActivityReport = 0));
  }

  private attend(title: string, body: string): void {
    if (this.browser.isAttending()) return;
    this.patch({ attention: this.state.attention + 1 });
    this.browser.notify(title, body);
  }

  // ---- loading -------------------------------------------------------------------------------

  private async loadTeam(): Promise<void> {
    try {
      const { agents } = await this.connection.request('team:presence', {});
      this.patch({ team: agents, me: agents.find((a) => a.userId === this.user.id) ?? null });
    } catch {
      // Only transfers need the team; the dialog says so when it is empty.
    }
  }

  private async loadCanned(): Promise<void> {
    try {
      this.patch({ canned: await this.api.canned() });
    } catch {
      // Completion simply offers nothing.
    }
  }

  private async loadClosed(): Promise<void> {
    this.patch({ closed: { ...this.state.closed, load: 'loading' } });
    try {
      const { conversations } = await this.connection.request('conversations:list', { status: 'closed' });
      this.patch({ closed: { load: 'ready', conversations } });
    } catch {
      this.patch({ closed: { ...this.state.closed, load: 'error' } });
    }
  }

  private addNote(note: Note): void {
    const list = this.state.notes[note.conversationId] ?? [];
    this.patch({ notes: { ...this.state.notes, [note.conversationId]: mergeNotes(list, [note]) } });
  }

  private async act(work: () => Promise<unknown>): Promise<boolean> {
    this.patch({ busy: true, error: null });
    try {
      await work();
      this.patch({ busy: false });
      return true;
    } catch (error) {
      this.patch({ busy: false, error: describeAction(error) });
      return false;
    }
  }

  private patch(next: Partial<WorkplaceState>): void {
    if (this.disposed) return;
    this.state = { ...this.state, ...next };
    for (const listener of [...this.listeners]) listener();
  }
}

function mergeNotes(existing: readonly Note[], incoming: readonly Note[]): Note[] {
  const byId = new Map(existing.map((n) => [n.id, n]));
  for (const note of incoming) byId.set(note.id, note);
  return [...byId.values()].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
}

function describeAction(error: unknown): string {
  if (error instanceof AgentRequestError && error.code === 'conflict') return error.message || 'Someone else got there first.';
  if (error instanceof AgentRequestError && error.code === 'disconnected') return 'Not connected. Try again when the connection is back.';
  return describeFailure(error);
}
