import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { parseInput } from '../../shared/contract';
import type { Logger } from '../infra/logger';
import { AppError } from '../errors/app-error';
import { describeIssues, httpStatusOf, toApiError } from './errors';

/** Wraps an async route so that rejections reach the error handler. */
export function route(handler: (req: Request, res: Response) => Promise<void>): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    handler(req, res).catch(next);
  };
}

export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.output<S> {
  const parsed = parseInput(schema, body);
  if (!parsed.success) throw new AppError('invalid_payload', describeIssues(parsed.error.issues));
  return parsed.data;
}

export function notFound(_req: Request, res: Response): void {
  res.status(404).json({ error: { code: 'not_found', message: 'No such route.' } });
}

/** Maps every error, including body-parser's, to `{error:{code,message}}` with a fitting status. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const bodyParserType = (err as { type?: string }).type;
    let apiError = toApiError(err);
    if (bodyParserType === 'entity.too.large') {
      apiError = { code: 'payload_too_large', message: 'The request body is too large.' };
    } else if (bodyParserType === 'entity.parse.failed') {
      apiError = { code: 'invalid_payload', message: 'The request body is not valid JSON.' };
    } else if (bodyParserType !== undefined && (err as { expose?: boolean }).expose) {
      // The body parser's other refusals: an unsupported charset or content encoding, a truncated body.
      apiError = { code: 'invalid_payload', message: 'The request body could not be read; send plain or gzip-encoded UTF-8 JSON.' };
    } else if (!(err instanceof AppError)) {
      log.error({ err }, 'request failed');
    }
    res.status(httpStatusOf(apiError.code)).json({ error: apiError });
  };
}
