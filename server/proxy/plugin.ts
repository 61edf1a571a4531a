/**
 * The Vite plugin that makes `npm start` a complete product: it picks the backend (the real API
 * with `NANONETS_API_KEY`, else a simulator), mounts the console middleware in front of Vite's own
 * (so `/api/*` never reaches the SPA fallback), and stops the built-in simulator with the server.
 *
 * The same hooks run for `vite` and `vite preview`, so the production build is previewed through
 * exactly the proxy the dev server uses. Nothing here runs during `vite build`, and nothing from
 * the server's environment is handed to the client bundle.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin, PreviewServer, ViteDevServer } from 'vite';
import { isLoopbackHost, upstreamTimeoutMs } from './backend';
import { createConsoleGate, createConsoleMiddleware } from './middleware';
import { startBackend, type RunningBackend } from './start-backend';

// vite.config.ts loads this one module at runtime (see there), so it hands on what the config needs.
export { dashboardAddress } from './backend';

export interface AgentConsolePluginOptions {
  /** Where to read `NANONETS_*` (`NANONETS_UPSTREAM_TIMEOUT_S` included), `SIMULATOR_*` from;
   *  tests pass their own. */
  env?: NodeJS.ProcessEnv;
}

export function agentConsole(options: AgentConsolePluginOptions = {}): Plugin {
  const env = options.env ?? process.env;
  // A plugin instance normally serves one server; a list keeps close() honest if it serves more.
  const running: RunningBackend[] = [];

  async function attach(server: ViteDevServer | PreviewServer, host: string | boolean | undefined) {
    const responseTimeoutMs = upstreamTimeoutMs(env); // before anything starts: it may throw
    const backend = await startBackend(env);
    running.push(backend);
    server.middlewares.use(createConsoleMiddleware(backend, { responseTimeoutMs }));
    // Refusals go first, ahead of Vite's CORS middleware (see createConsoleGate); forwarding stays
    // behind Vite's host check, which keeps DNS-rebinding pages away from the key.
    server.middlewares.stack.unshift({ route: '', handle: createConsoleGate(backend) });

    const { logger } = server.config;
    for (const warning of backend.warnings) logger.warn(`  Agent Console: ${warning}`);
    if (backend.kind === 'upstream' && !isLoopbackHost(host)) {
      logger.warn(
        '  Agent Console: the dashboard listens beyond this machine, and anyone who can reach it can use your NANONETS_API_KEY through the proxy.',
      );
    }
    // Announce right under Vite's "Local:" line rather than above its banner, where the
    // startup output would push it out of sight.
    const printUrls = server.printUrls.bind(server);
    server.printUrls = () => {
      printUrls();
      logger.info(`  Agent Console → backend: ${backend.summary}\n`);
    };
  }

  async function closeOne() {
    await running.shift()?.close();
  }

  return {
    name: 'agent-console',
    async configureServer(server) {
      await attach(server, server.config.server.host);
    },
    async configurePreviewServer(server) {
      // Vite skips its own "did you build?" check when a plugin configures the preview server;
      // without this, `npm run preview` before a build would serve 404s with no explanation.
      const outDir = path.resolve(server.config.root, server.config.build.outDir);
      if (!existsSync(outDir)) {
        throw new Error(`The directory "${outDir}" does not exist. Run \`npm run build\` first.`);
      }
      await attach(server, server.config.preview.host);
    },
    closeServer: closeOne,
    closePreviewServer: closeOne,
  };
}
