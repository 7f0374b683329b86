// The audit trail's action names (issue 18): plain values, free of zod, so the console's filter can list them.

/** Every action the trail records, by the domain that records it. */
export const AUDIT_ACTIONS = [
  'auth.signedIn',
  'auth.signInFailed',
  'settings.changed',
  'settings.secretRotated',
  'team.userCreated',
  'team.userUpdated',
  'team.roleChanged',
  'team.deactivated',
  'team.reactivated',
  'team.invited',
  'team.inviteAccepted',
  'conversation.opened',
  'visitor.lookedUp',
  'visitor.exported',
  'visitor.erased',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Audit entries shown per page of the console's audit log. */
export const AUDIT_PAGE_SIZE = 50;

/** How long the trail is kept when the site never set it (days); longer than the data it describes. */
export const DEFAULT_AUDIT_DAYS = 365;
