import { createRestClient, type RestClientOptions } from '../../shared/client/rest-client';
import type {
  KbArticle,
  KbArticleContent,
  KbArticleCreateBody,
  KbArticleStatus,
  KbArticleSummary,
  KbGapsResponse,
  KbLearnedPhrasing,
  KbLocale,
  KbRevision,
} from '../../shared/contract';
import { endpoints } from '../../shared/contract/endpoints';

/** The KB editor's REST endpoints (`/api/kb`, same origin, session cookie); failures reject with `RestError`. */
export interface KbApi {
  list(filter?: { locale?: KbLocale; status?: KbArticleStatus }): Promise<KbArticleSummary[]>;
  get(id: string): Promise<KbArticle>;
  create(body: KbArticleCreateBody): Promise<KbArticle>;
  update(id: string, content: KbArticleContent): Promise<KbArticle>;
  publish(id: string): Promise<KbArticle>;
  unpublish(id: string): Promise<KbArticle>;
  revisions(id: string): Promise<KbRevision[]>;
  restore(id: string, revision: number): Promise<KbArticle>;
  preview(body: string): Promise<string>;
  /** The questions the article learned, strongest first. */
  phrasings(id: string): Promise<KbLearnedPhrasing[]>;
  removePhrasing(id: string, key: string): Promise<void>;
  /** Visitor questions no article answered confidently, grouped by shared terms, most frequent first. */
  gaps(): Promise<KbGapsResponse>;
  /** Takes these questions off the content gaps (handled). */
  dismissGaps(questionIds: string[]): Promise<void>;
  /** A draft article from these questions; they leave the content gaps. */
  articleFromGaps(questionIds: string[]): Promise<KbArticle>;
}

export function createKbApi(options: RestClientOptions = {}): KbApi {
  const rest = createRestClient(options);
  const article = async (answer: Promise<{ article: KbArticle }>) => (await answer).article;
  return {
    list: async (filter = {}) => (await rest.call(endpoints.kb.list, { query: filter })).articles,
    get: (id) => article(rest.call(endpoints.kb.get, { params: { id } })),
    create: (body) => article(rest.call(endpoints.kb.create, { body })),
    update: (id, content) => article(rest.call(endpoints.kb.update, { params: { id }, body: content })),
    publish: (id) => article(rest.call(endpoints.kb.publish, { params: { id } })),
    unpublish: (id) => article(rest.call(endpoints.kb.unpublish, { params: { id } })),
    revisions: async (id) => (await rest.call(endpoints.kb.revisions, { params: { id } })).revisions,
    restore: (id, revision) => article(rest.call(endpoints.kb.restore, { params: { id, number: revision } })),
    preview: async (body) => (await rest.call(endpoints.kb.preview, { body: { body } })).html,
    phrasings: async (id) => (await rest.call(endpoints.kb.phrasings, { params: { id } })).phrasings,
    removePhrasing: async (id, key) => {
      await rest.call(endpoints.kb.removePhrasing, { params: { id, key } });
    },
    gaps: () => rest.call(endpoints.kb.gaps),
    dismissGaps: async (questionIds) => {
      await rest.call(endpoints.kb.dismissGaps, { body: { questionIds } });
    },
    articleFromGaps: (questionIds) => article(rest.call(endpoints.kb.articleFromGaps, { body: { questionIds } })),
  };
}
