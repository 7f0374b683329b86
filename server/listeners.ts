import type { AnswerBot } from './answer-bot/answer-bot';
import type { UnansweredQuestions } from './answer-bot/unanswered-questions';
import type { Analytics } from './analytics/analytics';
import type { AuditRecorder } from './audit/audit-recorder';
import { CannedBroadcasts } from './conversations/canned/canned-broadcasts';
import { ConversationBroadcasts } from './conversations/conversation-broadcasts';
import type { ConversationSearch } from './conversations/conversation-search';
import type { Escalations } from './escalation/escalations';
import { broadcastOffer } from './escalation/offer-broadcasts';
import type { ReplyAlertQueue } from './escalation/reply-alert-queue';
import type { UnansweredEmailQueue } from './escalation/unanswered-email-queue';
import type { DomainEventBus } from './events/domain-events';
import type { KnowledgeBase } from './kb/knowledge-base';
import type { MailJobs } from './mail/mail-jobs';
import type { ServerMetrics } from './metrics/server-metrics';
import type { ChatNamespaces } from './realtime/namespaces';
import type { SiteSettingsBroadcast } from './sites/settings-broadcast';
import { VisitorBroadcasts } from './visitors/visitor-broadcasts';
import type { LifecycleService } from './visitors/lifecycle-service';

export interface Listeners {
  ns: ChatNamespaces;
  search: ConversationSearch;
  analytics: Analytics;
  replyAlerts: ReplyAlertQueue;
  lifecycle: LifecycleService;
  escalations: Escalations;
  unanswered: UnansweredEmailQueue;
  mail: MailJobs;
  answerBot: AnswerBot;
  unansweredQuestions: UnansweredQuestions;
  kb: KnowledgeBase;
  metrics: ServerMetrics;
  audit: AuditRecorder;
  siteSettings: SiteSettingsBroadcast;
}

/**
 * Every reaction to a domain event, in one place: broadcasting, the inbox search index, analytics,
 * reply alerts, the visitor lifecycle, escalation, the answer bot, the knowledge base's learning and the audit trail. Within an event, listeners start in the order
 * registered here (broadcasts first, so sockets hear of a change before slower work starts).
 */
