import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTypingThrottle } from '../../shared/client/typing-throttle';

describe('createTypingThrottle', () => {
  let time = 0;
  let reports: [boolean, string][] = [];
  const throttle = () =>
    createTypingThrottle<string>({
      report: (typing, scope) => reports.push([typing, scope]),
      refreshMs: 3000,
      idleMs: 5000,
      now: () => time,
    });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    time = 0;
    reports = [];
  });
  afterEach(() => vi.useRealTimers());

  it('reports typing once, then again only after the refresh interval', () => {
    const typing = throttle();
    typing.input('c1');
    time = 2999;
    typing.input('c1');
    expect(reports).toEqual([[true, 'c1']]);
    time = 3000;
    typing.input('c1');
    expect(reports).toEqual([
      [true, 'c1'],
      [true, 'c1'],
    ]);
  });

  it('reports the end after the idle time since the last input', () => {
    const typing = throttle();
    typing.input('c1');
    vi.advanceTimersByTime(4000);
    typing.input('c1');
    vi.advanceTimersByTime(4999);
    expect(reports).toEqual([[true, 'c1']]);
    vi.advanceTimersByTime(1);
    expect(reports).toEqual([
      [true, 'c1'],
      [false, 'c1'],
    ]);
  });

  it('stop reports the end once, and only after typing was reported', () => {
    const typing = throttle();
    typing.stop();
    typing.input('c1');
    typing.stop();
    typing.stop();
    vi.runAllTimers();
    expect(reports).toEqual([
      [true, 'c1'],
      [false, 'c1'],
    ]);
  });

  it('typing in another scope ends the previous one first', () => {
    const typing = throttle();
    typing.input('c1');
    time = 100;
    typing.input('c2');
    expect(reports).toEqual([
      [true, 'c1'],
      [false, 'c1'],
      [true, 'c2'],
    ]);
  });

  it('reset forgets the typing state without reporting', () => {
    const typing = throttle();
    typing.input('c1');
    typing.reset();
    vi.runAllTimers();
    typing.input('c1');
    expect(reports).toEqual([
      [true, 'c1'],
      [true, 'c1'],
    ]);
  });
});
