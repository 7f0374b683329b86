import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

/** `[Section]` → key → values, from a systemd unit or an env file (comments and blank lines skipped). */
function sections(text: string): Map<string, Map<string, string[]>> {
  const result = new Map<string, Map<string, string[]>>();
  let current = new Map<string, string[]>();
  result.set('', current);
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const section = /^\[(\w+)\]$/.exec(line);
    if (section) {
      current = new Map();
      result.set(section[1]!, current);
      continue;
    }
    const at = line.indexOf('=');
    expect(at, `not key=value: ${line}`).toBeGreaterThan(0);
    const key = line.slice(0, at);
    current.set(key, [...(current.get(key) ?? []), line.slice(at + 1)]);
  }
  return result;
}

describe('deploy/', () => {
  it('haproxy.cfg is valid for HAProxy, with the defaults and with the addresses from the environment', () => {
    for (const env of [
      {},
      { LC_BIND: '127.0.0.1:18080', LC_SERVER_1: '127.0.0.1:4001', LC_SERVER_2: '127.0.0.1:4002', LC_SERVER_3: '127.0.0.1:4003' },
    ]) {
      const output = execFileSync('haproxy', ['-c', '-f', 'deploy/haproxy.cfg'], { env: { ...process.env, ...env }, encoding: 'utf8' });
      expect(output).toContain('Configuration file is valid');
    }
    const config = readFileSync('deploy/haproxy.cfg', 'utf8');
    expect(config).toMatch(/timeout tunnel/);
    expect(config).toMatch(/http-check send meth GET uri \/healthz/);
  });

  it('the systemd template unit runs one process per port on the shared environment file, and outlives the graceful shutdown', () => {
    const unit = sections(readFileSync('deploy/lifecycle-chat@.service', 'utf8'));
    expect([...unit.keys()]).toEqual(['', 'Unit', 'Service', 'Install']);
    const service = unit.get('Service')!;
    expect(service.get('ExecStart')).toEqual(['/usr/bin/node --import tsx server/main.ts']);
    expect(service.get('EnvironmentFile')).toEqual(['/etc/lifecycle-chat/env']);
    expect(service.get('Environment')!.join(' ').split(' ')).toContain('PORT=%i');
    expect(service.get('KillSignal')).toEqual(['SIGTERM']);
    expect(Number(service.get('TimeoutStopSec')![0])).toBeGreaterThan(loadConfig({}).SHUTDOWN_TIMEOUT_SECONDS);
    expect(unit.get('Install')!.get('WantedBy')).toEqual(['multi-user.target']);
  });

  it('the example environment file sets what every deployment must and is a valid configuration', () => {
    const env = Object.fromEntries(
      [...sections(readFileSync('deploy/lifecycle-chat.env.example', 'utf8')).get('')!].map(([k, v]) => [k, v[0]!]),
    );
    for (const key of ['APP_SECRET', 'PUBLIC_URL', 'MONGODB_URI', 'REDIS_URL', 'REDIS_PREFIX', 'SMTP_URL']) expect(env).toHaveProperty(key);
    expect(env).not.toHaveProperty('PORT');
    const config = loadConfig({ ...env, PORT: '3001' });
    expect(config.APP_SECRET!.length).toBeGreaterThanOrEqual(32);
  });
});
