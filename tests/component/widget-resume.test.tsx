// The widget opened from an emailed "continue the conversation" link: the token leaves the address
// bar, the panel says the conversation is opening, and a refused link says why, in every language.
import { cleanup, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RESUME_PARAM } from '../../shared/contract/constants';
import { en as enCatalog } from '../../shared/i18n/catalogs/en';
import { resumeCatalogs } from '../../shared/i18n/catalogs/resume';
import { isRtl, LOCALES } from '../../shared/i18n/locales';
import { ChatError } from '../../widget/app/chat-client';
import { takeResumeToken } from '../../widget/app/resume/resume';
import { message, mountWidget } from './widget-harness';

afterEach(() => {
  cleanup();
  localStorage.clear();
  history.replaceState(null, '', '/');
});

const REFUSALS = [
  ['resume_invalid', 'resume.invalid'],
  ['resume_expired', 'resume.expired'],
  ['resume_used', 'resume.used'],
] as const;

describe('the link in the address bar', () => {
  it('is taken once and removed, keeping the rest of the address and the history entry', () => {
    history.replaceState({ kept: 1 }, '', `/support?from=mail&${RESUME_PARAM}=abc.def.ghi#faq`);
    expect(takeResumeToken()).toBe('abc.def.ghi');
    expect(`${location.pathname}${location.search}${location.hash}`).toBe('/support?from=mail#faq');
    expect(history.state).toEqual({ kept: 1 });
    expect(takeResumeToken()).toBeNull();
  });
});

describe('opening the conversation', () => {
  it('says the conversation is opening instead of "Connecting…", then shows it', async () => {
    const { client } = await mountWidget({ resuming: true });
    // The notice is a chunk of its own, downloaded when it first shows.
    expect((await screen.findByRole('status')).textContent).toBe('Opening your conversation…');
    expect(screen.queryByText(enCatalog['status.connecting'])).toBeNull();

    client.push('resume', null);
    await client.connectAndSync([
      message({ seq: 0, author: 'visitor', authorName: null, text: 'Do you ship to Brno?' }),
      message({ seq: 1, text: 'Yes, in two days.' }),
    ]);
    expect(screen.queryByRole('status')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('Yes, in two days.')).toBeTruthy();
  });

  it('without a link, shows the usual "Connecting…"', async () => {
    await mountWidget();
    expect(screen.getByRole('status').textContent).toBe(enCatalog['status.connecting']);
  });

  it.each(REFUSALS)('a refused link (%s) says why, and the visitor chats on as themselves', async (code, key) => {
    const { client } = await mountWidget({ resuming: true });
    client.push('resume', new ChatError(code, 'server wording'));
    await client.connectAndSync();
    expect(screen.getByRole('alert').textContent).toBe(resumeCatalogs.en[key]);
    expect(screen.getByRole('textbox', { name: /Message/ })).toBeTruthy();
  });

  it.each(LOCALES)('in %s: the opening notice and every refusal, right to left for Persian', async (locale) => {
    const { client } = await mountWidget({ resuming: true, languages: [locale] });
    await vi.waitFor(() => expect(screen.getByRole('status').textContent).toBe(resumeCatalogs[locale]['resume.opening']));
    expect(screen.getByRole('dialog').getAttribute('dir')).toBe(isRtl(locale) ? 'rtl' : 'ltr');
    for (const [code, key] of REFUSALS) {
      client.push('resume', new ChatError(code, 'server wording'));
      expect(screen.getByRole('alert').textContent).toBe(resumeCatalogs[locale][key]);
    }
  });
});

describe('the resume catalogs', () => {
  it.each(LOCALES)('%s has every key, with the English placeholders, translated', (locale) => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
    for (const [key, text] of Object.entries(resumeCatalogs.en) as [keyof typeof resumeCatalogs.en, string][]) {
      const translated = resumeCatalogs[locale][key];
      expect(translated.trim(), key).not.toBe('');
      expect(placeholders(translated), key).toEqual(placeholders(text));
      if (locale !== 'en') expect(translated, `${locale} ${key}`).not.toBe(text);
    }
  });
});
