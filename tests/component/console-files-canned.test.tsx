import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SettingsPage } from '../../agent-console/settings/SettingsPage';
import { ConsoleSessionContext } from '../../agent-console/state/session-context';
import type { Attachment, CannedResponse } from '../../shared/contract';
import { jsonResponse, minutesAgo } from './console-harness';
import { storingWorkplaceApi } from './settings-fixture';
import { conv, type FetchCall, FakeXhr, file, fileMessage, pick, renderConsole, stubNetwork } from './console-files-harness';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const LIMITS = { kinds: ['images' as const, 'pdf' as const], maxMegabytes: 10 };
const chart: Attachment = { id: 'c'.repeat(24), name: 'size-chart.png', type: 'image/png', size: 52_000, thumbnailId: 'b'.repeat(24) };
const sizes: CannedResponse = {
  id: 's',
  shortcut: 'sizes',
  title: 'Size chart',
  text: 'Here is our size chart for order {order.number}.',
  updatedAt: minutesAgo(5),
  attachment: chart,
};

/** The canned file's route answers with the copy stored as a new message. */
function sendCannedAnswer(call: FetchCall) {
  const match = /^\/api\/files\/conversations\/(\w+)\/canned\/(\w+)\?clientId=(\w+)$/.exec(call.url);
  if (call.method !== 'POST' || !match) return undefined;
  return jsonResponse(201, { message: fileMessage({ clientId: match[3]! }, 'size-chart.png') });
}

