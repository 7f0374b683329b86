import { Readable } from 'node:stream';
import { GridFSBucket, ObjectId } from 'mongodb';
import mongoose from 'mongoose';

const BUCKET = 'files';
/** 255 KiB, GridFS's default: a 10 MB file is about 40 chunk documents. */
const CHUNK_BYTES = 255 * 1024;

/** What is stored beside a file's bytes. */
export interface FileMetadata {
  siteId: string;
  /** Null for a canned response's file (copied into each conversation it is sent to). */
  conversationId: string | null;
  /** What the bytes are (read from them), the Content-Type it is served with. */
  type: string;
  width?: number;
  height?: number;
  /** The preview of an image, itself a stored file. */
  thumbnailId?: string;
}

export interface StoredFile extends FileMetadata {
  id: string;
  name: string;
  size: number;
}

interface FileDocument {
  _id: ObjectId;
  filename: string;
  length: number;
  metadata: FileMetadata;
}

function bucket(): GridFSBucket {
  const db = mongoose.connection.db;
  if (!db) throw new Error('not connected');
  return new GridFSBucket(db, { bucketName: BUCKET, chunkSizeBytes: CHUNK_BYTES });
}

/** A file id from a client, or null when it cannot be one. */
function fileId(id: string): ObjectId | null {
  return /^[0-9a-f]{24}$/.test(id) ? new ObjectId(id) : null;
}

/**
 * Files sent in conversations, in the database's GridFS (`files.files`, `files.chunks`), so every
 * server process of a deployment serves every file. Found by `_id`, and by conversation when retention deletes them.
 */
export const files = {
  /** Stores the bytes under a new id. */
  async put(bytes: Buffer, name: string, metadata: FileMetadata): Promise<StoredFile> {
    const upload = bucket().openUploadStream(name, { metadata });
    await new Promise<void>((resolve, reject) => {
      Readable.from([bytes]).pipe(upload).once('finish', resolve).once('error', reject);
    });
    return { id: upload.id.toHexString(), name, size: bytes.length, ...metadata };
  },

  async byId(id: string): Promise<StoredFile | null> {
    const _id = fileId(id);
    if (!_id) return null;
    const doc = await mongoose.connection.db?.collection<FileDocument>(`${BUCKET}.files`).findOne({ _id });
    return doc ? { id, name: doc.filename, size: doc.length, ...doc.metadata } : null;
  },

  /** The stored bytes, as a stream. */
  read(id: string): Readable {
    const _id = fileId(id);
    if (!_id) throw new Error(`not a file id: ${id}`);
    return bucket().openDownloadStream(_id);
  },

  /** Deletes a file and its chunks; a missing file is no error. */
  async remove(id: string): Promise<void> {
    const _id = fileId(id);
    if (!_id) return;
    await bucket()
      .delete(_id)
      .catch((err: unknown) => {
        if (!(err instanceof Error && /File not found/i.test(err.message))) throw err;
      });
  },

  /** Deletes a file and its thumbnail, if it has one. */
  async removeWithThumbnail(file: { id: string; thumbnailId?: string | null }): Promise<void> {
    await Promise.all([files.remove(file.id), file.thumbnailId && files.remove(file.thumbnailId)]);
  },

  /** Deletes every file of a conversation (retention), one by one: a file is its document and its chunks. */
  async removeOfConversation(conversationId: string): Promise<void> {
    const stored = await mongoose.connection.db
      ?.collection<FileDocument>(`${BUCKET}.files`)
      .find({ 'metadata.conversationId': conversationId }, { projection: { _id: 1 } })
      .toArray();
    for (const { _id } of stored ?? []) await files.remove(_id.toHexString());
  },

  /**
   * Creates GridFS's indexes up front (the driver would on a first upload): the embedded database may
   * answer two processes creating indexes at once with a deadlock, so connecting creates them, one by one.
   */
  async ensureIndexes(collections: ReadonlySet<string>): Promise<void> {
    const db = mongoose.connection.db;
    if (!db) throw new Error('not connected');
    const declared: Array<{ collection: string; keys: Record<string, 1>; unique?: true }> = [
      { collection: `${BUCKET}.files`, keys: { filename: 1, uploadDate: 1 } },
      { collection: `${BUCKET}.files`, keys: { 'metadata.conversationId': 1 } },
      { collection: `${BUCKET}.chunks`, keys: { files_id: 1, n: 1 }, unique: true },
    ];
    for (const { collection, keys, unique } of declared) {
      // Only when missing (see openDatabase): the driver names an index by its keys and directions.
      const name = Object.entries(keys).flat().join('_');
      if (collections.has(collection) && (await db.collection(collection).indexExists(name))) continue;
      await db.collection(collection).createIndex(keys, unique ? { unique } : {});
    }
  },
};
