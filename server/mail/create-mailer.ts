import { join } from 'node:path';
import type { Config } from '../config';
import type { DomainEventPublisher } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import { outboxTransport, smtpTransport } from './mail-transport';
import { Mailer } from './mailer';
import { Outbox } from './outbox';

/** The deployment's mailer: over `SMTP_URL` when set, else into the outbox under `DATA_DIR/outbox`. */
export function createMailer(
  config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>,
  events: DomainEventPublisher,
  clock: Clock,
  log: Logger,
): { mailer: Mailer; outbox: Outbox } {
  const outbox = new Outbox(join(config.DATA_DIR, 'outbox'), clock);
  const transport = config.SMTP_URL ? smtpTransport(config.SMTP_URL) : outboxTransport(outbox);
  return { mailer: new Mailer({ transport, from: config.MAIL_FROM, events, clock, log }), outbox };
}
