import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { inject, it } from 'vitest';
import { serverCommand } from '../helpers/server-process';
import { startTestServer } from '../helpers/test-server';

/** Runs `server/main.ts` (bundled for the run) as production does and collects what it says until it exits (or is killed after `timeoutMs`). */
function runServer(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const { command, args } = serverCommand();
  const child = spawn(command, args, {
    env: { ...process.env, DATA_DIR: mkdtempSync(join(tmpdir(), 'lc-config-')), LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve) =>
    child.once('exit', (code) => {
      clearTimeout(killer);
      resolve({ code, output });
    }),
  );
}

// The two cases share nothing (a process of its own, a database of its own): they run side by side.
it.concurrent('refuses to start with a checkout-idle default every site would reject (below the per-site minimum of 5 s), naming the variable', async ({
  expect,
}) => {
  const { code, output } = await runServer({ CHECKOUT_IDLE_SECONDS: '3' });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toMatch(/Invalid configuration:\s+CHECKOUT_IDLE_SECONDS: Too small/);
}, 90_000);

it.concurrent('refuses to start on stored site settings the settings schema rejects, naming the site and the field', async ({ expect }) => {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  const first = await startTestServer({}, undefined, dbName);
  await first.close();
  const client = await MongoClient.connect(`${inject('mongoUri').replace(/\/$/, '')}/${dbName}`);
  try {
    // Written by hand (or under an older rule): a checkout idle time below the 5 s minimum.
    await client
      .db()
      .collection('sites')
      .updateMany({}, { $set: { 'lifecycle.checkoutIdleSeconds': 2 } });
  } finally {
    await client.close();
  }
  await expect(startTestServer({}, undefined, dbName)).rejects.toThrow(
    /Invalid stored site settings:\s+site "Demo Shop" \([0-9a-f]{24}\) lifecycle\.checkoutIdleSeconds: Too small/,
  );
}, 60_000);
