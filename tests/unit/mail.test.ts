import { describe, expect, it } from 'vitest';
import { EventBus } from '../../server/events/bus';
import type { DomainEvents } from '../../server/events/domain-events';
import { createLogger } from '../../server/infra/logger';
import { acceptedLanguages } from '../../server/mail/accept-language';
import type { MailTransport, OutgoingMail } from '../../server/mail/mail-transport';
import { Mailer } from '../../server/mail/mailer';
import { renderMail, type MailLine } from '../../server/mail/mail-content';
import { isSuperseded, repliesToMail } from '../../server/mail/reply-batch';
import { UnsubscribeTokens } from '../../server/mail/unsubscribe-token';
import { mailCatalogs } from '../../shared/i18n/catalogs/mail';
import { LOCALES } from '../../shared/i18n/locales';

const at = new Date(Date.UTC(2026, 11, 7, 9, 30));
const line = (author: MailLine['author'], text: string, name: string | null = null): MailLine => ({ author, name, text, at });

describe('which replies a mail carries', () => {
  const messages = [
    { seq: 0, author: 'visitor' },
    { seq: 1, author: 'agent' },
    { seq: 2, author: 'system' },
    { seq: 3, author: 'agent' },
    { seq: 4, author: 'agent' },
  ];

  it('takes the agent replies after the last one mailed and after what the visitor read', () => {
    expect(repliesToMail(messages, -1, -1).map((m) => m.seq)).toEqual([1, 3, 4]);
    expect(repliesToMail(messages, 1, -1).map((m) => m.seq)).toEqual([3, 4]);
    expect(repliesToMail(messages, 1, 3).map((m) => m.seq)).toEqual([4]);
    expect(repliesToMail(messages, 4, 0)).toEqual([]);
  });

  it('lets only the job due last of a conversation send', () => {
    expect(isSuperseded(1000, null)).toBe(false);
    expect(isSuperseded(1000, 1000)).toBe(false);
    expect(isSuperseded(1000, 1500)).toBe(true);
  });
});

describe('the mail content', () => {
  const input = {
    siteName: 'Demo <Shop>',
    replies: [line('agent', 'Yes.\n<b>Free</b> shipping.', 'Ana')],
    conversation: [line('visitor', 'Do you ship?'), line('system', 'Ana joined'), line('agent', 'Yes.\n<b>Free</b> shipping.', 'Ana')],
    resumeUrl: 'https://shop.example/support?lc_resume=abc&x="1"',
    unsubscribeUrl: 'https://chat.example/mail/unsubscribe?t=v.1',
  };

  it.each(LOCALES)('%s: subject, text and HTML in the language, agent text escaped, links in both parts', (locale) => {
    const mail = renderMail({ ...input, kind: 'reply', locale });
    const texts = mailCatalogs[locale];
    expect(mail.subject).toBe(texts['reply.subject'].replace('{site}', 'Demo <Shop>'));
    expect(mail.text).toContain('Yes.\n<b>Free</b> shipping.');
    expect(mail.text).toContain(input.resumeUrl);
    expect(mail.text).toContain(input.unsubscribeUrl);
    expect(mail.text).toContain(texts.you);
    expect(mail.html).toContain(`lang="${locale}" dir="${locale === 'fa' ? 'rtl' : 'ltr'}"`);
    expect(mail.html).toContain('Yes.<br>&lt;b&gt;Free&lt;/b&gt; shipping.');
    expect(mail.html).toContain('Demo &lt;Shop&gt;');
    expect(mail.html).not.toContain('<b>');
    expect(mail.html).toContain('href="https://shop.example/support?lc_resume=abc&amp;x=&quot;1&quot;"');
    // System lines are for transcripts only.
    expect(mail.text).not.toContain('Ana joined');
  });

  it('words a batch of replies with their count, and leaves the link out when there is none', () => {
    const mail = renderMail({
      ...input,
      kind: 'reply',
      locale: 'en',
      replies: [input.replies[0]!, line('agent', 'Anything else?', 'Ana')],
      resumeUrl: null,
    });
    expect(mail.text.split('\n')[0]).toBe('Demo <Shop> answered you in the chat (2 messages):');
    expect(mail.text).not.toContain('Continue the conversation');
    expect(mail.html).not.toContain('Continue the conversation');
  });

  it('puts the whole conversation, system lines included, in a transcript', () => {
    const mail = renderMail({ ...input, kind: 'transcript', locale: 'ro', replies: [] });
    expect(mail.subject).toBe('Conversația dumneavoastră cu Demo <Shop>');
    for (const text of ['Do you ship?', 'Ana joined', '<b>Free</b> shipping.']) expect(mail.text).toContain(text);
  });
});

