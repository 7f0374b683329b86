import { DEFAULT_ANSWER_BOT } from '../../shared/contract';
import type { DomainEvents } from '../events/domain-events';
import type { Logger } from '../infra/logger';
import type { ContentGaps } from '../kb/content-gaps';
import type { KnowledgeBase } from '../kb/knowledge-base';
import type { SiteDirectory } from '../sites/site-directory';
import { asksForPerson } from './hand-off-words';

interface Deps {
  kb: KnowledgeBase;
  gaps: ContentGaps;
  sites: SiteDirectory;
  log: Logger;
}

/**
 * Every visitor question the knowledge base cannot answer at the site's bot threshold becomes a
 * content gap, whether the bot is on or off: a site without the bot learns where its articles fall
 * short too. Left out: a request for a person (not a question), and whatever is written once a
 * person has the conversation (a dialogue, not a question to the help centre). A side effect of the
 * message: nobody waits for it, and a failure is logged.
 */
export class UnansweredQuestions {
  constructor(private readonly deps: Deps) {}

  async onVisitorMessage({ conversation, message, siteId, locale }: DomainEvents['visitor.messaged']): Promise<void> {
    if (conversation.assigneeId || asksForPerson(message.text)) return;
    try {
      const best = await this.deps.kb.bestAnswer(conversation.siteId, message.text, locale ?? undefined);
      const { site } = await this.deps.sites.get(siteId);
      if (best && best.confidence >= (site.answerBot ?? DEFAULT_ANSWER_BOT).threshold) return;
      await this.deps.gaps.record({
        siteId: conversation.siteId,
        conversationId: conversation._id,
        question: message.text,
        locale: best?.locale ?? locale,
        at: message.createdAt,
      });
    } catch (err) {
      this.deps.log.warn({ err, messageId: message._id }, 'content gaps: could not record an unanswered question');
    }
  }
}
