import { pipeline } from 'node:stream/promises';
import type { Request, Response, Router } from 'express';
import { Types } from 'mongoose';
import { type Attachment, type AttachmentSettings, type FileLinks as FileLinksBody, routes } from '../../shared/contract';
import { permissionGuard, permitted } from '../agents/guard';
import type { SessionStore } from '../agents/sessions';
import type { ConversationStore } from '../conversations/conversation-store';
import { cannedSaved } from '../conversations/canned/canned-routes';
import { toAttachment, toMessage } from '../conversations/serialize';
import { cannedResponses, type Conversation, files, type StoredCanned, type StoredFile, type StoredUser, visitors } from '../data';
import { refuseCrossSiteWrites } from '../edge/csrf';
import type { RateLimits } from '../edge/rate-limits';
import { RESPONDED, tableRouter } from '../edge/route-table';
import { visitorAuthorizer, visitorCors } from '../visitors/visitor-rest';
import { AppError } from '../errors/app-error';
import type { DomainEventPublisher } from '../events/domain-events';
import type { Clock } from '../infra/clock';
import type { SiteDirectory } from '../sites/site-directory';
import type { VisitorClaims, VisitorTokens } from '../visitors/visitor-token';
import type { Attachments, Sender } from './attachments';
import { downloadHeaders } from './download-headers';
import type { FileLinks } from './file-links';
import { acceptedType, megabytes, tooLarge } from './file-types';
import { readUpload } from './upload-body';

export interface FileRouteDeps {
  attachments: Attachments;
  links: FileLinks;
  store: ConversationStore;
  sites: SiteDirectory;
  sessions: SessionStore;
  visitorTokens: VisitorTokens;
  limits: RateLimits;
  /** The console's own origin (agent uploads must come from it; the server's own pages may upload as visitors). */
  isConsoleOrigin: (origin: string, host: string | undefined) => boolean;
  events: DomainEventPublisher;
  clock: Clock;
  /** Whether an agent of the site is online: a file that starts a conversation records it as `offline` if none is. */
  agentsOnline(siteId: string): Promise<boolean>;
}

/**
 * `/api/files`: visitors and agents send files into conversations, and fetch them: agents with their
 * session, visitors through signed, expiring links. Mounted ahead of the JSON body parser (bodies are
 * the files' bytes) and of the console's cross-site check, which the agent upload applies itself.
 */
