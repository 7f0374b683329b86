/**
 * A message's client id, matching the contract's /^[A-Za-z0-9_-]{8,64}$/: 32 hex characters.
 * Uses getRandomValues rather than randomUUID, which browsers hide outside secure contexts (host pages may not be one).
 */
export function createClientId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');
}
