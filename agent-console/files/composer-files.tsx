import type { Attachment, CannedResponse } from '../../shared/contract';
import { useFilesText } from './files-text';

/** What the composer does with files: attach those picked, pasted or dropped, and send a canned response's file. */
export interface ComposerFiles {
  /** The file input's `accept`: what the site takes ('' before its limits are known); null when it takes no files (no button). */
  accept: string | null;
  attach(files: File[]): void;
  /** Sends the canned response's file into the conversation, after its text. */
  sendCanned(response: CannedResponse & { attachment: Attachment }): void;
}

/** The file a chosen canned response sends with its text; the agent may leave it out. */
export function CannedFileChip({ attachment, onRemove }: { attachment: Attachment; onRemove: () => void }) {
  const text = useFilesText();
  const { name } = attachment;
  return (
    <span class="canned-file">
      <span class="canned-file__text">{text.t('canned.sendsFile', { name })}</span>
      <span class="muted">{text.size(attachment.size)}</span>
      <button type="button" class="canned-file__remove" aria-label={text.t('canned.skipFile', { name })} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}
