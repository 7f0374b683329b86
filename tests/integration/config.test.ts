import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/** Runs `server/main.ts` as production does and collects what it says until it exits (or is killed after `timeoutMs`). */
function runServer(env: Record<string, string>, timeoutMs = 60_000): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
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

it('refuses to start with a checkout-idle default every site would reject (below the per-site minimum of 5 s), naming the variable', async () => {
  const { code, output } = await runServer({ CHECKOUT_IDLE_SECONDS: '3' });
  expect(code).not.toBe(0);
  expect(code).not.toBeNull();
  expect(output).toMatch(/Invalid configuration:\s+CHECKOUT_IDLE_SECONDS: Too small/);
}, 90_000);
