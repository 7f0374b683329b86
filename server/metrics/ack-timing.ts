import type { Namespace, Socket } from 'socket.io';

type AckTimed = (event: string, ok: boolean, seconds: number) => void;

interface PacketSocket {
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): unknown;
}

/**
 * Times every request event of a namespace from the moment it passes the earlier middleware (the
 * rate limit) until its handler calls the acknowledgement: the ack is wrapped in the packet before
 * the handler sees it. Only the contract's events are timed (`events`), so a client cannot invent labels.
 */
export function timeAcks(ns: Namespace, events: ReadonlySet<string>, timed: AckTimed): void {
  ns.on('connection', (socket: Socket) => {
    (socket as unknown as PacketSocket).use((packet, next) => {
      const event = String(packet[0]);
      const last = packet.length - 1;
      const ack = packet[last];
      if (events.has(event) && typeof ack === 'function') {
        const started = process.hrtime.bigint();
        packet[last] = (response: { ok?: boolean }) => {
          timed(event, response?.ok === true, Number(process.hrtime.bigint() - started) / 1e9);
          ack(response);
        };
      }
      next();
    });
  });
}
