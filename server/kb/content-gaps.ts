import { Types } from 'mongoose';
import { KB_GAP_DAYS, KB_GAP_MAX_QUESTIONS } from '../../shared/contract/kb';
import { kbLocaleOf, type KbLocaleCode } from '../../shared/kb/locales';
import { kbGaps, type StoredArticle, type StoredGap } from '../data';
import { AppError } from '../errors/app-error';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { createArticle, type Actor } from './article-store';
import { gapDraft } from './gaps/gap-draft';
import { gapQuestion } from './gaps/gap-question';
import { groupGaps, type GapGroup } from './gaps/group-gaps';
import type { KnowledgeBase } from './knowledge-base';

const DAY_MS = 86_400_000;
const WINDOW_MS = KB_GAP_DAYS * DAY_MS;
/** A site's stored gaps are trimmed to the window and the newest KB_GAP_MAX_QUESTIONS at most this often (per process). */
const PRUNE_EVERY_MS = 3_600_000;
/** A draft's category when no article of the site comes near the questions. */
const FALLBACK_CATEGORY = 'General';

export interface UnansweredQuestion {
  siteId: Types.ObjectId;
  conversationId: Types.ObjectId;
  question: string;
  /** The visitor's language tag; the site's default KB locale when unknown. */
  locale: string | null;
  at: Date;
}

/**
 * Content gaps: visitor questions no article answered confidently, kept scrubbed for the last
 * KB_GAP_DAYS days (at most KB_GAP_MAX_QUESTIONS a site), grouped by shared terms for the editors,
 * who dismiss a group or start a draft article from it.
 */
export class ContentGaps {
  private readonly prunedAt = new Map<string, number>();

  constructor(
    private readonly kb: KnowledgeBase,
    private readonly clock: Clock,
    private readonly log: Logger,
  ) {}

  /** Keeps an unanswered question (scrubbed; nothing for a greeting or a one-word message). */
  async record({ siteId, conversationId, question, locale, at }: UnansweredQuestion): Promise<void> {
    const kbLocale = kbLocaleOf(locale ?? undefined) ?? (await this.kb.defaultLocale(siteId));
    const gap = gapQuestion(question, kbLocale);
    if (!gap) return;
    await kbGaps.record({ siteId, conversationId, locale: kbLocale, text: gap.text, key: gap.key, at });
    this.pruneNow(siteId);
  }

  /** The site's gaps of the last KB_GAP_DAYS days, grouped, most frequent first. */
  async groups(siteId: Types.ObjectId): Promise<GapGroup[]> {
    const now = this.clock.now();
    const stored = await kbGaps.recent(siteId, new Date(now - WINDOW_MS), KB_GAP_MAX_QUESTIONS);
    return groupGaps(stored.map(gapOf), { now, windowMs: WINDOW_MS });
  }

  /** An editor handled these questions: they leave the list. */
  async dismiss(siteId: Types.ObjectId, questionIds: readonly string[]): Promise<void> {
    await kbGaps.remove(siteId, questionIds.map(objectId));
  }

  /**
   * "Create article from these": a draft titled with the questions' shared terms, listing them, in
   * their locale and in the category of the nearest article; the questions then leave the list.
   */
  async createArticle(siteId: Types.ObjectId, questionIds: readonly string[], actor: Actor): Promise<StoredArticle> {
    const stored = await kbGaps.byIds(siteId, questionIds.map(objectId));
    const questions = stored.map(gapOf);
    const [group] = groupGaps(questions, { now: Math.max(...questions.map((q) => q.at)), windowMs: Number.POSITIVE_INFINITY });
    if (!group) throw new AppError('not_found', 'These questions are no longer on the list.');
    const texts = questions.filter((q) => group.questionIds.includes(q.id)).map((q) => q.text);
    const nearest = await this.kb.search(siteId, texts[0]!, group.locale, 1);
    const article = await createArticle(siteId, gapDraft(group, texts, nearest.results[0]?.category ?? FALLBACK_CATEGORY), actor);
    await kbGaps.remove(
      siteId,
      stored.map((q) => q._id),
    );
    return article;
  }

  /** Trims the site's gaps now and then, off the message's path; a failure waits for the next time. */
  private pruneNow(siteId: Types.ObjectId): void {
    const key = siteId.toHexString();
    const now = this.clock.now();
    if (now - (this.prunedAt.get(key) ?? 0) < PRUNE_EVERY_MS) return;
    this.prunedAt.set(key, now);
    kbGaps
      .prune(siteId, new Date(now - WINDOW_MS), KB_GAP_MAX_QUESTIONS)
      .catch((err: unknown) => this.log.warn({ err, siteId: key }, 'content gaps: could not trim'));
  }
}

const objectId = (id: string) => new Types.ObjectId(id);

const gapOf = (gap: StoredGap) => ({ id: gap._id.toHexString(), text: gap.text, locale: gap.locale as KbLocaleCode, at: gap.at.getTime() });
