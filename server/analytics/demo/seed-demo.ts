// `npm run seed:demo`: fills the demo site's analytics with 90 days of realistic demo data (about
// 20,000 events), so the console's Analytics page has something to show. Run it with the server
// stopped (it starts the same embedded database and Redis from DATA_DIR, or uses MONGODB_URI /
// REDIS_URL). It adds nothing when the site has analytics already; `-- --force` adds them anyway.
import { Redis } from 'ioredis';
import { loadConfig } from '../../config';
import { analyticsDays, connectData } from '../../data';
import { createLogger } from '../../infra/logger';
import { startBackingServices } from '../../infra/services';
import { ensureDemoSite } from '../../sites/first-run';
import { countsOf } from '../facts';
import { AnalyticsRecorder } from '../recorder';
import { RollupFlusher } from '../rollup';
import { demoFacts } from './demo-facts';

const DAYS = 90;
const EVENTS = 20_000;

const config = loadConfig();
const log = createLogger('warn');
const services = await startBackingServices(config, log);
const redis = new Redis(services.redisUrl, { keyPrefix: `${config.REDIS_PREFIX}:` });
try {
  const data = await connectData({ mongoUri: services.mongoUri, redisUrl: services.redisUrl, redisPrefix: config.REDIS_PREFIX, log });
  const { site } = await ensureDemoSite({
    adminEmail: config.ADMIN_EMAIL,
    adminPassword: config.ADMIN_PASSWORD,
    answerBot: config.DEMO_ANSWER_BOT === 'on',
  });
  const siteId = site._id.toHexString();
  if ((await analyticsDays.countOfSite('funnel', siteId)) > 0 && !process.argv.includes('--force')) {
    console.log('The demo site has analytics already; nothing added (`npm run seed:demo -- --force` adds more).');
  } else {
    const facts = demoFacts({ siteId, events: EVENTS, days: DAYS, end: new Date() });
    console.log(`Recording ${facts.length.toLocaleString('en')} demo events over the last ${DAYS} days…`);
    await new AnalyticsRecorder(redis, log).add(siteId, facts.flatMap(countsOf));
    const days = await new RollupFlusher(redis, log).flush(10_000);
    console.log(`Done: ${days} day batches written. Sign in as ${config.ADMIN_EMAIL} and open Analytics in the console.`);
  }
  await data.close();
} finally {
  redis.disconnect();
  await services.stop();
}
