import { useStore } from '../state/use-store';
import { useState } from 'preact/hooks';
import { createPrivacyApi, type PrivacyApi } from '../api/privacy-api';
import { describeFailure } from '../lib/describe-failure';
import { createConsoleI18n } from '../lib/i18n';

type Step = { kind: 'idle' } | { kind: 'confirm' } | { kind: 'erasing' } | { kind: 'erased' } | { kind: 'failed'; message: string };

/** How often the console asks again while an erasure goes on in the background. */
const POLL_MS = 2_000;

export interface PrivacyActionsProps {
  visitorId: string;
  /** The name the confirmation shows (the visitor's name, else their id). */
  name: string;
  api?: PrivacyApi;
}

/** Admins only: download the visitor's data, or erase it after a confirmation that names the visitor. */
export function PrivacyActions({ visitorId, name, api: given }: PrivacyActionsProps) {
  const [api] = useState(() => given ?? createPrivacyApi());
  const [i18n] = useState(createConsoleI18n);
  const { t } = useStore(i18n);
  const [step, setStep] = useState<Step>({ kind: 'idle' });

  async function erase() {
    setStep({ kind: 'erasing' });
    try {
      for (;;) {
        const { status } = await api.erase(visitorId);
        if (status === 'erased') return setStep({ kind: 'erased' });
        if (status === 'failed') return setStep({ kind: 'failed', message: t('privacy.eraseFailed') });
        await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      }
    } catch (error) {
      setStep({ kind: 'failed', message: describeFailure(error) });
    }
  }

  if (step.kind === 'erased') {
    return (
      <p class="privacy-actions" role="status">
        {t('privacy.erased', { name })}
      </p>
    );
  }
  return (
    <div class="privacy-actions">
      {step.kind === 'confirm' ? (
        <div role="alertdialog" aria-labelledby="privacy-confirm" class="privacy-actions__confirm">
          <p id="privacy-confirm">{t('privacy.confirm', { name })}</p>
          <button type="button" class="button button--small" onClick={erase}>
            {t('privacy.eraseConfirm')}
          </button>{' '}
          <button type="button" class="button button--small" onClick={() => setStep({ kind: 'idle' })}>
            {t('privacy.cancel')}
          </button>
        </div>
      ) : (
        <p class="visitor-panel__row">
          <a class="button button--small" href={api.exportUrl(visitorId)} download>
            {t('privacy.export')}
          </a>
          <button
            type="button"
            class="button button--small"
            disabled={step.kind === 'erasing'}
            onClick={() => setStep({ kind: 'confirm' })}
          >
            {t('privacy.erase')}
          </button>
        </p>
      )}
      {step.kind === 'erasing' && <p role="status">{t('privacy.erasing')}</p>}
      {step.kind === 'failed' && <p role="alert">{step.message}</p>}
    </div>
  );
}
