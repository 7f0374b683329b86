// The server a bench script measures: in this process, on the embedded database and a private Redis
// in a temporary folder of its own (or the ones MONGODB_URI / REDIS_URL name), with a database and a
// Redis prefix named after the script.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer, type RunningServer } from '../server/app';
import { loadConfig } from '../server/config';
import { createLogger } from '../server/infra/logger';
import { startBackingServices } from '../server/infra/services';

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
