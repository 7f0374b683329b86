import { Router, type Request, type RequestHandler, type Response } from 'express';
import type { AnyRoute, BodyOf, ParamsOf, QueryOf, ResponseOf } from '../../shared/contract/routes';
import { parseBody, route as asyncRoute } from './http';

/** A handler's answer when it wrote the response itself (a CSV download, an HTML page). */
export const RESPONDED = Symbol('responded');

/** What a handler returns: the route's 2xx body (nothing for a 204 route). */
// biome-ignore lint/suspicious/noConfusingVoidType: the handler of a 204 route ends without a return
type Answer<R extends AnyRoute> = (R['response'] extends null ? void : ResponseOf<R>) | typeof RESPONDED;

export interface RouteContext<R extends AnyRoute, Auth> {
  /** What `authorize` answered (the signed-in user, say). */
  auth: Auth;
  params: ParamsOf<R>;
  query: QueryOf<R>;
  /** Validated; for a `signedRawBody` route the raw body, which the handler verifies and parses itself. */
  body: R['signedRawBody'] extends true ? unknown : BodyOf<R>;
  req: Request;
  res: Response;
}

export interface BindOptions<Auth> {
  /** Runs before any validation, so an unauthorized caller learns nothing about the input it sent. */
  authorize?: (req: Request) => Promise<Auth>;
  /** Middleware ahead of the handler, e.g. a raw-body parser. */
  before?: RequestHandler[];
}

/**
 * A router mounted at `mount` whose routes come from the contract's route table: `bind` checks
 * `authorize`, then validates params, query and body with the route's schemas (`invalid_payload` on
 * failure), and sends what the handler returns with the route's status (204 for routes without a body).
 */
export function tableRouter(mount: string) {
  const router = Router();

  function bind<R extends AnyRoute, Auth = undefined>(
    route: R,
    options: BindOptions<Auth>,
    handler: (context: RouteContext<R, Auth>) => Promise<Answer<R>>,
  ): void {
    if (!route.path.startsWith(mount)) throw new Error(`${route.method} ${route.path} is not under ${mount}`);
    const path = route.path.slice(mount.length) || '/';
    const respond = asyncRoute(async (req, res) => {
      const auth = (options.authorize ? await options.authorize(req) : undefined) as Auth;
      const params = route.params ? parseBody(route.params, req.params) : undefined;
      const query = route.query ? parseBody(route.query, req.query) : undefined;
      const body = route.body && !route.signedRawBody ? parseBody(route.body, req.body) : req.body;
      const answer = await handler({ auth, params, query, body, req, res } as RouteContext<R, Auth>);
      if (answer === RESPONDED) return;
      if (route.status) res.status(route.status);
      if (route.response === null) res.status(204).end();
      else res.json(answer);
    });
    router[route.method.toLowerCase() as Lowercase<R['method']>](path, ...(options.before ?? []), respond);
  }

  return { router, bind };
}
