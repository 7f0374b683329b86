// Signed addresses of the conversation's files: they expire, so each is asked for again (visitor
// token as Bearer) once it is about to, and kept meanwhile so a re-render asks for nothing.
import type { FileLinks, FileLinksResponse } from '../../../shared/contract';
import { endpoints, routePath } from '../../../shared/contract/endpoints';
import type { SessionParts } from '../chat-session';
import { serverUrl } from '../server-url';
import { bearer } from '../bearer';

/** A link this close to its expiry is asked for anew: it could expire before the browser follows it. */
const MARGIN_MS = 60_000;
const known = new Map<string, FileLinks>();

export function remember(fileId: string, links: FileLinks): void {
  known.set(fileId, links);
}

/** Whether the links will still work for a while. */
export function fresh(links: FileLinks | null | undefined): links is FileLinks {
  return !!links && Date.parse(links.expiresAt) - MARGIN_MS > Date.now();
}

/** The file's links: the ones kept while fresh, else new ones from the server. Rejects when the file is gone or the server unreachable. */
export async function linksOf(files: SessionParts, fileId: string): Promise<FileLinks> {
  const kept = known.get(fileId);
  if (fresh(kept)) return kept;
  const response = await fetch(serverUrl(routePath(endpoints.files.visitorLinks.path, { id: fileId })), {
    headers: { Authorization: bearer(files.deps.store) },
  });
  if (!response.ok) throw new Error(`file links: HTTP ${response.status}`);
  const { links } = (await response.json()) as FileLinksResponse;
  remember(fileId, links);
  return links;
}