export function fileRoutes(deps: FileRouteDeps): Router {
  const { attachments, links, store, sites, sessions, visitorTokens, limits, events, clock } = deps;
  const api = tableRouter('/api/files');
  const may = permitted(sessions);
  const allowed = permissionGuard(sessions);
  api.router.use('/visitor', visitorCors);

  const visitor = visitorAuthorizer({ visitorTokens, sites, isConsoleOrigin: deps.isConsoleOrigin });
  const linksOf = (file: Pick<Attachment, 'id' | 'thumbnailId'>): FileLinksBody => {
    const now = clock.now();
    const main = links.link(file.id, now);
    return {
      url: main.url,
      thumbnailUrl: file.thumbnailId ? links.link(file.thumbnailId, now).url : null,
      expiresAt: new Date(main.expiresAt).toISOString(),
    };
  };
  const receive = async (req: Request, siteId: Types.ObjectId | string, sender: string) => {
    await limits.upload(sender);
    const settings = await attachments.settings(siteId);
    const bytes = await readUpload(req, megabytes(settings), () => tooLarge(settings));
    return { bytes, settings };
  };

  /**
   * The visitor's open conversation; a file sent first starts one, as a first message does, once its
   * type is accepted (a refused one starts nothing; an open conversation's file is checked by `send`).
   */
  const openConversationFor = async (
    { siteId, visitorId }: VisitorClaims,
    file: Uint8Array,
    settings: AttachmentSettings,
  ): Promise<Conversation> => {
    const open = await store.findOpenConversation(new Types.ObjectId(visitorId));
    if (open) return open;
    await acceptedType(file, settings);
    const visitor = await visitors.byId(visitorId);
    if (!visitor?.siteId.equals(siteId)) throw new AppError('not_found', 'This visitor no longer exists.');
    return store.startConversation(visitor, { offline: !(await deps.agentsOnline(siteId)) });
  };

  api.bind(routes.files.visitorUpload, { authorize: visitor }, async ({ auth, query, req }) => {
    const { bytes, settings } = await receive(req, auth.siteId, auth.visitorId);
    const conversation = await openConversationFor(auth, bytes, settings);
    const posted = await attachments.send(conversation, { bytes, name: query.name }, query.clientId, { author: 'visitor' }, settings);
    const message = toMessage(posted.message);
    if (!message.attachment)
      throw new AppError('conflict', 'This message id is already used for a message without a file; send the file with a new id.');
    return { message, links: linksOf(message.attachment) };
  });

  api.bind(routes.files.visitorLinks, { authorize: visitor }, async ({ auth, params: { id } }) => {
    const file = await files.byId(id);
    const conversation = file?.conversationId ? await store.loadConversation(file.conversationId) : null;
    if (!file || !conversation?.visitorId.equals(auth.visitorId) || !conversation.siteId.equals(auth.siteId)) {
      throw new AppError('not_found', 'No such file.');
    }
    return { links: linksOf(file) };
  });

  api.bind(
    routes.files.agentUpload,
    { ...may('conversations:work'), before: [refuseCrossSiteWrites(deps.isConsoleOrigin)] },
    async ({ auth, params: { conversationId }, query, req }) => {
      const conversation = await store.requireConversation(conversationId, auth.siteId);
      if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
      const { bytes, settings } = await receive(req, auth.siteId, auth._id.toHexString());
      const posted = await attachments.send(conversation, { bytes, name: query.name }, query.clientId, agentSender(auth), settings);
      return { message: toMessage(posted.message) };
    },
  );

  api.bind(
    routes.files.sendCanned,
    { ...may('conversations:work'), before: [refuseCrossSiteWrites(deps.isConsoleOrigin)] },
    async ({ auth, params: { conversationId, shortcut }, query }) => {
      const conversation = await store.requireConversation(conversationId, auth.siteId);
      if (conversation.status !== 'open') throw new AppError('conversation_closed', 'This conversation is closed.');
      const canned = await cannedResponses.byShortcut(auth.siteId, shortcut);
      if (!canned?.attachment) throw new AppError('not_found', `/${shortcut} has no file.`);
      await limits.upload(auth._id.toHexString());
      const posted = await attachments.sendCopy(conversation, toAttachment(canned.attachment), query.clientId, agentSender(auth));
      return { message: toMessage(posted.message) };
    },
  );

  api.bind(
    routes.files.cannedAttach,
    { ...may('canned:manage'), before: [refuseCrossSiteWrites(deps.isConsoleOrigin)] },
    async ({ auth, params: { shortcut }, query, req }) => {
      if (!(await cannedResponses.byShortcut(auth.siteId, shortcut))) throw new AppError('not_found', `There is no /${shortcut}.`);
      const { bytes, settings } = await receive(req, auth.siteId, auth._id.toHexString());
      const attachment = await attachments.keep(
        { bytes, name: query.name },
        { siteId: auth.siteId.toHexString(), conversationId: null },
        settings,
      );
      return cannedSaved(events, auth.siteId, await replaceCannedFile(auth.siteId, shortcut, attachment));
    },
  );

  api.bind(
    routes.files.cannedDetach,
    { ...may('canned:manage'), before: [refuseCrossSiteWrites(deps.isConsoleOrigin)] },
    async ({ auth, params: { shortcut } }) => cannedSaved(events, auth.siteId, await replaceCannedFile(auth.siteId, shortcut, null)),
  );

  // Ahead of the download: "settings" would otherwise be taken for a file's id.
  api.bind(routes.files.settings, may('conversations:work'), async ({ auth }) => ({
    attachments: await attachments.settings(auth.siteId),
  }));

  api.bind(routes.files.download, {}, async ({ params: { id }, query, req, res }) => {
    const file = await files.byId(id);
    if (query.exp !== undefined || query.sig !== undefined) {
      const check = links.check(id, query.exp ?? '', query.sig ?? '', clock.now());
      if (check === 'invalid') throw new AppError('forbidden', 'This file link is not valid.');
      if (check === 'expired') throw new AppError('link_expired', 'This file link has expired: ask for a new one.');
    } else {
      const user = await allowed(req, 'conversations:work');
      if (file && file.siteId !== user.siteId.toHexString()) throw new AppError('not_found', 'No such file.');
    }
    if (!file) throw new AppError('not_found', 'No such file.');
    await send(file, res);
    return RESPONDED;
  });

  return api.router;
}

function agentSender(user: StoredUser): Sender {
  return { author: 'agent', authorId: user._id, authorName: user.name };
}

/** Sets or clears a canned response's file, deleting the one it replaces; the response as it is now. */
async function replaceCannedFile(siteId: Types.ObjectId, shortcut: string, attachment: Attachment | null): Promise<StoredCanned> {
  const before = await cannedResponses.setAttachment(siteId, shortcut, attachment);
  if (!before) {
    if (attachment) await files.removeWithThumbnail(attachment);
    throw new AppError('not_found', `There is no /${shortcut}.`);
  }
  if (before.attachment) await files.removeWithThumbnail(before.attachment);
  const now = await cannedResponses.byShortcut(siteId, shortcut);
  if (!now) throw new AppError('not_found', `There is no /${shortcut}.`);
  return now;
}

async function send(file: StoredFile, res: Response): Promise<void> {
  res.set(downloadHeaders(file));
  await pipeline(files.read(file.id), res);
}
