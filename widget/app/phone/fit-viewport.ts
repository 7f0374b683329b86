// Loaded when the panel opens on a phone, where it fills the screen.
import { STICK_PX } from '../MessageList';

const EVENTS = ['resize', 'scroll'];

/**
 * Sizes the panel to the visual viewport (`--lc-top`, `--lc-height`, read by the phone styles): the
 * part of the screen the on-screen keyboard leaves, so the message box stays in view, and a log that
 * showed the newest message still shows it once the keyboard took its space. Stops once the panel is gone.
 */
export function fitViewport(panel: HTMLElement): void {
  const viewport = window.visualViewport;
  if (!viewport) return;
  const place = () => {
    if (!panel.isConnected) {
      for (const event of EVENTS) viewport.removeEventListener(event, place);
      return;
    }
    const log = panel.querySelector('.log');
    const atEnd = log && log.scrollHeight - log.scrollTop - log.clientHeight < STICK_PX;
    panel.style.setProperty('--lc-top', `${viewport.offsetTop}px`);
    panel.style.setProperty('--lc-height', `${viewport.height}px`);
    if (atEnd) log.scrollTop = log.scrollHeight;
  };
  place();
  for (const event of EVENTS) viewport.addEventListener(event, place);
}
