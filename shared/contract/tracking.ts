import { z } from 'zod';
import { Currency, ProductCard } from './entities';
import { displayLine, optionalDisplayName } from './text';

/** What the widget observes on the host page and the host page reports through `track()`. */
export const TrackedEvent = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('page_view'),
    url: z.string().url().max(2000),
    title: displayLine(300).default(''),
    /** The page's `data-page-type` attribute, when the shop marks its pages. */
    pageType: z.string().max(40).nullable().default(null),
  }),
  /** Sent when the visitor leaves or hides a page: how long it was in view and how much of that idle. */
  z.object({
    type: z.literal('page_time'),
    activeSeconds: z.number().min(0).max(86_400),
    idleSeconds: z.number().min(0).max(86_400),
  }),
  /** Pointer, key or scroll activity after a quiet spell (throttled by the widget). */
  z.object({ type: z.literal('activity') }),
  /** The pointer left the page towards the top (about to close or switch tab). */
  z.object({ type: z.literal('exit_intent') }),
  z.object({
    type: z.literal('cart'),
    items: z.number().int().min(0).max(10_000),
    value: z.number().min(0).max(10_000_000),
    currency: Currency.default('EUR'),
    /**
     * What is in the cart, when the shop reports it: agents can send any line to the visitor as a
     * product card. Lines that do not validate are dropped, never the cart's counts with them.
     */
    lines: z.array(ProductCard).max(50).optional().catch(undefined),
  }),
  /** The host page's `track('product', …)` on a product page: agents can send it back as a product card. */
  ProductCard.extend({ type: z.literal('product') }),
  /** Any other `track(name, props)` call of the host page. */
  z.object({
    type: z.literal('custom'),
    name: z.string().trim().min(1).max(60),
    props: z.record(z.string().max(60), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).default({}),
  }),
]);
export type TrackedEvent = z.infer<typeof TrackedEvent>;

/** `identify()` of the host page; `signature` = hex HMAC-SHA256 of `id` with the site secret, computed by the shop's backend. */
export const IdentifyPayload = z.object({
  id: z.string().trim().min(1).max(200),
  name: optionalDisplayName(120),
  email: z.string().trim().email().max(254).optional(),
  signature: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type IdentifyPayload = z.infer<typeof IdentifyPayload>;

export const trackingRequests = {
  track: { payload: TrackedEvent, result: z.null() },
  'visitor:identify': { payload: IdentifyPayload, result: z.object({ verified: z.boolean() }) },
} as const;

/** Signed shop webhook body (`POST /api/webhooks/shop`); the visitor is named by the shop's user id or our visitor id. */
const WebhookVisitorRef = z
  .object({
    customerId: z.string().trim().min(1).max(200).optional(),
    visitorId: z
      .string()
      .regex(/^[0-9a-f]{24}$/)
      .optional(),
  })
  .refine((ref) => ref.customerId !== undefined || ref.visitorId !== undefined, 'customerId or visitorId is required');
export const ShopWebhookEvent = z.intersection(
  WebhookVisitorRef,
  z.discriminatedUnion('type', [
    z.object({
      type: z.literal('order'),
      orderId: z.string().trim().min(1).max(100),
      total: z.number().min(0).max(10_000_000),
      currency: z.string().regex(/^[A-Z]{3}$/),
    }),
    z.object({ type: z.literal('refund'), orderId: z.string().trim().min(1).max(100), amount: z.number().min(0).max(10_000_000) }),
    z.object({ type: z.literal('review'), rating: z.number().int().min(1).max(5) }),
    z.object({ type: z.literal('referral') }),
  ]),
);
export type ShopWebhookEvent = z.infer<typeof ShopWebhookEvent>;

export const WEBHOOK_SIGNATURE_HEADER = 'x-lc-signature';
export const WEBHOOK_TIMESTAMP_HEADER = 'x-lc-timestamp';
