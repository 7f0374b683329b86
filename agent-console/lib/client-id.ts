/**
 * A client message id matching /^[A-Za-z0-9_-]{8,64}$/: 32 hex characters.
 * Uses getRandomValues rather than randomUUID, which browsers hide outside secure contexts.
 */
export function newClientId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
