// Runs the host page's API calls (`LifecycleChat('track', 'cart', {...})`) against the session.
import type { ApiCall } from '../app-api';
import type { ChatSession, WidgetEvents } from './chat-session';
import type { IdentifyInput } from './tracking/visitor-reports';
import { hostEvent } from './tracking/host-events';

/** Consent mode's chunk (./consent). */
export const loadConsent = () => import('./consent/consent');

const EVENTS: readonly string[] = ['message', 'open', 'close', 'escalated'] satisfies (keyof WidgetEvents)[];

const text = (value: unknown) => (typeof value === 'string' ? value : undefined);

function identity(value: unknown): IdentifyInput | null {
  const { id, name, email, signature } = (value ?? {}) as Record<string, unknown>;
  return typeof id === 'string' || typeof id === 'number'
    ? { id: String(id), name: text(name), email: text(email), signature: text(signature) }
    : null;
}

/** Subscribes a host callback; one that throws is reported and never breaks the widget. */
function listen(session: ChatSession, name: keyof WidgetEvents, callback: (...args: unknown[]) => void): void {
  session.events.on(name, (...args: unknown[]) => {
    try {
      callback(...args);
    } catch (error) {
      console.error('[LifecycleChat] an event listener threw', error);
    }
  });
}

/** Runs one call; answers false for a call it does not understand. */
function run(session: ChatSession, method: unknown, first: unknown, second: unknown): boolean {
  switch (method) {
    case 'open':
      session.openPanel(first === 'help' || first === 'chat' ? first : undefined);
      return true;
    case 'close':
      session.close();
      return true;
    case 'openArticle':
      if (typeof first !== 'string') return false;
      void session.openArticle(first);
      return true;
    case 'setLocale':
      session.setLocale(text(first) ?? null);
      return true;
    case 'identify': {
      const payload = identity(first);
      if (payload === null) return false;
      session.identify(payload);
      return true;
    }
    case 'track': {
      const event = hostEvent(first, second);
      if (event === null) return false;
      session.track(event);
      return true;
    }
    case 'consent':
      if (typeof first !== 'boolean') return false;
      void loadConsent().then((m) => m.consent(session, first));
      return true;
    case 'on':
      if (!EVENTS.includes(first as string) || typeof second !== 'function') return false;
      listen(session, first as keyof WidgetEvents, second as () => void);
      return true;
    default:
      return false;
  }
}

export function createHostApi(session: ChatSession): (call: ApiCall) => void {
  return (call) => {
    const [method, first, second] = Array.from(call);
    if (!run(session, method, first, second))
      console.warn('[LifecycleChat] ignored an invalid call (see the README):', ...Array.from(call));
  };
}
