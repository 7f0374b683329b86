import type { Redis } from 'ioredis';
import type { ConversationStore } from '../conversations/conversation-store';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { VisitorNamespace } from '../realtime/namespaces';
import { rooms } from '../realtime/rooms';
import type { SiteDirectory } from '../sites/site-directory';
import { mailVisitorHandlers } from './mail-handlers';
import { MailJobs } from './mail-jobs';
import type { Mailer } from './mailer';
import type { UnsubscribeTokens } from './unsubscribe-token';
import { type ResumeLinkBuilder, VisitorMail } from './visitor-mail';

interface Deps {
  redisUrl: string;
  bullPrefix: string;
  redis: Redis;
  visitors: VisitorNamespace;
  store: ConversationStore;
  sites: SiteDirectory;
  mailer: Mailer;
  tokens: UnsubscribeTokens;
  baseUrl: () => string;
  resumeLink: ResumeLinkBuilder | null;
  /** `REPLY_EMAIL_DELAY_SECONDS`: the delay of sites without their own. */
  defaultDelaySeconds: number;
  clock: Clock;
  log: Logger;
}

/**
 * The visitor's mail: replies by email and transcripts. Starts the jobs, watches widget tabs close
 * (a departure schedules the mail of replies still waiting) and gives the widget's request handlers.
 */
export function startVisitorMail(deps: Deps) {
  const { visitors, store, sites, redis, log } = deps;
  const mail = new VisitorMail({ ...deps });
  const settingsOf = async (siteId: string) => (await sites.get(siteId)).site.mail;
  const jobs = new MailJobs({
    redisUrl: deps.redisUrl,
    prefix: deps.bullPrefix,
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
    socket.on('disconnect', () => {
      jobs
        .onVisitorLeft(socket.data.visitorId)
        .catch((err: unknown) => log.warn({ err }, 'could not schedule the reply mail of a departed visitor'));
    });
  });
  return { jobs, handlers: mailVisitorHandlers(store, mail, redis) };
}
