import type {
  KbArticle,
  KbArticleContent,
  KbArticleCreateBody,
  KbArticleStatus,
  KbArticleSummary,
  KbLocale,
  KbRevision,
} from '../../shared/contract';
import { jsonRequester, type ApiOptions, type HttpMethod } from './http';

/** The KB editor's REST endpoints (`/api/kb`, same origin, session cookie); failures reject with `ApiRequestError`. */
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
}

export function createKbApi(options: ApiOptions = {}): KbApi {
  const send = jsonRequester(options, '/api/kb');
  const call = async <T>(method: HttpMethod, path: string, body?: unknown): Promise<T> =>
    (await (await send(method, path, body)).json()) as T;
  const article = async (promise: Promise<{ article: KbArticle }>) => (await promise).article;

  return {
    async list(filter = {}) {
      const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v) as Array<[string, string]>).toString();
      return (await call<{ articles: KbArticleSummary[] }>('GET', `/articles${query ? `?${query}` : ''}`)).articles;
    },
    get: (id) => article(call('GET', `/articles/${id}`)),
    create: (body) => article(call('POST', '/articles', body)),
    update: (id, content) => article(call('PUT', `/articles/${id}`, content)),
    publish: (id) => article(call('POST', `/articles/${id}/publish`)),
    unpublish: (id) => article(call('POST', `/articles/${id}/unpublish`)),
    async revisions(id) {
      return (await call<{ revisions: KbRevision[] }>('GET', `/articles/${id}/revisions`)).revisions;
    },
    restore: (id, revision) => article(call('POST', `/articles/${id}/revisions/${revision}/restore`)),
    async preview(body) {
      return (await call<{ html: string }>('POST', '/preview', { body })).html;
    },
  };
}
