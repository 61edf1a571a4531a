import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { tsImport } from 'tsx/esm/api';
import { defineConfig } from 'vite';
import type * as ConsoleProxy from './server/proxy/plugin';
import type * as Precompress from './scripts/precompress-plugin';

// The proxy and the simulator are loaded with tsx (which `npm run simulator` uses too) instead of
// being bundled into this config: Vite 8 prints a warning for every extensionless relative import
// in the config's bundle (dozens of lines on each start), and the server code keeps the repo's
// extensionless style. Server code changes therefore apply on the next `npm start`.
const { agentConsole, dashboardAddress } = (await tsImport(
  './server/proxy/plugin.ts',
  import.meta.url,
)) as typeof ConsoleProxy;
const { precompress } = (await tsImport(
  './scripts/precompress-plugin.ts',
  import.meta.url,
)) as typeof Precompress;

const { host, port } = dashboardAddress(process.env);

/** `npm run dev` is `vite`: the agent-console plugin starts (or points at) the backend and adds the
 *  key server-side, as `npm start` does (decision 0004). No `define` and no `envPrefix` change: the
 *  server's environment, `NANONETS_API_KEY` with it, must never reach the client bundle. */
export default defineConfig({
  plugins: [react(), tailwindcss(), agentConsole(), precompress()],
  resolve: {
    alias: [
      { find: '@', replacement: fileURLToPath(new URL('./src', import.meta.url)) },
      // wouter reaches React 18's useSyncExternalStore through the pre-18 shim, which only
      // hands it back at run time; React 19 exports it, so the shim's fallback never ships.
      { find: /^use-sync-external-store\/shim(\/index\.js)?$/, replacement: 'react' },
    ],
  },
  server: { host, port, strictPort: true },
  // Pre-bundle every runtime dependency at start-up: a dependency discovered later makes Vite
  // re-optimise and reload the page, throwing away a half-filled form or a watched task.
  optimizeDeps: {
    include: [
      'react',
      'react-dom',
      'react-dom/client',
      'react/jsx-runtime',
      'react/jsx-dev-runtime',
      '@tanstack/react-query',
      '@tanstack/react-query-devtools',
      'wouter',
      'valibot',
      'clsx',
      'react-dropzone',
      '@tanstack/react-virtual',
      // Loaded with the tabs that render Markdown, pre-bundled so their first use never reloads.
      'react-markdown',
      'remark-gfm',
      // Loaded lazily by the output-schema check, but pre-bundled so its first use never
      // triggers a re-optimisation and a page reload.
      'jsonc-parser',
    ],
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    // With `/` in one chunk, index.html has no modulepreload links for the polyfill to handle, and
    // lazy chunks' preloads fall back to rel=preload in browsers without modulepreload anyway.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // Everything `/` loads statically goes in one chunk (lazy chunks import from it): split
        // by which routes share it, it was five files that compressed ~3 KB worse in all.
        codeSplitting: { groups: [{ name: 'index', tags: ['$initial'] }] },
      },
    },
  },
});
