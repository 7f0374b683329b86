import { setTimeout as sleep } from 'node:timers/promises';
import type { Types } from 'mongoose';
import type { RetentionSettings } from '../../shared/contract/settings';
import {
  FAMILIES,
  analyticsDays,
  auditEntries,
  conversations,
  openConversations,
  retention,
  retentionCursors,
  visitors,
  type Conversation,
  type RetainingSite,
  type RetentionWalk,
  type Visitor,
} from '../data';
import type { Logger } from '../infra/logger';
import { auditDaysOf, cutoffDay, nextDay, retentionOf, visitorDue, visitorExpired } from './retention-rules';

/** Records read and deleted per step; the pass pauses between steps. */
const STEP = 200;
/** A visitor with more conversations than this is kept (never the case in practice; bounds the read). */
const MAX_CONVERSATIONS_PER_VISITOR = 1_000;

export interface RetentionDeps {
  /** Drops what Redis keeps of a deleted conversation / visitor. */
  forgetConversation(conversation: Pick<Conversation, '_id' | 'visitorId'>): Promise<void>;
  forgetVisitor(visitorId: Types.ObjectId): Promise<void>;
  /** Runs `work` while no analytics flush runs; null when one kept running (the next pass rolls up). */
  whileNotFlushing<T>(work: () => Promise<T>): Promise<T | null>;
  log: Logger;
  /** Between steps, so the chat's own reads and writes go first. */
  pauseMs: number;
}

export interface RetentionCounts {
  conversations: number;
  visitors: number;
  /** Analytics day documents rolled into their months. */
  analyticsDays: number;
  auditEntries: number;
}

const none = (): RetentionCounts => ({ conversations: 0, visitors: 0, analyticsDays: 0, auditEntries: 0 });

/**
 * One retention pass over every site. Each kind is walked by its day buckets — closed conversations
 * by `closedDay`, visitors by `lastSeenDay`, analytics and audit entries by day — from the site's cursor up to its
 * cutoff, every read an indexed equality on one day; the cursor moves past a day once it is done, so
 * an interrupted pass goes on where it stopped and a repeated one finds nothing more.
 */
export class RetentionPass {
  constructor(private readonly deps: RetentionDeps) {}

  async runOnce(now = new Date()): Promise<RetentionCounts> {
    const total = none();
    for (const site of await retention.sites()) {
      try {
        const counts = await this.site(site, now);
        for (const key of Object.keys(total) as Array<keyof RetentionCounts>) total[key] += counts[key];
      } catch (err) {
        this.deps.log.warn(
          { err, siteId: site._id.toHexString() },
          'retention: a site’s pass failed; the next pass goes on from where it stopped',
        );
      }
    }
    if (Object.values(total).some((n) => n > 0)) this.deps.log.info(total, 'retention pass done');
    return total;
  }

  private async site(site: RetainingSite, now: Date): Promise<RetentionCounts> {
    const settings = retentionOf(site);
    const counts = none();
    const { conversationDays, visitorDays, analyticsDailyDays } = settings;
    if (conversationDays !== null) {
      await this.walk(site, 'conversations', cutoffDay(now, conversationDays), (day) =>
        this.inSteps(
          (after) => retention.closedOn(site._id, day, after, STEP),
          async (conversation) => {
            await this.removeConversation(conversation, counts);
            // Its visitor's own day may be walked already: they go now if nothing else keeps them.
            if (visitorDays !== null) await this.removeVisitorIfDue(await visitors.byId(conversation.visitorId), settings, now, counts);
          },
        ),
      );
    }
    if (visitorDays !== null) {
      await this.walk(site, 'visitors', cutoffDay(now, visitorDays), (day) =>
        this.inSteps(
          (after) => retention.lastSeenOn(site._id, day, after, STEP),
          (visitor) => this.removeVisitorIfDue(visitor, settings, now, counts),
        ),
      );
    }
    const siteId = site._id.toHexString();
    await this.walk(site, 'analytics', cutoffDay(now, analyticsDailyDays), (day) =>
      this.deps.whileNotFlushing(async () => {
        for (const family of FAMILIES) if (await analyticsDays.rollUp(family, siteId, day)) counts.analyticsDays += 1;
        return true;
      }),
    );
    await this.walk(site, 'audit', cutoffDay(now, auditDaysOf(settings)), async (day) => {
      counts.auditEntries += await auditEntries.removeDay(site._id, day);
    });
    return counts;
  }

  /**
   * Purges the site's days of one kind from its cursor up to `cutoff` (excluded), moving the cursor
   * past each day done; stops early when `purgeDay` answers null (try again next pass) or a bulk
   * import moved the cursor back meanwhile.
   */
  private async walk(site: RetainingSite, walk: RetentionWalk, cutoff: string, purgeDay: (day: string) => Promise<unknown>): Promise<void> {
    for (let day = await retentionCursors.nextDay(site, walk); day < cutoff; day = nextDay(day)) {
      if ((await purgeDay(day)) === null) return;
      if (!(await retentionCursors.move(site, walk, day, nextDay(day)))) return;
    }
  }

  /** Runs `each` over a bucket read `STEP` records at a time, in id order, pausing between steps. */
  private async inSteps<T extends { _id: Types.ObjectId }>(
    page: (after: Types.ObjectId | null) => Promise<T[]>,
    each: (record: T) => Promise<void>,
  ): Promise<void> {
    for (let after: Types.ObjectId | null = null; ; ) {
      const records = await page(after);
      for (const record of records) await each(record);
      if (records.length > 0) await sleep(this.deps.pauseMs);
      if (records.length < STEP) return;
      after = records.at(-1)!._id;
    }
  }

  private async removeConversation(conversation: Conversation, counts: RetentionCounts): Promise<void> {
    await retention.removeConversation(conversation);
    await this.deps.forgetConversation(conversation);
    counts.conversations += 1;
  }

  /**
   * Deletes the visitor when due (see `visitorDue`): their conversations, all due, go first; the
   * visitor then goes inside their record lock, checked again on the record as it is then.
   */
  private async removeVisitorIfDue(
    visitor: Visitor | null,
    settings: RetentionSettings,
    now: Date,
    counts: RetentionCounts,
  ): Promise<void> {
    if (!visitor || !visitorExpired(visitor, settings, now)) return;
    const theirs = async () => {
      const list = await conversations.ofVisitor(visitor._id, MAX_CONVERSATIONS_PER_VISITOR);
      const openClaim = list.length >= MAX_CONVERSATIONS_PER_VISITOR || (await openConversations.of(visitor._id)) !== null;
      return { openClaim, conversations: list };
    };
    const before = await theirs();
    if (!visitorDue(visitor, before, settings, now)) return;
    for (const conversation of before.conversations) await this.removeConversation(conversation, counts);
    if (await retention.removeVisitor(visitor._id, async (current) => visitorDue(current, await theirs(), settings, now))) {
      await this.deps.forgetVisitor(visitor._id);
      counts.visitors += 1;
    }
  }
}
