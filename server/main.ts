import { startServer } from './app';
import { loadConfig } from './config';
import { resolveAppSecret } from './infra/app-secret';
import { createLogger } from './infra/logger';
import { startBackingServices } from './infra/services';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);
process.on('unhandledRejection', (err) => log.error({ err }, 'unhandled rejection'));
const services = await startBackingServices(config, log);
const server = await startServer({
  config,
  mongoUri: services.mongoUri,
  redisUrl: services.redisUrl,
  secret: resolveAppSecret(config.APP_SECRET, config.DATA_DIR),
  log,
  redisPrefix: config.REDIS_PREFIX,
}).catch(async (err: unknown) => {
  await services.stop();
  throw err;
});

log.info({ url: server.url }, 'server listening');
// biome-ignore lint/suspicious/noConsole: the start banner is for the person who ran npm start, not the log
console.log(`
  Lifecycle Chat is running
    Demo shop with the widget:  ${server.url}/demo
    Agent console:              ${server.url}/console
    Sign in as:                 ${config.ADMIN_EMAIL} / ${process.env.ADMIN_PASSWORD ? '(your ADMIN_PASSWORD)' : config.ADMIN_PASSWORD}
    Health:                     ${server.url}/healthz
`);

let stopping = false;
/**
 * Stops taking connections, disconnects the sockets (clients reconnect to another process and re-send
 * what has no ack), lets the queues finish their running jobs, flushes the pending writes and closes
 * Redis and the database; past SHUTDOWN_TIMEOUT_SECONDS it exits anyway, and says so.
 */
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  const started = performance.now();
  const timeoutSeconds = config.SHUTDOWN_TIMEOUT_SECONDS;
  log.info({ signal, timeoutSeconds }, 'shutting down: closing sockets, draining jobs and pending writes');
  setTimeout(() => {
    log.error({ timeoutSeconds }, 'shutdown did not finish in time: exiting without waiting further');
    process.exit(1);
  }, timeoutSeconds * 1000);
  await server.close().catch((err: unknown) => log.error({ err }, 'error while closing'));
  await services.stop();
  log.info({ ms: Math.round(performance.now() - started) }, 'shut down: sockets closed, pending writes flushed, connections closed');
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
