import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENTS } from '../../shared/contract';
import { acceptAttribute, checkFile, claimedKind } from '../../shared/files/accept';

describe('what a browser may send before the server reads the bytes', () => {
  it('knows a file’s kind by its type, else by its name', () => {
    expect(claimedKind({ name: 'a.png', type: 'image/png' })).toBe('images');
    expect(claimedKind({ name: 'sizes.csv', type: 'text/csv' })).toBe('text');
    expect(claimedKind({ name: 'Report.DOCX', type: '' })).toBe('office');
    expect(claimedKind({ name: 'logo.svg', type: 'image/svg+xml' })).toBeNull();
    expect(claimedKind({ name: 'macro.docm', type: '' })).toBeNull();
    expect(claimedKind({ name: 'no-extension', type: '' })).toBeNull();
  });

  it('refuses a kind the site does not take, then a file over its size', () => {
    const pdfOnly = { kinds: ['pdf' as const], maxMegabytes: 2 };
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 2_000_000 }, pdfOnly)).toBeNull();
    expect(checkFile({ name: 'a.pdf', type: 'application/pdf', size: 2_000_001 }, pdfOnly)).toBe('too_large');
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 }, pdfOnly)).toBe('type_refused');
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10 }, { kinds: [], maxMegabytes: 10 })).toBe('type_refused');
    expect(checkFile({ name: 'a.png', type: 'image/png', size: 10_000_000 }, DEFAULT_ATTACHMENTS)).toBeNull();
  });

  it('offers in the file picker only what the site takes', () => {
    expect(acceptAttribute({ kinds: ['pdf', 'text'], maxMegabytes: 10 }).split(',')).toEqual([
      'application/pdf',
      '.pdf',
      'text/plain',
      '.txt',
      '.csv',
      '.log',
      '.md',
    ]);
    expect(acceptAttribute({ kinds: [], maxMegabytes: 10 })).toBe('');
  });
});
