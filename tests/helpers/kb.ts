import { randomBytes } from 'node:crypto';
import mongoose from 'mongoose';
import { inject } from 'vitest';
import type { Role } from '../../shared/contract';
import { hashPassword } from '../../server/agents/passwords';

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
  async function call<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
    const headers: Record<string, string> = {};
    if (cookie) headers.cookie = cookie;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/api/kb${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: res.status, body: (await res.json()) as T };
  }
  return {
    list: (query = '') => call('GET', `/articles${query}`),
    create: (article: Record<string, unknown>) => call('POST', '/articles', article),
    get: (id: string) => call('GET', `/articles/${id}`),
    update: (id: string, content: Record<string, unknown>) => call('PUT', `/articles/${id}`, content),
    publish: (id: string) => call('POST', `/articles/${id}/publish`),
    unpublish: (id: string) => call('POST', `/articles/${id}/unpublish`),
    revisions: (id: string) => call('GET', `/articles/${id}/revisions`),
    restore: (id: string, number: number) => call('POST', `/articles/${id}/revisions/${number}/restore`),
    preview: (body: string) => call('POST', '/preview', { body }),
    signals: (days = 30) => call('GET', `/signals?days=${days}`),
  };
}
