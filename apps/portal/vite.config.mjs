// The portal's build: static assets under dist/portal, served by the api at /portal (apps/api/src/portal/portal-site.ts).
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/portal/',
  build: { outDir: '../../dist/portal', emptyOutDir: true },
});
