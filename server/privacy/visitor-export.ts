import type { Response } from 'express';
import { Types } from 'mongoose';
import { type VisitorRecords, visitorData } from '../data/visitor-data';

/** The format of an export file; a new field is added, never renamed. */
export const EXPORT_FORMAT = 'lifecycle-chat.visitor-export.v1';
/** The format of a file holding the export files of several visitors (a data request by email address). */
export const EXPORT_BUNDLE_FORMAT = 'lifecycle-chat.visitor-export-bundle.v1';

export type VisitorExportFile = ReturnType<typeof visitorExport>;

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

/** One file for the several visitors of a site stored with the same address: each one's export file, whole. */
export function visitorExportBundle(files: VisitorExportFile[], exportedAt: Date) {
  return { format: EXPORT_BUNDLE_FORMAT, exportedAt: exportedAt.toISOString(), visitors: files };
}

/** Answers an export file as a download that no cache keeps. */
export function sendExportFile(res: Response, fileName: string, file: unknown): void {
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Disposition', `attachment; filename="${fileName}"`);
  res.type('application/json; charset=utf-8');
  res.send(JSON.stringify(file, null, 2));
}

/** The export file of the site's visitor, or null when the site stores no such visitor (any more) or is erasing them. */
export async function exportFileOf(siteId: string, visitorId: string, exportedAt: Date): Promise<VisitorExportFile | null> {
  const site = new Types.ObjectId(siteId);
  const visitor = await visitorData.ofSite(site, visitorId);
  if (!visitor || (await visitorData.isErasing(visitorId))) return null;
  return visitorExport(await visitorData.gather(site, visitor._id), exportedAt);
}
