// Builds dist/widget/app.js: the Preact chat app as one ES module that widget.js imports, plus one
// small chunk per language catalog.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const engineTransports = fileURLToPath(new URL('../node_modules/engine.io-client/build/esm/transports/', import.meta.url));
const WEBSOCKET_ONLY = '\0websocket-only-transports';

/**
 * The widget connects over WebSocket only (`transports: ['websocket']` in socket-chat-client.ts), so
 * engine.io-client's table of transports is swapped for one without long-polling and WebTransport,
 * which would otherwise ship unused (about 1.4 KB gzip of the 30 KB budget).
 */
const websocketOnly: Plugin = {
  name: 'websocket-only-transports',
  enforce: 'pre',
  resolveId(source, importer) {
    return source === './transports/index.js' && importer?.startsWith(engineTransports.replace(/transports\/$/, ''))
      ? WEBSOCKET_ONLY
      : null;
  },
  load(id) {
    return id === WEBSOCKET_ONLY
      ? `import { WS } from ${JSON.stringify(`${engineTransports}websocket.js`)};\nexport const transports = { websocket: WS };`
      : null;
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
