import { useLayoutEffect, useRef } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { Attachment } from '../../shared/contract';
import { fileUrl } from '../api/files-api';
import { useFilesText } from './files-text';

/**
 * An image at full size over the console: a modal dialog that Escape, Close or a click beside the
 * image shuts; Tab stays inside it, and focus goes back to what opened it.
 */
export function ImageViewer({ attachment, onClose }: { attachment: Attachment; onClose: () => void }) {
  const { t } = useFilesText();
  const dialog = useRef<HTMLDivElement>(null);
  const close = useRef<HTMLButtonElement>(null);

  useLayoutEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    close.current?.focus();
    return () => opener?.focus();
  }, []);

  const onKeyDown = (event: TargetedKeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onClose();
      return;
    }
    if (event.key !== 'Tab') return;
    const focusable = [...(dialog.current?.querySelectorAll<HTMLElement>('a[href], button') ?? [])];
    const first = focusable[0];
    const last = focusable.at(-1);
    if (event.shiftKey ? document.activeElement === first : document.activeElement === last) {
      event.preventDefault();
      (event.shiftKey ? last : first)?.focus();
    }
  };

  const url = fileUrl(attachment.id);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: a click beside the image is the mouse's way out; Escape and Close are the keyboard's
    // biome-ignore lint/a11y/noStaticElementInteractions: the backdrop is no control of its own (see above)
    <div class="image-viewer" onClick={(event) => event.target === event.currentTarget && onClose()}>
      <div
        ref={dialog}
        class="image-viewer__dialog"
        role="dialog"
        aria-modal="true"
        aria-label={t('viewer', { name: attachment.name })}
        onKeyDown={onKeyDown}
      >
        <div class="image-viewer__bar">
          <span class="image-viewer__name">{attachment.name}</span>
          <a class="button button--small" href={url} download={attachment.name}>
            {t('downloadFile')}
          </a>
          <button ref={close} type="button" class="button button--small" onClick={onClose}>
            {t('close')}
          </button>
        </div>
        <img class="image-viewer__image" src={url} alt={attachment.name} width={attachment.width} height={attachment.height} />
      </div>
    </div>
  );
}
