// Graceful shutdown (issue 19, item 5): on SIGTERM a server process disconnects its sockets, flushes
// what is pending, closes its connections and exits 0 within SHUTDOWN_TIMEOUT_SECONDS, saying so in
// the log; the bound is validated at start.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/contract';
import { loadConfig } from '../../server/config';
import { newDeployment, startServerProcess } from '../helpers/server-process';
import { clientId, joinAsVisitor, nextEvent, request } from '../helpers/test-server';

describe('graceful shutdown', () => {
  it('on SIGTERM closes the sockets, keeps what was acked, exits 0 in time and logs each step', async () => {
    const deployment = newDeployment();
    const server = await startServerProcess(deployment, { LOG_LEVEL: 'info', SHUTDOWN_TIMEOUT_SECONDS: '8' });
    let log = '';
    server.child.stdout?.on('data', (chunk: Buffer) => (log += chunk));
    const { socket, session } = await joinAsVisitor(server);
    const sent = await request<{ message: Message }>(socket, 'message:send', { clientId: clientId(), text: 'Still there?' });
    expect(sent.ok).toBe(true);

    const disconnected = nextEvent<string>(socket, 'disconnect', 8_000);
    const exited = new Promise<number | null>((resolve) => server.child.once('exit', resolve));
    const started = Date.now();
    server.child.kill('SIGTERM');
    expect(await disconnected).toBe('transport close');
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(8_000);
    socket.close();

    const lines = log
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { msg: string; timeoutSeconds?: number; ms?: number });
    expect(lines.find((l) => l.msg.startsWith('shutting down'))).toMatchObject({ timeoutSeconds: 8 });
    expect(lines.find((l) => l.msg.startsWith('shut down:'))?.ms).toBeLessThan(8_000);

    const again = await startServerProcess(deployment);
    try {
      const { socket: back, session: resumed } = await joinAsVisitor(again, { token: session.token });
      back.close();
      expect(resumed.messages.map((m) => m.text)).toEqual(['Still there?']);
    } finally {
      await again.stop();
    }
  }, 60_000);

  it('refuses a shutdown bound that is not a positive number of seconds up to 600', () => {
    for (const value of ['0', '-1', 'soon', '601']) {
      expect(() => loadConfig({ SHUTDOWN_TIMEOUT_SECONDS: value })).toThrow(/SHUTDOWN_TIMEOUT_SECONDS/);
    }
    expect(loadConfig({}).SHUTDOWN_TIMEOUT_SECONDS).toBe(10);
  });
});
