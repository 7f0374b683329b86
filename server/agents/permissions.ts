import type { Role } from '../../shared/contract';
import { AppError } from '../edge/errors';

/**
 * Who may do what: the one table every REST route and socket event checks. Each row is an action,
 * each value the roles allowed to take it; tests walk it row by row.
 */
export const PERMISSIONS = {
  'conversations:work': ['admin', 'agent'],
  'escalations:accept': ['admin', 'agent'],
  'visitors:read': ['admin', 'agent'],
  'kb:read': ['admin', 'agent', 'editor'],
  'kb:draft': ['admin', 'agent', 'editor'],
  'kb:publish': ['admin', 'editor'],
  /** Self-service analytics: searches without results, views, votes, deflections. */
  'kb:signals': ['admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Throws `forbidden` unless the role may take the action. */
export function requirePermission(user: { role: Role }, permission: Permission): void {
  if (!can(user.role, permission)) throw new AppError('forbidden', 'Your role does not allow this.');
}
