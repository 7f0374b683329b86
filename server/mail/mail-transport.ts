import nodemailer from 'nodemailer';
import type { Outbox } from './outbox';

/** One message as it leaves the server: the sender comes from the configuration, everything else from the caller. */
export interface OutgoingMail {
  siteId: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Where mail goes: an SMTP server, or the outbox folder when none is configured. */
export interface MailTransport {
  deliver(mail: OutgoingMail): Promise<void>;
  close(): void;
}

const message = ({ from, to, subject, text, html, headers }: OutgoingMail) => ({ from, to, subject, text, html, headers });

/**
 * Hands every mail to the SMTP server of `url` (`smtp://user:pass@host:587`; STARTTLS when the server
 * offers it), over a small pool of kept-open connections (a mail costs no new handshake).
 */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, pool: true });
  return {
    async deliver(mail) {
      await transporter.sendMail(message(mail));
    },
    close: () => transporter.close(),
  };
}

/** Renders every mail to its raw RFC 822 form (nodemailer's composer) and stores it in the outbox. */
export function outboxTransport(outbox: Outbox): MailTransport {
  const transporter = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async deliver(mail) {
      const sent = await transporter.sendMail(message(mail));
      await outbox.write(mail.siteId, sent.message as Buffer);
    },
    close: () => transporter.close(),
  };
}
