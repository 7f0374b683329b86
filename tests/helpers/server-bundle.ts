import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Plugin } from 'esbuild';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `server/main.ts` bundled for this run: what the tests' server processes run. */
    serverBundle: string;
  }
}

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));

/**
 * Each module keeps its own `import.meta.url` (the server finds `dist/`, the demo's public files and
 * the database launcher's sources next to its modules), not the bundle's.
 */
const sourceFileUrls: Plugin = {
  name: 'source-file-urls',
  setup(bundler) {
    bundler.onLoad({ filter: /\.ts$/ }, async ({ path }) => ({
      contents: (await readFile(path, 'utf8')).replaceAll('import.meta.url', JSON.stringify(pathToFileURL(path).href)),
      loader: 'ts',
    }));
  },
};

/**
 * Bundles `server/main.ts` (packages stay imports) into a new folder under node_modules/.cache, where
 * the packages resolve as from the repository. A server process then starts from one file instead of
 * tsx compiling its hundreds of modules again in every process: ~1.5 s less CPU per start.
 */
async function bundle(): Promise<{ entry: string; remove(): void }> {
  const cache = join(root, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'lc-test-server-'));
  const entry = join(dir, 'main.mjs');
  await build({
    entryPoints: [join(root, 'server/main.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: true,
    plugins: [sourceFileUrls],
    logLevel: 'warning',
  });
  return { entry, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Several global setups (the node projects and the fault tests) share one bundle per run; the last to finish removes it. */
const shared = globalThis as { lcServerBundle?: { users: number; bundle: Promise<{ entry: string; remove(): void }> } };

/** The bundle's entry for this run, and the release to call at teardown. */
export async function useServerBundle(): Promise<{ entry: string; release(): void }> {
  shared.lcServerBundle ??= { users: 0, bundle: bundle() };
  const held = shared.lcServerBundle;
  held.users += 1;
  const { entry, remove } = await held.bundle;
  return {
    entry,
    release() {
      held.users -= 1;
      if (held.users > 0) return;
      if (shared.lcServerBundle === held) shared.lcServerBundle = undefined;
      remove();
    },
  };
}
