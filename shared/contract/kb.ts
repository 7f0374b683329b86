import { z } from 'zod';
import { KB_LOCALES } from '../kb/locales';
import { ObjectIdString } from './entities';
import { displayName } from './text';

export const KbLocale = z.enum(KB_LOCALES);
export type KbLocale = z.infer<typeof KbLocale>;

/** A browser or page language tag ("cs-CZ", "fa"); the server maps it onto a KB locale or the site's default. */
const LocaleTag = z.string().trim().min(2).max(35);
const Query = z.string().trim().min(1).max(300);
const Limit = z.number().int().min(1).max(20).default(5);

export const KbArticleStatus = z.enum(['draft', 'published']);
export type KbArticleStatus = z.infer<typeof KbArticleStatus>;

/** One search hit; `excerpt` is the article's canonical excerpt (the same text everywhere). */
export const KbSearchHit = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  category: z.string(),
  score: z.number(),
});
export type KbSearchHit = z.infer<typeof KbSearchHit>;

/** `locale` is the locale actually searched (the site's default when the asked one had nothing). */
export const KbSearchResult = z.object({ locale: KbLocale, results: z.array(KbSearchHit) });
export type KbSearchResult = z.infer<typeof KbSearchResult>;

/** A published article as visitors read it; `html` is rendered from Markdown and sanitized by the server. */
export const KbPublicArticle = z.object({
  id: z.string(),
  title: z.string(),
  html: z.string(),
  excerpt: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  locale: KbLocale,
  updatedAt: z.string(),
});
export type KbPublicArticle = z.infer<typeof KbPublicArticle>;

/** What an agent inserts into a reply: `text` is the canonical excerpt and the article's link, ready to send. */
export const KbInsert = z.object({
  id: z.string(),
  title: z.string(),
  excerpt: z.string(),
  url: z.string(),
  text: z.string(),
});
export type KbInsert = z.infer<typeof KbInsert>;

export const kbVisitorRequests = {
  /**
   * Searches the site's published articles. `mode: 'suggest'` is for suggestions while the visitor
   * types a question: same ranking, but not recorded as a search (so half-typed words are no content gaps).
   */
  'kb:search': {
    payload: z.object({
      query: Query,
      locale: LocaleTag.optional(),
      limit: Limit,
      mode: z.enum(['search', 'suggest']).default('search'),
    }),
    result: KbSearchResult,
  },
  /** A published article of the visitor's site (recorded as viewed); a translation in `locale` when there is one. */
  'kb:article': {
    payload: z.object({ id: ObjectIdString, locale: LocaleTag.optional() }),
    result: KbPublicArticle,
  },
  /** "Was this helpful?"; a visitor's later vote on the same article replaces the earlier one. */
  'kb:vote': {
    payload: z.object({ articleId: ObjectIdString, helpful: z.boolean() }),
    result: z.null(),
  },
} as const;

export const kbVisitorPushes = {} as const;

export const kbAgentRequests = {
  /** The same search the widget runs, for the same query and locale. */
  'kb:search': {
    payload: z.object({ query: Query, locale: LocaleTag.optional(), limit: Limit }),
    result: KbSearchResult,
  },
  /** Articles for the conversation's latest visitor message (`query` null when the visitor has written nothing). */
  'kb:suggest': {
    payload: z.object({ conversationId: ObjectIdString, locale: LocaleTag.optional(), limit: Limit }),
    result: KbSearchResult.extend({ query: z.string().nullable() }),
  },
  /** The canonical excerpt and link of a published article, to insert into a reply. */
  'kb:insert': {
    payload: z.object({ articleId: ObjectIdString }),
    result: KbInsert,
  },
} as const;

export const kbAgentPushes = {} as const;

// ---- REST: the editor in /console (`/api/kb`, session cookie) ----

const Title = displayName(200);
const Body = z.string().max(50_000);
const Category = displayName(60);
const Tags = z.array(displayName(40)).max(20);

export const KbArticleContent = z.object({ title: Title, body: Body, category: Category, tags: Tags.default([]) });
export type KbArticleContent = z.infer<typeof KbArticleContent>;

export const KbArticleCreateBody = KbArticleContent.extend({
  locale: KbLocale,
  /** Another article this one translates: they share a key, so visitors can switch locale on it. */
  translationOf: ObjectIdString.optional(),
});
export type KbArticleCreateBody = z.infer<typeof KbArticleCreateBody>;

export const KbArticleUpdateBody = KbArticleContent;
export type KbArticleUpdateBody = z.infer<typeof KbArticleUpdateBody>;

const Person = z.object({ id: z.string(), name: z.string() });

export const KbArticleSummary = z.object({
  id: z.string(),
  /** Shared by an article's translations. */
  key: z.string(),
  locale: KbLocale,
  title: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  status: KbArticleStatus,
  /** The working copy's revision number; `publishedRevision` is what visitors see (null when unpublished). */
  revision: z.number().int(),
  publishedRevision: z.number().int().nullable(),
  hasUnpublishedChanges: z.boolean(),
  updatedAt: z.string(),
  updatedBy: Person,
  publishedAt: z.string().nullable(),
});
export type KbArticleSummary = z.infer<typeof KbArticleSummary>;

export const KbArticle = KbArticleSummary.extend({ body: z.string(), html: z.string() });
export type KbArticle = z.infer<typeof KbArticle>;

