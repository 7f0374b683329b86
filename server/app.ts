import { createServer, type Server as HttpServer } from 'node:http';
import { agentRequests, visitorRequests } from '../shared/contract';
import type { AddressInfo } from 'node:net';
import express from 'express';
import helmet from 'helmet';
import { Redis } from 'ioredis';
import { selfServiceRoutes, userRoutes } from './agents/account-routes';
import { Accounts } from './agents/accounts';
import { authRoutes } from './agents/auth-routes';
import { AutoAwaySweep } from './agents/auto-away-sweep';
import { Invites } from './agents/invites';
import { Presence } from './agents/presence';
import { presenceHandlers } from './agents/presence-handlers';
import { SessionStore } from './agents/sessions';
import { Analytics } from './analytics/analytics';
import { analyticsRoutes } from './analytics/analytics-routes';
import { AuditRecorder } from './audit/audit-recorder';
import { auditRoutes } from './audit/audit-routes';
import { AuditTrail } from './audit/audit-trail';
import type { Config } from './config';
import { attachAgentGateway } from './conversations/agent-gateway';
import type { AgentDomainHandlers, VisitorDomainHandlers } from './realtime/namespaces';
import { closeRedis } from './infra/redis-close';
import { QueueRegistry } from './infra/queue-registry';
import { AnswerBot } from './answer-bot/answer-bot';
import { answerBotVisitorHandlers } from './answer-bot/answer-bot-handlers';
import { UnansweredQuestions } from './answer-bot/unanswered-questions';
import { AutoCloseJob } from './conversations/auto-close-job';
import { attachVisitorGateway } from './conversations/visitor-gateway';
import { cannedRoutes } from './conversations/canned/canned-routes';
import { rooms } from './realtime/rooms';
import { createSocketServer } from './realtime/socket-server';
import { ConversationSearchIndex } from './conversations/search-index';
import { ConversationCache } from './conversations/conversation-cache';
import { ConversationSearch } from './conversations/conversation-search';
import { ConversationStore } from './conversations/conversation-store';
import { Workplace } from './conversations/workplace';
import { workplaceAgentHandlers, workplaceVisitorHandlers } from './conversations/workplace-handlers';
import { connectData, databaseConnected, pingDatabase, runMigrations, type DataHandle } from './data';
import { demoRoutes } from './demo/demo-routes';
import { socketIp, type TrustProxy } from './edge/client-ip';
import { builtFileRoutes } from './edge/built-files';
import { consoleOrigin } from './edge/console-origin';
import { refuseCrossSiteWrites } from './edge/csrf';
import { errorHandler, notFound } from './edge/http';
import { limitRequests, limitSocketEvents, RateLimits } from './edge/rate-limits';
import { ReplyAlertQueue } from './escalation/reply-alert-queue';
import { UnansweredEmailQueue } from './escalation/unanswered-email-queue';
import { AgentAvailability } from './escalation/agent-availability';
import { escalationAgentHandlers, escalationVisitorHandlers } from './escalation/escalation-handlers';
import { Escalations } from './escalation/escalations';
import { HesitationTimers } from './escalation/hesitation-timers';
import { RoutingQueue } from './escalation/routing-queue';
import { Attachments } from './files/attachments';
import { FILE_LINK_TTL_SECONDS, FileLinks } from './files/file-links';
import { fileRoutes } from './files/file-routes';
import { healthRoute } from './health/health-route';
import { createMailer } from './mail/create-mailer';
import { outboxRoutes } from './mail/outbox-routes';
import { unsubscribeRoutes } from './mail/unsubscribe-page';
import { UnsubscribeTokens } from './mail/unsubscribe-token';
import { startVisitorMail } from './mail/visitor-mail-service';
import { systemClock, type Clock } from './infra/clock';
import type { Logger } from './infra/logger';
import { EventBus } from './events/bus';
import type { DomainEvents } from './events/domain-events';
import { registerListeners } from './listeners';
import { kbAgentHandlers } from './kb/agent-handlers';
import { kbArticleLookup } from './kb/article-lookup';
import { articlePageRoutes } from './kb/article-page';
import { seedDemoArticles } from './kb/demo/seed-demo-articles';
import { ContentGaps } from './kb/content-gaps';
import { kbRoutes } from './kb/kb-routes';
import { KnowledgeBase } from './kb/knowledge-base';
import { kbVisitorHandlers } from './kb/visitor-handlers';
import { timeAcks } from './metrics/ack-timing';
import { metricsRoute } from './metrics/metrics-route';
import { ServerMetrics } from './metrics/server-metrics';
import { opsRoutes } from './ops/ops-routes';
import { QueueView } from './ops/queue-view';
import { DataRequestLinks } from './privacy/data-request-links';
import { dataRequestPageRoutes } from './privacy/data-request-page';
import { privacyRoutes } from './privacy/privacy-routes';
import { widgetPrivacyRoute } from './privacy/widget-privacy-route';
import { refuseErasingVisitors } from './privacy/refuse-erasing';
import { VisitorErasure } from './privacy/visitor-erasure';
import { visitorRequestRoutes } from './privacy/visitor-request-routes';
import { conversationPageRoutes } from './resume/conversation-page';
import { ResumeExchange } from './resume/resume-exchange';
import { resumeOnHandshake } from './resume/resume-handshake';
import { ResumeLinks } from './resume/resume-links';
import { ResumeTokens } from './resume/resume-tokens';
import { RetentionJob } from './retention/retention-job';
import { RetentionPass } from './retention/retention-pass';
import { ensureDemoSite } from './sites/first-run';
import { checkAllStoredSettings } from './sites/stored-settings';
import { SiteSettingsBroadcast } from './sites/settings-broadcast';
import { SiteDirectory } from './sites/site-directory';
import { settingsRoutes } from './sites/settings-routes';
import { AtRiskSweep } from './visitors/at-risk-sweep';
import { LifecycleService } from './visitors/lifecycle-service';
import { PageMetrics } from './visitors/page-metrics';
import { trackingHandlers } from './visitors/tracking-handlers';
import { ShopEvents } from './webhooks/shop-events';
import { shopWebhookRoutes } from './webhooks/shop-webhook-routes';
import { VisitorTokens } from './visitors/visitor-token';

