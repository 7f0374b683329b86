import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const sourceDir = dirname(fileURLToPath(import.meta.url));
const cacheRoot = resolve(sourceDir, '../../../node_modules/.cache/ferretdb-launcher');

/**
 * Returns the path of the embedded-database launcher, building it with `go build` when the
 * cached binary is missing or its sources changed. The cache lives outside DATA_DIR so a
 * fresh data folder starts in seconds.
 */
// biome-ignore lint/suspicious/noConsole: run as a build step (npm run build), its progress goes to the terminal
export async function ensureFerretdbLauncher(log: (line: string) => void = console.log): Promise<string> {
  const hash = createHash('sha256');
  for (const file of readdirSync(sourceDir)
    .filter((name) => /\.go$|^go\.(mod|sum)$/.test(name))
    .sort())
    hash.update(readFileSync(join(sourceDir, file)));
  const binary = join(cacheRoot, hash.digest('hex').slice(0, 16), 'ferretdb-launcher');
  if (existsSync(binary)) return binary;

  mkdirSync(dirname(binary), { recursive: true });
  log('Building the embedded database (FerretDB v1) with go build; the first build takes 1-3 minutes…');
  const started = Date.now();
  const ticker = setInterval(() => log(`  still building… ${Math.round((Date.now() - started) / 1000)} s`), 15_000);
  try {
    await promisify(execFile)('go', ['build', '-trimpath', '-o', binary, '.'], {
      cwd: sourceDir,
      env: { ...process.env, CGO_ENABLED: '0' },
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (err) {
    const reason =
      (err as { code?: string }).code === 'ENOENT'
        ? 'Go is not installed: install Go 1.22+ (or set MONGODB_URI to an existing MongoDB).'
        : `go build failed: ${(err as { stderr?: string }).stderr ?? String(err)}`;
    throw new Error(reason);
  } finally {
    clearInterval(ticker);
  }
  log(`Embedded database built in ${Math.round((Date.now() - started) / 1000)} s (cached in ${dirname(binary)}).`);
  return binary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await ensureFerretdbLauncher();
}
