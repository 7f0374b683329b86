// Builds dist/widget/app.js: the Preact chat app as one ES module that widget.js imports, plus one
// small chunk per language catalog.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { minify } from 'terser';
import { defineConfig, type Plugin } from 'vite';

const WEBSOCKET_ONLY = '\0websocket-only:';

/**
 * The widget connects over WebSocket only (`transports: ['websocket']` in socket-chat-client.ts), so
 * engine.io-client's table of transports is swapped for one without long-polling and WebTransport,
 * and the XHR transport its index re-exports (kept by its top-level feature test) for nothing: both
 * would otherwise ship unused (about 1.4 and 0.8 KB gzip of the 30 KB budget).
 */
// The browser build of polling-xhr.node.js is polling-xhr.js (package.json `browser`); the index imports both.
const REPLACED = new Set(['./transports/index.js', './transports/polling-xhr.js', './transports/polling-xhr.node.js']);

const websocketOnly: Plugin = {
  name: 'websocket-only-transports',
  enforce: 'pre',
  resolveId(source, importer) {
    // Matched by the importer's folder, wherever node_modules is (hoisted, linked, nested).
    const folder = importer ? dirname(importer) : '';
    if (!/[\\/]engine\.io-client[\\/]build[\\/]esm$/.test(folder)) return null;
    return REPLACED.has(source) ? `${WEBSOCKET_ONLY}${folder}:${source}` : null;
  },
  load(id) {
    if (!id.startsWith(WEBSOCKET_ONLY)) return null;
    if (!id.endsWith('/index.js')) return 'export const XHR = undefined;';
    const folder = id.slice(WEBSOCKET_ONLY.length, id.lastIndexOf(':'));
    const websocket = join(folder, 'transports', 'websocket.js');
    return `import { WS } from ${JSON.stringify(websocket)};\nexport const transports = { websocket: WS };`;
  },
};

/**
 * socket.io-client's packet parser, swapped for one of text packets only (./text-packet-parser.ts):
 * the widget sends and receives no binary, and the binary machinery costs about 1.5 KB gzip.
 */
const textPacketParser: Plugin = {
  name: 'text-packet-parser',
  enforce: 'pre',
  resolveId(source, importer) {
    if (source !== 'socket.io-parser' || !importer || !/[\\/]socket\.io-client[\\/]/.test(importer)) return null;
    return fileURLToPath(new URL('./text-packet-parser.ts', import.meta.url));
  },
};

/**
 * Terser's compress passes over the bundler's minified chunks: about 140 B gzip off app.js, which
 * the 30 KB budget of the opened widget needs. (Vite's own `minify: 'terser'` runs before the
 * bundler's minifier and keeps pure annotations in library mode: half the gain.)
 */
const terserAfterMinify: Plugin = {
  name: 'terser-after-minify',
  async generateBundle(_options, bundle) {
    for (const chunk of Object.values(bundle)) {
      if (chunk.type === 'chunk') chunk.code = (await minify(chunk.code, { module: true, ecma: 2020, compress: { passes: 3 } })).code!;
    }
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [websocketOnly, textPacketParser, terserAfterMinify],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    // Its own folder: chunks of earlier builds (old hashes) would otherwise stay and be served and measured.
    emptyOutDir: true,
    // Library mode keeps whitespace for downstream bundlers; this file goes straight to browsers.
    // The entry may export more than `mount`: code shared with its lazily loaded views (the email step,
    // the conversation list) then stays in app.js instead of extra chunks loaded with it.
    rolldownOptions: { preserveEntrySignatures: 'allow-extension', output: { minify: true, comments: false } },
    lib: {
      entry: fileURLToPath(new URL('./app/main.tsx', import.meta.url)),
      formats: ['es'],
      fileName: () => 'app.js',
    },
  },
});
