import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../server/data';
import { handOffLine } from '../../server/escalation/hand-off';
import { unansweredEmail } from '../../server/escalation/unanswered-email-queue';
import { LOCALES } from '../../shared/i18n';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';

describe('the hand-off line', () => {
  it('says what the visitor saw: the prompt, its reason and its article, and what they read', () => {
    expect(handOffLine({ prompt: null, readArticle: null })).toBe('The visitor asked to talk to a person.');
    expect(
      handOffLine({
        prompt: { text: 'Stuck at checkout?', reason: 'Idle on checkout for 2 min', article: 'Paying by card' },
        readArticle: 'Returns',
      }),
    ).toBe(
      'The visitor asked to talk to a person. They were shown the prompt “Stuck at checkout?” (why: Idle on checkout for 2 min), ' +
        'with the article “Paying by card”. Read before asking: “Returns”.',
    );
    expect(handOffLine({ prompt: { text: 'Need help?', reason: null, article: null }, readArticle: null })).toBe(
      'The visitor asked to talk to a person. They were shown the prompt “Need help?”.',
    );
  });
});

function line(author: StoredMessage['author'], text: string, authorName: string | null = null): StoredMessage {
  return { author, text, authorName } as StoredMessage;
}

describe("the offline agent's email", () => {
  const latest = [
    line('visitor', 'Is it <b>waterproof</b>?'),
    line('agent', 'Checking.', 'Ada'),
    line('system', 'The visitor asked to talk to a person.'),
  ];
  const link = `https://chat.example/console/#conversation=${new Types.ObjectId().toHexString()}`;

  it('quotes the latest lines as text, escapes them in HTML and links to the conversation', async () => {
    const mail = unansweredEmail(await loadConsoleCatalog('en'), { visitorName: 'Ana & Co', minutes: 12, latest, link });
    expect(mail.subject).toBe('Ana & Co is waiting for your reply');
    expect(mail.text).toContain('Ana & Co has waited 12 min for a reply');
    expect(mail.text).toContain('> Ana & Co: Is it <b>waterproof</b>?\n> Ada: Checking.\n> system: The visitor asked to talk to a person.');
    expect(mail.text).toContain(link);
    expect(mail.html).toContain('Ana &amp; Co: Is it &lt;b&gt;waterproof&lt;/b&gt;?');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain(`<a href="${link}">`);
  });

  it.each(LOCALES)('%s: every part is in the language, placeholders filled', async (locale) => {
    const catalog = await loadConsoleCatalog(locale);
    const mail = unansweredEmail(catalog, { visitorName: 'Ana', minutes: 7, latest, link });
    expect(mail.subject).toBe(catalog['mail.unanswered.subject'].replace('{name}', 'Ana'));
    for (const key of ['mail.unanswered.latest', 'mail.unanswered.open', 'mail.unanswered.why'] as const)
      expect(mail.text).toContain(catalog[key]);
    expect(`${mail.subject}${mail.text}${mail.html}`).not.toMatch(/\{\w+\}/);
  });
});

describe('the console catalogs', () => {
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it.each(LOCALES)('%s translates every key with the same placeholders, none left in English', async (locale) => {
    const [english, catalog] = await Promise.all([loadConsoleCatalog('en'), loadConsoleCatalog(locale)]);
    expect(Object.keys(catalog).sort()).toEqual(Object.keys(english).sort());
    for (const [key, text] of Object.entries(catalog) as Array<[keyof typeof english, string]>) {
      expect(text.trim(), key).not.toBe('');
      expect(placeholders(text), key).toEqual(placeholders(english[key]));
      if (locale !== 'en') expect(text, `${locale} ${key}`).not.toBe(english[key]);
    }
  });
});
