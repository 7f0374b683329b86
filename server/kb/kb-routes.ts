import type { Request, Router } from 'express';
import { KB_GAP_DAYS } from '../../shared/contract/kb';
import { routes } from '../../shared/contract/routes';
import { userFromCookie } from '../agents/current-user';
import { requirePermission, type Permission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { tableRouter } from '../edge/route-table';
import {
  createArticle,
  findArticle,
  listArticles,
  listRevisions,
  publishArticle,
  restoreRevision,
  unpublishArticle,
  updateArticle,
} from './article-store';
import type { ContentGaps } from './content-gaps';
import type { KnowledgeBase } from './knowledge-base';
import { renderMarkdown } from './markdown';
import { toArticle, toArticleSummary, toGapGroup, toLearnedPhrasing, toRevision } from './serialize';

/** The KB editor's REST API under `/api/kb`: the signed-in user's own site, checked against the permission table. */
export function kbRoutes(kb: KnowledgeBase, gaps: ContentGaps, sessions: SessionStore): Router {
  const api = tableRouter('/api/kb');

  const may = (permission: Permission) => ({
    async authorize(req: Request) {
      const user = await userFromCookie(sessions, req.headers.cookie);
      requirePermission(user, permission);
      return { siteId: user.siteId, actor: { id: user._id, name: user.name } };
    },
  });

  api.bind(routes.kb.list, may('kb:read'), async ({ auth, query }) => ({
    articles: (await listArticles(auth.siteId, query)).map(toArticleSummary),
  }));

  api.bind(routes.kb.create, may('kb:draft'), async ({ auth, body }) => ({
    article: toArticle(await createArticle(auth.siteId, body, auth.actor)),
  }));

  api.bind(routes.kb.get, may('kb:read'), async ({ auth, params }) => ({ article: toArticle(await findArticle(auth.siteId, params.id)) }));

  api.bind(routes.kb.update, may('kb:draft'), async ({ auth, params, body }) => ({
    article: toArticle(await updateArticle(auth.siteId, params.id, body, auth.actor)),
  }));

  for (const [entry, apply] of [
    [routes.kb.publish, publishArticle],
    [routes.kb.unpublish, unpublishArticle],
  ] as const) {
    api.bind(entry, may('kb:publish'), async ({ auth, params }) => {
      const article = await apply(auth.siteId, params.id, auth.actor);
      await kb.published(article);
      return { article: toArticle(article) };
    });
  }

  api.bind(routes.kb.revisions, may('kb:read'), async ({ auth, params }) => ({
    revisions: (await listRevisions(auth.siteId, params.id)).map(toRevision),
  }));

  api.bind(routes.kb.restore, may('kb:draft'), async ({ auth, params }) => ({
    article: toArticle(await restoreRevision(auth.siteId, params.id, params.number, auth.actor)),
  }));

  // Learned phrasings: editors see what the article learned, and take back what it should not have.
  api.bind(routes.kb.phrasings, may('kb:draft'), async ({ auth, params }) => ({
    phrasings: (await kb.phrasingsOf(auth.siteId, params.id)).map(toLearnedPhrasing),
  }));

  api.bind(routes.kb.removePhrasing, may('kb:draft'), async ({ auth, params }) => {
    await kb.removePhrasing(auth.siteId, params.id, params.key);
  });

  api.bind(routes.kb.preview, may('kb:read'), async ({ body }) => ({ html: renderMarkdown(body.body) }));

  api.bind(routes.kb.signals, may('kb:signals'), async ({ auth, query }) => kb.signals.summary(auth.siteId, query.days));

  // Content gaps: questions no article answered confidently, grouped; editors dismiss a group or start a draft from it.
  api.bind(routes.kb.gaps, may('kb:signals'), async ({ auth }) => ({
    days: KB_GAP_DAYS,
    groups: (await gaps.groups(auth.siteId)).map(toGapGroup),
  }));

  api.bind(routes.kb.dismissGaps, may('kb:signals'), async ({ auth, body }) => {
    await gaps.dismiss(auth.siteId, body.questionIds);
  });

  api.bind(routes.kb.articleFromGaps, may('kb:signals'), async ({ auth, body }) => ({
    article: toArticle(await gaps.createArticle(auth.siteId, body.questionIds, auth.actor)),
  }));

  return api.router;
}
