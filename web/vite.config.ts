import { defineConfig } from 'vite';

const API_ORIGIN = 'http://localhost:4000';

// No React plugin: Vite 8 transforms TSX with oxc (automatic JSX runtime).
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      // react-dsfr marks its modules "use client" (for Next.js), meaningless in this single-page app.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
  },
  server: {
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: true, ws: true },
      '/auth': { target: API_ORIGIN, changeOrigin: true },
    },
  },
});
