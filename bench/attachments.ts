// Files in conversations (issue 17): a visitor uploads a 5 MB JPEG; how fast the upload goes (the
// server reads its type, re-encodes it without metadata, makes a thumbnail and stores both in GridFS)
// and how long until the agent in the conversation has the message and the thumbnail's bytes. Beside
// it, a 5 MB PDF (stored as sent: GridFS alone) and the agent's download of both, and the embedded
// database's plan for GridFS's chunk read (whether it scans).
// Usage: npm run bench:attachments [-- --json] [-- --runs N]
import { randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { MongoClient, type ObjectId } from 'mongodb';
import sharp from 'sharp';
import { io, type Socket } from 'socket.io-client';
import { AGENT_NAMESPACE, type Ack, type Message, VISITOR_NAMESPACE, type VisitorUploadResponse } from '../shared/contract';
import { json, option, say } from './cli';
import { startBenchServer } from './bench-server';

const RUNS = option('--runs', 5);
const TARGET_BYTES = 5_000_000;
const ADMIN = { email: 'bench@example.com', password: 'bench-password-123' };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const oneDecimal = (n: number) => Math.round(n * 10) / 10;
const mbPerSecond = (bytes: number, ms: number) => oneDecimal(bytes / 1_000_000 / (ms / 1000));

function send<T>(socket: Socket, event: string, payload: unknown): Promise<Ack<T>> {
  return socket.timeout(10_000).emitWithAck(event, payload) as Promise<Ack<T>>;
}

function connect(socket: Socket): Promise<void> {
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
}

/** A photo-like JPEG of about 5 MB: noise compresses about as badly as a camera's detail. */
async function fiveMegabyteJpeg(): Promise<Buffer> {
  const width = 2000;
  for (let height = 1200; ; height += 100) {
    const jpeg = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
      .jpeg({ quality: 92 })
      .toBuffer();
    if (jpeg.length >= TARGET_BYTES) return jpeg;
  }
}

/** The steps of a query plan, outermost first: MongoDB's stages, or PostgreSQL's node types with their index. */
function planSteps(explained: unknown): string[] {
  const steps: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    const step = record.stage ?? record['Node Type'];
    const index = record.indexName ?? record['Index Name'];
    if (typeof step === 'string') steps.push(typeof index === 'string' ? `${step} (${index})` : step);
    for (const value of Object.values(record)) walk(value);
  };
  walk(explained);
  return steps;
}

const { server, mongoUri, stop } = await startBenchServer('attachments', {
  ADMIN_EMAIL: ADMIN.email,
  ADMIN_PASSWORD: ADMIN.password,
  RATE_LIMIT_PER_SENDER: '0',
});
const sockets: Socket[] = [];

