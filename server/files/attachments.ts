import { buffer } from 'node:stream/consumers';
import type { Types } from 'mongoose';
import { type Attachment, type AttachmentSettings, DEFAULT_ATTACHMENTS } from '../../shared/contract';
import { type Conversation, type FileMetadata, files, type StoredFile } from '../data';
import type { ConversationStore, PostedMessage } from '../conversations/conversation-store';
import type { SiteDirectory } from '../sites/site-directory';
import { acceptedType, fileName, INLINE_TYPES } from './file-types';
import { cleanImage } from './images';

export interface Upload {
  bytes: Buffer;
  /** The name the sender gave; only a label. */
  name: string;
}

/** Who sends the file: the conversation's visitor, or an agent of its site. */
export type Sender = { author: 'visitor' } | { author: 'agent'; authorId: Types.ObjectId; authorName: string };

type Owner = Pick<FileMetadata, 'siteId' | 'conversationId'>;

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

  /** Checks and stores a file (already held to the size limit) for `owner`: a conversation, or the site's canned responses. */
  async keep(upload: Upload, owner: Owner, settings: AttachmentSettings): Promise<Attachment> {
    const type = await acceptedType(upload.bytes, settings);
    const name = fileName(upload.name, type);
    if (!INLINE_TYPES.has(type)) return toAttachment(await files.put(upload.bytes, name, { ...owner, type }));
    const image = await cleanImage(upload.bytes, type);
    const thumbnail = await files.put(image.thumbnail, `thumbnail-${name}.webp`, { ...owner, type: 'image/webp' });
    const stored = await files.put(image.bytes, name, {
      ...owner,
      type,
      width: image.width,
      height: image.height,
      thumbnailId: thumbnail.id,
    });
    return toAttachment(stored);
  }

  /** Stores the upload and posts its message; a re-sent upload (same client id) answers the stored message and keeps no second copy. */
  async send(
    conversation: Conversation,
    upload: Upload,
    clientId: string,
    sender: Sender,
    settings: AttachmentSettings,
  ): Promise<PostedMessage> {
    const owner = { siteId: conversation.siteId.toHexString(), conversationId: conversation._id.toHexString() };
    const attachment = await this.keep(upload, owner, settings);
    try {
      const posted = await this.store.postMessage({ conversation, clientId, text: attachment.name, attachment, ...sender });
      if (!posted.created) await files.removeWithThumbnail(attachment);
      return posted;
    } catch (err) {
      await files.removeWithThumbnail(attachment);
      throw err;
    }
  }

  /** Sends a copy of a stored file (a canned response's) into the conversation, so the conversation owns and retains its own. */
  async sendCopy(conversation: Conversation, file: Attachment, clientId: string, sender: Sender): Promise<PostedMessage> {
    const bytes = await buffer(files.read(file.id));
    return this.send(conversation, { bytes, name: file.name }, clientId, sender, await this.settings(conversation.siteId));
  }
}

function toAttachment(file: StoredFile): Attachment {
  const { id, name, type, size, width, height, thumbnailId } = file;
  return { id, name, type, size, ...(width && height && { width, height }), ...(thumbnailId && { thumbnailId }) };
}
