import express, { type Router } from 'express';
import type { Redis } from 'ioredis';
import { routes, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER } from '../../shared/contract';
import { AppError } from '../errors/app-error';
import { parseBody } from '../edge/http';
import { tableRouter } from '../edge/route-table';
import type { Site } from '../data';
import type { Clock } from '../infra/clock';
import type { ShopEvents } from './shop-events';
import { isFresh, REPLAY_WINDOW_SECONDS, signatureMatches, webhookMessage } from '../edge/signature';

const MAX_BODY = '32kb';

/**
 * `POST /api/webhooks/:siteKey/shop`, signed by the shop's backend:
 * `X-LC-Timestamp: <unix seconds>` and `X-LC-Signature: hex HMAC-SHA256(site secret, "<timestamp>.<raw body>")`.
 * A missing, wrong, stale (over 5 minutes) or already used signature → 401 and nothing is stored.
 */
export function shopWebhookRoutes(
  redis: Redis,
  sites: { byPublicKey(key: string): Promise<Site | null> },
  events: ShopEvents,
  clock: Clock,
): Router {
  const api = tableRouter('/api/webhooks');
  const shop = routes.webhooks.shop;
  api.bind(shop, { before: [express.raw({ type: () => true, limit: MAX_BODY })] }, async ({ params, body: rawBody, req, res }) => {
    const site = await sites.byPublicKey(params.siteKey);
    if (!site) throw new AppError('site_unknown', 'Unknown site key.');
    const timestamp = req.header(WEBHOOK_TIMESTAMP_HEADER);
    const signature = req.header(WEBHOOK_SIGNATURE_HEADER);
    const raw = Buffer.isBuffer(rawBody) ? rawBody : Buffer.alloc(0);
    if (!isFresh(timestamp, clock.now()) || !signatureMatches(site.secret, webhookMessage(timestamp!, raw), signature)) {
      throw new AppError('bad_signature', 'The webhook signature is missing, wrong or outside the 5-minute window.');
    }
    // Each signature is accepted once within the window it could be replayed in.
    const firstUse = await redis.set(`webhook-seen:${signature}`, '1', 'EX', REPLAY_WINDOW_SECONDS * 2, 'NX');
    if (firstUse !== 'OK') throw new AppError('bad_signature', 'This webhook was already received (replay).');
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new AppError('invalid_payload', 'The webhook body is not valid JSON.');
    }
    const recorded = await events.apply(site._id, parseBody(shop.body, body));
    res.status(recorded ? 201 : 200);
    return { recorded };
  });
  return api.router;
}
