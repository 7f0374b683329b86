import { execFileSync } from 'node:child_process';
import { ensureFerretdbLauncher } from '../../server/infra/ferretdb/build';

/**
 * The fault tests start (and kill) services of their own in each file, so there is nothing shared to
 * start here: only the embedded database's launcher is built once, before any test's clock runs,
 * and a missing `redis-server` is reported once rather than per file.
 */
export default async function setup(): Promise<void> {
  await ensureFerretdbLauncher((line) => console.log(line));
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('The fault tests need redis-server (Debian/Ubuntu: `apt-get install redis-server`).');
  }
}
