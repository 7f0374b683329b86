/**
 * The paths of the fields that differ between two settings objects (`retention.auditDays`,
 * `allowedOrigins`): what the audit trail records of a settings change, never the values. Objects are
 * compared field by field, anything else (arrays, text, numbers) as a whole.
 */
export function changedFields(before: unknown, after: unknown, path = ''): string[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) => changedFields(before[key], after[key], path ? `${path}.${key}` : key));
  }
  return JSON.stringify(before) === JSON.stringify(after) ? [] : [path];
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
