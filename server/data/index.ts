// The data layer: the only code that knows the database. Domain code calls these by what they mean.
export { accounts, type StoredUser, type UserChanges } from './accounts';
export {
  analyticsDays,
  analyticsMonths,
  monthOf,
  stagesReached,
  FAMILIES,
  dayDocId,
  type AnalyticsDay,
  type AnalyticsMonth,
  type DayRange,
  type Family,
  type Row,
} from './analytics';
export { auditEntries, type AuditDayFilter, type StoredAuditEntry } from './audit-entries';
export { connectData, databaseConnected, pingDatabase, type DataHandle } from './connection';
export {
  cannedResponses,
  conversations,
  csatRatings,
  notes,
  openConversations,
  type Conversation,
  type ConversationChange,
  type StoredCanned,
  type StoredNote,
} from './conversations';
export { toExtendedJson, fromExtendedJson } from './extended-json';
export { files, type FileMetadata, type StoredFile } from './files';
export { isDatabaseUnreachable } from './errors';
export {
  articles,
  kbDemoSeeds,
  kbSignals,
  revisions,
  type ArticleContent,
  type PublishedContent,
  type SignalType,
  type StoredArticle,
  type StoredSignal,
  type StoredRevision,
} from './knowledge-base';
export { kbGaps, type StoredGap } from './kb-gaps';
export { kbPhrasings, type ArticlePhrasingsRecord } from './kb-phrasings';
export { messages, type StoredMessage } from './messages';
export { runMigrations } from './migrations';
export { retention, retentionCursors, type RetainingSite, type RetentionWalk } from './retention';
export { orders } from './orders';
export { sites, type Site, type SiteChanges } from './sites';
export { visitors, type Visitor, type VisitorChange, type VisitorUpdate } from './visitors';
