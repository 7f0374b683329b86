import type { Types } from 'mongoose';
import { RESUME_PARAM } from '../../shared/contract/constants';
import type { SiteDirectory } from '../sites/site-directory';
import type { ResumeTokens } from './resume-tokens';

/** Where the server hosts its conversation page (for sites without a resume page of their own). */
export const HOSTED_PAGE_PATH = '/conversation';

type Id = string | Types.ObjectId;

/** What a link needs of a conversation: the conversation document of `server/data` has it. */
export interface LinkedConversation {
  _id: Id;
  siteId: Id;
  visitorId: Id;
}

/**
 * Builds "continue the conversation" links: the site's resume page when it has set one
 * (`SiteSettings.resumePageUrl`), otherwise this server's hosted conversation page, with a fresh
 * single-use token for that conversation.
 */
export class ResumeLinks {
  constructor(
    private readonly tokens: ResumeTokens,
    private readonly sites: SiteDirectory,
    /** This server's public address (`PUBLIC_URL`, or the address it listens on). */
    private readonly serverUrl: () => string,
  ) {}

  async link(conversation: LinkedConversation, now: number): Promise<string> {
    const siteId = conversation.siteId.toString();
    const { site } = await this.sites.get(siteId);
    const token = await this.tokens.sign(
      { siteId, conversationId: conversation._id.toString(), visitorId: conversation.visitorId.toString() },
      now,
    );
    const url = new URL(site.resumePageUrl ?? `${this.serverUrl()}${HOSTED_PAGE_PATH}`);
    url.searchParams.set(RESUME_PARAM, token);
    return url.toString();
  }
}
