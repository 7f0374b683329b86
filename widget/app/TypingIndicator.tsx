import type { ReadyState } from './view-props';

export function TypingIndicator({ state: { agentsTyping: names, locale, t } }: { state: ReadyState }) {
  const text =
    names.length === 0
      ? ''
      : names.length === 1
        ? t('typing.one', { name: names[0]! })
        : t('typing.many', { names: new Intl.ListFormat(locale).format(names) });
  // The live region stays mounted so screen readers announce its changes.
  return (
    <p class="typing" aria-live="polite">
      {text}
    </p>
  );
}
