// `npm test` after the build: vitest, with the linter and the type checker running beside it at a
// lower priority, so they take the CPU time the tests leave idle (servers and browsers waiting)
// instead of 15 s of their own before the first test. Their output is printed in one piece when
// each ends; the run fails if any of the three fails.
import { spawn } from 'node:child_process';

/** Runs an npm script; `background` ones run at a lower priority with their output held until they end. */
function npmRun(script, { background = false } = {}) {
  return new Promise((resolve) => {
    const command = ['npm', 'run', '-s', script];
    const child = background
      ? spawn('nice', ['-n', '10', ...command], { stdio: ['ignore', 'pipe', 'pipe'] })
      : spawn(command[0], command.slice(1), { stdio: 'inherit' });
    const output = [];
    if (background) {
      child.stdout.on('data', (chunk) => output.push(chunk));
      child.stderr.on('data', (chunk) => output.push(chunk));
    }
    child.on('close', (code) => {
      if (background)
        process.stdout.write(`\n── npm run ${script}: ${code === 0 ? 'passed' : `failed (exit ${code})`}\n${Buffer.concat(output)}`);
      resolve(code ?? 1);
    });
  });
}

const codes = await Promise.all([npmRun('test:vitest'), npmRun('lint', { background: true }), npmRun('typecheck', { background: true })]);
process.exit(codes.some((code) => code !== 0) ? 1 : 0);
