import { z } from 'zod';
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
