// The embed script (<script src=".../widget.js" data-site="KEY" async>): draws the launcher with
// plain DOM, keeps the host page's API calls, and loads the Preact app once the page is idle (so
// tracking and proactive help work on every page) or sooner when the visitor reaches for the chat.
import { RESUME_PARAM, WIDGET_GLOBAL } from '../shared/contract/constants';
import { adoptStyles } from './adopt-styles';
import { API_METHODS, type ApiCall, type AppModule, type MountOptions, type StoreKey, storageKey, type WidgetApp } from './app-api';
import styles from './launcher.css?inline';

/** The global function; a host-page stub may have queued `arguments` objects in `q` before we load. */
type WidgetGlobal = ((...args: unknown[]) => void) & { q?: ApiCall[]; loaded?: true } & Record<string, unknown>;

const LAUNCHER_HTML =
  '<svg class="icon-chat" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>' +
  '<svg class="icon-close" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="m6 9 6 6 6-6"/></svg>' +
  '<span class="badge" aria-hidden="true" hidden></span>';

const globals = window as Window & { [WIDGET_GLOBAL]?: WidgetGlobal };

function install(siteKey: string, baseUrl: string, queue: ApiCall[]): void {
  const host = document.createElement('lifecycle-chat');
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, styles);
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-label', 'Open chat'); // the app replaces it with the visitor's language
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = LAUNCHER_HTML;
  root.append(launcher);
  const badge = launcher.lastElementChild as HTMLElement;
  // What the previous page left (widget/app/continuity.ts): the site's colour and corner and the unread count show at once, before the app loads.
  const kept = (key: StoreKey): string | null => {
    try {
      return localStorage.getItem(storageKey(siteKey, key));
    } catch {
      return null;
    }
  };
  adoptStyles(root, kept('brand') || '');
  const unread = Number(kept('unread'));
  badge.textContent = unread > 9 ? '9+' : String(unread);
  badge.hidden = !unread;
  let app: WidgetApp | undefined;
  let starting: Promise<void> | undefined;

  const options: MountOptions = {
    siteKey,
    baseUrl,
    onOpenChange: (open) => launcher.setAttribute('aria-expanded', String(open)),
    setLauncher(label, text) {
      launcher.setAttribute('aria-label', label);
      badge.textContent = text;
      badge.hidden = !text;
    },
    focusLauncher: () => launcher.focus(),
  };

  const start = (): void => {
    if (starting) return;
    starting = (import(/* @vite-ignore */ `${baseUrl}/widget/app.js`) as Promise<AppModule>)
      .then((module) => {
        const mounted = module.mount(root, options);
        app = mounted;
        for (const call of queue.splice(0)) mounted.call(call);
      })
      .catch((error: unknown) => {
        starting = undefined; // the next attempt downloads again
        console.error('[LifecycleChat] could not load the chat', error);
      });
  };

  const run = (call: ApiCall): void => {
    if (app) {
      app.call(call);
      return;
    }
    queue.push(call);
    if (call[0] === 'open' || call[0] === 'openArticle') start();
  };

  const api = ((...args: unknown[]) => run(args)) as WidgetGlobal;
  for (const method of API_METHODS) api[method] = (...args: unknown[]) => run([method, ...args]);
  api.loaded = true;
  globals[WIDGET_GLOBAL] = api;

  launcher.addEventListener('click', () => run([launcher.getAttribute('aria-expanded') === 'true' ? 'close' : 'open']));
  launcher.addEventListener('pointerenter', start);
  launcher.addEventListener('focus', start);
  // A panel left open on the previous page opens again as soon as the app is here.
  if (kept('panel')) start();
  const startWhenIdle = () => ('requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 3000 }) : setTimeout(start, 1000));
  if (document.readyState === 'complete') startWhenIdle();
  else window.addEventListener('load', startWhenIdle, { once: true });

  document.body.append(host);
  // Opened from an emailed "continue the conversation" link: the app opens that conversation now.
  if (new URLSearchParams(location.search).has(RESUME_PARAM)) queue.push(['open', 'chat']);
  if (queue.some((call) => call[0] === 'open' || call[0] === 'openArticle')) start();
}

// Only set while this script first runs, so it is read up front.
const script = document.currentScript instanceof HTMLScriptElement ? document.currentScript : null;
const siteKey = script?.dataset.site;
const existing = globals[WIDGET_GLOBAL];

if (!script || !siteKey) {
  console.error('[LifecycleChat] widget.js needs a data-site attribute on its <script> tag');
} else if (!existing?.loaded) {
  const baseUrl = new URL(script.src).origin;
  // Claim the global right away so a second copy of the script stands down and early calls are kept.
  const calls: ApiCall[] = Array.from(existing?.q ?? []);
  const early = ((...args: unknown[]) => void calls.push(args)) as WidgetGlobal;
  early.loaded = true;
  globals[WIDGET_GLOBAL] = early;
  const init = () => install(siteKey, baseUrl, calls);
  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init, { once: true });
}
