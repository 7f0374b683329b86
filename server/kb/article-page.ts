import { Router } from 'express';
import { RTL_LOCALES } from '../../shared/kb/locales';
import { route } from '../edge/http';
import { articles } from '../data';
import type { PublishedArticle } from './knowledge-base';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * `/help/articles/:id`: the page behind an article link agents insert into replies, for readers
 * outside the widget (the widget opens such links itself). Published articles only; the HTML is the
 * sanitized rendering stored on publish.
 */
export function articlePageRoutes(): Router {
  const router = Router();
  router.get(
    '/articles/:id',
    route(async (req, res) => {
      const id = String(req.params.id);
      const found = await articles.byId(id);
      const article = found?.published ? (found as PublishedArticle) : null;
      if (!article) {
        res
          .status(404)
          .type('html')
          .send(
            '<!doctype html><meta charset="utf-8"><title>Not found</title><p>This article does not exist or is no longer published.</p>',
          );
        return;
      }
      const { title, html } = article.published;
      const dir = RTL_LOCALES.has(article.locale) ? 'rtl' : 'ltr';
      res.type('html').send(`<!doctype html>
<html lang="${article.locale}" dir="${dir}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.6 system-ui,sans-serif;max-width:42rem;margin:2rem auto;padding:0 1rem;color:#1f2933}h1{font-size:1.6rem}a{color:#2453c7}</style></head>
<body><article><h1>${escapeHtml(title)}</h1>${html}</article></body>
</html>`);
    }),
  );
  return router;
}
