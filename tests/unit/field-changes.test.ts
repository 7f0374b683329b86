import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { asUpdate, fieldChanges } from '../../server/data/field-changes';

// A record's write carries only what its change changed, down to sub-document fields.
describe('fieldChanges', () => {
  const id = new Types.ObjectId();
  const at = new Date('2026-01-02T03:04:05Z');
  const before = {
    _id: id,
    name: null as string | null,
    email: 'a@example.com',
    session: { pages: [{ path: '/a', at }], seconds: { product: 3 }, orderedAt: null as Date | null },
    cart: { items: 1, value: 25 },
    hesitation: null as { kind: string } | null,
    updatedAt: at,
  };

  it('is null when nothing changed, whatever copies and equal dates or ids there are', () => {
    const copy = structuredClone({ ...before, _id: undefined, updatedAt: undefined });
    expect(
      fieldChanges(before, {
        ...copy,
        _id: new Types.ObjectId(id.toHexString()),
        updatedAt: new Date(at),
        session: { ...copy.session, pages: [{ path: '/a', at: new Date(at) }] },
      }),
    ).toBeNull();
  });

  it('sets changed leaves by their dotted path and never the database-managed fields', () => {
    const after = {
      ...before,
      _id: new Types.ObjectId(),
      updatedAt: new Date(),
      session: { ...before.session, seconds: { product: 3, cart: 2 } },
      cart: { items: 0, value: 25 },
    };
    expect(fieldChanges(before, after)).toEqual({ $set: { 'session.seconds.cart': 2, 'cart.items': 0 }, $unset: {} });
  });

  it('sets arrays and sub-documents that were null whole, and unsets what became absent', () => {
    const after = {
      ...before,
      name: 'Jan',
      hesitation: { kind: 'checkout_idle' },
      session: { ...before.session, pages: [...before.session.pages, { path: '/b', at }] },
      email: undefined,
    };
    expect(fieldChanges(before, after)).toEqual({
      $set: { name: 'Jan', hesitation: { kind: 'checkout_idle' }, 'session.pages': after.session.pages },
      $unset: { email: 1 },
    });
  });

  it('writes a sub-document whole when a key is not safe as a path', () => {
    const after = { ...before, session: { ...before.session, seconds: { 'a.b': 1 } } };
    expect(fieldChanges(before, after)?.$set).toEqual({ 'session.seconds': { 'a.b': 1 } });
  });

  it('makes an update without empty operators', () => {
    expect(asUpdate({ $set: { a: 1 }, $unset: {} }, { updatedAt: at })).toEqual({ $set: { a: 1, updatedAt: at } });
    expect(asUpdate({ $set: {}, $unset: { b: 1 } })).toEqual({ $unset: { b: 1 } });
  });
});
