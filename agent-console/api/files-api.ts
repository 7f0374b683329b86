import { createRestClient, routeUrl } from '../../shared/client/rest-client';
import type { AttachmentSettings, CannedResponse, Message } from '../../shared/contract';
import { endpoints } from '../../shared/contract/endpoints';
import { type UploadRequest, uploadFile } from './upload-request';

type Progress = (sent: number, total: number) => void;

/** Files over REST (same origin, session cookie): sending them into conversations and onto canned responses. */
export interface FilesApi {
  settings(): Promise<AttachmentSettings>;
  upload(conversationId: string, file: File, clientId: string, onProgress: Progress): UploadRequest<{ message: Message }>;
  sendCanned(conversationId: string, shortcut: string, clientId: string): Promise<Message>;
  attachToCanned(shortcut: string, file: File, onProgress: Progress): UploadRequest<{ response: CannedResponse }>;
  detachFromCanned(shortcut: string): Promise<CannedResponse>;
}

export function createFilesApi(): FilesApi {
  const rest = createRestClient();
  return {
    settings: async () => (await rest.call(endpoints.files.settings)).attachments,
    upload: (conversationId, file, clientId, onProgress) =>
      uploadFile(endpoints.files.agentUpload, { params: { conversationId }, query: { name: file.name, clientId } }, file, onProgress),
    sendCanned: async (conversationId, shortcut, clientId) =>
      (await rest.call(endpoints.files.sendCanned, { params: { conversationId, shortcut }, query: { clientId } })).message,
    attachToCanned: (shortcut, file, onProgress) =>
      uploadFile(endpoints.files.cannedAttach, { params: { shortcut }, query: { name: file.name } }, file, onProgress),
    detachFromCanned: async (shortcut) => (await rest.call(endpoints.files.cannedDetach, { params: { shortcut } })).response,
  };
}

/** Where the signed-in agent fetches a stored file (or its thumbnail) with the session cookie. */
export function fileUrl(id: string): string {
  return routeUrl(endpoints.files.download, { params: { id } });
}
