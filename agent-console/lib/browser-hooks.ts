import { playChime } from './chime';

export interface BrowserHooks {
  /** A browser notification (when permitted); one per `tag`, a newer one replaces the older. Clicking it calls `onClick`. */
  notify(title: string, body: string, options: { tag: string; onClick: () => void }): void;
  /** The console's short notification sound. */
  chime(): void;
  /** Whether the console's tab is the visible one (`document.visibilityState`). */
  isVisible(): boolean;
  /** Whether the agent is looking at the console right now. */
  isAttending(): boolean;
  /** Calls back on the agent's input (pointer, keys); returns the unsubscribe. */
  onActivity(listener: () => void): () => void;
  /** Calls back when the console gets focus or becomes visible; returns the unsubscribe. */
  onAttend(listener: () => void): () => void;
}

/** The real browser: notifications, sound, focus and input events. */
export function browserHooks(): BrowserHooks {
  return {
    notify(title, body, { tag, onClick }) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      const notification = new Notification(title, { body, tag });
      notification.onclick = () => {
        window.focus();
        onClick();
        notification.close();
      };
    },
    chime: playChime,
    isVisible: () => document.visibilityState === 'visible',
    isAttending: () => document.visibilityState === 'visible' && document.hasFocus(),
    onActivity(listener) {
      const events = ['pointerdown', 'keydown', 'pointermove', 'wheel'] as const;
      for (const event of events) window.addEventListener(event, listener, { passive: true });
      return () => {
        for (const event of events) window.removeEventListener(event, listener);
      };
    },
    onAttend(listener) {
      window.addEventListener('focus', listener);
      document.addEventListener('visibilitychange', listener);
      return () => {
        window.removeEventListener('focus', listener);
        document.removeEventListener('visibilitychange', listener);
      };
    },
  };
}

/** Asks for notification permission; only call it from a click (browsers ignore it otherwise). */
export function askNotificationPermission(): Promise<NotificationPermission | 'unsupported'> {
  if (typeof Notification === 'undefined') return Promise.resolve('unsupported');
  return Notification.requestPermission();
}

export function notificationPermission(): NotificationPermission | 'unsupported' {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}
