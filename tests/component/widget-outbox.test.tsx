import { beforeEach, describe, expect, it } from 'vitest';
import { Outbox } from '../../widget/app/outbox';
import { createSiteStore } from '../../widget/app/site-store';

const KEY = 'lifecycle-chat:pk_outbox:outbox';
const newOutbox = () => new Outbox(createSiteStore('pk_outbox'));

beforeEach(() => localStorage.clear());

describe('outbox', () => {
  it('persists entries in order with valid client ids', () => {
    const outbox = newOutbox();
    const first = outbox.add('one');
    const second = outbox.add('two');

    expect(first.clientId).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(first.clientId).not.toBe(second.clientId);
    expect(Number.isNaN(Date.parse(first.createdAt))).toBe(false);
    expect(newOutbox().list()).toEqual([first, second]);
  });

  it('removes only acknowledged entries and clears storage when empty', () => {
    const outbox = newOutbox();
    const first = outbox.add('one');
    const second = outbox.add('two');

    expect(outbox.remove(new Set(['unknown']))).toBe(false);
    expect(outbox.remove(new Set([first.clientId]))).toBe(true);
    expect(newOutbox().list()).toEqual([second]);

    outbox.remove(new Set([second.clientId]));
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it('is scoped per site', () => {
    newOutbox().add('for site A');
    expect(new Outbox(createSiteStore('pk_other')).list()).toEqual([]);
  });

  it('ignores corrupt or foreign data in storage', () => {
    localStorage.setItem(KEY, '{not json');
    expect(newOutbox().list()).toEqual([]);

    localStorage.setItem(KEY, JSON.stringify([{ clientId: 'abcdefgh1', text: 'ok', createdAt: 'x' }, { text: 1 }, null]));
    expect(newOutbox().list()).toEqual([{ clientId: 'abcdefgh1', text: 'ok', createdAt: 'x' }]);
  });

  it('follows changes made by another tab', () => {
    const outbox = newOutbox();
    let notified = 0;
    outbox.watch(() => notified++);

    const entry = { clientId: 'othertab01', text: 'from tab B', createdAt: new Date().toISOString() };
    localStorage.setItem(KEY, JSON.stringify([entry]));
    window.dispatchEvent(new StorageEvent('storage', { key: KEY }));

    expect(notified).toBe(1);
    expect(outbox.list()).toEqual([entry]);
  });

  it('keeps entries in memory when storage refuses writes', () => {
    const outbox = newOutbox();
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    try {
      outbox.add('still here');
    } finally {
      Storage.prototype.setItem = setItem;
    }
    expect(outbox.list().map((entry) => entry.text)).toEqual(['still here']);
  });
});
