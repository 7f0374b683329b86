import { Schema } from 'mongoose';

/** `Attachment`: a stored file as a message or a canned response names it (the bytes are in GridFS, see data/files.ts). */
export const attachmentSchema = new Schema(
  {
    id: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, required: true },
    size: { type: Number, required: true },
    width: { type: Number },
    height: { type: Number },
    thumbnailId: { type: String },
  },
  { _id: false },
);
