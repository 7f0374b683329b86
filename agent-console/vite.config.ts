import { fileURLToPath } from 'node:url';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/console', import.meta.url));
/** Where `vite` (dev) forwards /api and /socket.io: the chat server. */
const devTarget = process.env.CONSOLE_DEV_SERVER ?? 'http://localhost:3000';

export default defineConfig({
  root,
  base: '/console/',
  plugins: [preact()],
  build: {
    outDir,
    // Empties dist/console only; the rest of dist/ belongs to the other builds.
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': { target: devTarget, changeOrigin: true },
      '/socket.io': { target: devTarget, changeOrigin: true, ws: true },
    },
  },
});
