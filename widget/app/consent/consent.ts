// Consent mode (issue 18): on a site that asks for it, the widget writes nothing on the visitor's
// device, opens no connection and sends nothing until the visitor starts the chat from the notice or
// the host page calls `LifecycleChat.consent(true)`. `consent(false)` forgets the visitor on this
// device. A chunk of its own: only visitors of such sites, and those calls, need it.
import { STORE_KEYS } from '../../store-keys';
import type { ChatSession } from '../chat-session';
import { sitePrivacy } from './site-privacy';

/** What the notice needs while the widget waits. */
export interface ConsentWait {
  policyUrl: string | null;
  /** The visitor deleted their data from this device ("Your data"): the notice says so. */
  deleted?: true;
}

/** The host page or the visitor has answered on this page: the site's setting no longer decides. */
let answered = false;

/** The site asks for consent and none was given on this device: the panel shows the notice, nothing runs. */
export function wait(session: ChatSession, policyUrl: string | null): void {
  if (!answered) session.parts.store.set({ consent: { policyUrl } });
}

/** The visitor's or the host page's answer. */
export async function consent(session: ChatSession, given: boolean): Promise<void> {
  const { store: state, deps } = session.parts;
  answered = true;
  if (given) {
    deps.store.write('consent', '1');
    state.set({ consent: undefined });
    session.start();
    return;
  }
  // Forget: every value of this site goes, and the parts hear of it as of another tab clearing the
  // storage (the outbox drops what it held in memory); then they stop, and what they wrote meanwhile goes too.
  const clear = () => {
    for (const key of STORE_KEYS) deps.store.write(key, null);
  };
  clear();
  dispatchEvent(new StorageEvent('storage', { key: null }));
  session.dispose();
  clear();
  const policyUrl = state.get().consent?.policyUrl ?? null;
  state.set({
    consent: { policyUrl },
    messages: [],
    pending: [],
    unread: 0,
    draft: '',
    csat: null,
    stage: null,
    readByAgent: -1,
    connection: { status: 'connecting' },
  });
  if (!policyUrl) {
    const site = await sitePrivacy(deps.siteKey);
    if (state.get().consent) state.set({ consent: { policyUrl: site.policyUrl ?? null } });
  }
}
