import type { Server as HttpServer } from 'node:http';
import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { AGENT_NAMESPACE, VISITOR_NAMESPACE } from '../../shared/contract/constants';
import type { Logger } from '../infra/logger';
import type { AgentNamespace, ChatNamespaces, VisitorNamespace } from './namespaces';

export interface SocketServerOptions {
  redisUrl: string;
  /** Namespaces the adapter's channels per deployment. */
  prefix: string;
  maxPayloadBytes: number;
  log: Logger;
}

export interface SocketServer {
  ns: ChatNamespaces;
  /** Closes the sockets, then the adapter's Redis clients. */
  close(): Promise<void>;
}

/** Socket.IO on the HTTP server, with rooms that span every server process through Redis pub/sub. */
export function createSocketServer(http: HttpServer, { redisUrl, prefix, maxPayloadBytes, log }: SocketServerOptions): SocketServer {
  const io = new Server(http, {
    maxHttpBufferSize: maxPayloadBytes,
    // The visitor namespace checks each site's own origin allow-list; the agent namespace checks the console origin.
    cors: { origin: true, credentials: false },
  });
  const pubClient = new Redis(redisUrl, { maxRetriesPerRequest: 2 });
  const subClient = pubClient.duplicate();
  // The adapter unsubscribes without awaiting when it closes; with Redis down that would be an
  // unhandled rejection. The client is closed right after anyway, so the outcome doesn't matter.
  for (const name of ['punsubscribe', 'unsubscribe'] as const) {
    const unsubscribe = subClient[name].bind(subClient) as (...args: unknown[]) => Promise<unknown>;
    Object.assign(subClient, { [name]: (...args: unknown[]) => unsubscribe(...args).catch(() => undefined) });
  }
  // A broadcast does not wait for its publish, so a failed one (Redis down, or a job's emit while the
  // server shuts down) would be an unhandled rejection. This process's sockets have it already; the
  // other processes' clients catch up when they sync.
  const publish = pubClient.publish.bind(pubClient) as (...args: unknown[]) => Promise<number>;
  Object.assign(pubClient, {
    publish: (...args: unknown[]) =>
      publish(...args).catch((err: Error) => {
        log.warn({ err: err.message }, 'broadcast to the other server processes failed');
        return 0;
      }),
  });
  for (const client of [pubClient, subClient])
    client.on('error', (err: Error) => log.warn({ err: err.message }, 'redis adapter connection error'));
  io.adapter(createAdapter(pubClient, subClient, { key: `${prefix}:socket.io` }));
  return {
    ns: {
      visitors: io.of(VISITOR_NAMESPACE) as unknown as VisitorNamespace,
      agents: io.of(AGENT_NAMESPACE) as unknown as AgentNamespace,
    },
    async close() {
      await new Promise<void>((resolve) => io.close(() => resolve()));
      // quit() lets the adapter's last unsubscribe calls finish instead of rejecting them.
      await Promise.all([pubClient.quit(), subClient.quit()]).catch(() => undefined);
    },
  };
}
