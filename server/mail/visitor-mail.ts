import type { DataRequestAction } from '../../shared/contract/visitor-privacy';
import { pickLocale, type LocaleCode } from '../../shared/i18n/locales';
import type { ConversationStore } from '../conversations/conversation-store';
import { messages, type Conversation, type Site, type StoredMessage, type Visitor, visitors } from '../data';
import type { Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import { renderDataRequestMail } from './data-request-mail';
import { renderMail, type MailContentInput, type MailLine } from './mail-content';
import type { Mailer } from './mailer';
import { repliesToMail } from './reply-batch';
import type { UnsubscribeTokens } from './unsubscribe-token';

/** Messages of the conversation a reply mail shows below the replies. */
const LATEST_SHOWN = 10;
/** The most messages a transcript (or one reply batch) reads. */
const MAX_MESSAGES = 1000;

/** Builds the "continue the conversation" link of a conversation (server/resume), when this deployment has one. */
export type ResumeLinkBuilder = (conversation: Conversation, now: number) => Promise<string>;

/** A visitor's export or erasure request to confirm by email: the site's visitors stored with one address. */
export interface DataRequestMail {
  siteId: string;
  visitorIds: string[];
  action: DataRequestAction;
  locale: LocaleCode;
}

/** Builds the signed link of a data request (server/privacy), valid from `now` on. */
export type DataRequestLinkBuilder = (request: DataRequestMail, now: number) => Promise<string>;

interface Deps {
  store: ConversationStore;
  sites: SiteDirectory;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  /** The address links in mails point to. */
  baseUrl: () => string;
  resumeLink: ResumeLinkBuilder | null;
  dataRequestLink: DataRequestLinkBuilder;
  /** The languages the visitor's browser asks for, most preferred first (what the widget picks from too). */
  browserLanguages(visitorId: string): Promise<string[]>;
  clock: Clock;
}

/** Where a visitor's mail may go: their stored address, unless they unsubscribed. */
export function recipientOf(visitor: Pick<Visitor, 'email' | 'emailOptOutAt'>): string | null {
  return visitor.email && !visitor.emailOptOutAt ? visitor.email : null;
}

// A product card is its title and its link in mail.
const toLine = (m: StoredMessage): MailLine => ({
  author: m.author,
  name: m.authorName ?? null,
  text: m.card ? `${m.text}\n${m.card.url}` : m.text,
  at: m.createdAt,
});

/** The mails a visitor gets about a conversation: agent replies they missed, and transcripts. */
export class VisitorMail {
  constructor(private readonly deps: Deps) {}

  /**
   * Mails the agent replies the visitor has neither read nor been mailed, in one mail, and records
   * the last one mailed. `nothing` when there are none, `no-address` when the visitor has no
   * address or unsubscribed.
   */
  async sendReplies(conversation: Conversation, visitor: Visitor): Promise<'sent' | 'nothing' | 'no-address'> {
    const to = recipientOf(visitor);
    if (!to) return 'no-address';
    const mailedSeq = conversation.mailedSeq ?? -1;
    const after = await messages.page(conversation._id, Math.max(mailedSeq, conversation.visitorReadSeq ?? -1), MAX_MESSAGES);
    const replies = repliesToMail(after, mailedSeq, conversation.visitorReadSeq ?? -1);
    const last = replies.at(-1);
    if (!last) return 'nothing';
    const latest = (await messages.latest(conversation._id, LATEST_SHOWN)).reverse();
    await this.send('reply', conversation, visitor, to, { replies: replies.map(toLine), conversation: latest.map(toLine) });
    await this.deps.store.updateConversation(conversation._id, (current) => ({
      mailedSeq: Math.max(current.mailedSeq ?? -1, last.seq),
    }));
    return 'sent';
  }

  /** Mails the whole conversation to `to` (the visitor's address). */
  async sendTranscript(conversation: Conversation, visitor: Visitor, to: string): Promise<void> {
    const all = await messages.page(conversation._id, -1, MAX_MESSAGES);
    await this.send('transcript', conversation, visitor, to, { replies: [], conversation: all.map(toLine) });
  }

  /**
   * Mails the link that confirms a data request to the visitors' address (the one stored on the most
   * recently seen of them). Sent even to a visitor who unsubscribed: they asked for it just now.
   * `gone` when none of the visitors is left.
   */
  async sendDataRequest(request: DataRequestMail, requestedAt: number): Promise<'sent' | 'gone'> {
    const found = await Promise.all(request.visitorIds.map((id) => visitors.byId(id)));
    const to = found.find((visitor) => visitor?.siteId.equals(request.siteId) && visitor.email)?.email;
    if (!to) return 'gone';
    const { site } = await this.deps.sites.get(request.siteId);
    const link = await this.deps.dataRequestLink(request, requestedAt);
    const content = renderDataRequestMail({ action: request.action, locale: request.locale, siteName: site.name, link });
    await this.deps.mailer.send({ siteId: request.siteId, kind: `data-request:${request.action}`, to, ...content });
    return 'sent';
  }

  private async send(
    kind: MailContentInput['kind'],
    conversation: Conversation,
    visitor: Visitor,
    to: string,
    lines: Pick<MailContentInput, 'replies' | 'conversation'>,
  ): Promise<void> {
    const { sites, mailer, tokens, baseUrl, resumeLink, browserLanguages, clock } = this.deps;
    const { site } = await sites.get(conversation.siteId);
    const visitorId = visitor._id.toHexString();
    const unsubscribeUrl = tokens.link(baseUrl(), visitorId);
    const content = renderMail({
      kind,
      locale: localeOf(visitor, site, await browserLanguages(visitorId)),
      siteName: site.name,
      ...lines,
      resumeUrl: resumeLink ? await resumeLink(conversation, clock.now()) : null,
      unsubscribeUrl,
    });
    await mailer.send({
      siteId: conversation.siteId.toHexString(),
      kind,
      to,
      ...content,
      headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
    });
  }
}

/**
 * The language the widget would speak to the visitor, as far as the server knows it: the visitor's
 * own, the site's pinned one, then their browser's languages, each only if the site offers it; else
 * the site's first offered language.
 */
export function localeOf(
  visitor: Pick<Visitor, 'locale'> | null,
  site: Pick<Site, 'locale' | 'locales'>,
  browserLanguages: readonly string[],
): LocaleCode {
  return pickLocale([visitor?.locale, site.locale, ...browserLanguages], site.locales);
}
