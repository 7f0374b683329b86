import { Schema, model } from 'mongoose';

/**
 * How far retention has walked one site's day buckets of one kind: `_id` `<site id>:<walk>`,
 * `nextDay` the oldest day (`YYYY-MM-DD`) not yet purged. Read and written by `_id` alone.
 */
export interface RetentionCursor {
  _id: string;
  nextDay: string;
}

export const RetentionCursorModel = model<RetentionCursor>(
  'RetentionCursor',
  new Schema<RetentionCursor>(
    { _id: { type: String, required: true }, nextDay: { type: String, required: true } },
    { collection: 'retention_cursors', versionKey: false },
  ),
);
