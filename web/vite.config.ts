import { defineConfig } from 'vite';

const API_ORIGIN = 'http://localhost:4000';

// No React plugin: Vite 8 transforms TSX with oxc (automatic JSX runtime).
export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Two pages: the app (index.html) and the GraphQL explorer the gateway serves at /explorer.
    rolldownOptions: {
      input: { main: 'index.html', explorer: 'explorer.html' },
      // GraphiQL's dependencies and react-dsfr carry React Server Components' "use client" lines: meaningless in a bundle.
      onLog(level, log, handler) {
        if (log.code !== 'MODULE_LEVEL_DIRECTIVE') handler(level, log);
      },
    },
    // The explorer's bundle (GraphiQL, CodeMirror) is about 800 kB, loaded by /explorer only.
    chunkSizeWarningLimit: 1000,
  },
  server: {
    proxy: {
      '/graphql': { target: API_ORIGIN, changeOrigin: true, ws: true },
      '/auth': { target: API_ORIGIN, changeOrigin: true },
    },
  },
});
