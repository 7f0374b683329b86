import { Types } from 'mongoose';

/** An update that writes only what changed: dotted paths to set, and to remove. */
export interface FieldChanges {
  $set: Record<string, unknown>;
  $unset: Record<string, 1>;
}

/** Written by the database itself, never by a change. */
const MANAGED = new Set(['_id', '__v', 'createdAt', 'updatedAt']);
/** Sub-documents are compared field by field only under keys that are safe as dotted paths. */
const PATH_KEY = /^[A-Za-z0-9_-]+$/;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Types.ObjectId);

/** Structural equality of stored values: dates by time, ObjectIds by id, arrays and objects by content. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (a instanceof Date || b instanceof Date) return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  if (a instanceof Types.ObjectId || b instanceof Types.ObjectId) {
    return a instanceof Types.ObjectId && b instanceof Types.ObjectId && a.equals(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => sameValue(item, b[i]));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue(a[key], b[key]));
  }
  return false;
}

/**
 * The fields `after` changed from `before`, down to the leaves of sub-documents present in both, so
 * two writers of different fields (even of one sub-document) never write each other's. Null when
 * nothing changed. `undefined` or a missing field means "absent": it is unset.
 */
export function fieldChanges(before: object, after: object): FieldChanges | null {
  const changes: FieldChanges = { $set: {}, $unset: {} };
  collect(before as Record<string, unknown>, after as Record<string, unknown>, '', changes);
  return Object.keys(changes.$set).length + Object.keys(changes.$unset).length === 0 ? null : changes;
}

function collect(before: Record<string, unknown>, after: Record<string, unknown>, prefix: string, changes: FieldChanges): void {
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (!prefix && MANAGED.has(key)) continue;
    const path = `${prefix}${key}`;
    const [was, now] = [before[key], after[key]];
    if (sameValue(was, now)) continue;
    if (now === undefined) changes.$unset[path] = 1;
    else if (isPlainObject(was) && isPlainObject(now) && Object.keys({ ...was, ...now }).every((k) => PATH_KEY.test(k))) {
      collect(was, now, `${path}.`, changes);
    } else changes.$set[path] = now;
  }
}

/** The changes as an update document, with `set` added (no empty operators: some servers refuse them). */
export function asUpdate(changes: FieldChanges, set: Record<string, unknown> = {}): Record<string, object> {
  const $set = { ...changes.$set, ...set };
  return {
    ...(Object.keys($set).length > 0 && { $set }),
    ...(Object.keys(changes.$unset).length > 0 && { $unset: changes.$unset }),
  };
}
