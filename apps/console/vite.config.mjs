// The console's build: static assets under dist/console, served by the api at /console (apps/api/src/console).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // ECharts alone is about 1 MB unminified; the warning would say nothing new on every build.
    chunkSizeWarningLimit: 1500,
  },
});
