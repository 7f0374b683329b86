import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import type { ManagedProcess } from '../../server/infra/child-process';
import { startEmbeddedMongo } from '../../server/infra/embedded-mongo';
import { startEmbeddedRedis } from '../../server/infra/embedded-redis';

/** A backing service the test can crash and start again on the same port and files. */
export interface Restartable {
  /** `SIGKILL`, as a crash or an OOM kill would: nothing gets to flush or say goodbye. */
  crash(): Promise<void>;
  /** Starts it again on the same port with the same data folder. */
  restart(): Promise<void>;
}

/** The embedded database and a private Redis (AOF) of one fault test, in a temporary folder of their own. */
export interface FaultServices {
  mongoUri: string;
  redisUrl: string;
  mongo: Restartable;
  redis: Restartable;
  stop(): Promise<void>;
}

export async function startFaultServices(): Promise<FaultServices> {
  const template = await clusterTemplate();
  const dataDir = mkdtempSync(join(tmpdir(), 'lc-faults-'));
  // The cluster the global setup created, copied with its owner (as root, PostgreSQL runs as nobody,
  // who must be able to pass through this folder).
  chmodSync(dataDir, 0o711);
  execFileSync('cp', ['-a', join(template, 'postgres'), join(dataDir, 'postgres')]);
  const [mongo, redis] = await Promise.all([startEmbeddedMongo(dataDir, () => undefined), startEmbeddedRedis(dataDir)]);
  const mongoPort = Number(new URL(mongo.uri).port);
  const redisPort = Number(new URL(redis.url).port);
  const mongoHandle = restartable(mongo, () => startEmbeddedMongo(dataDir, () => undefined, mongoPort));
  const redisHandle = restartable(redis, () => startEmbeddedRedis(dataDir, redisPort));
  return {
    mongoUri: mongo.uri,
    redisUrl: redis.url,
    mongo: mongoHandle,
    redis: redisHandle,
    async stop() {
      await Promise.all([mongoHandle.stop(), redisHandle.stop()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The global setup's cluster folder, once its creation (started with the run) has finished. */
async function clusterTemplate(): Promise<string> {
  const template = inject('faultsDataTemplate');
  for (const giveUpAt = Date.now() + 60_000; !existsSync(join(template, 'ready')); ) {
    if (existsSync(join(template, 'failed'))) throw new Error(readFileSync(join(template, 'failed'), 'utf8'));
    if (Date.now() > giveUpAt) throw new Error(`no PostgreSQL cluster in ${template} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return template;
}

function restartable(first: ManagedProcess, start: () => Promise<ManagedProcess>): Restartable & { stop(): Promise<void> } {
  let current = first;
  return {
    crash: () => kill(current),
    async restart() {
      current = await start();
    },
    stop: () => current.stop(),
  };
}

/** SIGKILLs a child process and waits until it is gone. */
export async function kill(proc: ManagedProcess): Promise<void> {
  if (proc.child.exitCode !== null || proc.child.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.child.once('exit', resolve));
  proc.child.kill('SIGKILL');
  await exited;
}
