import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageItem } from '../../agent-console/conversation/MessageItem';
import type { AttachmentSettings } from '../../shared/contract';
import { message } from './console-harness';
import { conv, FakeXhr, file, fileMessage, pick, renderConsole, stubNetwork } from './console-files-harness';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LIMITS = { kinds: ['images' as const, 'pdf' as const], maxMegabytes: 1 };

async function attachInput(container: Element) {
  await screen.findByRole('button', { name: 'Attach a file' });
  const input = container.querySelector<HTMLInputElement>('.composer input[type="file"]')!;
  // The picker offers only what the site takes, once its limits are known.
  await waitFor(() => expect(input.accept.split(',')).toContain('image/png'));
  return input;
}

describe('attaching a file in the composer', () => {
  it('uploads the picked file with progress; Cancel aborts it; the acked message shows once', async () => {
    stubNetwork(LIMITS);
    const { connection, view } = renderConsole();
    const input = await attachInput(view.container);
    expect(input.accept.split(',')).toContain('.pdf');
    expect(input.accept).not.toContain('.docx');

    pick(input, [file('photo.png', 'image/png', 1000)]);
    const bar = await screen.findByRole('progressbar', { name: 'Uploading photo.png' });
    const [xhr] = FakeXhr.sent;
    expect(xhr!.method).toBe('POST');
    expect(xhr!.url.startsWith(`/api/files/conversations/${conv.id}?`)).toBe(true);
    expect(xhr!.query().name).toBe('photo.png');
    expect(xhr!.body).toBeInstanceOf(File);
    expect(xhr!.headers['Content-Type']).toBe('application/octet-stream');

    xhr!.progress(400, 1000);
    expect((bar as HTMLProgressElement).value).toBe(400);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel uploading photo.png' }));
    expect(xhr!.aborted).toBe(true);
    expect(screen.queryByRole('progressbar')).toBeNull();

    pick(input, [file('photo.png', 'image/png', 1000)]);
    await screen.findByRole('progressbar', { name: 'Uploading photo.png' });
    const again = FakeXhr.sent[1]!;
    const stored = fileMessage({ clientId: again.query().clientId! });
    await again.respond(201, { message: stored });
    // The same message pushed as message:new merges with the acked one.
    connection.push('message:new', stored);
    expect(screen.queryByRole('progressbar')).toBeNull();
    const list = screen.getByRole('list', { name: 'Messages' });
    expect(within(list).getAllByRole('button', { name: 'Open image photo.png' })).toHaveLength(1);
  });

  it('refuses a file too large or of a type the site does not take before sending it, in words', async () => {
    stubNetwork(LIMITS);
    const { view } = renderConsole();
    const input = await attachInput(view.container);
    pick(input, [file('scan.pdf', 'application/pdf', 1_000_001), file('tool.exe', 'application/x-msdownload')]);
    const alerts = await screen.findAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual([
      'scan.pdf is larger than 1 MB, the most this site accepts.',
      'tool.exe cannot be sent: this site accepts images and PDF.',
    ]);
    expect(FakeXhr.sent).toHaveLength(0);
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getAllByRole('button', { name: 'Dismiss' })[0]!);
    expect(screen.getAllByRole('alert')).toHaveLength(1);
  });

  it('asks for the limits again before refusing: an admin may have changed them since', async () => {
    const limits: AttachmentSettings = { kinds: ['images'], maxMegabytes: 1 };
    stubNetwork(limits);
    const { view } = renderConsole();
    const input = await attachInput(view.container);
    limits.kinds = ['images', 'pdf'];
    pick(input, [file('terms.pdf', 'application/pdf')]);
    await screen.findByRole('progressbar', { name: 'Uploading terms.pdf' });
    expect(FakeXhr.sent).toHaveLength(1);
  });

  it('offers no attach button where the site takes no files; a pasted file says so', async () => {
    stubNetwork({ kinds: [], maxMegabytes: 10 });
    renderConsole();
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull());
    fireEvent.paste(reply, { clipboardData: { files: [file('photo.png', 'image/png')], types: ['Files'] } });
    expect((await screen.findByRole('alert')).textContent).toBe('photo.png cannot be sent: this site accepts no files.');
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('says so in the console’s language (Russian)', async () => {
    stubNetwork(LIMITS);
    const { view } = renderConsole({ locale: 'ru' });
    await screen.findByRole('button', { name: 'Прикрепить файл' });
    const input = view.container.querySelector<HTMLInputElement>('.composer input[type="file"]')!;
    await waitFor(() => expect(input.accept).toContain('image/png'));
    pick(input, [file('scan.pdf', 'application/pdf', 2_000_000)]);
    expect((await screen.findByRole('alert')).textContent).toBe('Файл scan.pdf больше 1 МБ — это предел для этого сайта.');
  });

  it('maps a refusal of the server by its code, never showing its text; a lost connection can be retried', async () => {
    stubNetwork(LIMITS);
    const { view } = renderConsole();
    const input = await attachInput(view.container);
    // Named .png, but the server reads something else from the bytes.
    pick(input, [file('fake.png', 'image/png')]);
    await screen.findByRole('progressbar');
    await FakeXhr.sent[0]!.respond(422, {
      error: { code: 'type_refused', message: 'This kind of file cannot be sent. Accepted: images, pdf.' },
    });
    expect(screen.getByRole('alert').textContent).toBe('fake.png cannot be sent: this site accepts images and PDF.');
    expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));

    pick(input, [file('photo.png', 'image/png')]);
    await screen.findByRole('progressbar');
    const first = FakeXhr.sent[1]!;
    await first.fail();
    expect(screen.getByRole('alert').textContent).toBe('photo.png was not sent: the server could not be reached.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await screen.findByRole('progressbar', { name: 'Uploading photo.png' });
    // The same clientId: a retried upload that did arrive stays one message.
    expect(FakeXhr.sent[2]!.query().clientId).toBe(first.query().clientId);
  });

  it('takes files pasted into the reply box and dropped onto the conversation', async () => {
    stubNetwork(LIMITS);
    const { view } = renderConsole();
    await attachInput(view.container);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.paste(reply, { clipboardData: { files: [file('pasted.png', 'image/png')], types: ['Files'] } });
    await screen.findByRole('progressbar', { name: 'Uploading pasted.png' });

    const section = view.container.querySelector<HTMLElement>('section.conversation')!;
    const dataTransfer = { files: [file('dropped.pdf', 'application/pdf')], types: ['Files'] };
    fireEvent.dragEnter(section, { dataTransfer });
    expect(screen.getByText('Drop files here to send them')).toBeTruthy();
    fireEvent.drop(section, { dataTransfer });
    await screen.findByRole('progressbar', { name: 'Uploading dropped.pdf' });
    expect(screen.queryByText('Drop files here to send them')).toBeNull();
    expect(FakeXhr.sent.map((x) => x.query().name)).toEqual(['pasted.png', 'dropped.pdf']);
    // A file dropped beside the conversation neither sends nor replaces the console with the file.
    expect(fireEvent.drop(document.body, { dataTransfer })).toBe(false);
    expect(FakeXhr.sent).toHaveLength(2);
    // Plain text pasted is left to the text box.
    fireEvent.paste(reply, { clipboardData: { files: [], types: ['text/plain'] } });
    expect(FakeXhr.sent).toHaveLength(2);
  });
});

