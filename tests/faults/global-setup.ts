import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/infra/embedded-postgres';
import { ensureFerretdbLauncher } from '../../server/infra/ferretdb/build';
import { useServerBundle } from '../helpers/server-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    /**
     * A data folder holding a new, stopped PostgreSQL cluster (`postgres/`) for the fault files to copy,
     * once its `ready` file exists (`failed` holds the error instead).
     */
    faultsDataTemplate: string;
  }
}

/**
 * The fault tests start (and kill) services of their own in each file, so there is nothing shared to
 * start here. Done once, before any test's clock runs: the embedded database's launcher is built, a
 * missing `redis-server` is reported, and an empty PostgreSQL cluster is created that each file copies
 * (its `initdb` took ~3 s of every file's start; a copy takes a fraction of a second), while the
 * run goes on. The server processes run this run's server bundle (server-bundle.ts).
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const server = useServerBundle();
  await ensureFerretdbLauncher((line) => console.log(line));
  try {
    execFileSync('redis-server', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('The fault tests need redis-server (Debian/Ubuntu: `apt-get install redis-server`).');
  }
  const template = mkdtempSync(join(tmpdir(), 'lc-faults-template-'));
  // Not awaited: the other projects' tests need none of it, and the fault files (the last to run) wait for `ready`.
  const creating = startEmbeddedPostgres(template, (line) => console.log(line))
    .then((postgres) => postgres.stop())
    .then(
      () => writeFileSync(join(template, 'ready'), ''),
      (err: unknown) => writeFileSync(join(template, 'failed'), String((err as Error).stack ?? err)),
    );
  project.provide('faultsDataTemplate', template);
  const { entry, release } = await server;
  project.provide('serverBundle', entry);
  return async () => {
    release();
    await creating;
    rmSync(template, { recursive: true, force: true });
  };
}
