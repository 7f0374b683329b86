// The floor for bench:load: a bare Socket.IO server with the same namespaces and event shapes as
// ours that acks each visitor message at once and forwards it to the agent it is addressed to —
// no validation, no database, no Redis. Prints "listening <port>" when ready.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: 64 * 1024 });
const agents = io.of('/agent');
agents.on('connection', (socket) => {
  void socket.join(`agent:${String(socket.handshake.auth.agent)}`);
});
io.of('/visitor').on('connection', (socket) => {
  socket.on('message:send', (payload: { clientId: string; text: string; agent: number }, ack: (r: unknown) => void) => {
    const message = { clientId: payload.clientId, text: payload.text, createdAt: new Date().toISOString() };
    ack({ ok: true, data: { message } });
    agents.to(`agent:${payload.agent}`).emit('message:new', message);
  });
});
http.listen(0, '127.0.0.1', () => console.log(`listening ${(http.address() as AddressInfo).port}`));
