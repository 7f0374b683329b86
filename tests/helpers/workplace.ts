import type mongoose from 'mongoose';
import type { Role } from '../../shared/contract';
import { addUser, type ApiResult } from './kb';
import { connectAgent, connected, signIn, type AgentSocket, type Reachable } from './test-server';

/**
 * A request to a literal `METHOD path`, JSON in and out, the session cookie when there is one: for
 * probing every route Express serves (the permission test); other tests call routes through `call` (rest.ts).
 */
export async function requestPath<T = Record<string, unknown>>(
  server: Reachable,
  method: string,
  path: string,
  options: { cookie?: string; body?: unknown } = {},
): Promise<ApiResult<T> & { setCookie: string | null }> {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  // A download (a CSV) answers its text as it is.
  const json = res.headers.get('content-type')?.includes('json');
  return { status: res.status, body: (text ? (json ? JSON.parse(text) : text) : null) as T, setCookie: res.headers.get('set-cookie') };
}

/** A new user of the role on the demo site, signed in: its session cookie and credentials. */
export async function signedInUser(server: Reachable, db: mongoose.Connection, role: Role) {
  const credentials = await addUser(db, role);
  const user = await db.collection('users').findOne({ email: credentials.email });
  return { ...credentials, id: String(user!._id), name: String(user!.name), cookie: await signIn(server, credentials) };
}

/** A connected console socket of a signed-in user; closed by `sockets.close()` of the caller. */
export async function agentSocket(server: Reachable, cookie: string, sockets: Array<{ close(): unknown }>): Promise<AgentSocket> {
  const socket = connectAgent(server, cookie);
  sockets.push(socket);
  await connected(socket);
  return socket;
}
