// Messages the server has not acknowledged yet. Persisted so they survive reloads and are re-sent
// after every (re)connect; the server stores each clientId once, so re-sending is safe.
import { createClientId } from '../../shared/client/client-id';
import type { SiteStore } from './site-store';

export interface OutboxEntry {
  clientId: string;
  text: string;
  createdAt: string;
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.clientId === 'string' && typeof entry.text === 'string' && typeof entry.createdAt === 'string';
}

function parse(json: string | null): OutboxEntry[] {
  if (!json) return [];
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter(isEntry) : [];
  } catch {
    return [];
  }
}

export class Outbox {
  // The in-memory list is authoritative for this tab, so a failed storage write never drops a message.
  #entries: readonly OutboxEntry[];
  readonly #store: SiteStore;

  constructor(store: SiteStore) {
    this.#store = store;
    this.#entries = parse(store.read('outbox'));
  }

  list(): readonly OutboxEntry[] {
    return this.#entries;
  }

  add(text: string): OutboxEntry {
    const entry = { clientId: createClientId(), text, createdAt: new Date().toISOString() };
    this.#save([...this.#entries, entry]);
    return entry;
  }

  /** Drops the entries the server has stored; returns whether any was removed. */
  remove(clientIds: ReadonlySet<string>): boolean {
    const kept = this.#entries.filter((entry) => !clientIds.has(entry.clientId));
    if (kept.length === this.#entries.length) return false;
    this.#save(kept);
    return true;
  }

  /** Follows changes made by other tabs of the same site. */
  watch(listener: () => void): () => void {
    return this.#store.watch('outbox', () => {
      this.#entries = parse(this.#store.read('outbox'));
      listener();
    });
  }

  #save(entries: readonly OutboxEntry[]): void {
    this.#entries = entries;
    this.#store.write('outbox', entries.length ? JSON.stringify(entries) : null);
  }
}
