// Entry of dist/widget/app.js, which widget.js imports once the page is idle (or on first use).
import { render } from 'preact';
import { loadCatalog } from '../../shared/i18n/load-catalog';
import { adoptStyles } from '../adopt-styles';
import type { AppModule } from '../app-api';
import { type ChatState, createChatSession } from './chat-session';
import { applyBranding } from './branding';
import { ChatWidget } from './ChatWidget';
import { createHostApi, loadConsent } from './host-api';
import { takeResumeToken } from './resume/resume';
import { sitePrivacy } from './consent/site-privacy';
import { createSiteStore } from './site-store';
import { createSocketChatClient } from './socket-chat-client';
import styles from './styles.css?inline';
import { trackPage } from './tracking/page-tracker';

export const mount: AppModule['mount'] = (root, options) => {
  adoptStyles(root, styles);
  const container = document.createElement('div');
  root.append(container);

  const store = createSiteStore(options.siteKey);
  const resume = takeResumeToken();
  const session = createChatSession({
    siteKey: options.siteKey,
    client: createSocketChatClient(options.baseUrl, options.siteKey, store, resume),
    store,
    resuming: resume !== null,
    loadCatalog,
    pageLanguages: () => [document.documentElement.lang, ...navigator.languages],
  });

  // The launcher belongs to the loader: keep its state, name and badge in step with the session.
  let previous: ChatState = session.state;
  session.subscribe((state) => {
    const focusWasInside = container.contains(root.activeElement); // read before the panel leaves the DOM
    render(<ChatWidget state={state} session={session} />, container);
    if (state.open !== previous.open) {
      options.onOpenChange(state.open);
      if (!state.open && focusWasInside) options.focusLauncher();
    }
    if (state.site !== previous.site) applyBranding(root, store, state.site);
    const { t, unread } = state;
    if (t && (t !== previous.t || unread !== previous.unread)) {
      options.setLauncher(
        unread ? t('launcher.unread', { count: unread }) : t('launcher.open'),
        unread > 9 ? '9+' : unread ? String(unread) : '',
      );
    }
    previous = state;
  });

  // A device the chat knows runs at once; a new one first asks whether the site wants consent (and runs unless
  // the host page said no meanwhile).
  if (resume || store.read('token') || store.read('consent')) session.start();
  else
    void sitePrivacy(options.siteKey).then(({ consentRequired, policyUrl }) =>
      consentRequired === false ? session.state.consent || session.start() : loadConsent().then((m) => m.wait(session, policyUrl ?? null)),
    );
  trackPage((event) => session.track(event));
  return { call: createHostApi(session) };
};
