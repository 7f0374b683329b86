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
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  await server.close().catch((err: unknown) => log.error({ err }, 'error while closing'));
  await services.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
