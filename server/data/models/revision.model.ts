import { Schema, type Types, model } from 'mongoose';
import { KbRevisionAction } from '../../../shared/contract/kb';
import type { ArticleContent } from './article.model';

/** One entry of an article's history. The unique (article, number) index orders concurrent saves. */
const revisionSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    articleId: { type: Schema.Types.ObjectId, required: true },
    number: { type: Number, required: true },
    action: { type: String, enum: KbRevisionAction.options, required: true },
    changed: { type: [String], default: [] },
    restoredFrom: { type: Number, default: null },
    title: { type: String, required: true },
    body: { type: String, default: '' },
    category: { type: String, required: true },
    tags: { type: [String], default: [] },
    authorId: { type: Schema.Types.ObjectId, default: null },
    authorName: { type: String, required: true },
  },
  { timestamps: { createdAt: true, updatedAt: false } },
);
revisionSchema.index({ articleId: 1, number: 1 }, { unique: true });

export interface StoredRevision extends ArticleContent {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  articleId: Types.ObjectId;
  number: number;
  action: KbRevisionAction;
  changed: Array<keyof ArticleContent>;
  restoredFrom: number | null;
  authorId: Types.ObjectId | null;
  authorName: string;
  createdAt: Date;
}

export const RevisionModel = model('KbRevision', revisionSchema);
