import { Types } from 'mongoose';
import { describe, expect, it } from 'vitest';
import { visitorDisplayName } from '../../server/visitors/display-name';

const _id = new Types.ObjectId('65a1b2c3d4e5f60718293a4b');

describe('visitorDisplayName', () => {
  it('shows the stored name', () => {
    expect(visitorDisplayName({ _id, name: 'Jana Nováková' })).toBe('Jana Nováková');
  });

  it('falls back to "Visitor" and the end of the id without a name', () => {
    expect(visitorDisplayName({ _id, name: null })).toBe('Visitor 3A4B');
  });

  it('cleans names stored before input was cleaned: bidi overrides dropped, invisible-only names replaced', () => {
    expect(visitorDisplayName({ _id, name: '\u202Eevil\u202C' })).toBe('evil');
    expect(visitorDisplayName({ _id, name: '\u200B\u200D\uFEFF' })).toBe('Visitor 3A4B');
  });
});
