import { z } from 'zod';
import { ObjectIdString } from './entities';

export const VisitorParams = z.object({ visitorId: ObjectIdString });

/** Where an erasure stands: done, still running (ask again), or failed after its retries. */
export const EraseResponse = z.object({ status: z.enum(['erased', 'erasing', 'failed']) });
export type EraseResponse = z.infer<typeof EraseResponse>;
