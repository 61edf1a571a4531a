/** The proxy inside `npm run dev`: picks the backend, mounts the middleware the production server
 *  mounts too, and stops the built-in simulator with the server. Nothing here runs during
 *  `vite build`; nothing from the server's environment reaches the bundle. */
import type { Plugin, ViteDevServer } from 'vite';
import { isLoopbackHost, proxyTimeouts } from './backend';
import { createConsoleGate, createConsoleMiddleware } from './middleware';
import { startBackend, type RunningBackend } from './start-backend';

// vite.config.ts loads this one module at runtime (see there), so it hands on what the config needs.
export { dashboardAddress } from './backend';

export interface AgentConsolePluginOptions {
  /** Where to read `NANONETS_*` (the proxy's timeouts included), `SIMULATOR_*` from; tests pass
   *  their own. */
  env?: NodeJS.ProcessEnv;
}

export function agentConsole(options: AgentConsolePluginOptions = {}): Plugin {
  const env = options.env ?? process.env;
  // A plugin instance normally serves one server; a list keeps close() honest if it serves more.
  const running: RunningBackend[] = [];

  async function attach(server: ViteDevServer, host: string | boolean | undefined) {
    const timeouts = proxyTimeouts(env); // before anything starts: it may throw
    const backend = await startBackend(env);
    running.push(backend);
    server.middlewares.use(createConsoleMiddleware(backend, timeouts));
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
    closeServer: closeOne,
  };
}
