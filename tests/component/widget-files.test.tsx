// The widget's files: the Attach button, the checks before sending, progress and Cancel, and the
// conversation's files as thumbnails (with a full view) and downloads. The test plays the server:
// a fake ChatClient, and a fake XMLHttpRequest and fetch for the HTTP side.
import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Attachment, FileLinks, Message } from '../../shared/contract';
import { LOCALES } from '../../shared/i18n';
import { filesText } from '../../shared/i18n/catalogs/files';
import { loadCatalog } from '../../shared/i18n/load-catalog';
import { message, mountWidget, type Mounted, syncResult } from './widget-harness';

const LINKS: FileLinks = {
  url: 'https://chat.example/api/files/f1?exp=1&sig=a',
  thumbnailUrl: 'https://chat.example/api/files/t1?exp=1&sig=b',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
};
const PNG: Attachment = { id: 'f1', name: 'pixel.png', type: 'image/png', size: 68, width: 4, height: 3, thumbnailId: 't1' };
const CHUNK = { timeout: 5000 };

/** An XMLHttpRequest the test answers; every one the widget sends is kept in `FakeXhr.sent`. */
class FakeXhr {
  static sent: FakeXhr[] = [];
  readonly upload: { onprogress?: (event: { loaded: number }) => void } = {};
  readonly headers: Record<string, string> = {};
  onload?: () => void;
  onerror?: () => void;
  status = 0;
  response: unknown = null;
  responseType = '';
  url = '';
  body: unknown;
  aborted = false;

