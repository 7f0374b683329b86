import { act, render } from '@testing-library/preact';
import { vi } from 'vitest';
import type { WorkplaceApi } from '../../agent-console/api/workplace-api';
import { ConversationView } from '../../agent-console/conversation/ConversationView';
import { KbConnectionContext } from '../../agent-console/kb/kb-context';
import { createConsoleI18n } from '../../agent-console/lib/i18n';
import { CannedManager } from '../../agent-console/settings/CannedManager';
import { startConsoleSession } from '../../agent-console/state/console-session';
import { ConsoleSessionContext } from '../../agent-console/state/session-context';
import type { AttachmentSettings, CannedResponse, Message } from '../../shared/contract';
import type { LocaleCode } from '../../shared/i18n/locales';
import { FakeConnection, agent, jsonResponse, message, openConversationHandler, summary } from './console-harness';

/** Fakes of the browser's network for the console's file code: XMLHttpRequest uploads and fetch calls. */

/** An XMLHttpRequest the test answers: records what was sent, reports progress, aborts. */
export class FakeXhr {
  static sent: FakeXhr[] = [];
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown = null;
  aborted = false;
  status = 0;
  responseText = '';
  upload: { onprogress: ((event: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string): void {
    this.headers[name] = value;
  }
  send(body: unknown): void {
    this.body = body;
    FakeXhr.sent.push(this);
  }
  abort(): void {
    this.aborted = true;
  }
  progress(loaded: number, total: number): void {
    act(() => this.upload.onprogress?.({ loaded, total, lengthComputable: true }));
  }
  async respond(status: number, body: unknown): Promise<void> {
    this.status = status;
    this.responseText = JSON.stringify(body);
    await act(async () => this.onload?.());
  }
  async fail(): Promise<void> {
    await act(async () => this.onerror?.());
  }
  /** The query of the request's URL. */
  query(): Record<string, string> {
    return Object.fromEntries(new URL(this.url, 'http://console.test').searchParams);
  }
}

export interface FetchCall {
  method: string;
  url: string;
}

/** Stubs XMLHttpRequest and fetch: the site's limits, and answers to the other file routes by `answer`. */
export function stubNetwork(limits: AttachmentSettings, answer: (call: FetchCall) => Response | undefined = () => undefined) {
  FakeXhr.sent = [];
  const calls: FetchCall[] = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: { method: string }) => {
      const call = { method: init.method, url };
      calls.push(call);
      if (url === '/api/files/settings') return jsonResponse(200, { attachments: limits });
      return answer(call) ?? jsonResponse(404, { error: { code: 'not_found', message: 'No such route.' } });
    }),
  );
  return calls;
}

export const conv = summary(1, { visitorName: 'Marie' });

/** A picked file of `size` bytes. */
export function file(name: string, type: string, size = 100): File {
  return new File([new Uint8Array(size)], name, { type });
}

/** The message the server stores for an uploaded file. */
export function fileMessage(patch: Partial<Message> & { clientId: string }, name = 'photo.png'): Message {
  return message(conv.id, {
    author: 'agent',
    authorName: agent.name,
    text: name,
    attachment: { id: 'f'.repeat(24), name, type: 'image/png', size: 2048, width: 640, height: 480, thumbnailId: 'e'.repeat(24) },
    ...patch,
  });
}

/** The workspace's conversation view (and the canned responses' admin list) on a fake connection, the first conversation open. */
export function renderConsole({ locale = 'en', canned = [] }: { locale?: LocaleCode; canned?: CannedResponse[] } = {}) {
  const connection = new FakeConnection({
    'conversations:list': () => ({ conversations: [conv] }),
    'conversation:open': openConversationHandler({ [conv.id]: { summary: conv, messages: [message(conv.id, { text: 'Hello' })] } }),
    'notes:list': () => ({ notes: [] }),
    'team:presence': () => ({ agents: [] }),
    'message:send': ({ conversationId, clientId, text }) => ({
      message: message(conversationId, { clientId, text: text ?? '', author: 'agent', authorName: agent.name }),
    }),
  });
  const api = {
    canned: vi.fn(async () => canned),
    saveCanned: vi.fn(),
    deleteCanned: vi.fn(),
    preferences: vi.fn(() => new Promise<never>(() => {})),
    savePreferences: vi.fn(),
  };
  const session = startConsoleSession({
    connection,
    user: agent,
    api,
    browser: {
      notify: () => {},
      chime: () => {},
      isVisible: () => true,
      isAttending: () => false,
      onActivity: () => () => {},
      onAttend: () => () => {},
    },
    i18n: createConsoleI18n(locale),
  });
  const view = render(
    <KbConnectionContext.Provider value={null}>
      <ConsoleSessionContext.Provider value={session}>
        <CannedManager api={api as unknown as WorkplaceApi} />
        <ConversationView now={Date.now()} />
      </ConsoleSessionContext.Provider>
    </KbConnectionContext.Provider>,
  );
  act(() => session.select(conv.id));
  return { connection, session, view };
}

/** Picks files in a file input, as the browser's picker does. */
export function pick(input: HTMLInputElement, files: File[]): void {
  Object.defineProperty(input, 'files', { value: files, configurable: true });
  act(() => {
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}
