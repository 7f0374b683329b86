import { Component } from 'preact';
import type { DataRequestAction, EraseResponse } from '../../../shared/contract/visitor-privacy';
import { endpoints } from '../../../shared/contract/endpoints';
import { visitorDataText } from '../../../shared/i18n/catalogs/visitor-data';
import { bearer } from '../bearer';
import { chunkStyles } from '../chunk-styles';
import { consent } from '../consent/consent';
import { serverUrl } from '../server-url';
import { takesFocus, type ViewProps } from '../view-props';
import css from './your-data.css?inline';

type Step = 'idle' | 'confirm' | 'working' | 'failed' | 'mailed';

interface YourDataState {
  step: Step;
  email: string;
}

/** An erasure still running is asked about again this often, this many times, before it counts as failed. */
const ERASE_POLL_MS = 2000;
const ERASE_POLLS = 10;
const adoptStyles = chunkStyles(css);

/**
 * "Your data" under the visitor's conversations: a download of everything stored about them and its
 * deletion, at once from this device (its token proves who they are), or by a link mailed to an
 * address they gave on another device.
 */
export class YourData extends Component<ViewProps, YourDataState> {
  override state: YourDataState = { step: 'idle', email: '' };

  /** A request to the server with the visitor's token (or, with a body, without: the link needs none); rejects only when offline. */
  private request(method: 'GET' | 'POST', path: string, body?: object): Promise<Response> {
    const { store } = this.props.session.parts.deps;
    return fetch(serverUrl(path), {
      method,
      credentials: 'omit',
      headers: body ? { 'Content-Type': 'application/json' } : { Authorization: bearer(store) },
      body: body && JSON.stringify(body),
    });
  }

  private async run(work: () => Promise<Step | null>): Promise<void> {
    this.setState({ step: 'working' });
    const next = await work().catch(() => 'failed' as const);
    if (next) this.setState({ step: next });
  }

  private download = () =>
    this.run(async () => {
      const response = await this.request('GET', endpoints.privacy.visitorExport.path);
      if (!response.ok) return 'failed';
      const file = await response.blob();
      const link = document.createElement('a');
      link.href = URL.createObjectURL(file);
      link.download = 'my-chat-data.json';
      link.click();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000); // once the browser has saved it
      return 'idle';
    });

  private erase = () =>
    this.run(async () => {
      const { session } = this.props;
      for (let poll = 0; ; poll++) {
        const response = await this.request('POST', endpoints.privacy.visitorErase.path);
        // Once the erasure is done the token names nobody: not found is done too.
        if (!response.ok && response.status !== 404) return 'failed';
        const { status } = response.ok ? ((await response.json()) as EraseResponse) : { status: 'erased' };
        if (status === 'erased') break;
        if (status === 'failed' || poll === ERASE_POLLS) return 'failed';
        await new Promise((resolve) => setTimeout(resolve, ERASE_POLL_MS));
      }
      // Nothing is left on the server: the device forgets the visitor too, and the panel says it is done.
      await consent(session, false);
      session.parts.store.set(({ consent: wait }) => ({ consent: wait && { ...wait, deleted: true } }));
      return null;
    });

  private mail = (action: DataRequestAction) =>
    this.run(async () => {
      const { state, session } = this.props;
      const body = { siteKey: session.parts.deps.siteKey, email: this.state.email.trim(), action, locale: state.locale };
      return (await this.request('POST', endpoints.privacy.visitorLink.path, body)).ok ? 'mailed' : 'failed';
    });

  override render({ state }: ViewProps, { step, email }: YourDataState) {
    const text = visitorDataText(state.locale);
    const working = step === 'working';
    return (
      <section class="your-data" aria-labelledby="lc-your-data" ref={adoptStyles}>
        <h3 id="lc-your-data">{text('data.title')}</h3>
        {step === 'confirm' ? (
          <div role="alertdialog" aria-labelledby="lc-erase-question">
            <p id="lc-erase-question" {...takesFocus()}>
              {text('data.confirm')}
            </p>
            <p class="actions">
              <button type="button" class="button" onClick={this.erase}>
                {text('data.confirmDelete')}
              </button>
              <button type="button" class="link-button" onClick={() => this.setState({ step: 'idle' })}>
                {text('data.cancel')}
              </button>
            </p>
          </div>
        ) : (
          <p class="actions">
            <button type="button" class="link-button" disabled={working} onClick={this.download}>
              {text('data.download')}
            </button>
            <button type="button" class="link-button" disabled={working} onClick={() => this.setState({ step: 'confirm' })}>
              {text('data.delete')}
            </button>
          </p>
        )}
        <form onSubmit={(event) => event.preventDefault()}>
          <label class="field">
            {text('data.elsewhere')}
            <input
              type="email"
              autocomplete="email"
              maxLength={254}
              dir="ltr"
              placeholder={text('data.email')}
              value={email}
              onInput={(event) => this.setState({ email: event.currentTarget.value })}
            />
          </label>
          <p class="actions">
            <button type="submit" class="link-button" disabled={working || !email.includes('@')} onClick={() => this.mail('export')}>
              {text('data.mailExport')}
            </button>
            <button type="button" class="link-button" disabled={working || !email.includes('@')} onClick={() => this.mail('erase')}>
              {text('data.mailErase')}
            </button>
          </p>
        </form>
        <p class="note" role="status">
          {working ? text('data.working') : step === 'failed' ? text('data.failed') : step === 'mailed' ? text('data.mailed') : ''}
        </p>
      </section>
    );
  }
}
