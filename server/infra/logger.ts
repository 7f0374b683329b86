import pino from 'pino';
import { maskSecrets } from '../../shared/privacy/mask-secrets';

export type Logger = pino.Logger;

/** Objects are masked this deep; deeper values are logged as they are. */
const MAX_DEPTH = 6;

/**
 * The server's logger. Every string it writes — the message, its format arguments, any string in
 * the logged object, an error's message and stack — has card numbers, IBANs and security codes
 * masked (shared/privacy/mask-secrets). `destination`: where lines go (standard output by default).
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg: unknown) => masked(arg, 0)) as Parameters<typeof method>);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

function masked(value: unknown, depth: number): unknown {
  if (typeof value === 'string') return maskSecrets(value).text;
  if (depth >= MAX_DEPTH || typeof value !== 'object' || value === null) return value;
  if (value instanceof Error) return maskedError(value, depth);
  if (Array.isArray(value)) return value.map((item) => masked(item, depth + 1));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, masked(item, depth + 1)]));
}

/** A copy of the error of the same class (pino's serializer still names its type), its texts masked. */
function maskedError(err: Error, depth: number): Error {
  const copy = Object.create(Object.getPrototypeOf(err) as object) as Error & Record<string, unknown>;
  for (const [key, item] of Object.entries(err)) copy[key] = masked(item, depth + 1);
  copy.message = maskSecrets(err.message).text;
  if (err.stack) copy.stack = maskSecrets(err.stack).text;
  if (err.cause !== undefined) copy.cause = masked(err.cause, depth + 1);
  return copy;
}