describe('unsubscribe tokens', () => {
  const tokens = new UnsubscribeTokens('x'.repeat(32));
  const visitorId = '0123456789abcdef01234567';

  it('name the visitor they were signed for, and nothing else', () => {
    const token = tokens.sign(visitorId);
    expect(tokens.verify(token)).toBe(visitorId);
    expect(tokens.link('https://chat.example/', visitorId)).toBe(`https://chat.example/mail/unsubscribe?t=${token}`);
    const other = '0123456789abcdef01234568';
    expect(tokens.verify(`${other}.${token.split('.')[1]}`)).toBeNull();
    expect(tokens.verify(`${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(new UnsubscribeTokens('y'.repeat(32)).verify(token)).toBeNull();
    for (const bad of [undefined, 42, '', 'nonsense', `${visitorId}.`, [token]]) expect(tokens.verify(bad)).toBeNull();
  });
});

describe("the browser's languages", () => {
  it('come most preferred first, by weight and then as listed, without wildcards or refused ones', () => {
    expect(acceptedLanguages('ro-RO,ro;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['ro-RO', 'ro', 'en-US', 'en']);
    expect(acceptedLanguages('en;q=0.5, fa, *;q=0.1, pl;q=0')).toEqual(['fa', 'en']);
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('')).toEqual([]);
  });
});

describe('the mailer', () => {
  const clock = { now: () => Date.UTC(2026, 11, 7, 9, 0) };
  function mailerWith(deliver: MailTransport['deliver']) {
    const events = new EventBus<DomainEvents>(createLogger('silent'));
    const seen: Array<[string, unknown]> = [];
    events.on('mail.sent', 'test', (e) => void seen.push(['mail.sent', e]));
    events.on('mail.failed', 'test', (e) => void seen.push(['mail.failed', e]));
    const mailer = new Mailer({
      transport: { deliver, close: () => undefined },
      from: 'Shop <chat@shop.example>',
      events,
      clock,
      log: createLogger('silent'),
    });
    return { mailer, seen };
  }
  const request = { siteId: 'a'.repeat(24), kind: 'reply', to: 'v@example.com', subject: 'S', text: 'T', html: '<p>T</p>' };

  it('hands the mail over with the configured sender and publishes mail.sent', async () => {
    const delivered: OutgoingMail[] = [];
    const { mailer, seen } = mailerWith(async (mail) => void delivered.push(mail));
    await mailer.send({ ...request, headers: { 'List-Unsubscribe': '<https://x>' } });
    const { kind: _kind, ...fields } = request;
    expect(delivered).toEqual([{ ...fields, from: 'Shop <chat@shop.example>', headers: { 'List-Unsubscribe': '<https://x>' } }]);
    expect(seen).toEqual([['mail.sent', { siteId: request.siteId, kind: 'reply', to: 'v@example.com', at: new Date(clock.now()) }]]);
  });

  it('publishes mail.failed with the reason and throws, so a job retries', async () => {
    const { mailer, seen } = mailerWith(async () => {
      throw new Error('connect ECONNREFUSED');
    });
    await expect(mailer.send(request)).rejects.toThrow('ECONNREFUSED');
    expect(seen).toEqual([
      [
        'mail.failed',
        { siteId: request.siteId, kind: 'reply', to: 'v@example.com', error: 'connect ECONNREFUSED', at: new Date(clock.now()) },
      ],
    ]);
  });
});
