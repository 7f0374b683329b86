import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it, inject } from 'vitest';
import { accounts, sites } from '../../server/data';
import { connectData, type DataHandle } from '../../server/data/connection';
import { createLogger } from '../../server/infra/logger';
import { ensureDemoSite } from '../../server/sites/first-run';

// Server processes of one deployment that start at once on an empty database each run the first-run
// step; the calls below race the same way (every read answers before any insert).

const STARTS_AT_ONCE = 4;
const ADMIN = { adminEmail: 'first-run@example.com', adminPassword: 'first-run-password-1', answerBot: false };

let data: DataHandle;

beforeAll(async () => {
  const dbName = `test_${randomBytes(6).toString('hex')}`;
  data = await connectData({
    mongoUri: `${inject('mongoUri').replace(/\/$/, '')}/${dbName}`,
    redisUrl: inject('redisUrl'),
    redisPrefix: dbName,
    log: createLogger('silent'),
  });
});

afterAll(async () => {
  await data?.close();
});

it('creates one demo site and one admin when several processes start at once on an empty database', async () => {
  const results = await Promise.all(Array.from({ length: STARTS_AT_ONCE }, () => ensureDemoSite(ADMIN)));

  const stored = await sites.all();
  expect(stored).toHaveLength(1);
  expect(results.map((r) => String(r.site._id))).toEqual(Array(STARTS_AT_ONCE).fill(String(stored[0]!._id)));
  expect(results.map((r) => r.site.publicKey)).toEqual(Array(STARTS_AT_ONCE).fill(stored[0]!.publicKey));
  expect((await accounts.ofSite(stored[0]!._id)).map((u) => u.email)).toEqual([ADMIN.adminEmail]);
  expect(results.filter((r) => r.createdAdmin)).toHaveLength(1);

  // The next start finds the site and its admin.
  const again = await ensureDemoSite(ADMIN);
  expect(String(again.site._id)).toBe(String(stored[0]!._id));
  expect(again.createdAdmin).toBe(false);
});
