import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Namespace, Socket } from 'socket.io';
import type { Logger } from '../infra/logger';
import { AppError } from '../errors/app-error';
import { toApiError } from './errors';
import { toHandshakeError } from './socket-handler';

const WINDOW_SECONDS = 10;

export interface RateLimitSettings {
  /** Socket events one visitor or agent may send per 10 s, all tabs together; 0 turns the limit off. */
  perSender: number;
  /** Socket events, socket handshakes and `/api` requests one address may make per 10 s; 0 turns it off. */
  perIp: number;
}

/**
 * What an event costs of a sender's budget: events that store something cost more than reads, so a
 * sender gets at most 10 messages per window (a person types far fewer) and a flood stops early.
 */
export const EVENT_COST: Readonly<Record<string, number>> = { 'message:send': 6, 'file:upload': 6 };

/** Attempts to open a conversation from an emailed link, per address per 10 minutes (a person needs one or two). */
export const RESUME_LIMITS = { perIp: 30, windowSeconds: 10 * 60 } as const;

/**
 * Data-request links (a visitor's export or erasure confirmed by email) per hour: asked per client
 * address (refused past it), and mailed per recipient address (past it the answer stays the same and
 * no mail goes out, so nobody floods an inbox or learns whether an address is known).
 */
export const DATA_REQUEST_LIMITS = { perIp: 10, perAddress: 3, windowSeconds: 3600 } as const;

/** Sign-in attempts per 15 minutes: per (email, address), and per address across all emails. */
export const SIGN_IN_LIMITS = { perEmailAndIp: 5, perIp: 20, windowSeconds: 15 * 60 } as const;

/**
 * Counters live in Redis, so a limit holds across every server process; past the limit a key is
 * answered from memory until its window ends, so a flood costs no Redis round trip per event. If Redis
 * fails, each process falls back to the same limit in memory instead of refusing everyone.
 */
function limiter(redis: Redis, name: string, points: number, duration: number): RateLimiterRedis {
  return new RateLimiterRedis({
    storeClient: redis,
    keyPrefix: `rate:${name}`,
    points,
    duration,
    inMemoryBlockOnConsumed: points,
    insuranceLimiter: new RateLimiterMemory({ keyPrefix: `rate:${name}`, points, duration }),
  });
}

function limited(res: unknown, what: string): AppError {
  if (!(res instanceof RateLimiterRes)) throw res;
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return Object.assign(new AppError('rate_limited', `${what} Please wait ${seconds} s and try again.`), { retryAfterSeconds: seconds });
}

export class RateLimits {
  readonly #sender: RateLimiterRedis | null;
  readonly #ip: RateLimiterRedis | null;
  readonly #signInPair: RateLimiterRedis;
  readonly #signInIp: RateLimiterRedis;
  readonly #resume: RateLimiterRedis;
  readonly #dataRequestIp: RateLimiterRedis;
  readonly #dataRequestAddress: RateLimiterRedis;

  constructor(redis: Redis, settings: RateLimitSettings) {
    this.#sender = settings.perSender > 0 ? limiter(redis, 'sender', settings.perSender, WINDOW_SECONDS) : null;
    this.#ip = settings.perIp > 0 ? limiter(redis, 'ip', settings.perIp, WINDOW_SECONDS) : null;
    this.#signInPair = limiter(redis, 'sign-in', SIGN_IN_LIMITS.perEmailAndIp, SIGN_IN_LIMITS.windowSeconds);
    this.#signInIp = limiter(redis, 'sign-in-ip', SIGN_IN_LIMITS.perIp, SIGN_IN_LIMITS.windowSeconds);
    this.#resume = limiter(redis, 'resume', RESUME_LIMITS.perIp, RESUME_LIMITS.windowSeconds);
    this.#dataRequestIp = limiter(redis, 'data-request-ip', DATA_REQUEST_LIMITS.perIp, DATA_REQUEST_LIMITS.windowSeconds);
    this.#dataRequestAddress = limiter(redis, 'data-request', DATA_REQUEST_LIMITS.perAddress, DATA_REQUEST_LIMITS.windowSeconds);
  }

