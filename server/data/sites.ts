import { Types } from 'mongoose';
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
    | 'resumePageUrl'
    | 'secret'
  >
>;

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

  async create(fields: { name: string; publicKey: string; secret: string; answerBot?: Site['answerBot'] }): Promise<Site> {
    return (await SiteModel.create(fields)).toObject<Site>();
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
