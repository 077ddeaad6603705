import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** This folder as a path (no node:path import: renderer/ code stays free of Node). */
const root = decodeURIComponent(new URL('.', import.meta.url).pathname).replace(/^\/([A-Za-z]:)/, '$1');

export default defineConfig({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer',
    emptyOutDir: true,
    // The strict CSP forbids inline scripts: keep every script an external file.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
    sourcemap: false,
  },
});
