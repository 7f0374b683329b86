import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrackedEventInput } from '../../widget/app/chat-client';
import { ActivityClock } from '../../widget/app/tracking/activity-clock';
import { hostEvent } from '../../widget/app/tracking/host-events';
import { trackPage } from '../../widget/app/tracking/page-tracker';

describe('activity clock', () => {
  it('splits visible time into active and idle (the part of each quiet spell beyond 5 s)', () => {
    const clock = new ActivityClock(0, true);
    clock.input(2_000);
    clock.input(20_000); // 18 s quiet: 13 s idle
    expect(clock.take(30_000)).toEqual({ activeSeconds: 12, idleSeconds: 18 }); // + 10 s quiet: 5 s idle
    expect(clock.take(31_000)).toEqual({ activeSeconds: 1, idleSeconds: 0 });
  });

  it('does not count hidden time', () => {
    const clock = new ActivityClock(0, true);
    clock.setVisible(false, 3_000);
    clock.setVisible(true, 600_000);
    expect(clock.take(602_000)).toEqual({ activeSeconds: 5, idleSeconds: 0 });
  });

  it('reports activity after at least 5 s of quiet, at most once per 10 s', () => {
    const clock = new ActivityClock(0, true);
    expect(clock.input(1_000)).toBe(false); // no quiet spell before
    expect(clock.input(7_000)).toBe(true);
    expect(clock.input(13_000)).toBe(false); // quiet enough, but within 10 s of the last report
    expect(clock.input(19_000)).toBe(true);
    expect(clock.input(19_500)).toBe(false);
  });
});

describe('host track() calls', () => {
  it('maps cart to the cart event and any other name to a custom event with plain props', () => {
    expect(hostEvent('cart', { items: '3', value: 99.9, currency: 'usd' })).toEqual({
      type: 'cart',
      items: 3,
      value: 99.9,
      currency: 'USD',
    });
    expect(hostEvent('newsletter', { list: 'weekly', when: new Date(0) })).toEqual({
      type: 'custom',
      name: 'newsletter',
      props: { list: 'weekly' },
    });
    expect(hostEvent('video_play')).toEqual({ type: 'custom', name: 'video_play', props: {} });
    expect(hostEvent('  ')).toBeNull();
    expect(hostEvent(42)).toBeNull();
  });
});

describe('page tracker', () => {
  let events: TrackedEventInput[];
  let stop: () => void;

  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
    events = [];
    document.title = 'Trail Runner Shoes';
    document.body.innerHTML = '<main data-page-type="product"><h1>Shoes</h1></main>';
    document.body.dataset.pageType = 'content';
    history.replaceState(null, '', '/demo/product/trail-runner-shoes');
    stop = trackPage((event) => events.push(event));
  });
  afterEach(() => {
    stop();
    vi.useRealTimers();
    document.body.innerHTML = '';
    delete document.body.dataset.pageType;
  });

  it('reports the page view with the innermost data-page-type', () => {
    expect(events).toEqual([
      { type: 'page_view', url: 'http://localhost:3000/demo/product/trail-runner-shoes', title: 'Trail Runner Shoes', pageType: 'product' },
    ]);
  });

  it('reports exit intent once per page, only through the top edge', () => {
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 300, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: document.body }));
    expect(events.filter((e) => e.type === 'exit_intent')).toHaveLength(0);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: null }));
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: -5, relatedTarget: null }));
    expect(events.filter((e) => e.type === 'exit_intent')).toHaveLength(1);
  });

  it('reports time on page and a new page view on SPA navigation, without patching history', () => {
    const pushState = history.pushState;
    vi.advanceTimersByTime(6_000);
    window.dispatchEvent(new KeyboardEvent('keydown'));
    expect(events.at(-1)).toEqual({ type: 'activity' });

    history.pushState(null, '', '/demo/cart');
    document.title = 'Cart';
    document.querySelector('main')!.dataset.pageType = 'cart';
    vi.advanceTimersByTime(1_500); // jsdom has no Navigation API: the URL is polled

    expect(history.pushState).toBe(pushState);
    expect(events.slice(-2)).toEqual([
      { type: 'page_time', activeSeconds: 6, idleSeconds: 1 },
      { type: 'page_view', url: 'http://localhost:3000/demo/cart', title: 'Cart', pageType: 'cart' },
    ]);
    document.dispatchEvent(new MouseEvent('mouseout', { clientY: 0, relatedTarget: null }));
    expect(events.at(-1)).toEqual({ type: 'exit_intent' }); // once per page, and this is a new page
  });

  it('reports time on page when the page is hidden or left', () => {
    vi.advanceTimersByTime(4_000);
    window.dispatchEvent(new Event('pagehide'));
    expect(events.at(-1)).toEqual({ type: 'page_time', activeSeconds: 4, idleSeconds: 0 });
  });
});
