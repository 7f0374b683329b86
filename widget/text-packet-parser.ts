// Stands in for socket.io-parser in the widget build (vite.app.config.ts): the same wire format for
// text packets, `<type>[<namespace>,][<ack id>][<JSON>]`, without the binary attachments the widget
// never sends or receives. A binary packet from the server is a parse error, which closes the
// connection like any malformed packet.
import { Emitter } from '@socket.io/component-emitter';
import type { Packet } from 'socket.io-parser';

export const protocol = 5;

export const PacketType = { CONNECT: 0, DISCONNECT: 1, EVENT: 2, ACK: 3, CONNECT_ERROR: 4 } as const;

const TEXT_PACKET = /^([0-4])(?:(\/[^,]*),?)?(\d*)([\s\S]*)$/;

export class Encoder {
  encode({ type, nsp, id, data }: Packet): string[] {
    return [type + (nsp && nsp !== '/' ? `${nsp},` : '') + (id ?? '') + (data == null ? '' : JSON.stringify(data))];
  }
}

export class Decoder extends Emitter<Record<string, never>, Record<string, never>, { decoded: (packet: Packet) => void }> {
  add(chunk: unknown): void {
    const match = typeof chunk === 'string' ? TEXT_PACKET.exec(chunk) : null;
    if (!match) throw new Error('unsupported packet');
    const [, type, nsp = '/', id, json] = match;
    const packet: Packet = { type: Number(type), nsp };
    if (id) packet.id = Number(id);
    if (json) packet.data = JSON.parse(json);
    this.emitReserved('decoded', packet);
  }

  destroy(): void {}
}
