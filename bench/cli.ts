// What every bench script reads from its command line: `--json` for one machine-readable line, and
// options such as `--seconds 60`.
export const json = process.argv.includes('--json');

export function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
}

export function textOption(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

/** A progress line on stderr, silent with `--json`. */
export const say = (line: string): void => {
  if (!json) console.error(line);
};
