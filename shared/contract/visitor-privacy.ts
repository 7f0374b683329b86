import { z } from 'zod';
import { LOCALES } from '../i18n/locales';
import { ObjectIdString } from './entities';

/** An admin's search for a visitor by the email address a data request names. */
export const VisitorLookupQuery = z.object({ email: z.string().trim().email().max(254) });

/** One visitor of the site stored with that address. */
export const VisitorMatch = z.object({
  id: z.string(),
  name: z.string().nullable(),
  email: z.string(),
  lastSeenAt: z.string().nullable(),
  conversations: z.number().int().min(0),
});
export type VisitorMatch = z.infer<typeof VisitorMatch>;

export const VisitorLookupResponse = z.object({ visitors: z.array(VisitorMatch) });
export type VisitorLookupResponse = z.infer<typeof VisitorLookupResponse>;

export const VisitorParams = z.object({ visitorId: ObjectIdString });

/** Where an erasure stands: done, still running (ask again), or failed after its retries. */
export const EraseResponse = z.object({ status: z.enum(['erased', 'erasing', 'failed']) });
export type EraseResponse = z.infer<typeof EraseResponse>;

/** What a data-request link lets its holder do with the visitors it names. */
export const DataRequestAction = z.enum(['export', 'erase']);
export type DataRequestAction = z.infer<typeof DataRequestAction>;

/** How long an emailed data-request link stays valid. */
export const DATA_REQUEST_LINK_HOURS = 24;

/**
 * A visitor asks, from the widget, for a link to their data by email: the site's visitors stored with
 * that address get one mail with a signed link (`/privacy/visitor?t=…`, valid `DATA_REQUEST_LINK_HOURS`).
 * `locale`: the widget's language, which the mail and the link's page speak when the site offers it.
 */
export const VisitorLinkBody = z.object({
  siteKey: z.string().min(1).max(100),
  email: z.string().trim().email().max(254),
  action: DataRequestAction,
  locale: z.enum(LOCALES).optional(),
});
export type VisitorLinkBody = z.infer<typeof VisitorLinkBody>;

/** Always `{ sent: true }`, whether or not the site has a visitor with the address (nobody learns who does). */
export const VisitorLinkResponse = z.object({ sent: z.literal(true) });
export type VisitorLinkResponse = z.infer<typeof VisitorLinkResponse>;
