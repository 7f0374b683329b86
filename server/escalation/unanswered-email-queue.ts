import type Bull from 'bull';
import type { Redis } from 'ioredis';
import { LOCALES, matchLocale } from '../../shared/i18n/locales';
import { loadConsoleCatalog } from '../../shared/i18n/load-console-catalog';
import { translate, type ConsoleCatalog, type ConsoleKey, type Vars } from '../../shared/i18n/translate';
import { notificationPreferences } from '../agents/accounts';
import type { ConversationStore } from '../conversations/conversation-store';
import { accounts, type Conversation, type StoredMessage } from '../data';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { escapeHtml } from '../mail/html';
import type { MailRequest } from '../mail/mailer';
import type { SiteDirectory } from '../sites/site-directory';
import { unansweredEmailMinutes } from '../sites/unanswered-email-minutes';
import type { AgentAvailability } from './agent-availability';
import { closeQueue, openQueue, startProcessing } from '../infra/queue-processing';
import type { QueueRegistry } from '../infra/queue-registry';

interface UnansweredJob {
  conversationId: string;
  /** Epoch ms of the conversation's `waitingSince` when scheduled; a reply in between makes the job stale. */
  waitingSince: number;
  /** The agent it was assigned to when scheduled; a transfer in between makes the job stale. */
  assigneeId: string;
}

/** The latest lines of the conversation the email quotes. */
const QUOTED_MESSAGES = 5;
/** How long a sent email is remembered, so a job re-added after bull dropped the finished one sends nothing. */
const SENT_TTL_SECONDS = 7 * 86_400;

interface Deps {
  redisUrl: string;
  prefix: string;
  /** The server's bull queues (this one joins them). */
  queues: QueueRegistry;
  redis: Redis;
  store: ConversationStore;
  sites: SiteDirectory;
  availability: Pick<AgentAvailability, 'connectedUserIds'>;
  mailer: { send(mail: MailRequest): Promise<void> };
  /** The address agents open the console at (`PUBLIC_URL`, else the server's own). */
  publicUrl: () => string;
  clock: Clock;
  log: Logger;
}

/**
 * "An assigned conversation has waited N minutes (the site's setting) without a reply, and its agent
 * is offline" → one email to that agent. A delayed bull job per (wait, assignee), with a
 * deterministic id: scheduling twice is a no-op, it survives restarts, and with several server
 * processes exactly one of them runs it. When it runs it checks again: still waiting, still theirs,
 * the agent still offline (no console connected, or set offline) and still wanting the email.
 */
export class UnansweredEmailQueue {
  private readonly queue: Bull.Queue<UnansweredJob>;

  constructor(private readonly deps: Deps) {
    this.queue = openQueue<UnansweredJob>('unanswered-email', {
      redisUrl: deps.redisUrl,
      prefix: deps.prefix,
      registry: deps.queues,
      log: deps.log,
      defaultJobOptions: { removeOnComplete: 1000, removeOnFail: 1000, attempts: 5, backoff: { type: 'exponential', delay: 2000 } },
    });
  }

  start(): void {
    startProcessing(this.queue.process(async (job) => this.run(job.data)));
  }

  /** The message that started a wait (a visitor's, or a hand-off's line; later ones change nothing) schedules the email. */
  async onWaitStarted({ conversation, message }: { conversation: Conversation; message: StoredMessage }): Promise<void> {
    if (conversation.waitingSince?.getTime() === message.createdAt.getTime()) await this.onConversation(conversation);
  }

  /** A conversation started waiting or changed hands: the assigned agent's email is scheduled for the end of the site's delay. */
  async onConversation(conversation: Conversation): Promise<void> {
    const { waitingSince, assigneeId } = conversation;
    if (conversation.status !== 'open' || !waitingSince || !assigneeId) return;
    const { site } = await this.deps.sites.get(conversation.siteId.toHexString());
    const minutes = unansweredEmailMinutes(site);
    if (minutes === null) return;
    const data = {
      conversationId: conversation._id.toHexString(),
      waitingSince: waitingSince.getTime(),
      assigneeId: assigneeId.toHexString(),
    };
    const delay = Math.max(0, data.waitingSince + minutes * 60_000 - this.deps.clock.now());
    await this.queue.add(data, { jobId: jobId(data), delay });
  }

