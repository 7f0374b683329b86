// A proactive prompt on a phone: a bubble of at most two lines above the launcher instead of the panel
// over the page (a checkout form stays usable); one tap opens the chat on the prompt. In a chunk of its
// own, with its styles and words: only visitors who get a prompt on a phone download it.
import { teaserCatalogs } from '../../../shared/i18n/catalogs/teaser';
import { adoptStyles } from '../../adopt-styles';
import { textDirection } from '../locale';
import { promptText } from '../PromptCard';
import type { ViewProps } from '../view-props';
import styles from './teaser.css?inline';

const styled = new WeakSet<Node>();

/** The ref of the teaser: its styles join the widget's shadow root the first time it shows there. */
function adopt(element: HTMLElement | null): void {
  const root = element?.getRootNode();
  if (root instanceof ShadowRoot && !styled.has(root)) {
    styled.add(root);
    adoptStyles(root, styles);
  }
}

export function Teaser({ state, session }: ViewProps) {
  const { locale, site } = state;
  const logo = site?.branding?.logoUrl;
  return (
    <div ref={adopt} class="teaser" lang={locale} dir={textDirection(locale)}>
      <button type="button" class="teaser__open" onClick={() => session.openPanel('chat')}>
        {logo && <img class="logo" src={logo} alt="" />}
        <span dir="auto">{promptText(state)}</span>
      </button>
      <button type="button" class="teaser__close" aria-label={teaserCatalogs[locale]['teaser.dismiss']} onClick={() => session.close()}>
        <svg viewBox="0 0 24 24" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round">
          <path d="M6 6l12 12M18 6 6 18" />
        </svg>
      </button>
    </div>
  );
}
