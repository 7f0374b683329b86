import type { Config } from '../server/config';

/** With MONGODB_URI the database is not ours to copy: MongoDB's own tools do it. Exits with status 2. */
export function refuseExternalDatabase(config: Pick<Config, 'MONGODB_URI'>, tool: 'mongodump' | 'mongorestore'): void {
  if (!config.MONGODB_URI) return;
  console.error(
    `MONGODB_URI is set: this deployment's database is an external MongoDB, which these scripts do not copy. Use MongoDB's ${tool} (MongoDB Database Tools); see the README's "Backups" section.`,
  );
  process.exit(2);
}

/** The value after `name` on the command line; without it, prints the usage and exits with status 2. */
export function requiredOption(name: string, usage: string): string {
  const at = process.argv.indexOf(name);
  const value = at > 0 ? process.argv[at + 1] : undefined;
  if (value && !value.startsWith('--')) return value;
  console.error(`Usage: ${usage}`);
  process.exit(2);
}

/** Runs the backup or restore, printing a failure as one line (status 1) rather than a stack. */
export async function run(what: string, work: () => Promise<string>): Promise<void> {
  const started = performance.now();
  try {
    const done = await work();
    console.log(`${done} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  } catch (err) {
    console.error(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
