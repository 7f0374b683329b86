import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Outbox } from '../../server/mail/outbox';

const siteA = 'a'.repeat(24);
const siteB = 'b'.repeat(24);

describe('the outbox folder', () => {
  it('keeps each site apart, lists newest first a page at a time, and keeps only the newest mails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lc-outbox-unit-'));
    let now = Date.UTC(2026, 11, 7, 9, 0);
    const outbox = new Outbox(dir, { now: () => now++ }, 3);
    const written: string[] = [];
    for (let i = 0; i < 5; i++) written.push(await outbox.write(siteA, Buffer.from(`Subject: ${i}\r\n\r\nmail ${i}`)));
    await outbox.write(siteB, Buffer.from('Subject: b\r\n\r\nsite b'));

    expect(readdirSync(join(dir, siteA)).sort()).toEqual(written.slice(2));
    const first = await outbox.page(siteA, 0, 2);
    expect(first.total).toBe(3);
    expect(first.files.map((f) => f.raw.toString())).toEqual(['Subject: 4\r\n\r\nmail 4', 'Subject: 3\r\n\r\nmail 3']);
    expect((await outbox.page(siteA, 1, 2)).files.map((f) => f.id)).toEqual([written[2]]);
    expect((await outbox.page(siteB, 0, 20)).total).toBe(1);
    expect(await outbox.page('c'.repeat(24), 0, 20)).toEqual({ total: 0, files: [] });
    await expect(outbox.page('../etc', 0, 20)).rejects.toThrow('not a site id');
  });
});
