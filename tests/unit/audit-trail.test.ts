import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { rangeOf } from '../../server/audit/audit-log';
import { auditDaysOf } from '../../server/retention/retention-rules';
import { changedFields } from '../../server/sites/settings-diff';
import { DEFAULT_RETENTION, RetentionSettings } from '../../shared/contract';

const site = new Types.ObjectId();

describe('what a settings change records', () => {
  it('names the fields that changed, down into objects, never their values', () => {
    const before = {
      name: 'Shop',
      allowedOrigins: ['https://a.example'],
      retention: { conversationDays: null, auditDays: 365 },
      mail: null,
    };
    const after = {
      name: 'Shop',
      allowedOrigins: ['https://b.example'],
      retention: { conversationDays: 30, auditDays: 365 },
      mail: { bcc: 'x' },
    };
    expect(changedFields(before, after)).toEqual(['allowedOrigins', 'mail', 'retention.conversationDays']);
    expect(changedFields(before, before)).toEqual([]);
  });
});

describe('the audit log’s range', () => {
  it('reads from the filters’ days, never before the site existed nor after today', () => {
    expect(rangeOf(site, {}, '2026-12-07', '2026-01-01')).toEqual({ siteId: site, from: '2026-01-01', to: '2026-12-07', filter: {} });
    expect(rangeOf(site, { from: '2025-06-01', to: '2027-01-01' }, '2026-12-07', '2026-01-01')).toMatchObject({
      from: '2026-01-01',
      to: '2026-12-07',
    });
    expect(rangeOf(site, { from: '2026-03-01', to: '2026-03-31' }, '2026-12-07', '2026-01-01')).toMatchObject({
      from: '2026-03-01',
      to: '2026-03-31',
    });
  });

  it('filters on the actor’s email, or on system and visitor actors, and on the action', () => {
    const filter = (actor: string) => rangeOf(site, { actor, action: 'auth.signedIn' }, '2026-12-07', '2026-01-01').filter;
    expect(filter('ada@example.com')).toEqual({ action: 'auth.signedIn', actorEmail: 'ada@example.com' });
    expect(filter('system')).toEqual({ action: 'auth.signedIn', actorKind: 'system' });
    expect(filter('visitor')).toEqual({ action: 'auth.signedIn', actorKind: 'visitor' });
  });
});

describe('the audit trail’s retention', () => {
  it('keeps 365 days unless the site set its own, at least 30', () => {
    expect(auditDaysOf(DEFAULT_RETENTION)).toBe(365);
    expect(auditDaysOf({ ...DEFAULT_RETENTION, auditDays: 90 })).toBe(90);
    expect(RetentionSettings.safeParse({ ...DEFAULT_RETENTION, auditDays: 29 }).success).toBe(false);
    expect(RetentionSettings.safeParse({ ...DEFAULT_RETENTION, auditDays: 3650 }).success).toBe(true);
  });
});