  open(method: string, url: string): void {
    this.url = `${method} ${url}`;
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
  get query(): URLSearchParams {
    return new URL(this.url.split(' ')[1]!, 'http://x').searchParams;
  }
  progress(loaded: number): void {
    act(() => this.upload.onprogress?.({ loaded }));
  }
  async respond(status: number, response: unknown): Promise<void> {
    this.status = status;
    this.response = response;
    await act(async () => this.onload?.());
  }
  async fail(): Promise<void> {
    await act(async () => this.onerror?.());
  }
}

const fetchLinks = vi.fn(async (_url: string, _init?: RequestInit) => new Response(JSON.stringify({ links: LINKS }), { status: 200 }));

let mounted: Mounted | undefined;

beforeEach(() => {
  localStorage.clear();
  FakeXhr.sent = [];
  fetchLinks.mockClear();
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  vi.stubGlobal('fetch', fetchLinks);
});
afterEach(() => {
  mounted?.unmount();
  mounted = undefined;
  cleanup();
  vi.unstubAllGlobals();
});

/** A widget synced with a site that takes images and PDFs up to 1 MB (unless `attachments` says otherwise). */
async function open(options: { languages?: string[]; attachments?: { kinds: ('images' | 'pdf')[]; maxMegabytes: number } } = {}) {
  mounted = await mountWidget({ languages: options.languages });
  const site = { ...syncResult([]).site, attachments: options.attachments ?? { kinds: ['images', 'pdf'], maxMegabytes: 1 } };
  await mounted.client.connectAndSync([message({ seq: 0, author: 'visitor', authorName: null, text: 'Hello' })], { site });
  return mounted;
}

function pick(...files: File[]): void {
  const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
  fireEvent.change(input, { target: { files } });
}

const png = (name = 'pixel.png', size = 100) => new File([new Uint8Array(size)], name, { type: 'image/png' });

function storedFile(clientId: string, patch: Partial<Message> = {}): Message {
  return message({ seq: 1, author: 'visitor', authorName: null, clientId, text: PNG.name, attachment: PNG, ...patch });
}

describe('the Attach button', () => {
  it('is offered with its name when the site takes files, and backed by a file input', async () => {
    await open();
    const button = screen.getByRole('button', { name: 'Attach a file' });
    const input = document.querySelector<HTMLInputElement>('input[type=file]')!;
    const clicked = vi.spyOn(input, 'click');
    fireEvent.click(button);
    expect(clicked).toHaveBeenCalledOnce();
  });

  it('is not offered when the site takes no files', async () => {
    await open({ attachments: { kinds: [], maxMegabytes: 10 } });
    expect(screen.queryByRole('button', { name: /Attach/ })).toBeNull();
    // Nor does a file dropped on the panel go anywhere.
    fireEvent.drop(screen.getAllByRole('dialog')[0]!, { dataTransfer: { files: [png()] } });
    await act(async () => {
      await import('../../widget/app/files/files');
    });
    expect(mounted!.session.state.uploads).toBeUndefined();
    expect(FakeXhr.sent).toHaveLength(0);
  });
});

describe.each(LOCALES)('in %s', (locale) => {
  it('names the Attach button in the visitor’s language', async () => {
    await open({ languages: [locale] });
    const label = (await loadCatalog(locale))['composer.attach'];
    expect(screen.getByRole('button', { name: label })).toBeTruthy();
  });
});

describe.each(['en', 'fa'] as const)('refused before sending, in %s', (locale) => {
  const text = filesText(locale);
  const max = new Intl.NumberFormat(locale).format(1);

  it('says a file is too large, in the visitor’s language, and sends nothing', async () => {
    await open({ languages: [locale] });
    pick(png('holiday.png', 1_000_001));
    const alert = await screen.findByRole('alert', {}, CHUNK);
    expect(alert.textContent).toContain(text('files.tooLarge', { name: 'holiday.png', max }));
    expect(FakeXhr.sent).toHaveLength(0);
    expect(screen.getAllByRole('dialog')[0]!.getAttribute('dir')).toBe(locale === 'fa' ? 'rtl' : 'ltr');

    fireEvent.click(screen.getByRole('button', { name: text('files.dismiss') }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says a kind of file is not taken, by its type or its name', async () => {
    await open({ languages: [locale] });
    pick(new File(['MZ'], 'setup.exe', { type: 'application/x-msdownload' }), new File(['a,b'], 'prices.csv', { type: '' }));
    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2), CHUNK);
    const [exe, csv] = screen.getAllByRole('alert');
    expect(exe!.textContent).toContain(text('files.refused', { name: 'setup.exe' }));
    expect(csv!.textContent).toContain(text('files.refused', { name: 'prices.csv' }));
    expect(screen.queryByRole('button', { name: text('files.retry') })).toBeNull();
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('words the server’s refusal itself, never its raw text', async () => {
    await open({ languages: [locale] });
    pick(png());
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1), CHUNK);
    await FakeXhr.sent[0]!.respond(415, {
      error: { code: 'type_refused', message: 'This kind of file cannot be sent. Accepted: images.' },
    });
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain(text('files.refused', { name: 'pixel.png' }));
    expect(alert.textContent).not.toContain('Accepted');
  });
});

describe('sending a file', () => {
  it('shows its progress, and Cancel stops it', async () => {
    await open();
    pick(png('pixel.png', 200));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1), CHUNK);
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.url.split(' ')[0]).toBe('POST');
    expect(new URL(xhr.url.split(' ')[1]!).pathname).toBe('/api/files/visitor');
    expect(xhr.query.get('name')).toBe('pixel.png');
    expect(xhr.headers.Authorization).toBe('Bearer signed-token');

    xhr.progress(50);
    const bar = screen.getByRole('progressbar', { name: 'Sending pixel.png' });
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    xhr.progress(150);
    expect(bar.getAttribute('aria-valuenow')).toBe('75');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(xhr.aborted).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('sends a retry with the same client id, and shows the stored file once', async () => {
    const { client } = await open();
    pick(png());
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1), CHUNK);
    await FakeXhr.sent[0]!.fail();
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(FakeXhr.sent).toHaveLength(2);
    const clientId = FakeXhr.sent[0]!.query.get('clientId')!;
    expect(FakeXhr.sent[1]!.query.get('clientId')).toBe(clientId);

    const stored = storedFile(clientId);
    await FakeXhr.sent[1]!.respond(201, { message: stored, links: LINKS });
    client.push('message', stored); // the same message, pushed as well
    const thumbnail = await screen.findByRole('img', { name: 'pixel.png' }, CHUNK);
    expect(thumbnail.getAttribute('src')).toBe(LINKS.thumbnailUrl);
    expect(screen.getAllByRole('button', { name: 'Show pixel.png in full size' })).toHaveLength(1);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(fetchLinks).not.toHaveBeenCalled(); // the upload's answer brought its links
  });

  it('sends a file dropped on the panel or pasted into the message box', async () => {
    await open();
    fireEvent.drop(screen.getAllByRole('dialog')[0]!, { dataTransfer: { files: [png('dropped.png')] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1), CHUNK);
    fireEvent.paste(screen.getByRole('textbox', { name: 'Message' }), { clipboardData: { files: [png('pasted.png')] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    expect(FakeXhr.sent.map((xhr) => xhr.query.get('name'))).toEqual(['dropped.png', 'pasted.png']);
  });
});

describe('files in the conversation', () => {
  it('opens an image at full size in a dialog that Esc closes, focus going back to the thumbnail', async () => {
    const { client } = await open();
    // A file of its own: the links of the one sent above are still kept.
    client.push('message', storedFile('agent-file-01', { author: 'agent', authorName: 'Ana', attachment: { ...PNG, id: 'f9' } }));
    const thumbnail = await screen.findByRole('button', { name: 'Show pixel.png in full size' }, CHUNK);
    await waitFor(() => expect(fetchLinks).toHaveBeenCalledOnce());
    expect(new URL(fetchLinks.mock.calls[0]![0]).pathname).toBe('/api/files/visitor/f9/links');
    expect(new Headers(fetchLinks.mock.calls[0]![1]!.headers).get('Authorization')).toBe('Bearer signed-token');
    await screen.findByRole('img', { name: 'pixel.png' });

    fireEvent.click(thumbnail);
    const viewer = await screen.findByRole('dialog', { name: 'pixel.png' }, CHUNK);
    expect(viewer.getAttribute('aria-modal')).toBe('true');
    expect(viewer.querySelector('img')!.getAttribute('src')).toBe(LINKS.url);
    expect(viewer.querySelector('img')!.getAttribute('alt')).toBe('pixel.png');
    const close = screen.getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);

    fireEvent.keyDown(close, { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'pixel.png' })).toBeNull();
    expect(document.activeElement).toBe(thumbnail);
    expect(mounted!.session.state.open).toBe(true); // Esc closed the image, not the chat
  });

  it('offers any other file as a download with its name and size', async () => {
    const { client } = await open({ languages: ['fa'] });
    const pdf: Attachment = { id: 'f2', name: 'invoice.pdf', type: 'application/pdf', size: 2_400_000 };
    client.push('message', message({ seq: 1, author: 'agent', authorName: 'Ana', text: pdf.name, attachment: pdf }));
    const link = await screen.findByRole('link', { name: 'invoice.pdf' }, CHUNK);
    await waitFor(() => expect(link.getAttribute('href')).toBe(LINKS.url));
    expect(link.getAttribute('download')).toBe('invoice.pdf');
    const size = new Intl.NumberFormat('fa', { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(2.4);
    expect(link.parentElement!.textContent).toContain(size);
  });
});