describe('files in messages', () => {
  const renderMessage = (m: ReturnType<typeof message>) =>
    render(
      <ul>
        <MessageItem message={m} visitorName="Marie" now={Date.now()} />
      </ul>,
    );

  it('shows a visitor’s image as its thumbnail; a click opens the full image in a dialog that Escape closes', async () => {
    renderMessage(fileMessage({ clientId: 'visitor-file-1', author: 'visitor', authorName: null }));
    const thumbnail = screen.getByRole('button', { name: 'Open image photo.png' });
    const img = thumbnail.querySelector('img')!;
    expect(img.getAttribute('src')).toBe(`/api/files/${'e'.repeat(24)}`);
    // Its box is known before it loads (640×480 fitted into 240×180): the list's scroll stays put.
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['240', '180']);

    thumbnail.focus();
    fireEvent.click(thumbnail);
    const dialog = screen.getByRole('dialog', { name: 'Image photo.png' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(within(dialog).getByRole('img', { name: 'photo.png' }).getAttribute('src')).toBe(`/api/files/${'f'.repeat(24)}`);
    expect(within(dialog).getByRole('link', { name: 'Download' }).getAttribute('href')).toBe(`/api/files/${'f'.repeat(24)}`);
    const close = within(dialog).getByRole('button', { name: 'Close' });
    expect(document.activeElement).toBe(close);
    // Tab stays inside the dialog.
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(within(dialog).getByRole('link', { name: 'Download' }));

    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(thumbnail);
  });

  it('shows another file as a download link with its name and size', () => {
    renderMessage(
      message('c1', {
        author: 'visitor',
        text: 'terms.pdf',
        attachment: { id: 'd'.repeat(24), name: 'terms.pdf', type: 'application/pdf', size: 123_456 },
      }),
    );
    const link = screen.getByRole('link', { name: 'Download terms.pdf' });
    expect(link.getAttribute('href')).toBe(`/api/files/${'d'.repeat(24)}`);
    expect(link.getAttribute('download')).toBe('terms.pdf');
    expect(link.textContent).toBe('terms.pdf123 kB');
    expect(screen.queryByRole('img')).toBeNull();
  });
});

describe('the image viewer', () => {
  it('closes on a click beside the image, and only there', () => {
    render(
      <ul>
        <MessageItem message={fileMessage({ clientId: 'x'.repeat(10) })} visitorName="Marie" now={Date.now()} />
      </ul>,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open image photo.png' }));
    fireEvent.click(screen.getByRole('img', { name: 'photo.png' }));
    expect(screen.getByRole('dialog')).toBeTruthy();
    act(() => {
      fireEvent.click(document.querySelector('.image-viewer')!);
    });
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