export interface ServerOptions {
  config: Config;
  mongoUri: string;
  redisUrl: string;
  /** Signs visitor tokens; must be the same on every process of a deployment. */
  secret: string;
  log: Logger;
  /** Namespaces this deployment's keys in a shared Redis (queues, sessions). */
  redisPrefix: string;
  /** The time for timers, SLAs, caches and rate windows (Bull's delays still run in real time); the system clock by default. */
  clock?: Clock;
}

export interface RunningServer {
  url: string;
  port: number;
  demoSiteKey: string;
  /** The Express app, for tests that walk its routes. */
  app: express.Express;
  /** The retention job: `runOnce` runs a pass now (tests, operators). */
  retention: Pick<RetentionJob, 'runOnce'>;
  /** The auto-close job: `runOnce` runs a pass now (tests, operators). */
  autoClose: Pick<AutoCloseJob, 'runOnce'>;
  /** "Continue the conversation" links (emails; tests). */
  resumeLinks: ResumeLinks;
  /** A visitor's data-request links (emails; tests). */
  dataRequestLinks: DataRequestLinks;
  close(): Promise<void>;
}

const MAX_PAYLOAD_BYTES = 64 * 1024;
/** Retention waits this long for an analytics flush, and pauses this long between its steps. */
const RETENTION_FLUSH_WAIT_MS = 5_000;
const RETENTION_PAUSE_MS = 50;
/** Audit entries are gathered this long and stored with one insert; a failed insert is retried after these waits. */
const AUDIT_BATCH = { batchMs: 100, maxBatch: 200, retryMs: [200, 1_000, 5_000] } as const;

