import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../../shared/contract';
import { RestError } from '../../shared/client/rest-client';

export interface SignInProps {
  signIn: (email: string, password: string) => Promise<User>;
  onSignedIn: (user: User) => void;
  /** Shown above the form, e.g. after a session expired. */
  notice?: string | null;
}

function describe(error: unknown): string {
  if (error instanceof RestError) {
    switch (error.code) {
      case 'bad_credentials':
        return 'Incorrect email or password.';
      case 'invalid_payload':
        return 'Enter a valid email address and your password.';
      case 'network':
        return 'Could not reach the server. Check your connection and try again.';
      default:
        return error.message || 'Sign-in failed. Please try again.';
    }
  }
  return 'Sign-in failed. Please try again.';
}

export function SignIn({ signIn, onSignedIn, notice = null }: SignInProps) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  // After a failed attempt, put the agent back in the password field (re-enabled by then).
  useEffect(() => {
    if (error && password) passwordInput.current?.select();
  }, [error]);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (submitting) return;
    if (!email.trim() || !password) {
      setError('Enter your email and password.');
      return;
    }
    setSubmitting(true);
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
      onSignedIn(user);
    } catch (caught) {
      setSubmitting(false);
      setError(describe(caught));
    }
  };

  return (
    <main class="auth">
      <form class="auth__card" onSubmit={submit} noValidate aria-busy={submitting ? 'true' : undefined}>
        <div class="auth__brand">
          <span class="brand-mark" aria-hidden="true" />
          <span>Agent console</span>
        </div>
        <h1 class="auth__title">Sign in</h1>
        <p class="auth__lead muted">Use your agent account to answer visitors.</p>
        {notice && !error && (
          <p class="notice" role="status">
            {notice}
          </p>
        )}
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <label class="field">
          <span class="field__label">Email</span>
          <input
            class="input"
            type="email"
            name="email"
            autocomplete="username"
            inputMode="email"
            required
            value={email}
            disabled={submitting}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </label>
        <label class="field">
          <span class="field__label">Password</span>
          <input
            ref={passwordInput}
            class="input"
            type="password"
            name="password"
            autocomplete="current-password"
            required
            value={password}
            disabled={submitting}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        <button type="submit" class="button button--primary button--block" disabled={submitting}>
          {submitting && <span class="spinner spinner--inline" aria-hidden="true" />}
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
