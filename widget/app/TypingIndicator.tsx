export function TypingIndicator({ names }: { names: readonly string[] }) {
  const text = names.length === 0 ? '' : `${names.join(' and ')} ${names.length === 1 ? 'is' : 'are'} typing…`;
  // The live region stays mounted so screen readers announce its changes.
  return (
    <p class="typing" aria-live="polite">
      {text}
    </p>
  );
}
