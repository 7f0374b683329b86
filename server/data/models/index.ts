// Every model, so that connecting creates every collection's declared indexes.
export { AnalyticsReachedModel, DAY_MODELS } from './analytics-day.model';
export { AnalyticsMonthModel } from './analytics-month.model';
export { ArticleModel } from './article.model';
export { CannedModel } from './canned.model';
export { ConversationModel } from './conversation.model';
export { CsatModel } from './csat.model';
export { KbDemoSeedModel } from './kb-demo-seed.model';
export { MessageModel } from './message.model';
export { MigrationModel } from './migration.model';
export { NoteModel } from './note.model';
export { OpenConversationModel } from './open-conversation.model';
export { OrderModel } from './order.model';
export { RetentionCursorModel } from './retention-cursor.model';
export { RevisionModel } from './revision.model';
export { SignalModel, VoteModel } from './signal.model';
export { SiteModel } from './site.model';
export { UserModel } from './user.model';
export { VisitorModel } from './visitor.model';
