// Observes the host page for lifecycle tracking, with listeners only: host globals (history,
// fetch, …) are never patched.
import type { TrackedEventInput } from '../chat-client';
import { ActivityClock } from './activity-clock';

const INPUT_EVENTS = ['pointerdown', 'pointermove', 'keydown', 'scroll', 'wheel', 'touchstart'] as const;
/** SPA routers update the title and page markers just after changing the URL. */
const SETTLE_MS = 300;
const POLL_MS = 1000;

interface NavigationLike {
  addEventListener(type: 'currententrychange', listener: () => void): void;
  removeEventListener(type: 'currententrychange', listener: () => void): void;
}

function pageUrl(): string {
  return location.href.split('#')[0]!;
}

/** The innermost `data-page-type` marker (e.g. on `<main>` over one on `<body>`). */
function pageType(): string | null {
  const marked = document.querySelectorAll('[data-page-type]');
  return marked[marked.length - 1]?.getAttribute('data-page-type')?.slice(0, 40) || null;
}

/** Reports page views (also on SPA navigation), time on page, activity after quiet spells and exit intent. */
export function trackPage(report: (event: TrackedEventInput) => void): () => void {
  const clock = new ActivityClock(Date.now(), document.visibilityState === 'visible');
  let url = pageUrl();
  let exitReported = false;
  let settle: ReturnType<typeof setTimeout> | undefined;

  const pageView = () =>
    report({ type: 'page_view', url: location.href.slice(0, 2000), title: document.title.slice(0, 300), pageType: pageType() });
  const pageTime = () => {
    const time = clock.take(Date.now());
    if (time.activeSeconds + time.idleSeconds > 0) report({ type: 'page_time', ...time });
  };

  const onInput = () => {
    if (clock.input(Date.now())) report({ type: 'activity' });
  };
  const onVisibility = () => {
    const visible = document.visibilityState === 'visible';
    if (!visible) pageTime();
    clock.setVisible(visible, Date.now());
  };
  const onPageHide = () => pageTime();
  const onMouseOut = (event: MouseEvent) => {
    if (event.relatedTarget === null && event.clientY <= 0 && !exitReported) {
      exitReported = true;
      report({ type: 'exit_intent' });
    }
  };
  const onNavigate = () => {
    if (pageUrl() === url) return;
    url = pageUrl();
    pageTime();
    exitReported = false;
    clearTimeout(settle);
    settle = setTimeout(pageView, SETTLE_MS);
  };

  const navigation = (window as Window & { navigation?: NavigationLike }).navigation;
  const poll = navigation ? undefined : setInterval(onNavigate, POLL_MS);
  navigation?.addEventListener('currententrychange', onNavigate);
  const listen = { capture: true, passive: true } as const;
  for (const type of INPUT_EVENTS) window.addEventListener(type, onInput, listen);
  window.addEventListener('popstate', onNavigate);
  window.addEventListener('pagehide', onPageHide);
  document.addEventListener('visibilitychange', onVisibility);
  document.addEventListener('mouseout', onMouseOut);
  pageView();

  return () => {
    clearInterval(poll);
    clearTimeout(settle);
    navigation?.removeEventListener('currententrychange', onNavigate);
    for (const type of INPUT_EVENTS) window.removeEventListener(type, onInput, listen);
    window.removeEventListener('popstate', onNavigate);
    window.removeEventListener('pagehide', onPageHide);
    document.removeEventListener('visibilitychange', onVisibility);
    document.removeEventListener('mouseout', onMouseOut);
  };
}
