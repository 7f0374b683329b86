// Builds dist/widget/app.js: the Preact chat app as one ES module that widget.js imports.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  publicDir: false,
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
