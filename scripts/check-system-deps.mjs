// Checks the system programs the tests need and installs the missing ones where that is safe
// (Debian/Ubuntu as root); otherwise says exactly what to install. Runs before `npm test`.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const isRoot = process.getuid?.() === 0;
const canApt = isRoot && has('apt-get');

const needs = [
  {
    // The old headless shell, not the full browser: it renders the same pages for a third of the CPU.
    what: 'Chromium headless shell (browser tests)',
    ok: () => existsSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell'),
    apt: 'chromium-headless-shell',
  },
  { what: 'redis-server (private Redis)', ok: () => Boolean(process.env.REDIS_URL) || has('redis-server'), apt: 'redis-server' },
  { what: 'HAProxy (deploy/haproxy.cfg check, bench:cluster)', ok: () => has('haproxy'), apt: 'haproxy' },
  { what: 'Go 1.22+ (embedded database build)', ok: () => Boolean(process.env.MONGODB_URI) || has('go'), apt: null },
];

const missing = needs.filter((n) => !n.ok());
const installable = missing.filter((n) => n.apt && canApt);
if (installable.length) {
  const pkgs = installable.map((n) => n.apt);
  console.log(`Installing missing system packages: ${pkgs.join(', ')} (apt-get)…`);
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', ...pkgs], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}
const stillMissing = needs.filter((n) => !n.ok());
if (stillMissing.length) {
  console.error('Missing system programs:');
  for (const n of stillMissing) console.error(`  - ${n.what}${n.apt ? ` (Debian/Ubuntu package: ${n.apt})` : ' (https://go.dev/dl)'}`);
  process.exit(1);
}
