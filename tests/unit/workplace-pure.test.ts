import { describe, expect, it } from 'vitest';
import { expandCanned, matchShortcuts, shortcutQuery } from '../../shared/canned/expand';
import { isWithinBusinessHours, type BusinessHours } from '../../shared/sites/business-hours';
import { prefixes, words } from '../../server/conversations/search-index';
import { SiteSettings } from '../../shared/contract';

const values = { 'visitor.name': 'Jana', 'order.number': 'A-1001', 'agent.name': 'Ada' };

describe('canned response expansion', () => {
  it('fills every known variable, however often it appears and with spaces inside the braces', () => {
    const { text, missing } = expandCanned(
      'Hi {visitor.name}! Order {order.number} ships today. {visitor.name}, ask {  agent.name } anything.',
      values,
    );
    expect(text).toBe('Hi Jana! Order A-1001 ships today. Jana, ask Ada anything.');
    expect(missing).toEqual([]);
  });

  it('leaves a variable without a value in place and reports it, in a stable order', () => {
    const { text, missing } = expandCanned('{order.number} for {visitor.name} from {agent.name}', {
      ...values,
      'order.number': null,
      'visitor.name': '  ',
    });
    expect(text).toBe('{order.number} for {visitor.name} from Ada');
    expect(missing).toEqual(['visitor.name', 'order.number']);
  });

  it('keeps unknown braces and is case-insensitive on names', () => {
    expect(expandCanned('{Visitor.Name} {shop.name} {not a var}', values).text).toBe('Jana {shop.name} {not a var}');
  });

  it('does not expand text that a value brings in', () => {
    expect(expandCanned('Hello {visitor.name}', { ...values, 'visitor.name': '{agent.name}' }).text).toBe('Hello {agent.name}');
  });

  it('completes a /shortcut typed at the start of the draft only', () => {
    expect(shortcutQuery('/ship')).toBe('ship');
    expect(shortcutQuery('/')).toBe('');
    expect(shortcutQuery('  /Ret')).toBe('ret');
    expect(shortcutQuery('see /ship')).toBeNull();
    expect(shortcutQuery('/ship now')).toBeNull();
    const responses = [{ shortcut: 'shipping-eu' }, { shortcut: 'returns' }, { shortcut: 'ship' }, { shortcut: 'shipping' }];
    expect(matchShortcuts(responses, 'ship').map((r) => r.shortcut)).toEqual(['ship', 'shipping', 'shipping-eu']);
    expect(matchShortcuts(responses, 'x')).toEqual([]);
  });
});

describe('business hours', () => {
  const hours: BusinessHours = {
    timezone: 'Europe/Prague',
    days: { mon: { open: '09:00', close: '17:00' }, tue: null, wed: null, thu: null, fri: null, sat: null, sun: null },
  };

  it('is open from the opening minute up to (not including) the closing minute, in the site’s time zone', () => {
    // Monday 2026-01-05: Prague is UTC+1.
    expect(isWithinBusinessHours(hours, new Date('2026-01-05T07:59:00Z'))).toBe(false);
    expect(isWithinBusinessHours(hours, new Date('2026-01-05T08:00:00Z'))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date('2026-01-05T15:59:00Z'))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date('2026-01-05T16:00:00Z'))).toBe(false);
    expect(isWithinBusinessHours(hours, new Date('2026-01-06T10:00:00Z'))).toBe(false);
  });

  it('follows daylight saving time and is always open without hours', () => {
    // Monday 2026-07-06: Prague is UTC+2.
    expect(isWithinBusinessHours(hours, new Date('2026-07-06T07:30:00Z'))).toBe(true);
    expect(isWithinBusinessHours(hours, new Date('2026-07-06T15:30:00Z'))).toBe(false);
    expect(isWithinBusinessHours(null, new Date())).toBe(true);
  });

  it('settings refuse an unknown time zone, a day closing before it opens and an origin with a path', () => {
    const days = { ...hours.days, mon: { open: '17:00', close: '09:00' } };
    expect(SiteSettings.shape.businessHours.safeParse({ timezone: 'Mars/Olympus', days: hours.days }).success).toBe(false);
    expect(SiteSettings.shape.businessHours.safeParse({ timezone: 'Europe/Prague', days }).success).toBe(false);
    expect(SiteSettings.shape.allowedOrigins.safeParse(['https://shop.example/']).success).toBe(false);
    expect(SiteSettings.shape.allowedOrigins.safeParse(['https://shop.example:8443']).success).toBe(true);
  });
});

describe('inbox search words', () => {
  it('folds case and diacritics and splits emails into words', () => {
    expect(words('Zoë Nováková <ZOE.novak@Example.com>')).toEqual(['zoe', 'novakova', 'zoe', 'novak', 'example', 'com']);
  });

  it('indexes every word start from two characters up to fifteen', () => {
    expect(prefixes('Shipping')).toEqual(['sh', 'shi', 'ship', 'shipp', 'shippi', 'shippin', 'shipping']);
    expect(prefixes('a')).toEqual([]);
    expect(prefixes('x'.repeat(20)).at(-1)).toHaveLength(15);
  });
});
