import { z } from 'zod';
import { AUDIT_ACTIONS } from './audit-actions';

const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD');

/** Who did it: a console user (id, email and name as they were then), a visitor, or the server itself. */
export const AuditActor = z.object({
  kind: z.enum(['user', 'visitor', 'system']),
  id: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string().nullable(),
});
export type AuditActor = z.infer<typeof AuditActor>;

/** One entry of a site's audit trail: who did what to which record, when, from which address. */
export const AuditEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  actor: AuditActor,
  target: z.object({ kind: z.string(), id: z.string().nullable(), label: z.string().nullable() }),
  /** What changed, without values that are secret (field names of a settings change, a role from and to). */
  details: z.record(z.string(), z.string()),
  ip: z.string().nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

/**
 * The log's filters. Days are UTC and inclusive; `before` is the cursor a previous page answered
 * (`next`), so a page goes on exactly where the last one stopped.
 */
export const AuditQuery = z.object({
  action: z.enum(AUDIT_ACTIONS).optional(),
  /** The actor's email (exact, any case), or `system` / `visitor`. */
  actor: z.string().trim().toLowerCase().min(1).max(200).optional(),
  from: Day.optional(),
  to: Day.optional(),
  before: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}(\.[0-9a-f]{24})?$/)
    .optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPageResponse = z.object({
  entries: z.array(AuditEntry),
  /** Where the next (older) page starts; null when the range holds nothing older. */
  next: z.string().nullable(),
});
export type AuditPageResponse = z.infer<typeof AuditPageResponse>;
