import { z } from 'zod';
import { LifecycleSettings } from '../shared/lifecycle/settings';

const Port = z.coerce.number().int().min(0).max(65535);
const Seconds = z.coerce.number().positive();
/** An environment default of a per-site setting, held to the bounds every site's own value is held to. */
const siteDefault = (setting: z.ZodNumber) => z.coerce.number().pipe(setting).optional();

const Env = z.object({
  PORT: Port.default(3000),
  HOST: z.string().default('127.0.0.1'),
  PUBLIC_URL: z.url().optional(),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  /** Namespaces this deployment's keys (queues, sessions, adapter) in a Redis shared with others. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/)
    .default('lc'),
  DATA_DIR: z.string().default('./data'),
  APP_SECRET: z.string().min(32).optional(),
  ADMIN_EMAIL: z.email().default('admin@example.com'),
  ADMIN_PASSWORD: z.string().min(8).default('admin-password'),
  REPLY_ALERT_SECONDS: Seconds.default(60),
  SESSION_TTL_HOURS: Seconds.default(12),
  /** How long a SIGTERM/SIGINT shutdown may take to close sockets, drain jobs and flush writes before the process exits anyway. */
  SHUTDOWN_TIMEOUT_SECONDS: Seconds.max(600).default(10),
  /** Overrides the default checkout-idle threshold of every site that has not set its own. */
  CHECKOUT_IDLE_SECONDS: siteDefault(LifecycleSettings.shape.checkoutIdleSeconds.unwrap()),
  /** Period of the at-risk sweep (a repeatable bull job). */
  AT_RISK_SWEEP_MINUTES: Seconds.default(60),
  /** Period of the auto-away sweep (a repeatable bull job putting agents idle past their site's `autoAwayMinutes` away). */
  AUTO_AWAY_SWEEP_SECONDS: Seconds.default(15),
  /** Period of the retention job (a repeatable bull job deleting what sites keep no longer, in small steps). */
  RETENTION_SWEEP_MINUTES: Seconds.default(60),
  /** Socket events one visitor or agent may send per 10 s (every tab together); 0 turns the limit off. */
  RATE_LIMIT_PER_SENDER: z.coerce.number().int().min(0).default(60),
  /** Socket events, handshakes and `/api` requests one client address may make per 10 s; 0 turns the limit off. */
  RATE_LIMIT_PER_IP: z.coerce.number().int().min(0).default(600),
  /** How long a "continue the conversation" link in an email stays valid (each link opens once). */
  RESUME_LINK_TTL_HOURS: Seconds.default(168),
  /** Outbound mail over SMTP, e.g. `smtp://user:pass@host:587` (`smtps://` for TLS from the start); unset writes `.eml` files to DATA_DIR/outbox. */
  SMTP_URL: z
    .url()
    .refine((value) => /^smtps?:\/\//.test(value), 'an smtp:// or smtps:// URL')
    .optional(),
  /** The sender of every mail, `address` or `Name <address>`. */
  MAIL_FROM: z
    .string()
    .trim()
    .regex(/^([^<>]*<)?[^\s@<>]+@[^\s@<>]+>?$/, 'an address such as chat@shop.example or "Shop <chat@shop.example>"')
    .default('Lifecycle Chat <chat@localhost>'),
  /** How long a visitor stays away after an agent's reply before it is emailed; sites may set their own. */
  REPLY_EMAIL_DELAY_SECONDS: Seconds.default(60),
  /** How long after an answer of the bot with no further visitor message and no hand-off it counts as an assumed resolution. */
  ANSWER_BOT_ASSUMED_AFTER_SECONDS: Seconds.default(600),
  /** Whether the demo site a new database starts with has the answer bot on (a site's admin turns it on or off in Settings). */
  DEMO_ANSWER_BOT: z.enum(['on', 'off']).default('on'),
  /** Opens `GET /metrics` to clients off this machine that send `Authorization: Bearer <token>` (loopback needs none). */
  METRICS_TOKEN: z.string().min(16).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = z.infer<typeof Env>;

/** Reads and validates the environment once at start-up; a bad value stops the process with its name. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}
