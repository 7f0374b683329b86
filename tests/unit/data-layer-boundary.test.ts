import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The data layer (server/data/) is the only code that knows the database. Outside it, a file may
// name mongoose's `Types` (ObjectIds are the ids the whole server passes around), and nothing else
// of mongoose: no model module, no `model`, `Schema`, `connection`, no default or namespace import.
// The MongoDB driver itself only appears under server/infra/, which runs the database server and
// copies its raw data between storage backends, below any model.

const SERVER = fileURLToPath(new URL('../../server', import.meta.url));
const DATA_LAYER = `server${sep}data${sep}`;
const INFRA = `server${sep}infra${sep}`;
const ALLOWED_NAMES = new Set(['Types']);

/** `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')` (also in type positions). */
const MODULE_REFERENCE =
  /(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|import\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)(\.\w+)?/g;

/** What a file outside the data layer does with the database, one sentence per breach; empty when nothing. */
function boundaryViolations(source: string, { driverAllowed = false } = {}): string[] {
  const found: string[] = [];
  const databasePackages = new Set(driverAllowed ? ['mongoose'] : ['mongoose', 'mongodb']);
  for (const match of source.matchAll(MODULE_REFERENCE)) {
    const [, , clause, fromSpecifier, bareSpecifier, dynamicSpecifier, member] = match;
    const specifier = fromSpecifier ?? bareSpecifier ?? dynamicSpecifier ?? '';
    if (/\.model(\.[cm]?[jt]s)?$/.test(specifier)) found.push(`imports the model module '${specifier}'`);
    if (!databasePackages.has(specifier)) continue;
    if (dynamicSpecifier !== undefined) {
      if (member !== '.Types') found.push(`uses import('${specifier}')${member ?? ''}`);
      continue;
    }
    if (bareSpecifier !== undefined) {
      found.push(`imports '${specifier}' for its side effects`);
      continue;
    }
    const names = /\{([^}]*)\}/.exec(clause ?? '');
    const outside = (clause ?? '')
      .replace(/\{[^}]*\}/, '')
      .replace(/,/g, '')
      .trim();
    if (outside) found.push(`imports ${outside.startsWith('*') ? 'all of' : 'the default export of'} '${specifier}'`);
    for (const name of (names?.[1] ?? '').split(',').map(
      (n) =>
        n
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!,
    )) {
      if (name && !ALLOWED_NAMES.has(name)) found.push(`imports '${name}' from '${specifier}'`);
    }
  }
  return found;
}

function typescriptFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return typescriptFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

describe('data-layer boundary', () => {
  it('no file outside server/data/ imports a model or uses mongoose beyond its Types helper', () => {
    const breaches = typescriptFiles(SERVER)
      .map((path) => relative(join(SERVER, '..'), path))
      .filter((path) => !path.startsWith(DATA_LAYER))
      .flatMap((path) =>
        boundaryViolations(readFileSync(join(SERVER, '..', path), 'utf8'), { driverAllowed: path.startsWith(INFRA) }).map(
          (breach) => `${path} ${breach}`,
        ),
      );
    expect(breaches).toEqual([]);
  });

  it('catches each way a file can reach the database', () => {
    const cases: Array<[string, string]> = [
      ["import { VisitorModel } from '../visitors/visitor.model';", "imports the model module '../visitors/visitor.model'"],
      ["import type { Visitor } from '../data/models/visitor.model';", "imports the model module '../data/models/visitor.model'"],
      ["import mongoose from 'mongoose';", "imports the default export of 'mongoose'"],
      ["import * as db from 'mongoose';", "imports all of 'mongoose'"],
      ["import mongoose, { Types } from 'mongoose';", "imports the default export of 'mongoose'"],
      ["import { Schema, model } from 'mongoose';", "imports 'Schema' from 'mongoose'"],
      ["import {\n  Types,\n  model,\n} from 'mongoose';", "imports 'model' from 'mongoose'"],
      ["import { Types, connection } from 'mongoose';", "imports 'connection' from 'mongoose'"],
      ["import type { Connection } from 'mongoose';", "imports 'Connection' from 'mongoose'"],
      ["import { type PipelineStage } from 'mongoose';", "imports 'PipelineStage' from 'mongoose'"],
      ["import { MongoClient } from 'mongodb';", "imports 'MongoClient' from 'mongodb'"],
      ["export { model } from 'mongoose';", "imports 'model' from 'mongoose'"],
      ["import 'mongoose';", "imports 'mongoose' for its side effects"],
      ["let id: import('mongoose').Document;", "uses import('mongoose').Document"],
    ];
    for (const [source, breach] of cases) expect(boundaryViolations(source), source).toContain(breach);
    expect(boundaryViolations("import mongoose from 'mongoose';", { driverAllowed: true })).toEqual([
      "imports the default export of 'mongoose'",
    ]);
  });

  it('lets the Types helper and the data layer itself through', () => {
    for (const source of [
      "import { Types } from 'mongoose';",
      "import type { Types } from 'mongoose';",
      "import { type Types as T } from 'mongoose';",
      "let id: import('mongoose').Types.ObjectId;",
      "import { visitors, type Visitor } from '../data';",
      "import { modelName } from './model-names';",
    ]) {
      expect(boundaryViolations(source), source).toEqual([]);
    }
    expect(boundaryViolations("import { MongoClient } from 'mongodb';", { driverAllowed: true })).toEqual([]);
  });
});
