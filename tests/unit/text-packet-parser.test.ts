import * as reference from 'socket.io-parser';
import { describe, expect, it } from 'vitest';
import * as text from '../../widget/text-packet-parser';

const packets: reference.Packet[] = [
  { type: reference.PacketType.CONNECT, nsp: '/visitor', data: { siteKey: 'k', token: 'a.b.c' } },
  { type: reference.PacketType.CONNECT, nsp: '/visitor', data: { sid: 'Xy_1' } },
  { type: reference.PacketType.CONNECT, nsp: '/' },
  { type: reference.PacketType.DISCONNECT, nsp: '/visitor' },
  { type: reference.PacketType.EVENT, nsp: '/visitor', data: ['message:send', { text: 'ceau, 12 [x] {y} "z" ∑ \u2028' }], id: 17 },
  { type: reference.PacketType.EVENT, nsp: '/', data: ['typing:changed', { typing: true }] },
  { type: reference.PacketType.ACK, nsp: '/visitor', data: [{ ok: true, data: null }], id: 1234567 },
  { type: reference.PacketType.CONNECT_ERROR, nsp: '/visitor', data: { message: 'no site key', data: { code: 'unknown_site' } } },
  { type: reference.PacketType.CONNECT_ERROR, nsp: '/visitor', data: 'Invalid namespace' },
];

function decodeWith(
  Decoder: new () => { add(chunk: unknown): void; on(event: 'decoded', listener: (p: unknown) => void): unknown },
  chunk: string,
) {
  const decoder = new Decoder();
  let decoded: unknown;
  decoder.on('decoded', (packet) => {
    decoded = packet;
  });
  decoder.add(chunk);
  return decoded;
}

describe("the widget's text packet parser speaks socket.io-parser's wire format", () => {
  it.each(packets.map((p) => [reference.PacketType[p.type], p] as const))(
    '%s: encodes as the reference does and decodes what it encodes',
    (_, packet) => {
      const chunk = new text.Encoder().encode(packet)[0] as string;
      expect([chunk]).toEqual(new reference.Encoder().encode(packet));
      expect(decodeWith(text.Decoder, chunk)).toEqual(decodeWith(reference.Decoder, chunk));
    },
  );

  it('refuses binary packets, which the widget never uses', () => {
    const [header] = new reference.Encoder().encode({
      type: reference.PacketType.EVENT,
      nsp: '/visitor',
      data: ['file', new Uint8Array([1, 2])],
    });
    expect(header).toMatch(/^5/);
    expect(() => decodeWith(text.Decoder, header as string)).toThrow();
    expect(() => decodeWith(text.Decoder, new Uint8Array([1]) as unknown as string)).toThrow();
  });
});
