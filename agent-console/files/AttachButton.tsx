import { useRef } from 'preact/hooks';
import type { AttachmentSettings } from '../../shared/contract';
import { acceptAttribute } from '../../shared/files/accept';
import { useFilesText } from './files-text';

interface AttachButtonProps {
  /** The `accept` attribute: what the site takes ('' before its limits are known); null: no button. */
  accept: string | null;
  disabled: boolean;
  onFiles: (files: File[]) => void;
  /** The button's accessible name (default: "Attach a file"). */
  label?: string;
  /** Shown instead of the paper clip. */
  text?: string;
  class?: string;
  /** One file, not several. */
  single?: boolean;
}

/** A button that opens the file picker; the files picked are handed on. */
export function AttachButton(props: AttachButtonProps) {
  const { accept, disabled, onFiles, label, text, class: className = 'button button--ghost attach-button', single = false } = props;
  const { t } = useFilesText();
  const input = useRef<HTMLInputElement>(null);
  const name = label ?? t('attach');
  if (accept === null) return null;
  return (
    <>
      <button type="button" class={className} aria-label={name} title={name} disabled={disabled} onClick={() => input.current?.click()}>
        {text ?? (
          <svg class="attach-button__icon" viewBox="0 0 24 24" width="18" height="18" aria-hidden="true">
            <path
              d="M16.5 6.5v10a4.5 4.5 0 0 1-9 0V5a3 3 0 0 1 6 0v10.5a1.5 1.5 0 0 1-3 0V6.5"
              fill="none"
              stroke="currentColor"
              stroke-width="1.8"
              stroke-linecap="round"
            />
          </svg>
        )}
      </button>
      <input
        ref={input}
        type="file"
        multiple={!single}
        hidden
        accept={accept || undefined}
        onChange={(event) => {
          const files = [...(event.currentTarget.files ?? [])];
          event.currentTarget.value = '';
          if (files.length > 0) onFiles(files);
        }}
      />
    </>
  );
}

/** The `accept` of a site's file input: '' while its limits are unknown, null when it takes no files. */
export function acceptFor(settings: AttachmentSettings | null): string | null {
  if (!settings) return '';
  return settings.kinds.length > 0 ? acceptAttribute(settings) : null;
}

/** The files a paste or a drop carries (none for plain text). */
export function filesOf(data: DataTransfer | null): File[] {
  return [...(data?.files ?? [])];
}
