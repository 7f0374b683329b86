import type { IncomingMessage } from 'node:http';
import proxyaddr from 'proxy-addr';

/** Express's compiled `trust proxy` setting (`app.get('trust proxy fn')`). */
export type TrustProxy = (address: string, hop: number) => boolean;

/**
 * The client address of a socket's handshake request, read exactly as Express reads `req.ip`:
 * `X-Forwarded-For` is believed only from the proxies the app trusts.
 */
export function socketIp(trust: TrustProxy): (socket: { request: IncomingMessage }) => string {
  return (socket) => proxyaddr(socket.request, trust);
}
