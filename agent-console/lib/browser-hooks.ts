export interface BrowserHooks {
  notify(title: string, body: string): void;
  /** Whether the agent is looking at the console right now. */
  isAttending(): boolean;
  /** Calls back on the agent's input (pointer, keys); returns the unsubscribe. */
  onActivity(listener: () => void): () => void;
  /** Calls back when the console gets focus or becomes visible; returns the unsubscribe. */
  onAttend(listener: () => void): () => void;
}

/** The real browser: desktop notifications, focus and input events. */
export function browserHooks(): BrowserHooks {
  return {
    notify(title, body) {
      if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      // One notification per conversation: a newer one replaces the older (same tag).
      new Notification(title, { body, tag: title });
    },
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
