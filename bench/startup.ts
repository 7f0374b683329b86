// Times `npm start` until GET /healthz answers 200: first on a fresh clone with empty Go caches
// (cold: includes the build of widget/console and the first `go build` of the embedded
// database), then again in the same clone (warm). Usage: npm run bench:startup [-- --json]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import getPort from 'get-port';

const json = process.argv.includes('--json');
const say = (line: string) => json || console.log(line);
const repo = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'lc-startup-'));
const clone = join(work, 'clone');

async function timeStart(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await getPort({ host: '127.0.0.1' });
  const started = Date.now();
  const child = spawn('npm', ['start'], {
    cwd: clone,
    env: { ...process.env, ...env, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (c: Buffer) => (output += c));
  child.stderr.on('data', (c: Buffer) => (output += c));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`npm start exited:\n${output.slice(-3000)}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (Date.now() - started) / 1000;
      if (Date.now() - started > 600_000) throw new Error('no healthy server after 10 minutes');
      await new Promise((r) => setTimeout(r, 200));
    }
  } finally {
    process.kill(-child.pid!, 'SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

try {
  say(`Cloning ${repo} and installing dependencies (npm install)…`);
  execFileSync('git', ['clone', '-q', repo, clone]);
  const installStarted = Date.now();
  execFileSync('npm', ['install', '--no-audit', '--no-fund'], { cwd: clone, stdio: json ? 'ignore' : 'inherit' });
  const npmInstallSeconds = (Date.now() - installStarted) / 1000;
  const goCaches = { GOCACHE: join(work, 'gocache'), GOMODCACHE: join(work, 'gomodcache') };
  say('Cold start (empty data folder, empty Go caches: downloads modules and builds the launcher)…');
  const coldSeconds = await timeStart({ ...goCaches, DATA_DIR: join(work, 'data') });
  say('Warm start (same clone and data)…');
  const warmSeconds = await timeStart({ ...goCaches, DATA_DIR: join(work, 'data') });
  const result = { npmInstallSeconds, coldStartSeconds: coldSeconds, warmStartSeconds: warmSeconds };
  console.log(
    json
      ? JSON.stringify(result)
      : `npm install: ${npmInstallSeconds.toFixed(1)} s\ncold npm start → /healthz 200: ${coldSeconds.toFixed(1)} s\nwarm npm start → /healthz 200: ${warmSeconds.toFixed(1)} s`,
  );
} finally {
  execFileSync('chmod', ['-R', 'u+w', work]);
  rmSync(work, { recursive: true, force: true });
}
