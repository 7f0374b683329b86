import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../server/infra/embedded-postgres';
import { ensureFerretdbLauncher } from '../../server/infra/ferretdb/build';
import { useServerBundle } from '../helpers/server-bundle';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A data folder holding a new, stopped PostgreSQL cluster (`postgres/`) for the fault files to copy. */
    faultsDataTemplate: string;
  }
}

/**
 * The fault tests start (and kill) services of their own in each file, so there is nothing shared to
 * start here. Done once, before any test's clock runs: the embedded database's launcher is built, a
 * missing `redis-server` is reported, and an empty PostgreSQL cluster is created that each file copies
 * (its `initdb` took ~3 s of every file's start; a copy takes a fraction of a second). The server
 * processes run this run's server bundle (server-bundle.ts).
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
  const postgres = await startEmbeddedPostgres(template, (line) => console.log(line));
  await postgres.stop();
  project.provide('faultsDataTemplate', template);
  const { entry, release } = await server;
  project.provide('serverBundle', entry);
  return () => {
    release();
    rmSync(template, { recursive: true, force: true });
  };
}
