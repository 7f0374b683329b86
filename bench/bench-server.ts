// The server a bench script measures: in this process, on the embedded database and a private Redis
// in a temporary folder of its own (or the ones MONGODB_URI / REDIS_URL name), with a database and a
// Redis prefix named after the script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { startServer, type RunningServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';
import { type Ack, VISITOR_NAMESPACE } from '../shared/contract';

export interface BenchServer {
  server: RunningServer;
  mongoUri: string;
  /** Stops the server and its services and removes the folder. */
  stop(): Promise<void>;
}

/** `name` (e.g. `metrics`) names the folder, the database and the Redis prefix; `env` adds settings. */
export async function startBenchServer(name: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const dataDir = mkdtempSync(join(tmpdir(), `lc-bench-${name}-`));
  const config = loadConfig({ ...process.env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const log = createLogger('silent');
  const services = await startBackingServices(config, log);
  const mongoUri = services.mongoUri.replace(/\/lifecycle_chat$/, `/bench_${name.replaceAll('-', '_')}`);
  const server = await startServer({
    config,
    mongoUri,
    redisUrl: services.redisUrl,
    redisPrefix: `bench-${name}`,
    secret: 'x'.repeat(32),
    log,
  });
  return {
    server,
    mongoUri,
    async stop() {
      await server.close();
      await services.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A request over a socket, answered within 10 s. */
export function send(socket: Socket, event: string, payload: unknown): Promise<Ack<unknown>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<unknown>>;
}

/** A connected visitor socket that appears to come from `ip` (the server trusts X-Forwarded-For from loopback). */
export async function visitorFrom(server: RunningServer, ip: string): Promise<Socket> {
  const socket = io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.demoSiteKey },
    extraHeaders: { 'x-forwarded-for': ip },
    transports: ['websocket'],
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
