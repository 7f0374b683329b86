import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../infra/clock';

/** A page of stored mails, newest first: file names and the raw messages. */
export interface OutboxPage {
  total: number;
  files: Array<{ id: string; raw: Buffer }>;
}

const FILE = /^\d{15}-[0-9a-f]{8}\.eml$/;
/** The newest mails kept per site; writing one more deletes the oldest. */
const OUTBOX_KEPT_PER_SITE = 1000;

/**
 * `DATA_DIR/outbox/<site id>/<epoch ms>-<random>.eml`: the mails a deployment without SMTP would
 * have sent, one folder per site (an admin lists their own site's), named so that names sort by time;
 * the newest `OUTBOX_KEPT_PER_SITE` of each site are kept.
 */
export class Outbox {
  constructor(
    private readonly dir: string,
    private readonly clock: Clock,
    private readonly keep = OUTBOX_KEPT_PER_SITE,
  ) {}

  async write(siteId: string, raw: Buffer): Promise<string> {
    const folder = this.folder(siteId);
    await mkdir(folder, { recursive: true });
    const id = `${String(this.clock.now()).padStart(15, '0')}-${randomBytes(4).toString('hex')}.eml`;
    await writeFile(join(folder, id), raw, { mode: 0o600 });
    const oldestFirst = (await this.names(folder)).reverse();
    await Promise.all(oldestFirst.slice(0, -this.keep).map((name) => rm(join(folder, name), { force: true })));
    return id;
  }

  /** Page `page` (from 0) of `size` mails of the site, newest first. */
  async page(siteId: string, page: number, size: number): Promise<OutboxPage> {
    const folder = this.folder(siteId);
    const mails = await this.names(folder);
    const chosen = mails.slice(page * size, (page + 1) * size);
    return { total: mails.length, files: await Promise.all(chosen.map(async (id) => ({ id, raw: await readFile(join(folder, id)) }))) };
  }

  /** The folder's mails, newest first. */
  private async names(folder: string): Promise<string[]> {
    const names = await readdir(folder).catch((err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') return [];
      throw err;
    });
    return names.filter((name) => FILE.test(name)).sort((a, b) => b.localeCompare(a));
  }

  private folder(siteId: string): string {
    if (!/^[0-9a-f]{24}$/.test(siteId)) throw new Error(`not a site id: ${siteId}`);
    return join(this.dir, siteId);
  }
}