  /** One socket event of a visitor or agent (`sender`) from `ip`, weighed by `EVENT_COST`; throws `rate_limited` past either limit. */
  async event(event: string, sender: string, ip: string): Promise<void> {
    await Promise.all([
      this.#sender?.consume(sender, EVENT_COST[event] ?? 1).catch((res: unknown) => {
        throw limited(res, 'Too many messages in a short time.');
      }),
      this.request(ip),
    ]);
  }

  /** A file upload of a visitor or agent (`sender`): a message's share of the sender's budget, shared with their socket events (the request's address is counted as a request). */
  async upload(sender: string): Promise<void> {
    await this.#sender?.consume(sender, EVENT_COST['file:upload']).catch((res: unknown) => {
      throw limited(res, 'Too many messages in a short time.');
    });
  }

  /** One handshake or REST call from `ip`. */
  async request(ip: string): Promise<void> {
    await this.#ip?.consume(ip).catch((res: unknown) => {
      throw limited(res, 'Too many requests from your network.');
    });
  }

  /**
   * Counts a sign-in attempt before the password is checked, so parallel guesses are counted too;
   * `signInSucceeded` gives the attempt back.
   */
  async signInAttempt(email: string, ip: string): Promise<void> {
    const wait = (res: unknown) => {
      throw limited(res, 'Too many sign-in attempts.');
    };
    await Promise.all([this.#signInPair.consume(`${ip}|${email}`).catch(wait), this.#signInIp.consume(ip).catch(wait)]);
  }

  /** Counts an attempt to open a conversation from an emailed link (`resume`), before the link is checked. */
  async resumeAttempt(ip: string): Promise<void> {
    await this.#resume.consume(ip).catch((res: unknown) => {
      throw limited(res, 'Too many attempts to open a conversation link.');
    });
  }

  /** Counts a request for a data-request link from `ip`; throws `rate_limited` past `DATA_REQUEST_LIMITS.perIp`. */
  async dataRequestAttempt(ip: string): Promise<void> {
    await this.#dataRequestIp.consume(ip).catch((res: unknown) => {
      throw limited(res, 'Too many data requests from your network.');
    });
  }

  /**
   * Counts a data-request mail to `address` on the site; false once the address has had its share.
   * Counted under a hash, so that Redis never holds the address (nor keeps it past an erasure).
   */
  async dataRequestMail(siteId: string, address: string): Promise<boolean> {
    const key = createHash('sha256').update(`${siteId}|${address.toLowerCase()}`).digest('base64url');
    return this.#dataRequestAddress.consume(key).then(
      () => true,
      (res: unknown) => {
        if (res instanceof RateLimiterRes) return false;
        throw res;
      },
    );
  }

  async signInSucceeded(email: string, ip: string): Promise<void> {
    await Promise.all([this.#signInPair.delete(`${ip}|${email}`), this.#signInIp.reward(ip, 1)]);
  }
}

/** `/api` requests per address; a refusal carries `Retry-After`. */
export function limitRequests(limits: RateLimits): RequestHandler {
  return (req, res, next) => {
    limits.request(req.ip ?? 'unknown').then(
      () => next(),
      (err: unknown) => {
        const retry = (err as { retryAfterSeconds?: number }).retryAfterSeconds;
        if (retry) res.setHeader('Retry-After', String(retry));
        next(err);
      },
    );
  };
}

interface LimitedSocket {
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

/**
 * Limits a namespace: handshakes per address, then every event per sender and per address. A refused
 * event is answered through its acknowledgement with `rate_limited` and never reaches its handler.
 */
export function limitSocketEvents<S extends Socket>(
  ns: Namespace,
  limits: RateLimits,
  ipOf: (socket: S) => string,
  senderOf: (socket: S) => string,
  log: Logger,
): void {
  ns.use((socket, next) => {
    limits.request(ipOf(socket as S)).then(
      () => next(),
      (err: unknown) => next(toHandshakeError(err, log)),
    );
  });
  ns.on('connection', (socket: Socket) => {
    (socket as LimitedSocket).use((packet, next) => {
      limits.event(String(packet[0]), senderOf(socket as S), ipOf(socket as S)).then(
        () => next(),
        (err: unknown) => {
          const ack = packet[packet.length - 1];
          if (typeof ack === 'function') ack({ ok: false, error: toApiError(err) });
        },
      );
    });
  });
}
