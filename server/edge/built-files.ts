import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import express from 'express';

const distDir = fileURLToPath(new URL('../../dist', import.meta.url));

/** The built widget and console: the widget readable from other sites' pages, the console a single-page app. */
export function builtFileRoutes(): express.Router {
  const router = express.Router();
  // Widget files are embedded on other sites' pages: readable cross-origin, including as modules.
  const widgetHeaders: express.RequestHandler = (_req, res, next) => {
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.setHeader('Access-Control-Allow-Origin', '*');
    next();
  };
  router.get('/widget.js', widgetHeaders, (_req, res) => res.sendFile(`${distDir}/widget.js`, sendBuilt(res)));
  router.use('/widget', widgetHeaders, express.static(`${distDir}/widget`, { fallthrough: false }));
  router.use('/console', express.static(`${distDir}/console`));
  router.get(/^\/console(\/.*)?$/, (_req, res) => res.sendFile(`${distDir}/console/index.html`, sendBuilt(res)));
  return router;
}

function sendBuilt(res: express.Response) {
  return (err?: Error) => {
    if (err && !res.headersSent) {
      const built = existsSync(distDir);
      res.status(built ? 404 : 503).json({
        error: built
          ? { code: 'not_found', message: 'No such file.' }
          : { code: 'unavailable', message: 'The front-end is not built yet: run `npm run build`.' },
      });
    }
  };
}
