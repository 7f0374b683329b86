import { describe, expect, it } from 'vitest';
import { createClientId } from '../../shared/client/client-id';

describe('createClientId', () => {
  it('makes ids the contract accepts, a new one each time', () => {
    const ids = Array.from({ length: 200 }, createClientId);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
