import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// Sources live under src/main/app (the launcher's staleness check watches */src/main/*); the build goes straight
// into Maven's classes folder, so the jar carries it as the classpath folder breakwater-console/.
const build = process.env.BW_BUILD ?? 'target';

export default defineConfig({
  root: resolve(import.meta.dirname, 'src/main/app'),
  base: '/',
  plugins: [react()],
  build: {
    outDir: resolve(import.meta.dirname, build, 'classes/breakwater-console'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
});
