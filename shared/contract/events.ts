import type { z } from 'zod';
import type { Ack } from './errors';

/** A request event: the payload the client sends and the data the server acknowledges with. */
export interface RequestSpec {
  payload: z.ZodType;
  result: z.ZodType;
}

/** Turns a table of request specs into Socket.IO's typed listener map (payload + ack callback). */
export type RequestEvents<T extends Record<string, RequestSpec>> = {
  [K in keyof T]: (payload: z.input<T[K]['payload']>, ack: (response: Ack<z.output<T[K]['result']>>) => void) => void;
};

/** Turns a table of push schemas into Socket.IO's typed emitter map. */
export type PushEvents<T extends Record<string, z.ZodType>> = {
  [K in keyof T]: (payload: z.output<T[K]>) => void;
};

/** What a request event acknowledges with on success, e.g. `RequestData<typeof visitorRequests, 'visitor:sync'>`. */
export type RequestData<T extends Record<string, RequestSpec>, K extends keyof T> = z.output<T[K]['result']>;
