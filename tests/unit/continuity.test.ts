// The pure parts of issue 15's continuity: the next opening in the site's time zone, the typical
// first reply, what the widget is told, and when a quiet conversation closes (the widget's own
// reckoning of the email step and the badge: tests/component/widget-continuity.test.tsx).
import { describe, expect, it } from 'vitest';
import { type BusinessHours, nextOpening } from '../../shared/sites/business-hours';
import { replyExpectation, typicalReplyMinutes } from '../../server/conversations/reply-expectation';
import { isIdle } from '../../server/conversations/workplace';

const weekdays = (open: string, close: string) => ({ open, close });
/** Prague: Monday to Friday 09:00–17:00, Saturday 10:00–12:00, Sunday closed. */
const PRAGUE: BusinessHours = {
  timezone: 'Europe/Prague',
  days: {
    mon: weekdays('09:00', '17:00'),
    tue: weekdays('09:00', '17:00'),
    wed: weekdays('09:00', '17:00'),
    thu: weekdays('09:00', '17:00'),
    fri: weekdays('09:00', '17:00'),
    sat: weekdays('10:00', '12:00'),
    sun: null,
  },
};

describe('nextOpening', () => {
  it('is later the same day before opening, the next open day after closing, and nothing while open', () => {
    // Monday 2025-01-06 06:30 UTC = 07:30 in Prague (winter, UTC+1).
    expect(nextOpening(PRAGUE, new Date('2025-01-06T06:30:00Z'))).toEqual({ at: new Date('2025-01-06T08:00:00Z'), sameDay: true });
    expect(nextOpening(PRAGUE, new Date('2025-01-06T10:00:00Z'))).toBeNull();
    // Friday 18:00 in Prague → Saturday 10:00; Saturday 13:00 → Monday 09:00 (Sunday is closed).
    expect(nextOpening(PRAGUE, new Date('2025-01-10T17:00:00Z'))).toEqual({ at: new Date('2025-01-11T09:00:00Z'), sameDay: false });
    expect(nextOpening(PRAGUE, new Date('2025-01-11T12:00:00Z'))).toEqual({ at: new Date('2025-01-13T08:00:00Z'), sameDay: false });
  });

  it('follows a daylight-saving change on the way, and has nothing to say without hours or open days', () => {
    // Saturday 2025-03-29 13:00 in Prague (UTC+1) → Monday 09:00 after the switch to summer time (UTC+2).
    expect(nextOpening(PRAGUE, new Date('2025-03-29T12:00:00Z'))).toEqual({ at: new Date('2025-03-31T07:00:00Z'), sameDay: false });
    expect(nextOpening(null, new Date())).toBeNull();
    const never: BusinessHours = {
      timezone: 'UTC',
      days: { ...PRAGUE.days, mon: null, tue: null, wed: null, thu: null, fri: null, sat: null },
    };
    expect(nextOpening(never, new Date('2025-01-06T10:00:00Z'))).toBeNull();
  });
});

describe('reply expectation', () => {
  it('is the median first reply in whole minutes, at least one, and nothing without measurements', () => {
    expect(typicalReplyMinutes([])).toBeNull();
    expect(typicalReplyMinutes([5])).toBe(1);
    expect(typicalReplyMinutes([60, 600, 180])).toBe(3);
    expect(typicalReplyMinutes([60, 120, 240, 3000])).toBe(3);
  });

  it('says when the site is back while it is closed, else the typical reply, else nothing', () => {
    const closed = new Date('2025-01-06T06:30:00Z');
    const open = new Date('2025-01-06T10:00:00Z');
    expect(replyExpectation(PRAGUE, [120], closed)).toEqual({
      kind: 'back',
      at: '2025-01-06T08:00:00.000Z',
      timezone: 'Europe/Prague',
      sameDay: true,
    });
    expect(replyExpectation(PRAGUE, [120], open)).toEqual({ kind: 'minutes', minutes: 2 });
    expect(replyExpectation(null, [], open)).toBeNull();
  });
});

describe('auto-close', () => {
  const now = new Date('2025-01-06T12:00:00Z');
  const quiet = {
    status: 'open' as const,
    waitingSince: undefined,
    agentReadSeq: 3,
    lastMessage: { seq: 3, text: 'Anything else?', author: 'agent', createdAt: new Date('2025-01-06T09:00:00Z') },
  };

  it('closes only an open conversation whose agent reply has gone unanswered for the hours set', () => {
    expect(isIdle(quiet, 3, now)).toBe(true);
    expect(isIdle(quiet, 4, now)).toBe(false);
    expect(isIdle(quiet, 0, now)).toBe(false);
    expect(isIdle({ ...quiet, status: 'closed' }, 3, now)).toBe(false);
    expect(isIdle({ ...quiet, lastMessage: { ...quiet.lastMessage, author: 'visitor' } }, 3, now)).toBe(false);
    expect(isIdle({ ...quiet, waitingSince: new Date('2025-01-06T08:00:00Z') }, 3, now)).toBe(false);
    expect(isIdle({ ...quiet, agentReadSeq: -1, lastMessage: { ...quiet.lastMessage, author: 'system' } }, 3, now)).toBe(false);
  });
});
