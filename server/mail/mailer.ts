import type { DomainEventPublisher } from '../events/domain-events';
import { dateOf, type Clock } from '../infra/clock';
import type { Logger } from '../infra/logger';
import type { MailTransport } from './mail-transport';

/** What a domain asks the mailer to send. `kind` names what the mail is for (`reply`, `transcript` …) in events and logs. */
export interface MailRequest {
  siteId: string;
  kind: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, e.g. `List-Unsubscribe`. */
  headers?: Record<string, string>;
}

interface Deps {
  transport: MailTransport;
  /** `MAIL_FROM`. */
  from: string;
  events: DomainEventPublisher;
  clock: Clock;
  log: Logger;
}

/**
 * Sends one mail through the configured transport and publishes `mail.sent` or `mail.failed`. A
 * failure is thrown too, so a job that sends can be retried.
 */
export class Mailer {
  constructor(private readonly deps: Deps) {}

  async send({ siteId, kind, to, subject, text, html, headers = {} }: MailRequest): Promise<void> {
    const { transport, from, events, clock, log } = this.deps;
    try {
      await transport.deliver({ siteId, from, to, subject, text, html, headers });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log.warn({ siteId, kind, err: error }, 'a mail could not be sent');
      void events.publish('mail.failed', { siteId, kind, to, error, at: dateOf(clock) });
      throw err;
    }
    void events.publish('mail.sent', { siteId, kind, to, at: dateOf(clock) });
  }

  close(): void {
    this.deps.transport.close();
  }
}
