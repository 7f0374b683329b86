// The embed script (<script src=".../widget.js" data-site="KEY" async>): draws the launcher
// with plain DOM and loads the Preact app only when the visitor is about to use it.
import { WIDGET_GLOBAL } from '../shared/contract/constants';
import { WIDGET_COMMANDS, storageKey, type AppModule, type MountOptions, type WidgetApp, type WidgetCommand } from './app-api';
import styles from './launcher.css?inline';

/** The global function; a host-page stub may have queued `arguments` objects in `q` before we load. */
interface WidgetGlobal {
  (command: unknown): void;
  q?: ArrayLike<unknown>[];
  loaded?: true;
}

const LAUNCHER_HTML =
  '<svg class="icon-chat" viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2Z"/></svg>' +
  '<svg class="icon-close" viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round"><path d="m6 9 6 6 6-6"/></svg>' +
  '<span class="badge" aria-hidden="true" hidden></span>';

const globals = window as Window & { [WIDGET_GLOBAL]?: WidgetGlobal };

function isCommand(value: unknown): value is WidgetCommand {
  return (WIDGET_COMMANDS as readonly unknown[]).includes(value);
}

function hasChatted(siteKey: string): boolean {
  try {
    return localStorage.getItem(storageKey(siteKey, 'token')) !== null;
  } catch {
    return false;
  }
}

function createLauncher(root: ShadowRoot): HTMLButtonElement {
  const style = document.createElement('style');
  style.textContent = styles;
  const launcher = document.createElement('button');
  launcher.type = 'button';
  launcher.className = 'launcher';
  launcher.setAttribute('aria-label', 'Open chat');
  launcher.setAttribute('aria-expanded', 'false');
  launcher.innerHTML = LAUNCHER_HTML;
  root.append(style, launcher);
  return launcher;
}

function install(siteKey: string, baseUrl: string, calls: ArrayLike<unknown>[]): void {
  const queue: unknown[] = Array.from(calls, (args) => args[0]);
  const host = document.createElement('lifecycle-chat');
  const root = host.attachShadow({ mode: 'open' });
  const launcher = createLauncher(root);
  const badge = launcher.lastElementChild as HTMLElement;
  let app: WidgetApp | undefined;
  let appModule: Promise<AppModule> | undefined;
  let starting: Promise<void> | undefined;

  const options: MountOptions = {
    siteKey,
    baseUrl,
    onOpenChange: (open) => launcher.setAttribute('aria-expanded', String(open)),
    onUnreadChange(count) {
      badge.textContent = count > 9 ? '9+' : String(count);
      badge.hidden = count === 0;
      launcher.setAttribute('aria-label', count ? `Open chat, ${count} unread` : 'Open chat');
    },
    focusLauncher: () => launcher.focus(),
  };

  const download = (): Promise<AppModule> =>
    (appModule ??= (import(/* @vite-ignore */ `${baseUrl}/widget/app.js`) as Promise<AppModule>).catch(
      (error: unknown) => {
        appModule = undefined; // the next attempt downloads again
        throw error;
      },
    ));
  const prefetch = (): void => void download().catch(() => {});

  const start = (): void => {
    launcher.setAttribute('aria-busy', 'true');
    starting ??= download()
      .then((module) => {
        app = module.mount(root, options);
        queue.splice(0).forEach(run);
      })
      .catch((error: unknown) => {
        starting = undefined;
        console.error('[LifecycleChat] could not load the chat', error);
      })
      .finally(() => launcher.removeAttribute('aria-busy'));
  };

  function run(command: unknown): void {
    if (!isCommand(command)) {
      console.warn('[LifecycleChat] unknown command', command);
    } else if (app) {
      app[command]();
    } else {
      queue.push(command);
      if (command === 'open') start();
    }
  }

  const api: WidgetGlobal = run;
  api.loaded = true;
  globals[WIDGET_GLOBAL] = api;

  launcher.addEventListener('click', () => run(launcher.getAttribute('aria-expanded') === 'true' ? 'close' : 'open'));
  launcher.addEventListener('pointerenter', prefetch);
  launcher.addEventListener('focus', prefetch);
  // A visitor who has chatted here before gets the app (closed) once the page is idle, so their
  // unsent messages go out and new replies show on the badge. Everyone else downloads only this
  // loader until they reach for the launcher.
  if (hasChatted(siteKey)) {
    const startWhenIdle = () =>
      'requestIdleCallback' in window ? requestIdleCallback(start, { timeout: 5000 }) : setTimeout(start, 2000);
    if (document.readyState === 'complete') startWhenIdle();
    else window.addEventListener('load', startWhenIdle, { once: true });
  }

  document.body.append(host);
  if (queue.includes('open')) start();
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
  const calls: ArrayLike<unknown>[] = Array.from(existing?.q ?? []);
  const early: WidgetGlobal = (command) => void calls.push([command]);
  early.loaded = true;
  globals[WIDGET_GLOBAL] = early;
  const init = () => install(siteKey, baseUrl, calls);
  if (document.body) init();
  else document.addEventListener('DOMContentLoaded', init, { once: true });
}