  close(): Promise<void> {
    return closeQueue(this.queue);
  }

  private async run(job: UnansweredJob): Promise<{ sent: boolean }> {
    const { store, redis, availability } = this.deps;
    const conversation = await store.loadConversation(job.conversationId);
    if (
      conversation?.status !== 'open' ||
      conversation.waitingSince?.getTime() !== job.waitingSince ||
      conversation.assigneeId?.toHexString() !== job.assigneeId
    ) {
      return { sent: false };
    }
    const agent = await accounts.byId(job.assigneeId);
    if (!agent?.active || !notificationPreferences(agent).emailWhenOffline) return { sent: false };
    const siteId = conversation.siteId.toHexString();
    const connected = await availability.connectedUserIds(siteId);
    if (agent.availability !== 'offline' && connected.some((id) => id.equals(agent._id))) return { sent: false };
    const sentKey = `unanswered-email-sent:${jobId(job)}`;
    if (await redis.exists(sentKey)) return { sent: false };

    const { site } = await this.deps.sites.get(siteId);
    const catalog = await loadConsoleCatalog(matchLocale(site.locale) ?? LOCALES[0]);
    const lastSeq = conversation.lastMessage?.seq ?? -1;
    const latest = await store.messagesAfter(conversation._id, Math.max(-1, lastSeq - QUOTED_MESSAGES));
    const minutes = Math.max(1, Math.round((this.deps.clock.now() - job.waitingSince) / 60_000));
    const link = `${this.deps.publicUrl()}/console/#conversation=${job.conversationId}`;
    await this.deps.mailer.send({
      siteId,
      kind: 'unanswered-agent',
      to: agent.email,
      ...unansweredEmail(catalog, { visitorName: conversation.visitorName, minutes, latest: latest.slice(-QUOTED_MESSAGES), link }),
    });
    await redis.set(sentKey, '1', 'EX', SENT_TTL_SECONDS);
    this.deps.log.info(
      { conversationId: job.conversationId, agentId: job.assigneeId },
      'emailed an offline agent about an unanswered conversation',
    );
    return { sent: true };
  }
}

/** The email's subject, plain text and HTML, in the catalog's language. */
export function unansweredEmail(
  catalog: ConsoleCatalog,
  { visitorName, minutes, latest, link }: { visitorName: string; minutes: number; latest: StoredMessage[]; link: string },
): Pick<MailRequest, 'subject' | 'text' | 'html'> {
  const t = (key: ConsoleKey, vars?: Vars) => translate(catalog, key, vars);
  const body = t('mail.unanswered.body', { name: visitorName, minutes });
  const lines = latest.map((m) => `${m.author === 'visitor' ? visitorName : (m.authorName ?? m.author)}: ${m.text}`);
  const text = [
    body,
    '',
    t('mail.unanswered.latest'),
    ...lines.map((l) => `> ${l}`),
    '',
    `${t('mail.unanswered.open')}: ${link}`,
    '',
    t('mail.unanswered.why'),
  ].join('\n');
  const html = [
    `<p>${escapeHtml(body)}</p>`,
    `<p>${escapeHtml(t('mail.unanswered.latest'))}</p>`,
    `<blockquote>${lines.map((l) => `<p dir="auto">${escapeHtml(l)}</p>`).join('')}</blockquote>`,
    `<p><a href="${escapeHtml(link)}">${escapeHtml(t('mail.unanswered.open'))}</a></p>`,
    `<p style="color:#666">${escapeHtml(t('mail.unanswered.why'))}</p>`,
  ].join('\n');
  return { subject: t('mail.unanswered.subject', { name: visitorName }), text, html };
}

function jobId({ conversationId, waitingSince, assigneeId }: UnansweredJob): string {
  return `unanswered-email:${conversationId}:${waitingSince}:${assigneeId}`;
}
