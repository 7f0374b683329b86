import { Schema, type Types, model } from 'mongoose';
import type { KbLocaleCode } from '../../../shared/kb/locales';
import { KB_LOCALES } from '../../../shared/kb/locales';

/** What visitors see: a frozen copy of the working content, rendered and reduced to text once, on publish. */
const publishedSchema = new Schema(
  {
    title: { type: String, required: true },
    body: { type: String, default: '' },
    html: { type: String, default: '' },
    /** Plain text of the body: what the search index takes, without parsing Markdown again. */
    text: { type: String, default: '' },
    excerpt: { type: String, default: '' },
    category: { type: String, required: true },
    tags: { type: [String], default: [] },
    /** The history entry that published this content. */
    revision: { type: Number, required: true },
    publishedAt: { type: Date, required: true },
  },
  { _id: false },
);

const articleSchema = new Schema(
  {
    siteId: { type: Schema.Types.ObjectId, required: true },
    /** Shared by the translations of one article. */
    key: { type: String, required: true },
    locale: { type: String, enum: KB_LOCALES, required: true },
    // The working copy: what editors and agents edit.
    title: { type: String, required: true },
    body: { type: String, default: '' },
    category: { type: String, required: true },
    tags: { type: [String], default: [] },
    /** Number of the latest history entry; also orders index changes across processes. */
    revision: { type: Number, required: true },
    updatedById: { type: Schema.Types.ObjectId, default: null },
    updatedByName: { type: String, required: true },
    published: { type: publishedSchema, default: null },
  },
  { timestamps: true },
);
articleSchema.index({ siteId: 1, locale: 1 });
articleSchema.index({ siteId: 1, key: 1, locale: 1 }, { unique: true });

export interface ArticleContent {
  title: string;
  body: string;
  category: string;
  tags: string[];
}

export interface PublishedContent extends ArticleContent {
  html: string;
  text: string;
  excerpt: string;
  revision: number;
  publishedAt: Date;
}

export interface StoredArticle extends ArticleContent {
  _id: Types.ObjectId;
  siteId: Types.ObjectId;
  key: string;
  locale: KbLocaleCode;
  revision: number;
  updatedById: Types.ObjectId | null;
  updatedByName: string;
  published: PublishedContent | null;
  createdAt: Date;
  updatedAt: Date;
}

export const ArticleModel = model('KbArticle', articleSchema);