export const KbRevisionAction = z.enum(['created', 'edited', 'published', 'unpublished', 'restored']);
export type KbRevisionAction = z.infer<typeof KbRevisionAction>;

/** One entry of an article's history: who did what, when, and the content as it stood after it. */
export const KbRevision = z.object({
  id: z.string(),
  number: z.number().int(),
  action: KbRevisionAction,
  /** The content fields this entry changed (empty for publish/unpublish). */
  changed: z.array(z.enum(['title', 'body', 'category', 'tags'])),
  /** For `restored`: the revision number brought back. */
  restoredFrom: z.number().int().nullable(),
  title: z.string(),
  body: z.string(),
  category: z.string(),
  tags: z.array(z.string()),
  author: Person,
  createdAt: z.string(),
});
export type KbRevision = z.infer<typeof KbRevision>;

export const KbArticleListQuery = z.object({
  locale: KbLocale.optional(),
  status: KbArticleStatus.optional(),
});
export const KbArticleListResponse = z.object({ articles: z.array(KbArticleSummary) });
export type KbArticleListResponse = z.infer<typeof KbArticleListResponse>;
export const KbArticleResponse = z.object({ article: KbArticle });
export type KbArticleResponse = z.infer<typeof KbArticleResponse>;
export const KbRevisionListResponse = z.object({ revisions: z.array(KbRevision) });
export type KbRevisionListResponse = z.infer<typeof KbRevisionListResponse>;

/** Live preview in the editor: the same server renderer and sanitizer visitors get. */
export const KbPreviewBody = z.object({ body: Body });
export const KbPreviewResponse = z.object({ html: z.string() });
export type KbPreviewResponse = z.infer<typeof KbPreviewResponse>;

/** `GET /api/kb/signals?days=N`: what self-service did over the last N days. */
export const KbSignalsQuery = z.object({ days: z.coerce.number().int().min(1).max(365).default(30) });
const ArticleCount = z.object({ articleId: z.string(), title: z.string(), count: z.number().int() });
export const KbSignalsResponse = z.object({
  since: z.string(),
  searches: z.number().int(),
  /** Searches that found nothing, grouped by normalised query: the content gaps. */
  contentGaps: z.array(z.object({ query: z.string(), locale: KbLocale, count: z.number().int() })),
  views: z.array(ArticleCount),
  votes: z.array(z.object({ articleId: z.string(), title: z.string(), helpful: z.number().int(), notHelpful: z.number().int() })),
  /** Article reads not followed by a chat within the deflection window. */
  deflections: z.array(ArticleCount),
});
export type KbSignalsResponse = z.infer<typeof KbSignalsResponse>;

/** Where a learned phrasing first came from: an agent's reply carrying the article, or a visitor's "That helped". */
export const KbPhrasingSource = z.enum(['insert', 'helped']);
export type KbPhrasingSource = z.infer<typeof KbPhrasingSource>;

/** One question the article answered, learned from the product (`GET /api/kb/articles/:id/phrasings`). */
export const KbLearnedPhrasing = z.object({
  /** Identifies it for removal. */
  key: z.string(),
  /** The visitor's question, scrubbed ({order}, {email}… where personal data was). */
  text: z.string(),
  source: KbPhrasingSource,
  counts: z.object({ insert: z.number().int(), helped: z.number().int(), handoff: z.number().int() }),
  lastAt: z.string(),
  /** Searched: its net weight (inserts ×2 + clicks − hand-offs ×2) is above zero. */
  indexed: z.boolean(),
});
export type KbLearnedPhrasing = z.infer<typeof KbLearnedPhrasing>;
/** Strongest first. */
export const KbPhrasingListResponse = z.object({ phrasings: z.array(KbLearnedPhrasing) });
export type KbPhrasingListResponse = z.infer<typeof KbPhrasingListResponse>;

// ---- Content gaps: visitor questions no article answered confidently (`/api/kb/gaps`, editors and admins) ----

/** How far back content gaps are kept and shown. */
export const KB_GAP_DAYS = 30;
/** The most questions one request dismisses or turns into an article (a site keeps at most this many). */
export const KB_GAP_MAX_QUESTIONS = 1000;

/** Questions that share search terms: what one new article could answer. */
export const KbGapGroup = z.object({
  /** Locale and shared terms; stable while the group's questions do not change. */
  key: z.string(),
  locale: KbLocale,
  /** The shared terms as a visitor wrote them ("shipping norway"). */
  label: z.string(),
  count: z.number().int(),
  lastAt: z.string(),
  /** The newest distinct questions, scrubbed ({email}, {order}… where personal data was). */
  samples: z.array(z.object({ text: z.string(), at: z.string() })),
  /** Every question of the group: what a dismissal or a new article takes off the list. */
  questionIds: z.array(z.string()),
});
export type KbGapGroup = z.infer<typeof KbGapGroup>;

/** `GET /api/kb/gaps`: the groups of the last `days` days, most frequent first. */
export const KbGapsResponse = z.object({ days: z.number().int(), groups: z.array(KbGapGroup) });
export type KbGapsResponse = z.infer<typeof KbGapsResponse>;

/** `DELETE /api/kb/gaps` (handled, dismissed) and `POST /api/kb/gaps/article` (a draft from them). */
export const KbGapQuestionsBody = z.object({ questionIds: z.array(ObjectIdString).min(1).max(KB_GAP_MAX_QUESTIONS) });
export type KbGapQuestionsBody = z.infer<typeof KbGapQuestionsBody>;
