import { randomBytes } from 'node:crypto';
import { DEFAULT_ANSWER_BOT } from '../../shared/contract';
import { hashPassword } from '../agents/passwords';
import { accounts, sites, type Site } from '../data';

export interface FirstRunOptions {
  adminEmail: string;
  adminPassword: string;
  /** Whether a new demo site has the answer bot on. */
  answerBot: boolean;
}

export interface FirstRunResult {
  site: Site;
  /** True when this call created the admin (so start-up can print the credentials). */
  createdAdmin: boolean;
}

/**
 * On an empty database, creates the demo site and the first admin; otherwise returns the first site.
 * Processes that start at once on an empty database all answer the same site and one admin.
 */
export async function ensureDemoSite({ adminEmail, adminPassword, answerBot }: FirstRunOptions): Promise<FirstRunResult> {
  const site =
    (await sites.first()) ??
    (await sites.createDemo({
      name: 'Demo Shop',
      publicKey: `pk_${randomBytes(12).toString('base64url')}`,
      secret: randomBytes(32).toString('base64url'),
      answerBot: { ...DEFAULT_ANSWER_BOT, enabled: answerBot },
    }));
  if ((await accounts.ofSite(site._id)).length > 0) return { site, createdAdmin: false };
  // Null when another process created the admin meanwhile (the email is unique).
  const admin = await accounts.create({
    siteId: site._id,
    email: adminEmail,
    name: 'Admin',
    role: 'admin',
    passwordHash: await hashPassword(adminPassword),
  });
  return { site, createdAdmin: admin !== null };
}
