import type { Redis } from 'ioredis';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { QueueRegistry } from '../infra/queue-registry';
import type { VisitorNamespace } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import type { SiteDirectory } from '../sites/site-directory';
import { acceptedLanguages } from './accept-language';
import { mailVisitorHandlers } from './mail-handlers';
import { MailJobs } from './mail-jobs';
import type { Mailer } from './mailer';
import type { UnsubscribeTokens } from './unsubscribe-token';
import { type DataRequestLinkBuilder, type ResumeLinkBuilder, VisitorMail } from './visitor-mail';

/** How long a visitor's browser languages are kept after their last visit, and how much of the header. */
const LANGUAGES_TTL_SECONDS = 90 * 24 * 3600;
const MAX_LANGUAGES_LENGTH = 200;

interface Deps {
  redisUrl: string;
  bullPrefix: string;
  queues: QueueRegistry;
  redis: Redis;
  visitors: VisitorNamespace;
  store: ConversationStore;
  sites: SiteDirectory;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  baseUrl: () => string;
  resumeLink: ResumeLinkBuilder | null;
  dataRequestLink: DataRequestLinkBuilder;
  /** `REPLY_EMAIL_DELAY_SECONDS`: the delay of sites without their own. */
  defaultDelaySeconds: number;
  clock: Clock;
  log: Logger;
}

/**
 * The visitor's mail: replies by email, transcripts and the links that confirm data requests. Starts
 * the jobs, watches widget tabs close (a departure schedules the mail of replies still waiting) and
 * gives the widget's request handlers.
 */
export function startVisitorMail(deps: Deps) {
  const { visitors, store, sites, redis, log } = deps;
  const languageKey = (visitorId: string) => `mail:languages:${visitorId}`;
  const mail = new VisitorMail({
    ...deps,
    browserLanguages: async (visitorId) => acceptedLanguages(await redis.get(languageKey(visitorId))),
  });
  const settingsOf = async (siteId: string) => (await sites.get(siteId)).site.mail;
  const jobs = new MailJobs({
    redisUrl: deps.redisUrl,
    prefix: deps.bullPrefix,
    queues: deps.queues,
    redis,
    store,
    mail,
    present: async (visitorId) => (await visitors.in(rooms.visitor(visitorId)).fetchSockets()).length > 0,
    delaySeconds: async (siteId) => (await settingsOf(siteId))?.replyDelaySeconds ?? deps.defaultDelaySeconds,
    transcriptOnClose: async (siteId) => (await settingsOf(siteId))?.transcriptOnClose ?? false,
    clock: deps.clock,
    log,
  });
  jobs.start();
  visitors.on('connection', (socket) => {
    // The browser's languages, for mails once the visitor has left (the widget picks from the same list).
    const languages = socket.handshake.headers['accept-language'];
    if (languages) {
      redis
        .set(languageKey(socket.data.visitorId), languages.slice(0, MAX_LANGUAGES_LENGTH), 'EX', LANGUAGES_TTL_SECONDS)
        .catch((err: unknown) => log.warn({ err }, "could not keep a visitor's browser languages"));
    }
    socket.on('disconnect', () => {
      jobs
        .onVisitorLeft(socket.data.visitorId)
        .catch((err: unknown) => log.warn({ err }, 'could not schedule the reply mail of a departed visitor'));
    });
  });
  return { jobs, handlers: mailVisitorHandlers(store, mail, redis) };
}
