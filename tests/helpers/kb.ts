import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import { routes, type KbArticleContent, type KbArticleCreateBody, type Role, type RouteInput } from '../../shared/contract';
import { hashPassword } from '../../server/agents/passwords';
import { call } from './rest';

/** A second connection to a test server's database, for setting up users and sites directly. */
export function openDb(dbName: string): Promise<mongoose.Connection> {
  return mongoose.createConnection(`${inject('mongoUri').replace(/\/$/, '')}/${dbName}`).asPromise();
}

const PASSWORD = 'kb-test-password-1';

/** Adds a user of the given role to a site (the demo site when none is named); returns its credentials. */
export async function addUser(db: mongoose.Connection, role: Role, siteId?: mongoose.Types.ObjectId) {
  const site = siteId ?? (await db.collection('sites').findOne({}, { sort: { createdAt: 1 } }))!._id;
  const email = `${role}-${randomBytes(4).toString('hex')}@example.com`;
  await db.collection('users').insertOne({
    siteId: site,
    email,
    name: `${role[0]!.toUpperCase()}${role.slice(1)} ${email.slice(-16, -12)}`,
    role,
    passwordHash: await hashPassword(PASSWORD),
    active: true,
    availability: 'online',
    capacity: 5,
  });
  return { email, password: PASSWORD };
}

/** A second site of the same deployment, with its public key. */
export async function addSite(db: mongoose.Connection): Promise<{ siteId: mongoose.Types.ObjectId; publicKey: string }> {
  const publicKey = `pk_${randomBytes(12).toString('base64url')}`;
  const { insertedId } = await db.collection('sites').insertOne({
    name: 'Other Shop',
    publicKey,
    secret: randomBytes(32).toString('base64url'),
    allowedOrigins: [],
    createdAt: new Date(),
    updatedAt: new Date(),
  });
  return { siteId: insertedId, publicKey };
}

export interface ApiResult<T = Record<string, unknown>> {
  status: number;
  body: T;
}

/** The KB editor's REST API as the console calls it, with a session cookie (or none). */
export function kbApi(baseUrl: string, cookie?: string) {
  const server = { url: baseUrl };
  // Bodies are loose: tests also send what the schema refuses.
  type Loose<Body> = Body | Record<string, unknown>;
  return {
    list: (query: RouteInput<typeof routes.kb.list>['query'] = {}) => call(server, routes.kb.list, { cookie, query }),
    create: (article: Loose<KbArticleCreateBody>) => call(server, routes.kb.create, { cookie, body: article as KbArticleCreateBody }),
    get: (id: string) => call(server, routes.kb.get, { cookie, params: { id } }),
    update: (id: string, content: Loose<KbArticleContent>) =>
      call(server, routes.kb.update, { cookie, params: { id }, body: content as KbArticleContent }),
    publish: (id: string) => call(server, routes.kb.publish, { cookie, params: { id } }),
    unpublish: (id: string) => call(server, routes.kb.unpublish, { cookie, params: { id } }),
    revisions: (id: string) => call(server, routes.kb.revisions, { cookie, params: { id } }),
    restore: (id: string, number: number) => call(server, routes.kb.restore, { cookie, params: { id, number } }),
    preview: (body: string) => call(server, routes.kb.preview, { cookie, body: { body } }),
    signals: (days = 30) => call(server, routes.kb.signals, { cookie, query: { days } }),
  };
}
