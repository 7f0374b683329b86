// Builds dist/widget/app.js: the Preact chat app as one ES module that widget.js imports, plus one
// small chunk per language catalog.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const WEBSOCKET_ONLY = '\0websocket-only-transports:';

/**
 * The widget connects over WebSocket only (`transports: ['websocket']` in socket-chat-client.ts), so
 * engine.io-client's table of transports is swapped for one without long-polling and WebTransport,
 * which would otherwise ship unused (about 1.4 KB gzip of the 30 KB budget).
 */
const websocketOnly: Plugin = {
  name: 'websocket-only-transports',
  enforce: 'pre',
  resolveId(source, importer) {
    // Matched by the importer's folder, wherever node_modules is (hoisted, linked, nested).
    const folder = importer ? dirname(importer) : '';
    return source === './transports/index.js' && /[\\/]engine\.io-client[\\/]build[\\/]esm$/.test(folder) ? WEBSOCKET_ONLY + folder : null;
  },
  load(id) {
    if (!id.startsWith(WEBSOCKET_ONLY)) return null;
    const websocket = join(id.slice(WEBSOCKET_ONLY.length), 'transports', 'websocket.js');
    return `import { WS } from ${JSON.stringify(websocket)};\nexport const transports = { websocket: WS };`;
  },
};

export default defineConfig({
  publicDir: false,
  plugins: [websocketOnly],
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: fileURLToPath(new URL('../dist/widget', import.meta.url)),
    emptyOutDir: false,
    // Library mode keeps whitespace for downstream bundlers; this file goes straight to browsers.
    rolldownOptions: { output: { minify: true, comments: false } },
    lib: {
      entry: fileURLToPath(new URL('./app/main.tsx', import.meta.url)),
      formats: ['es'],
      fileName: () => 'app.js',
    },
  },
});
