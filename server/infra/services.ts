import type { Config } from '../config';
import { startEmbeddedMongo } from './embedded-mongo';
import { startEmbeddedRedis } from './embedded-redis';
import type { Logger } from './logger';

export interface BackingServices {
  mongoUri: string;
  redisUrl: string;
  /** Stops whatever this process started itself; configured external services are left alone. */
  stop(): Promise<void>;
}

/** Uses MONGODB_URI / REDIS_URL when set, otherwise starts the embedded database and a private Redis. */
export async function startBackingServices(config: Config, log: Logger): Promise<BackingServices> {
  const stops: Array<() => Promise<void>> = [];
  try {
    let mongoUri = config.MONGODB_URI;
    if (!mongoUri) {
      const mongo = await startEmbeddedMongo(config.DATA_DIR, (line) => log.info(line));
      stops.push(mongo.stop);
      mongoUri = `${mongo.uri.replace(/\/$/, '')}/lifecycle_chat`;
      log.info({ uri: mongoUri }, 'embedded database (FerretDB on PostgreSQL) started');
    }
    let redisUrl = config.REDIS_URL;
    if (!redisUrl) {
      const redis = await startEmbeddedRedis(config.DATA_DIR);
      stops.push(redis.stop);
      redisUrl = redis.url;
      log.info({ url: redisUrl }, 'private redis-server started');
    }
    return { mongoUri, redisUrl, stop: () => Promise.all(stops.map((s) => s())).then(() => undefined) };
  } catch (err) {
    await Promise.all(stops.map((s) => s()));
    throw err;
  }
}
