import mongoose from 'mongoose';
import { inject } from 'vitest';
import { routeUrl } from '../../shared/client/rest-client';
import { routes, WEBHOOK_SIGNATURE_HEADER, WEBHOOK_TIMESTAMP_HEADER, type TrackedEvent } from '../../shared/contract';
import { sign, webhookMessage } from '../../server/edge/signature';
import { request, type Reachable, type VisitorSocket } from './test-server';

/** The demo site's secret, read from the test database as the shop's backend would have it configured. */
export async function siteSecret(dbName: string): Promise<string> {
  const connection = await mongoose.createConnection(`${inject('mongoUri').replace(/\/$/, '')}/${dbName}`).asPromise();
  try {
    const site = await connection.collection('sites').findOne({});
    if (!site) throw new Error('no site yet');
    return String(site.secret);
  } finally {
    await connection.close();
  }
}

/** Posts a shop webhook signed with `secret` (or with the given headers, to test bad ones). */
export async function postWebhook(
  server: Reachable,
  secret: string,
  body: unknown,
  options: { timestamp?: number; signature?: string | null; rawBody?: string } = {},
): Promise<Response> {
  const raw = options.rawBody ?? JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', [WEBHOOK_TIMESTAMP_HEADER]: timestamp };
  const signature =
    options.signature === undefined ? sign(secret, webhookMessage(timestamp, Buffer.from(JSON.stringify(body)))) : options.signature;
  if (signature !== null) headers[WEBHOOK_SIGNATURE_HEADER] = signature;
  return fetch(routeUrl(routes.webhooks.shop, { params: { siteKey: server.demoSiteKey } }, server.url), {
    method: 'POST',
    headers,
    body: raw,
  });
}

export async function track(socket: VisitorSocket, event: TrackedEvent | Record<string, unknown>): Promise<void> {
  const ack = await request<null>(socket, 'track', event);
  if (!ack.ok) throw new Error(`track failed: ${ack.error.code} ${ack.error.message}`);
}

/** A buyer's walk: a product page, one item in the cart, then the checkout page. */
export async function walkToCheckout(socket: VisitorSocket, origin = 'https://shop.example'): Promise<void> {
  await track(socket, { type: 'page_view', url: `${origin}/product/trail-runner-shoes`, title: 'Trail Runner Shoes', pageType: 'product' });
  await track(socket, { type: 'cart', items: 1, value: 89, currency: 'USD' });
  await track(socket, { type: 'page_view', url: `${origin}/cart`, title: 'Cart', pageType: 'cart' });
  await track(socket, { type: 'page_view', url: `${origin}/checkout`, title: 'Checkout', pageType: 'checkout' });
}
