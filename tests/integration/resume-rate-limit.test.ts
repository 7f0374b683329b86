// Opening conversations from links is rate-limited per address (RESUME_LIMITS), like sign-in: a
// flood of guesses is cut off with rate_limited, whatever the links are.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ErrorCode } from '../../shared/contract';
import { RESUME_LIMITS } from '../../server/edge/rate-limits';
import { connected, connectVisitor, startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function attempt(token: string): Promise<ErrorCode | 'accepted'> {
  const socket = connectVisitor(server, { resume: token } as { token?: string });
  try {
    await connected(socket);
    return 'accepted';
  } catch (err) {
    return (err as { data: { code: ErrorCode } }).data.code;
  } finally {
    socket.close();
  }
}

it(`refuses link attempts past ${RESUME_LIMITS.perIp} per address with rate_limited, while the widget without a link still connects`, async () => {
  for (let i = 0; i < RESUME_LIMITS.perIp; i++) expect(await attempt(`guess.${i}.x`)).toBe('resume_invalid');
  expect(await attempt('one.more.guess')).toBe('rate_limited');
  const socket = connectVisitor(server);
  await connected(socket);
  socket.close();
});
