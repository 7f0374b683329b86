import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { folderCycles, folderGraph } from '../../scripts/folder-cycles.mjs';

describe('folder-level import cycles', () => {
  it('there are none in the repo (`npm run check:cycles` prints the imports that close one)', () => {
    const cycles = folderCycles(folderGraph());
    expect(cycles.map((c) => c.imports)).toEqual([]);
  });

  it('finds a cycle through three folders, and none in a graph that only goes down', () => {
    const edge = (to: string) => [to, `${to}/x.ts → ../${to}/x`] as const;
    const cyclic = new Map([
      ['server/a', new Map([edge('server/b')])],
      ['server/b', new Map([edge('server/c')])],
      ['server/c', new Map([edge('server/a'), edge('server/d')])],
      ['server/d', new Map()],
    ]);
    expect(folderCycles(cyclic).map((c) => c.folders)).toEqual([['server/a', 'server/b', 'server/c']]);
    cyclic.get('server/c')!.delete('server/a');
    expect(folderCycles(cyclic)).toEqual([]);
  });

  it('reads the cycle from import statements in source files', () => {
    const root = mkdtempSync(join(tmpdir(), 'folder-cycles-'));
    try {
      for (const folder of ['a', 'b']) mkdirSync(join(root, 'server', folder), { recursive: true });
      writeFileSync(join(root, 'server/a/one.ts'), "import { two } from '../b/two';\nexport const one = two;\n");
      writeFileSync(
        join(root, 'server/b/two.ts'),
        "export const two = 2;\nexport type One = typeof import('../a/one');\nimport '../a/one';\n",
      );
      const cycles = folderCycles(folderGraph(root, ['server']));
      expect(cycles.map((c) => c.folders)).toEqual([['server/a', 'server/b']]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