describe('a canned response with a file, in the composer', () => {
  it('sends its text and then its file, only once its placeholders are filled', async () => {
    const calls = stubNetwork(LIMITS, sendCannedAnswer);
    const { connection } = renderConsole({ canned: [sizes] });
    const reply = (await screen.findByRole('textbox', { name: 'Reply' })) as HTMLTextAreaElement;
    await screen.findByText('/sizes');
    fireEvent.input(reply, { target: { value: '/siz' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(reply.value).toBe('Here is our size chart for order {order.number}.');
    expect(screen.getByText('Also sends size-chart.png')).toBeTruthy();

    // An unfilled placeholder blocks the text and the file alike.
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect((screen.getByRole('button', { name: 'Send' }) as HTMLButtonElement).disabled).toBe(true);
    expect(connection.sent('message:send')).toHaveLength(0);
    expect(calls.filter((c) => c.url.includes('/canned/'))).toHaveLength(0);

    fireEvent.input(reply, { target: { value: 'Here is our size chart for order 1042.' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    await waitFor(() => expect(screen.getAllByRole('button', { name: 'Open image size-chart.png' })).toHaveLength(1));
    expect(connection.sent('message:send').map((p) => p.text)).toEqual(['Here is our size chart for order 1042.']);
    const sent = calls.filter((c) => c.url.includes('/canned/'));
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.startsWith(`/api/files/conversations/${conv.id}/canned/sizes?clientId=`)).toBe(true);
    expect(screen.queryByText('Also sends size-chart.png')).toBeNull();
  });

  it('leaves the file out when the agent removes it', async () => {
    const calls = stubNetwork(LIMITS, sendCannedAnswer);
    const { connection } = renderConsole({ canned: [{ ...sizes, text: 'Here is our size chart.' }] });
    const reply = await screen.findByRole('textbox', { name: 'Reply' });
    await screen.findByText('/sizes');
    fireEvent.input(reply, { target: { value: '/sizes' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    fireEvent.click(screen.getByRole('button', { name: 'Do not send size-chart.png' }));
    fireEvent.keyDown(reply, { key: 'Enter' });
    await waitFor(() => expect(connection.sent('message:send')).toHaveLength(1));
    expect(calls.filter((c) => c.url.includes('/canned/'))).toHaveLength(0);
  });
});

describe('an admin gives a canned response a file', () => {
  it('attaches one with progress, replaces it, and removes it; the composer offers it at once', async () => {
    const plain: CannedResponse = { id: 'w', shortcut: 'welcome', title: 'Welcome', text: 'Welcome!', updatedAt: minutesAgo(9) };
    const calls = stubNetwork(LIMITS, (call) =>
      call.method === 'DELETE' && call.url === '/api/files/canned/welcome' ? jsonResponse(200, { response: plain }) : undefined,
    );
    const { session } = renderConsole({ canned: [plain] });
    const row = (await screen.findByText('/welcome')).closest('li')!;
    const attach = within(row).getByRole('button', { name: 'Attach a file to /welcome' });
    expect(attach.textContent).toBe('Attach a file');
    const input = row.querySelector<HTMLInputElement>('input[type="file"]')!;
    expect(input.multiple).toBe(false);

    // Checked against the site's limits first.
    pick(input, [file('manual.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')]);
    expect((await within(row).findByRole('alert')).textContent).toBe('manual.docx cannot be sent: this site accepts images and PDF.');
    expect(FakeXhr.sent).toHaveLength(0);

    pick(input, [file('chart.png', 'image/png', 5000)]);
    const bar = await within(row).findByRole('progressbar', { name: 'Uploading chart.png' });
    const xhr = FakeXhr.sent[0]!;
    expect(xhr.method).toBe('PUT');
    expect(xhr.url).toBe('/api/files/canned/welcome?name=chart.png');
    xhr.progress(2500, 5000);
    expect((bar as HTMLProgressElement).value).toBe(2500);
    const attachment = { ...chart, name: 'chart.png', size: 5000 };
    await xhr.respond(200, { response: { ...plain, attachment } });
    expect(within(row).queryByRole('alert')).toBeNull();
    expect(within(row).getByText('File: chart.png (5 kB)')).toBeTruthy();
    expect(session.canned.store.get().responses[0]!.attachment).toEqual(attachment);
    const reply = screen.getByRole('textbox', { name: 'Reply' });
    fireEvent.input(reply, { target: { value: '/welcome' } });
    fireEvent.keyDown(reply, { key: 'Enter' });
    expect(screen.getByText('Also sends chart.png')).toBeTruthy();

    // Replacing is attaching again (the server deletes the old file).
    within(row).getByRole('button', { name: 'Replace the file of /welcome' });
    fireEvent.click(within(row).getByRole('button', { name: 'Remove the file of /welcome' }));
    await within(row).findByRole('button', { name: 'Attach a file to /welcome' });
    expect(calls.filter((c) => c.method === 'DELETE')).toHaveLength(1);
    expect(within(row).queryByText(/^File:/)).toBeNull();
    expect(session.canned.store.get().responses[0]!.attachment).toBeUndefined();
  });
});

describe('an admin sets what files the site takes', () => {
  it('ticks the kinds and the largest size in a section of their own; the composer follows at once', async () => {
    stubNetwork(LIMITS);
    const { session } = renderConsole();
    const { api, saveSettings } = storingWorkplaceApi();
    render(
      <ConsoleSessionContext.Provider value={session}>
        <SettingsPage api={api} />
      </ConsoleSessionContext.Provider>,
    );
    const form = await screen.findByRole('form', { name: 'Files in conversations' });
    const kinds = within(form).getAllByRole('checkbox') as HTMLInputElement[];
    expect(kinds.map((k) => [k.parentElement!.textContent, k.checked])).toEqual([
      ['Images (PNG, JPEG, WebP, GIF)', true],
      ['PDF documents', true],
      ['Plain text (TXT, CSV, Markdown)', true],
      ['Office documents without macros (Word, Excel, PowerPoint, OpenDocument)', true],
    ]);
    const size = within(form).getByLabelText('Largest file, in MB (1 to 25)') as HTMLInputElement;
    expect(size.value).toBe('10');

    fireEvent.click(kinds[3]!);
    fireEvent.click(kinds[0]!);
    fireEvent.input(size, { target: { value: '5' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(saveSettings).toHaveBeenCalledTimes(1));
    expect(saveSettings.mock.calls[0]![0]).toEqual({ attachments: { kinds: ['pdf', 'text'], maxMegabytes: 5 } });
    await waitFor(() => expect(session.files.store.get().settings).toEqual({ kinds: ['pdf', 'text'], maxMegabytes: 5 }));

    for (const kind of kinds) if (kind.checked) fireEvent.click(kind);
    expect(within(form).getByText('With nothing ticked, no one can send files.')).toBeTruthy();
  });
});
