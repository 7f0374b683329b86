import { visitorData } from '../data/visitor-data';
import { AppError } from '../errors/app-error';
import { toHandshakeError } from '../edge/socket-handler';
import type { Logger } from '../infra/logger';
import type { VisitorNamespace } from '../realtime/namespaces';

/**
 * Refuses a widget's connection while its visitor is being erased, so nothing new is written for them
 * meanwhile (the erasure disconnected their open sockets). Registered after the gateway's handshake,
 * which names the visitor.
 */
export function refuseErasingVisitors(visitors: VisitorNamespace, log: Logger): void {
  visitors.use((socket, next) => {
    visitorData.isErasing(socket.data.visitorId).then(
      (erasing) => next(erasing ? toHandshakeError(new AppError('not_found', 'This visitor no longer exists.'), log) : undefined),
      (err: unknown) => next(toHandshakeError(err, log)),
    );
  });
}
