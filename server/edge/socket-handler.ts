import type { ExtendedError } from 'socket.io';
import type { z } from 'zod';
import { parseInput, type Ack, type RequestSpec } from '../../shared/contract';
import type { Logger } from '../infra/logger';
import { AppError } from '../errors/app-error';
import { describeIssues, toApiError } from './errors';

interface AckingSocket {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  onAny(listener: (event: string, ...args: unknown[]) => void): unknown;
}

function ackOf(args: unknown[]): ((response: Ack<unknown>) => void) | undefined {
  const last = args[args.length - 1];
  return typeof last === 'function' ? (last as (response: Ack<unknown>) => void) : undefined;
}

/** One async handler per request event of a contract table, each typed by its schemas. */
export type RequestHandlers<T extends Record<string, RequestSpec>> = {
  [K in keyof T]: (payload: z.output<T[K]['payload']>) => Promise<z.output<T[K]['result']>>;
};

/**
 * Registers every request event of a contract table on a socket: validates the payload against its
 * schema, runs the handler, and always answers the acknowledgement — `{ok:true,data}` or a coded error.
 * A client that sends no callback still gets validated; bad input never throws out of the listener.
 */
export function registerRequests<T extends Record<string, RequestSpec>>(
  socket: AckingSocket,
  table: T,
  handlers: RequestHandlers<T>,
  log: Logger,
): void {
  for (const event of Object.keys(table) as Array<keyof T & string>) {
    const spec = table[event]!;
    // The table and the handler map are typed together above; here both sides are just the same key.
    const handler = handlers[event] as (payload: unknown) => Promise<unknown>;
    socket.on(event, async (...args: unknown[]) => {
      const ack = ackOf(args);
      const payload = ack ? args.slice(0, -1)[0] : args[0];
      try {
        const parsed = parseInput(spec.payload, payload ?? {});
        if (!parsed.success) throw new AppError('invalid_payload', describeIssues(parsed.error.issues));
        const data = await handler(parsed.data);
        ack?.({ ok: true, data });
      } catch (err) {
        if (!(err instanceof AppError)) log.error({ err, event }, 'socket handler failed');
        ack?.({ ok: false, error: toApiError(err) });
      }
    });
  }
  socket.onAny((event, ...args) => {
    if (Object.hasOwn(table, event)) return;
    ackOf(args)?.({ ok: false, error: { code: 'unknown_event', message: `There is no event called "${event}".` } });
  });
}

/**
 * Socket.IO middleware errors reach the client as `connect_error` with `err.data`; this puts the
 * stable code there. Unexpected failures are logged and reported as `unavailable` (worth retrying).
 */
export function toHandshakeError(err: unknown, log: Logger): ExtendedError {
  if (!(err instanceof AppError)) log.error({ err }, 'socket handshake failed');
  const { code, message } =
    err instanceof AppError ? err : { code: 'unavailable', message: 'The chat is unavailable right now. Retrying…' };
  return Object.assign(new Error(message), { data: { code } });
}
