import { useEffect } from 'preact/hooks';
import { useStore } from '../state/use-store';
import { acceptFor } from './AttachButton';
import type { ComposerFiles } from './composer-files';
import type { FileUploads } from '../state/file-uploads';
import { useFileDrop } from './use-file-drop';

/** Files for the open conversation: the composer's part and the drop target's; none while replies are off. */
export function useConversationFiles(uploads: FileUploads, conversationId: string | null, enabled: boolean) {
  const { settings } = useStore(uploads.store);
  useEffect(() => void uploads.settings(), [uploads]);
  const on = enabled && conversationId !== null;
  const attach = (files: File[]) => void uploads.attach(conversationId!, files);
  const composer: ComposerFiles | undefined = on
    ? {
        accept: acceptFor(settings),
        attach,
        sendCanned: ({ shortcut, attachment }) => uploads.sendCanned(conversationId!, shortcut, attachment.name, attachment.size),
      }
    : undefined;
  return { composer, drop: useFileDrop(on ? attach : null) };
}
