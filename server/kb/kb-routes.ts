import { Router, type Request } from 'express';
import { z } from 'zod';
import {
  KbArticleCreateBody,
  KbArticleListQuery,
  KbArticleUpdateBody,
  KbPreviewBody,
  KbSignalsQuery,
  type KbArticleListResponse,
  type KbArticleResponse,
  type KbPreviewResponse,
  type KbRevisionListResponse,
  type KbSignalsResponse,
} from '../../shared/contract/kb';
import { ObjectIdString } from '../../shared/contract/entities';
import { userFromCookie } from '../agents/current-user';
import { requirePermission, type Permission } from '../agents/permissions';
import type { SessionStore } from '../agents/sessions';
import { parseBody, route } from '../edge/http';
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
import type { KnowledgeBase } from './knowledge-base';
import { renderMarkdown } from './markdown';
import { toArticle, toArticleSummary, toRevision } from './serialize';

const ArticleParams = z.object({ id: ObjectIdString });
const RevisionParams = ArticleParams.extend({ number: z.coerce.number().int().min(1) });

/** The KB editor's REST API under `/api/kb`: the signed-in user's own site, checked against the permission table. */
export function kbRoutes(kb: KnowledgeBase, sessions: SessionStore): Router {
  const router = Router();

  async function allowed(req: Request, permission: Permission) {
    const user = await userFromCookie(sessions, req.headers.cookie);
    requirePermission(user, permission);
    return { siteId: user.siteId, actor: { id: user._id, name: user.name } };
  }
  const articleId = (req: Request) => parseBody(ArticleParams, req.params).id;

  router.get(
    '/articles',
    route(async (req, res) => {
      const { siteId } = await allowed(req, 'kb:read');
      const body: KbArticleListResponse = {
        articles: (await listArticles(siteId, parseBody(KbArticleListQuery, req.query))).map(toArticleSummary),
      };
      res.json(body);
    }),
  );

  router.post(
    '/articles',
    route(async (req, res) => {
      const { siteId, actor } = await allowed(req, 'kb:draft');
      const body: KbArticleResponse = { article: toArticle(await createArticle(siteId, parseBody(KbArticleCreateBody, req.body), actor)) };
      res.status(201).json(body);
    }),
  );

  router.get(
    '/articles/:id',
    route(async (req, res) => {
      const { siteId } = await allowed(req, 'kb:read');
      const body: KbArticleResponse = { article: toArticle(await findArticle(siteId, articleId(req))) };
      res.json(body);
    }),
  );

  router.put(
    '/articles/:id',
    route(async (req, res) => {
      const { siteId, actor } = await allowed(req, 'kb:draft');
      const article = await updateArticle(siteId, articleId(req), parseBody(KbArticleUpdateBody, req.body), actor);
      const body: KbArticleResponse = { article: toArticle(article) };
      res.json(body);
    }),
  );

  for (const [action, apply] of [
    ['publish', publishArticle],
    ['unpublish', unpublishArticle],
  ] as const) {
    router.post(
      `/articles/:id/${action}`,
      route(async (req, res) => {
        const { siteId, actor } = await allowed(req, 'kb:publish');
        const article = await apply(siteId, articleId(req), actor);
        await kb.published(article);
        const body: KbArticleResponse = { article: toArticle(article) };
        res.json(body);
      }),
    );
  }

  router.get(
    '/articles/:id/revisions',
    route(async (req, res) => {
      const { siteId } = await allowed(req, 'kb:read');
      const body: KbRevisionListResponse = { revisions: (await listRevisions(siteId, articleId(req))).map(toRevision) };
      res.json(body);
    }),
  );

  router.post(
    '/articles/:id/revisions/:number/restore',
    route(async (req, res) => {
      const { siteId, actor } = await allowed(req, 'kb:draft');
      const { id, number } = parseBody(RevisionParams, req.params);
      const body: KbArticleResponse = { article: toArticle(await restoreRevision(siteId, id, number, actor)) };
      res.json(body);
    }),
  );

  router.post(
    '/preview',
    route(async (req, res) => {
      await allowed(req, 'kb:read');
      const body: KbPreviewResponse = { html: renderMarkdown(parseBody(KbPreviewBody, req.body).body) };
      res.json(body);
    }),
  );

  router.get(
    '/signals',
    route(async (req, res) => {
      const { siteId } = await allowed(req, 'kb:signals');
      const body: KbSignalsResponse = await kb.signals.summary(siteId, parseBody(KbSignalsQuery, req.query).days);
      res.json(body);
    }),
  );

  return router;
}
