import { createClientId } from '../../shared/client/client-id';
import { RestError, type RestErrorCode } from '../../shared/client/rest-client';
import { createStore } from '../../shared/client/store';
import type { AttachmentSettings, Message } from '../../shared/contract';
import { checkFile, type FileRefusal } from '../../shared/files/accept';
import type { FilesApi } from '../api/files-api';

/** A file on its way into a conversation, or one that did not get there and why. */
export interface Upload {
  clientId: string;
  conversationId: string;
  name: string;
  size: number;
  /** Bytes sent so far. */
  sent: number;
  state: 'uploading' | 'failed';
  reason: FileRefusal | RestErrorCode | null;
  /** Whether sending it again may work (not for a file the site refuses). */
  retryable: boolean;
}

/** What is sent: a picked file, or a canned response's stored file. */
type Source = { file: File } | { shortcut: string };

const RETRYABLE: ReadonlySet<RestErrorCode> = new Set(['network', 'rate_limited', 'internal', 'unavailable', 'unexpected_response']);

/**
 * The agent's files on their way into conversations: checked against the site's limits first, then
 * uploaded with progress; a cancelled one is gone, a failed one stays with its reason. The acknowledged
 * message is handed to `receive`, which merges it with its `message:new` push by id.
 */
export function createFileUploads(api: FilesApi, receive: (message: Message) => void) {
  const store = createStore<{ uploads: Upload[]; settings: AttachmentSettings | null }>({ uploads: [], settings: null });
  const sources = new Map<string, Source>();
  const aborts = new Map<string, () => void>();
  let loading: Promise<AttachmentSettings | null> | null = null;

  const patch = (clientId: string, change: Partial<Upload>) =>
    store.set((s) => ({ uploads: s.uploads.map((u) => (u.clientId === clientId ? { ...u, ...change } : u)) }));
  const drop = (clientId: string) => {
    sources.delete(clientId);
    aborts.delete(clientId);
    store.set((s) => ({ uploads: s.uploads.filter((u) => u.clientId !== clientId) }));
  };
  const failed = (clientId: string, reason: FileRefusal | RestErrorCode, retryable: boolean) =>
    patch(clientId, { state: 'failed', reason, retryable });

  /** The site's limits, loaded once (again after a failure); null while they cannot be had: the server still checks. */
  function settings(): Promise<AttachmentSettings | null> {
    loading ??= api.settings().then(
      (loaded) => {
        store.set({ settings: loaded });
        return loaded;
      },
      () => {
        loading = null;
        return null;
      },
    );
    return loading;
  }

  async function deliver(upload: Upload): Promise<void> {
    const { clientId, conversationId } = upload;
    const source = sources.get(clientId);
    if (!source) return;
    try {
      let message: Message;
      if ('file' in source) {
        const request = api.upload(conversationId, source.file, clientId, (sent) => patch(clientId, { sent }));
        aborts.set(clientId, request.abort);
        message = (await request.done).message;
      } else {
        message = await api.sendCanned(conversationId, source.shortcut, clientId);
      }
      drop(clientId);
      receive(message);
    } catch (error) {
      if (!store.get().uploads.some((u) => u.clientId === clientId)) return; // cancelled meanwhile
      const code: RestErrorCode = error instanceof RestError ? error.code : 'internal';
      failed(clientId, code, RETRYABLE.has(code));
    }
  }

  function begin(conversationId: string, name: string, size: number, source: Source): Upload {
    const upload: Upload = {
      clientId: createClientId(),
      conversationId,
      name,
      size,
      sent: 0,
      state: 'uploading',
      reason: null,
      retryable: false,
    };
    sources.set(upload.clientId, source);
    store.set((s) => ({ uploads: [...s.uploads, upload] }));
    return upload;
  }

  return {
    store,
    settings,

    /** Checks each file against the site's limits and sends those it takes. */
    async attach(conversationId: string, files: readonly File[]): Promise<void> {
      let limits = await settings();
      if (limits && files.some((file) => checkFile(file, limits!))) {
        // An admin may have changed them since they were loaded: ask again before refusing.
        loading = null;
        limits = (await settings()) ?? limits;
      }
      for (const file of files) {
        const upload = begin(conversationId, file.name, file.size, { file });
        const refusal = limits && checkFile(file, limits);
        if (refusal) {
          sources.delete(upload.clientId);
          failed(upload.clientId, refusal, false);
        } else void deliver(upload);
      }
    },

    /** Sends a canned response's file into the conversation (a copy of it, as a new message). */
    sendCanned(conversationId: string, shortcut: string, name: string, size: number): void {
      void deliver(begin(conversationId, name, size, { shortcut }));
    },

    cancel(clientId: string): void {
      const abort = aborts.get(clientId);
      drop(clientId);
      abort?.();
    },

    retry(clientId: string): void {
      const upload = store.get().uploads.find((u) => u.clientId === clientId);
      if (!upload?.retryable) return;
      const again: Upload = { ...upload, state: 'uploading', sent: 0, reason: null, retryable: false };
      patch(clientId, again);
      void deliver(again);
    },

    dismiss: drop,

    /** An admin saved new limits in this tab. */
    limitsChanged(limits: AttachmentSettings): void {
      loading = Promise.resolve(limits);
      store.set({ settings: limits });
    },
  };
}

export type FileUploads = ReturnType<typeof createFileUploads>;
