import { useState } from 'preact/hooks';
import type { Attachment } from '../../shared/contract';
import { fileUrl } from '../api/files-api';
import { useFilesText } from './files-text';
import { ImageViewer } from './ImageViewer';

/** The thumbnail's box, known before it loads (so the list keeps the newest message in view): the image fitted into 240×180. */
const THUMB = { width: 240, height: 180 };
function thumbnailBox({ width, height }: Attachment): { width: number; height: number } {
  if (!width || !height) return THUMB;
  const scale = Math.min(1, THUMB.width / width, THUMB.height / height);
  return { width: Math.round(width * scale), height: Math.round(height * scale) };
}

/** A message's file: an image as a thumbnail that opens the full view, anything else as a download link with its size. */
export function MessageAttachment({ attachment }: { attachment: Attachment }) {
  const text = useFilesText();
  const [viewing, setViewing] = useState(false);
  const { name } = attachment;
  if (!attachment.type.startsWith('image/')) {
    return (
      <a class="attachment attachment--file" href={fileUrl(attachment.id)} download={name} aria-label={text.t('download', { name })}>
        <span class="attachment__icon" aria-hidden="true" />
        <span class="attachment__name">{name}</span>
        <span class="attachment__size">{text.size(attachment.size)}</span>
      </a>
    );
  }
  return (
    <>
      <button
        type="button"
        class="attachment attachment--image"
        aria-label={text.t('openImage', { name })}
        onClick={() => setViewing(true)}
      >
        <img class="attachment__thumb" src={fileUrl(attachment.thumbnailId ?? attachment.id)} alt="" {...thumbnailBox(attachment)} />
      </button>
      {viewing && <ImageViewer attachment={attachment} onClose={() => setViewing(false)} />}
    </>
  );
}
