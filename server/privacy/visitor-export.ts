import type { VisitorRecords } from '../data/visitor-data';

/** The format of an export file; a new field is added, never renamed. */
export const EXPORT_FORMAT = 'lifecycle-chat.visitor-export.v1';

/**
 * The export file of one visitor: every record stored about them, as stored, and their lifecycle
 * timeline (stage changes, self-service signals, votes) in time order. Files are listed by their
 * metadata; their bytes stay downloadable from the conversation.
 */
export function visitorExport(records: VisitorRecords, exportedAt: Date) {
  const { visitor, signals, votes, ...rest } = records;
  const stageHistory = (visitor?.stageHistory as unknown[] | undefined) ?? [];
  return {
    format: EXPORT_FORMAT,
    exportedAt: exportedAt.toISOString(),
    visitor,
    ...rest,
    timeline: { stages: stageHistory, signals, votes },
  };
}