export function registerListeners(
  bus: DomainEventBus,
  {
    ns,
    search,
    analytics,
    replyAlerts,
    lifecycle,
    escalations,
    unanswered,
    mail,
    answerBot,
    unansweredQuestions,
    kb,
    metrics,
    audit,
    siteSettings,
  }: Listeners,
): void {
  const conversations = new ConversationBroadcasts(ns);
  const canned = new CannedBroadcasts(ns);
  const visitors = new VisitorBroadcasts(ns);

  bus.on('message.created', 'broadcast', (e) => conversations.message(e));
  // Right after the broadcast, which emits synchronously: the delivery time ends at its emit.
  bus.on('message.created', 'metrics', (e) => metrics.messageCreated(e));
  bus.on('message.created', 'search index', (e) => search.indexMessage(e.conversation, e.message));
  bus.on('message.created', 'analytics: first reply', (e) => analytics.conversations.messageCreated(e));
  bus.on('message.resent', 'broadcast', (e) => conversations.message(e));
  bus.on('visitor.messaged', 'reply alerts: schedule', (e) => replyAlerts.onWaitStarted(e));
  bus.on('visitor.handedOff', 'reply alerts: schedule', (e) => replyAlerts.onWaitStarted(e));
  bus.on('visitor.messaged', 'lifecycle: visitor message', (e) => lifecycle.onVisitorMessage(e));
  bus.on('visitor.messaged', 'offline agent email: schedule', (e) => unanswered.onWaitStarted(e));
  bus.on('visitor.messaged', 'answer bot', (e) => answerBot.onVisitorMessage(e));
  bus.on('visitor.messaged', 'kb: content gaps', (e) => unansweredQuestions.onVisitorMessage(e));
  bus.on('visitor.handedOff', 'answer bot: hand-off after an answer', (e) => answerBot.onHandedOff(e));
  bus.on('visitor.handedOff', 'offline agent email: schedule', (e) => unanswered.onWaitStarted(e));
  bus.on('agent.replied', 'reply alerts: cancel', (e) => replyAlerts.onAgentReply(e));
  bus.on('agent.replied', 'mail: replies by email', (e) => mail.onAgentReply(e));
  bus.on('agent.replied', 'kb: learn from inserted articles', (e) => kb.onAgentReply(e));

  bus.on('canned.saved', 'broadcast', (e) => canned.saved(e));
  bus.on('canned.removed', 'broadcast', (e) => canned.removed(e));

  bus.on('conversation.updated', 'broadcast', (e) => conversations.updated(e));
  bus.on('conversation.updated', 'offline agent email: new assignee', (e) => unanswered.onConversation(e.conversation));
  bus.on('conversation.closed', 'broadcast', (e) => conversations.closed(e));
  bus.on('conversation.closed', 'analytics: resolution', (e) => analytics.conversations.closed(e));
  bus.on('conversation.closed', 'mail: transcript on close', (e) => mail.onConversationClosed(e));
  bus.on('visitor.dataRequested', 'mail: data request link', (e) => mail.onDataRequested(e));
  bus.on('conversation.rated', 'analytics: csat', (e) => analytics.conversations.rated(e));
  bus.on('conversation.rated', 'lifecycle: at risk', (e) => lifecycle.onConversationRated(e));

  bus.on('visitor.stageChanged', 'broadcast', (e) => visitors.stageChanged(e));
  bus.on('visitor.updated', 'broadcast', (e) => visitors.updated(e));
  bus.on('visitor.updated', 'analytics: funnel', (e) => analytics.lifecycle.visitorSaved(e.before, e.after, e.at));
  bus.on('visitor.identified', 'search index', (e) => search.indexIdentity(e.visitorId, e.name, e.email));
  bus.on('visitor.browsingChanged', 'escalation: timers', (e) => escalations.onBrowsingChanged(e.visitor, e.settings));
  bus.on('visitor.hesitated', 'escalation', (e) => escalations.onHesitation(e.visitor, e.hesitation, e.settings));
  bus.on('kb.searched', 'lifecycle: kb search', (e) => lifecycle.onKbSearch(e));

  bus.on('escalation.decided', 'analytics: hesitation', (e) => analytics.lifecycle.hesitation(e.visitor, e.hesitation, e.outcome, e.at));
  bus.on('escalation.offered', 'broadcast', (e) => broadcastOffer(ns.agents, e));
  bus.on('escalation.decided', 'metrics', (e) => metrics.escalationDecided(e));
  bus.on('mail.sent', 'metrics', (e) => metrics.mailSent(e));
  bus.on('mail.failed', 'metrics', (e) => metrics.mailFailed(e));

  bus.on('auth.signedIn', 'audit trail', (e) => audit.signedIn(e));
  bus.on('auth.signInFailed', 'audit trail', (e) => audit.signInFailed(e));
  bus.on('settings.changed', 'other processes', (e) => siteSettings.changed(e.siteId));
  bus.on('settings.changed', 'audit trail', (e) => audit.settingsChanged(e));
  bus.on('settings.secretRotated', 'other processes', (e) => siteSettings.changed(e.siteId));
  bus.on('settings.secretRotated', 'audit trail', (e) => audit.secretRotated(e));
  bus.on('team.changed', 'audit trail', (e) => audit.teamChanged(e));
  bus.on('conversation.opened', 'audit trail', (e) => audit.conversationOpened(e));
  bus.on('visitor.lookedUp', 'audit trail', (e) => audit.visitorLookedUp(e));
  bus.on('visitor.exported', 'audit trail', (e) => audit.visitorExported(e));
  bus.on('visitor.erased', 'audit trail', (e) => audit.visitorErased(e));
}
