// Builds dist/widget.js: the embed loader as one small classic script (no Preact).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('../dist', import.meta.url)),
    emptyOutDir: false, // shared with the app and agent-console builds
    lib: {
      entry: fileURLToPath(new URL('./loader.ts', import.meta.url)),
      formats: ['iife'],
      // Required by Vite for IIFE; the loader exports nothing, so no such global is created.
      name: 'LifecycleChatLoader',
      fileName: () => 'widget.js',
    },
  },
});