/** Connects to MongoDB and Redis, wires HTTP and Socket.IO, and listens on the configured port. */
export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { config, log } = options;
  const clock = options.clock ?? systemClock;
  const prefix = options.redisPrefix;

  const redis = new Redis(options.redisUrl, { keyPrefix: `${prefix}:`, maxRetriesPerRequest: 2 });
  // ioredis reconnects by itself; without a listener each failed attempt is an unhandled error event.
  redis.on('error', (err: Error) => log.warn({ err: err.message }, 'redis connection error'));
  let data: DataHandle;
  try {
    data = await connectData({ mongoUri: options.mongoUri, redisUrl: options.redisUrl, redisPrefix: prefix, log });
  } catch (err) {
    await closeRedis(redis);
    throw err;
  }
  try {
    await runMigrations(log);
    await checkAllStoredSettings();
  } catch (err) {
    await closeRedis(redis);
    await data.close();
    throw err;
  }
  const conversationCache = new ConversationCache(redis);
  const events = new EventBus<DomainEvents>(log);
  const auditTrail = new AuditTrail({ log, ...AUDIT_BATCH });
  const store = new ConversationStore({ cache: conversationCache, events, clock });
  const { mailer, outbox } = createMailer(config, events, clock, log);
  const unsubscribeTokens = new UnsubscribeTokens(options.secret);

  const { site, createdAdmin } = await ensureDemoSite({
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    answerBot: config.DEMO_ANSWER_BOT === 'on',
  });
  if (createdAdmin) log.info({ email: config.ADMIN_EMAIL }, 'created the first admin user');
  const analytics = Analytics.start(redis, log);
  const queues = new QueueRegistry();
  const kb = await KnowledgeBase.start({ redisUrl: options.redisUrl, prefix, queues, log, analytics: analytics.recorder, clock });
  if (await seedDemoArticles(kb, site._id)) log.info('added the demo help-centre articles');

  const sessionTtlSeconds = Math.round(config.SESSION_TTL_HOURS * 3600);
  const sessions = new SessionStore(redis, sessionTtlSeconds, clock);
  const limits = new RateLimits(redis, { perSender: config.RATE_LIMIT_PER_SENDER, perIp: config.RATE_LIMIT_PER_IP });
  const isConsoleOrigin = consoleOrigin(config.PUBLIC_URL);

  const sites = new SiteDirectory(config.CHECKOUT_IDLE_SECONDS, clock);
  const resumeTokens = new ResumeTokens(options.secret, Math.round(config.RESUME_LINK_TTL_HOURS * 3600));
  // The address links point to is known once the server listens (PORT=0 picks one).
  let serverUrl = config.PUBLIC_URL ?? '';
  const resumeLinks = new ResumeLinks(resumeTokens, sites, () => serverUrl);
  const dataRequestLinks = new DataRequestLinks(options.secret, () => serverUrl);
  const visitorTokens = new VisitorTokens(options.secret);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      // Images over https from anywhere: product cards and a site's logo point at the shop's own servers.
      contentSecurityPolicy: { directives: { upgradeInsecureRequests: null, imgSrc: ["'self'", 'data:', 'https:'] } },
      crossOriginResourcePolicy: false,
    }),
  );
  app.get(
    '/healthz',
    healthRoute(
      { ping: pingDatabase, connected: databaseConnected },
      { ping: () => redis.ping(), connected: () => redis.status === 'ready' },
    ),
  );
  // `/metrics`, bound once the sockets and queues it reports on exist.
  const metricsRoutes = express.Router();
  app.use(metricsRoutes);
  // Webhooks verify a signature over the raw body, so they are mounted before the JSON parser.
  const shopWebhooks = express.Router();
  app.use('/api', limitRequests(limits));
  app.use('/api/webhooks', shopWebhooks);
  // Bodies are files, not JSON; the widget uploads from the shop's pages (the agent upload checks the origin itself).
  const fileLinks = new FileLinks(options.secret, FILE_LINK_TTL_SECONDS, () => serverUrl);
  const attachments = new Attachments(store, sites);
  const fileApi = express.Router();
  app.use('/api/files', fileApi);
  // A visitor's own data requests come from the shop's pages too (bound once the erasure exists).
  const visitorRequestApi = express.Router();
  app.use('/api/privacy', visitorRequestApi);
  // Everything after the (signed, server-to-server) webhooks refuses writes sent by other websites.
  app.use(refuseCrossSiteWrites(isConsoleOrigin));
  app.use('/api', express.json({ limit: MAX_PAYLOAD_BYTES }));
  app.use('/api/auth', authRoutes({ sessions, ttlSeconds: sessionTtlSeconds, limits, events, clock }));
  const contentGaps = new ContentGaps(kb, clock, log);
  app.use('/api/kb', kbRoutes(kb, contentGaps, sessions));
  app.use('/api/analytics', analyticsRoutes(analytics, sessions));
  // Accounts, canned responses and settings need the sockets and sites built below: mounted here, filled in there.
  const workplaceApi = express.Router();
  app.use('/api', workplaceApi);
  app.use('/api', notFound);

  app.use(builtFileRoutes());
  app.use(
    '/demo',
    demoRoutes(
      () => site,
      async () => (await sites.get(site._id)).site.privacy?.consentRequired === true,
    ),
  );
  app.use('/help', articlePageRoutes());
  app.use(conversationPageRoutes({ tokens: resumeTokens, sites, limits, clock }));
  app.use(unsubscribeRoutes(unsubscribeTokens, sites, clock));
  const dataRequestPage = express.Router();
  app.use(dataRequestPage);
  app.get('/', (_req, res) => res.redirect('/demo'));
  app.use(notFound);
  app.use(errorHandler(log));

  const http = createServer(app);
  const sockets = createSocketServer(http, { redisUrl: options.redisUrl, prefix, maxPayloadBytes: MAX_PAYLOAD_BYTES, log });
  const { ns } = sockets;
  const serverMetrics = new ServerMetrics({ ns, queues, pingDatabase, pingRedis: () => redis.ping(), clock });
  const replyAlerts = new ReplyAlertQueue(
    options.redisUrl,
    `${prefix}:bull`,
    queues,
    config.REPLY_ALERT_SECONDS,
    ns.agents,
    store,
    clock,
    log,
  );
  replyAlerts.start();
  const metrics = new PageMetrics(redis);
  const lifecycle = new LifecycleService({ sites, metrics, events, clock });
  const availability = new AgentAvailability(ns, sites, clock);
  const bullPrefix = `${prefix}:bull`;
  const escalations = new Escalations({
    ns,
    store,
    events,
    redis,
    sites,
    lifecycle,
    timers: new HesitationTimers(options.redisUrl, bullPrefix, queues, redis, clock, log),
    routing: new RoutingQueue(options.redisUrl, bullPrefix, queues, log),
    availability,
    articles: kbArticleLookup(kb),
    clock,
    log,
  });
  escalations.start();
  const atRiskSweep = new AtRiskSweep(options.redisUrl, bullPrefix, queues, config.AT_RISK_SWEEP_MINUTES, lifecycle, sites, clock, log);
  await atRiskSweep.start();
  const presence = new Presence({ ns, redis, agents: availability, clock, log });
  const autoAway = new AutoAwaySweep(options.redisUrl, bullPrefix, queues, config.AUTO_AWAY_SWEEP_SECONDS, presence, log);
  await autoAway.start();
  const retention = new RetentionJob(
    options.redisUrl,
    bullPrefix,
    queues,
    config.RETENTION_SWEEP_MINUTES,
    new RetentionPass({
      forgetConversation: (c) => conversationCache.forgetConversation(c._id.toHexString(), c.visitorId.toHexString()),
      forgetVisitor: (visitorId) => conversationCache.forgetVisitor(visitorId.toHexString()),
      whileNotFlushing: (work) => analytics.flusher.exclusive(RETENTION_FLUSH_WAIT_MS, work),
      log,
      pauseMs: RETENTION_PAUSE_MS,
    }),
    clock,
    log,
  );
  await retention.start();
  const accounts = new Accounts({
    sessions,
    invites: new Invites(redis, clock),
    disconnect: (userId) => ns.agents.in(rooms.agent(userId)).disconnectSockets(true),
    events,
    clock,
  });
  const search = new ConversationSearch({ store, index: new ConversationSearchIndex(redis), clock });
  const workplace = new Workplace({
    ns,
    store,
    search,
    events,
    claim: (user, conversationId) => escalations.accept(user, conversationId),
    clock,
    log,
  });
  const autoClose = new AutoCloseJob(
    options.redisUrl,
    bullPrefix,
    queues,
    (id, hours, now) => workplace.closeIdle(id, hours, now),
    clock,
    log,
  );
  await autoClose.start();
  const visitorMail = startVisitorMail({
    redisUrl: options.redisUrl,
    bullPrefix,
    queues,
    redis,
    visitors: ns.visitors,
    store,
    sites,
    mailer,
    tokens: unsubscribeTokens,
    baseUrl: () => serverUrl,
    resumeLink: (conversation, now) => resumeLinks.link(conversation, now),
    dataRequestLink: (request, now) => dataRequestLinks.link(request, now),
    defaultDelaySeconds: config.REPLY_EMAIL_DELAY_SECONDS,
    clock,
    log,
  });
  const unanswered = new UnansweredEmailQueue({
    redisUrl: options.redisUrl,
    prefix: bullPrefix,
    queues,
    redis,
    store,
    sites,
    availability,
    mailer,
    publicUrl: () => serverUrl,
    clock,
    log,
  });
  unanswered.start();
  const answerBot = new AnswerBot({
    redisUrl: options.redisUrl,
    prefix: bullPrefix,
    queues,
    redis,
    store,
    kb,
    sites,
    lifecycle,
    escalations,
    analytics: serverMetrics.countingBotOutcomes(analytics.recorder),
    assumedAfterSeconds: config.ANSWER_BOT_ASSUMED_AFTER_SECONDS,
    clock,
    log,
  });
  answerBot.start();
  const erasure = new VisitorErasure({ redisUrl: options.redisUrl, prefix, redis, queues, visitors: ns.visitors, kb, events, clock, log });
  erasure.start();
  visitorRequestApi.use(visitorRequestRoutes({ visitorTokens, sites, isConsoleOrigin, erasure, limits, events, clock }));
  dataRequestPage.use(dataRequestPageRoutes({ links: dataRequestLinks, sites, erasure, limits, events, clock }));
  serverMetrics.start();
  metricsRoutes.get('/metrics', metricsRoute(serverMetrics, config.METRICS_TOKEN));
  const agentsOnline = (siteId: string) => availability.anyOnline(siteId);
  fileApi.use(
    fileRoutes({
      attachments,
      links: fileLinks,
      store,
      sites,
      sessions,
      visitorTokens,
      limits,
      isConsoleOrigin,
      events,
      clock,
      agentsOnline,
    }),
  );
  registerListeners(events, {
    unansweredQuestions: new UnansweredQuestions({ kb, gaps: contentGaps, sites, log }),
    ns,
    search,
    analytics,
    replyAlerts,
    lifecycle,
    escalations,
    unanswered,
    mail: visitorMail.jobs,
    answerBot,
    kb,
    metrics: serverMetrics,
    audit: new AuditRecorder(auditTrail),
    siteSettings: new SiteSettingsBroadcast(ns.visitors, sites),
  });
  workplaceApi.use('/auth', selfServiceRoutes(accounts, sessions, sessionTtlSeconds));
  workplaceApi.use('/users', userRoutes(accounts, sessions, config.PUBLIC_URL));
  workplaceApi.use('/canned', cannedRoutes(sessions, events));
  workplaceApi.use('/settings', settingsRoutes({ sites, sessions, publicUrl: config.PUBLIC_URL, events, clock }));
  workplaceApi.use('/mail', outboxRoutes(outbox, sessions));
  workplaceApi.use('/ops', opsRoutes(new QueueView(queues), sessions));
  workplaceApi.use('/audit', auditRoutes(sessions, clock));
  workplaceApi.use('/visitors', privacyRoutes({ sessions, erasure, events, clock }));
  workplaceApi.use('/widget', widgetPrivacyRoute(sites));
  shopWebhooks.use(shopWebhookRoutes(redis, sites, new ShopEvents(lifecycle, metrics, clock), clock));

  const visitorDomains: VisitorDomainHandlers = {
    tracking: trackingHandlers(lifecycle, sites, events),
    escalation: escalationVisitorHandlers(escalations),
    kb: (socket) => kbVisitorHandlers(kb, socket, events),
    workplace: workplaceVisitorHandlers(workplace, store),
    mail: visitorMail.handlers,
    answerBot: answerBotVisitorHandlers(answerBot),
  };
  const agentDomains: AgentDomainHandlers = {
    escalation: escalationAgentHandlers(escalations, lifecycle, store),
    kb: (socket) => kbAgentHandlers(kb, socket, store, config.PUBLIC_URL),
    accounts: presenceHandlers(presence, log),
    workplace: workplaceAgentHandlers(workplace, search),
  };
  // Registered before the gateways, so a refused handshake creates no visitor.
  const ipOf = socketIp(app.get('trust proxy fn') as TrustProxy);
  limitSocketEvents(ns.visitors, limits, ipOf, (socket) => socket.data.visitorId, log);
  resumeOnHandshake(ns.visitors, {
    exchange: new ResumeExchange(resumeTokens, redis, clock),
    tokens: visitorTokens,
    sites,
    limits,
    ipOf,
    log,
  });
  limitSocketEvents(ns.agents, limits, ipOf, (socket) => socket.data.userId, log);
  timeAcks(ns.visitors, new Set(Object.keys(visitorRequests)), (event, ok, seconds) =>
    serverMetrics.ackSent('/visitor', event, ok, seconds),
  );
  timeAcks(ns.agents, new Set(Object.keys(agentRequests)), (event, ok, seconds) => serverMetrics.ackSent('/agent', event, ok, seconds));
  attachVisitorGateway({
    ns,
    tokens: visitorTokens,
    sites,
    store,
    events,
    domains: visitorDomains,
    agentsOnline,
    recentReplySeconds: (siteId, now) => analytics.replyTimes.recent(siteId, now),
    // Asked on handshakes only, which come once the server listens and knows its address.
    ownOrigin: () => new URL(serverUrl).origin,
    clock,
    log,
  });
  refuseErasingVisitors(ns.visitors, log);
  attachAgentGateway({
    ns,
    sessions,
    store,
    events,
    isConsoleOrigin,
    domains: agentDomains,
    onPresenceChange: (siteId) => availability.broadcast(siteId),
    ipOf,
    clock,
    log,
  });

  await listen(http, config.PORT, config.HOST);
  const port = (http.address() as AddressInfo).port;
  const url = config.PUBLIC_URL ?? `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  serverUrl = url;

  return {
    url,
    port,
    demoSiteKey: site.publicKey,
    app,
    retention,
    autoClose,
    resumeLinks,
    dataRequestLinks,
    async close() {
      await sockets.close();
      analytics.close();
      // Together: each bull queue takes about half a second to let go of its blocking connection.
      await Promise.all([
        kb.close(),
        store.flush(),
        replyAlerts.close(),
        escalations.close(),
        atRiskSweep.close(),
        autoAway.close(),
        retention.close(),
        autoClose.close(),
        visitorMail.jobs.close(),
        unanswered.close(),
        answerBot.close(),
        erasure.close(),
      ]);
      mailer.close();
      serverMetrics.close();
      await auditTrail.flush();
      await closeRedis(redis);
      await data.close();
    },
  };
}

function listen(http: HttpServer, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
}
