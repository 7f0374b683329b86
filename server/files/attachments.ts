import type { Types } from 'mongoose';
import { type Attachment, type AttachmentSettings, DEFAULT_ATTACHMENTS } from '../../shared/contract';
import { type Conversation, files, type StoredFile } from '../data';
import type { ConversationStore, PostedMessage } from '../conversations/conversation-store';
import type { SiteDirectory } from '../sites/site-directory';
import { acceptedType, fileName, INLINE_TYPES } from './file-types';
import { cleanImage } from './images';

export interface Upload {
  bytes: Buffer;
  /** The name the sender gave; only a label. */
  name: string;
  clientId: string;
}

/** Who sends the file: the conversation's visitor, or an agent of its site. */
export type Sender = { author: 'visitor' } | { author: 'agent'; authorId: Types.ObjectId; authorName: string };

/**
 * Files sent in conversations: checked against the site's limits by what the bytes are, images
 * cleaned of their metadata and given a thumbnail, stored, and posted as a message with the
 * attachment, so that they travel the message pipeline like any message.
 */
export class Attachments {
  constructor(
    private readonly store: ConversationStore,
    private readonly sites: SiteDirectory,
  ) {}

  async settings(siteId: Types.ObjectId | string): Promise<AttachmentSettings> {
    const { site } = await this.sites.get(siteId);
    return site.attachments ?? DEFAULT_ATTACHMENTS;
  }

  /** Stores the upload (already held to the size limit) and posts its message; a re-sent upload answers the stored message and keeps no second copy. */
  async send(conversation: Conversation, upload: Upload, sender: Sender, settings: AttachmentSettings): Promise<PostedMessage> {
    const type = await acceptedType(upload.bytes, settings);
    const name = fileName(upload.name, type);
    const stored = await this.put(conversation, upload.bytes, name, type);
    try {
      const posted = await this.store.postMessage({
        conversation,
        clientId: upload.clientId,
        text: name,
        attachment: toAttachment(stored),
        ...sender,
      });
      if (!posted.created) await removeFiles(stored);
      return posted;
    } catch (err) {
      await removeFiles(stored);
      throw err;
    }
  }

  private async put(conversation: Conversation, bytes: Buffer, name: string, type: string): Promise<StoredFile> {
    const owner = { siteId: conversation.siteId.toHexString(), conversationId: conversation._id.toHexString() };
    if (!INLINE_TYPES.has(type)) return files.put(bytes, name, { ...owner, type });
    const image = await cleanImage(bytes, type);
    const thumbnail = await files.put(image.thumbnail, `thumbnail-${name}.webp`, { ...owner, type: 'image/webp' });
    return files.put(image.bytes, name, { ...owner, type, width: image.width, height: image.height, thumbnailId: thumbnail.id });
  }
}

function toAttachment(file: StoredFile): Attachment {
  const { id, name, type, size, width, height, thumbnailId } = file;
  return { id, name, type, size, ...(width && height && { width, height }), ...(thumbnailId && { thumbnailId }) };
}

async function removeFiles(file: StoredFile): Promise<void> {
  await Promise.all([files.remove(file.id), file.thumbnailId && files.remove(file.thumbnailId)]);
}
