import { describe, expect, it } from 'vitest';
import { type ClientErrorCode, isRetryable } from '../../shared/client/retryable';
import { ErrorCode } from '../../shared/contract';

const RETRYABLE: readonly ClientErrorCode[] = ['unavailable', 'rate_limited', 'timeout', 'disconnected'];

describe('isRetryable', () => {
  it.each([...ErrorCode.options, 'timeout', 'disconnected'] as const)('%s', (code) => {
    expect(isRetryable(code)).toBe(RETRYABLE.includes(code));
  });
});
