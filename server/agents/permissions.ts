import type { AgentClientToServer, Role } from '../../shared/contract';
import { AppError } from '../errors/app-error';

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
  /** The analytics page and its CSV exports. */
  'analytics:read': ['admin'],
  /** One's own account: change password, sign out everywhere. */
  'account:self': ['admin', 'agent', 'editor'],
  /** Create, invite, change, deactivate and reactivate users. */
  'users:manage': ['admin'],
  /** Set one's own availability and capacity, report console activity. */
  'presence:set': ['admin', 'agent'],
  /** See teammates' availability and load (transfers). */
  'team:read': ['admin', 'agent'],
  'canned:use': ['admin', 'agent'],
  'canned:manage': ['admin'],
  /** Site settings: origins, languages, hours, thresholds, prompt texts, secret rotation. */
  'settings:manage': ['admin'],
  /** The outbox: mails a deployment without SMTP wrote instead of sending. */
  'mail:outbox': ['admin'],
  /** The queue view: the site's jobs of each bull queue, and retrying a failed one. */
  'ops:queues': ['admin'],
  /** Exporting and erasing a visitor's data. */
  'visitors:privacy': ['admin'],
  /** The site's audit trail and its CSV export (read only; nothing can change it). */
  'audit:read': ['admin'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof PERMISSIONS;

/**
 * The row each `/agent` socket event checks, before its handler runs (`agent-gateway.ts`). Typed over
 * the whole contract table: an event without a row does not compile.
 */
export const AGENT_EVENT_PERMISSIONS = {
  'conversations:list': 'conversations:work',
  'conversation:open': 'conversations:work',
  'conversation:leave': 'conversations:work',
  'message:send': 'conversations:work',
  'typing:set': 'conversations:work',
  'escalation:accept': 'escalations:accept',
  'visitor:context': 'visitors:read',
  'kb:search': 'kb:read',
  'kb:suggest': 'kb:read',
  'kb:insert': 'kb:read',
  'availability:set': 'presence:set',
  'presence:activity': 'presence:set',
  'team:presence': 'team:read',
  'conversations:search': 'conversations:work',
  'conversation:take': 'conversations:work',
  'conversation:read': 'conversations:work',
  'notes:list': 'conversations:work',
  'note:add': 'conversations:work',
  'conversation:transfer': 'conversations:work',
  'conversation:close': 'conversations:work',
} as const satisfies Record<keyof AgentClientToServer, Permission>;

export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Throws `forbidden` unless the role may take the action. */
export function requirePermission(user: { role: Role }, permission: Permission): void {
  if (!can(user.role, permission)) throw new AppError('forbidden', 'Your role does not allow this.');
}