try {
  const signIn = await fetch(`${server.url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  });
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const agent = io(`${server.url}${AGENT_NAMESPACE}`, { extraHeaders: { cookie }, transports: ['websocket'], forceNew: true });
  const visitor = io(`${server.url}${VISITOR_NAMESPACE}`, {
    auth: { siteKey: server.demoSiteKey },
    transports: ['websocket'],
    forceNew: true,
  });
  sockets.push(agent, visitor);
  await Promise.all([connect(agent), connect(visitor)]);
  const sync = await send<{ token: string }>(visitor, 'visitor:sync', { afterSeq: -1 });
  const first = await send<{ message: Message }>(visitor, 'message:send', { clientId: randomUUID(), text: 'A photo of the damage' });
  if (!sync.ok || !first.ok) throw new Error('the visitor could not start a conversation');
  const token = sync.data.token;
  const opened = await send(agent, 'conversation:open', { conversationId: first.data.message.conversationId });
  if (!opened.ok) throw new Error(`conversation:open: ${opened.error.code}`);

  const upload = async (bytes: Buffer, name: string) => {
    const query = new URLSearchParams({ name, clientId: randomUUID() });
    const res = await fetch(`${server.url}/api/files/visitor?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
    return (await res.json()) as VisitorUploadResponse;
  };
  const download = async (fileId: string) => {
    const res = await fetch(`${server.url}/api/files/${fileId}`, { headers: { cookie } });
    return Buffer.from(await res.arrayBuffer());
  };
  const agentMessage = () =>
    new Promise<Message>((resolve) => {
      const seen = (message: Message) => {
        if (!message.attachment) return;
        agent.off('message:new', seen);
        resolve(message);
      };
      agent.on('message:new', seen);
    });

  const jpeg = await fiveMegabyteJpeg();
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(TARGET_BYTES - 16), Buffer.from('\n%%EOF\n')]);
  say(`${RUNS} runs: a ${(jpeg.length / 1e6).toFixed(2)} MB JPEG and a ${(pdf.length / 1e6).toFixed(2)} MB PDF …`);
  const image = { uploadMs: [] as number[], thumbnailSeenMs: [] as number[], downloadMs: [] as number[] };
  const document = { uploadMs: [] as number[], downloadMs: [] as number[] };
  for (let run = 0; run < RUNS; run++) {
    const started = performance.now();
    const seen = agentMessage();
    const uploaded = await upload(jpeg, `damage-${run}.jpg`);
    image.uploadMs.push(performance.now() - started);
    const message = await seen;
    await download(message.attachment!.thumbnailId!);
    image.thumbnailSeenMs.push(performance.now() - started);
    const downloadStarted = performance.now();
    await download(uploaded.message.attachment!.id);
    image.downloadMs.push(performance.now() - downloadStarted);

    const pdfStarted = performance.now();
    const stored = await upload(pdf, `invoice-${run}.pdf`);
    document.uploadMs.push(performance.now() - pdfStarted);
    const pdfDownload = performance.now();
    const back = await download(stored.message.attachment!.id);
    document.downloadMs.push(performance.now() - pdfDownload);
    if (!back.equals(pdf)) throw new Error('the PDF came back different');
  }

  // How the embedded database answers GridFS's read of a file's chunks.
  const client = await MongoClient.connect(mongoUri);
  const chunks = client.db().collection('files.chunks');
  const someFile = (await chunks.findOne({}, { projection: { files_id: 1 } }))!.files_id as ObjectId;
  const explained = await chunks.find({ files_id: someFile }).sort({ n: 1 }).explain('queryPlanner');
  const plan = planSteps(explained);
  const chunkCount = await chunks.countDocuments();
  await client.close();
  // A step that reads the whole collection: MongoDB's COLLSCAN, PostgreSQL's Seq Scan (FerretDB's explain is PostgreSQL's plan).
  const scans = plan.some((step) => /COLLSCAN|Seq Scan/i.test(step));

  const result = {
    runs: RUNS,
    jpegBytes: jpeg.length,
    image: {
      uploadMs: Math.round(median(image.uploadMs)),
      uploadMBps: mbPerSecond(jpeg.length, median(image.uploadMs)),
      uploadToAgentThumbnailMs: Math.round(median(image.thumbnailSeenMs)),
      downloadMs: Math.round(median(image.downloadMs)),
    },
    pdf: {
      uploadMs: Math.round(median(document.uploadMs)),
      uploadMBps: mbPerSecond(pdf.length, median(document.uploadMs)),
      downloadMs: Math.round(median(document.downloadMs)),
      downloadMBps: mbPerSecond(pdf.length, median(document.downloadMs)),
    },
    gridfs: { chunkDocuments: chunkCount, chunkReadScans: scans, plan },
  };
  if (json) console.log(JSON.stringify(result));
  else {
    console.log(
      `5 MB JPEG: upload ${result.image.uploadMs} ms (${result.image.uploadMBps} MB/s, with EXIF removal and thumbnail); upload → agent has the thumbnail ${result.image.uploadToAgentThumbnailMs} ms; agent download ${result.image.downloadMs} ms`,
    );
    console.log(
      `5 MB PDF (GridFS alone): upload ${result.pdf.uploadMs} ms (${result.pdf.uploadMBps} MB/s); download ${result.pdf.downloadMs} ms (${result.pdf.downloadMBps} MB/s)`,
    );
    console.log(
      `GridFS chunk read (${chunkCount} chunk documents stored): ${scans ? 'SCANS' : 'uses an index'}; plan: ${plan.join(' > ')}`,
    );
  }
} finally {
  for (const socket of sockets) socket.close();
  await stop();
}
