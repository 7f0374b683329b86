import { Types } from 'mongoose';
import { insertOnce } from './insert-once';
import { SiteModel, type Site } from './models/site.model';

export type { Site };

/** Everything an admin may change on a site (`SiteSettings`, stored as sent). */
export type SiteChanges = Partial<
  Pick<
    Site,
    | 'name'
    | 'greeting'
    | 'allowedOrigins'
    | 'locale'
    | 'locales'
    | 'lifecycle'
    | 'businessHours'
    | 'proactiveMessages'
    | 'autoAwayMinutes'
    | 'unansweredEmailMinutes'
    | 'retention'
    | 'mail'
    | 'continuity'
    | 'answerBot'
    | 'attachments'
    | 'branding'
    | 'privacy'
    | 'resumePageUrl'
    | 'secret'
  >
>;

/**
 * The demo site's id, the same in every deployment: processes starting at once on an empty database
 * each insert the demo site, and the unique `_id` lets exactly one of those inserts through.
 */
const DEMO_SITE_ID = new Types.ObjectId('000000000000000000000001');

export const sites = {
  async byId(id: string | Types.ObjectId): Promise<Site | null> {
    return Types.ObjectId.isValid(id) ? SiteModel.findById(id).lean<Site>() : null;
  },

  /** The site a widget or webhook names by its public key (unique). */
  async byPublicKey(publicKey: string): Promise<Site | null> {
    return SiteModel.findOne({ publicKey: String(publicKey) }).lean<Site>();
  },

  /** Every site (a deployment has few): start-up checks their stored settings. */
  async all(): Promise<Site[]> {
    return SiteModel.find().lean<Site[]>();
  },

  /** The first site created (the demo site of a fresh deployment). */
  async first(): Promise<Site | null> {
    return SiteModel.findOne().sort({ createdAt: 1 }).lean<Site>();
  },

  /** Inserts the demo site, or answers the one another process inserted first. */
  async createDemo(fields: { name: string; publicKey: string; secret: string; answerBot: Site['answerBot'] }): Promise<Site> {
    const inserted = await insertOnce<Site>(SiteModel, { _id: DEMO_SITE_ID, ...fields });
    return inserted ?? (await SiteModel.findById(DEMO_SITE_ID).orFail().lean<Site>());
  },

  /** False when there is no such site. */
  async update(id: Types.ObjectId, changes: SiteChanges): Promise<boolean> {
    return (await SiteModel.updateOne({ _id: id }, { $set: changes })).matchedCount > 0;
  },

  /** Every site's continuity settings (the auto-close job, a background job); null: the defaults. */
  async continuitySettings(): Promise<Array<{ _id: Types.ObjectId; continuity?: Site['continuity'] }>> {
    return SiteModel.find({}).select({ continuity: 1 }).lean<Array<{ _id: Types.ObjectId; continuity?: Site['continuity'] }>>();
  },

  /** Every site's inactivity setting (the auto-away sweep, a background job). */
  async autoAwaySettings(): Promise<Array<{ _id: Types.ObjectId; autoAwayMinutes?: number }>> {
    return SiteModel.find({}).select({ autoAwayMinutes: 1 }).lean<Array<{ _id: Types.ObjectId; autoAwayMinutes?: number }>>();
  },
};
