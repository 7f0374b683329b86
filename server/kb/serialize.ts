import type { KbArticle, KbArticleSummary, KbGapGroup, KbLearnedPhrasing, KbPublicArticle, KbRevision } from '../../shared/contract/kb';
import type { StoredArticle, StoredRevision } from '../data';
import { changedFields } from './article-store';
import type { GapGroup } from './gaps/group-gaps';
import { type LearnedPhrasing, netWeight } from './learning/phrasings';
import { renderMarkdown } from './markdown';

const person = (id: { toHexString(): string } | null, name: string) => ({ id: id?.toHexString() ?? 'system', name });

export function toArticleSummary(article: StoredArticle): KbArticleSummary {
  return {
    id: article._id.toHexString(),
    key: article.key,
    locale: article.locale,
    title: article.title,
    category: article.category,
    tags: article.tags,
    status: article.published ? 'published' : 'draft',
    revision: article.revision,
    publishedRevision: article.published?.revision ?? null,
    hasUnpublishedChanges: article.published ? changedFields(article.published, article).length > 0 : false,
    updatedAt: article.updatedAt.toISOString(),
    updatedBy: person(article.updatedById, article.updatedByName),
    publishedAt: article.published?.publishedAt.toISOString() ?? null,
  };
}

/** The working copy for the editor, with its preview rendered by the same sanitizer visitors get. */
export function toArticle(article: StoredArticle): KbArticle {
  return { ...toArticleSummary(article), body: article.body, html: renderMarkdown(article.body) };
}

/** The published copy for visitors; callers make sure `published` is set. */
export function toPublicArticle(article: StoredArticle & { published: NonNullable<StoredArticle['published']> }): KbPublicArticle {
  const { published } = article;
  return {
    id: article._id.toHexString(),
    title: published.title,
    html: published.html,
    excerpt: published.excerpt,
    category: published.category,
    tags: published.tags,
    locale: article.locale,
    updatedAt: published.publishedAt.toISOString(),
  };
}

export function toRevision(revision: StoredRevision): KbRevision {
  return {
    id: revision._id.toHexString(),
    number: revision.number,
    action: revision.action,
    changed: revision.changed,
    restoredFrom: revision.restoredFrom,
    title: revision.title,
    body: revision.body,
    category: revision.category,
    tags: revision.tags,
    author: person(revision.authorId, revision.authorName),
    createdAt: revision.createdAt.toISOString(),
  };
}

/** A learned phrasing as editors see it: indexed (searched) only while its net weight is above zero. */
export function toLearnedPhrasing(p: LearnedPhrasing): KbLearnedPhrasing {
  return {
    key: p.key,
    text: p.text,
    source: p.source,
    counts: { insert: p.counts.insert, helped: p.counts.helped, handoff: p.counts.handoff },
    lastAt: new Date(p.lastAt).toISOString(),
    indexed: netWeight(p) > 0,
  };
}

export function toGapGroup(group: GapGroup): KbGapGroup {
  return {
    key: group.key,
    locale: group.locale,
    label: group.label,
    count: group.count,
    lastAt: new Date(group.lastAt).toISOString(),
    samples: group.samples.map((s) => ({ text: s.text, at: new Date(s.at).toISOString() })),
    questionIds: group.questionIds,
  };
}
