/** The production server `npm start` runs: the built app, the same proxy and simulator as the Vite
 *  dev server (`server/proxy/`), sign-in, probes, one JSON log line per request, graceful
 *  shutdown. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { Hono } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { proxyTimeouts } from '../proxy/backend';
import type { ForwardOptions } from '../proxy/forward';
import {
  BACKEND_INFO_PATH,
  createConsoleGate,
  createConsoleMiddleware,
  type ConsoleMiddleware,
} from '../proxy/middleware';
import { startBackend, type RunningBackend } from '../proxy/start-backend';
import { installAuth, SIGN_OUT_PATH, type AuthEnv } from './auth';
import type { ServerConfig } from './config';
import { isAllowedHost } from './hosts';
import { requestLogLine } from './request-log';
import { readiness } from './readiness';
import { builtStylesheet, installStatic } from './static';

export interface ConsoleServer {
  server: Server;
  url: string;
  backend: RunningBackend;
  /** Stops accepting, lets requests in flight finish (at most `graceMs`), stops the simulator. */
  close(graceMs?: number): Promise<void>;
}

export const SHUTDOWN_GRACE_MS = 10_000;

export async function startConsoleServer(
  config: ServerConfig,
  env: NodeJS.ProcessEnv,
  log: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  /** The clock sessions and sign-in pauses read; tests pass their own. */
  now: () => number = Date.now,
): Promise<ConsoleServer> {
  const timeouts = proxyTimeouts(env); // before anything starts: it may throw
  const backend = await startBackend(env);
  const app = buildApp(config, backend, timeouts, now);
  const listener = getRequestListener(app.fetch);
  let closing = false;

  const server = createServer((req, res) => {
    const started = performance.now();
    // The proxy, hono and this wrapper each watch the answer close: more than Node's default 10.
    res.setMaxListeners(32);
    if (closing) res.setHeader('connection', 'close');
    res.once('close', () => {
      if (config.logRequests) log(requestLogLine(req, res, performance.now() - started));
      if (closing) server.closeIdleConnections();
    });
    void listener(req, res);
  });
  // Headers slower than this end the connection; bodies are timed by the proxy itself.
  server.headersTimeout = 20_000;
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const hostForUrl = config.host.includes(':') ? `[${config.host}]` : config.host;

  let closed: Promise<void> | undefined;
  return {
    server,
    url: `http://${hostForUrl === '0.0.0.0' ? '127.0.0.1' : hostForUrl}:${port}`,
    backend,
    close: (graceMs = SHUTDOWN_GRACE_MS) =>
      (closed ??= (async () => {
        closing = true;
        const drained = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const timer = setTimeout(() => server.closeAllConnections(), graceMs);
        await drained;
        clearTimeout(timer);
        await backend.close();
      })()),
  };
}

function buildApp(
  config: ServerConfig,
  backend: RunningBackend,
  timeouts: ForwardOptions,
  now: () => number,
) {
  const app = new Hono<AuthEnv>();
  const gate = createConsoleGate(backend);
  const proxy = createConsoleMiddleware(backend, timeouts);

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  const ready = readiness(backend.target);
  app.get('/readyz', async (c) => {
    const state = await ready();
    return c.json(state, state.status === 'ready' ? 200 : 503);
  });

  app.use('*', async (c, next) => {
    if (config.auth.mode !== 'none' || isAllowedHost(c.req.header('host'), config.allowedHosts)) {
      return next();
    }
    return c.json(
      {
        error: `This console answers only to this machine's own names. To open it as ${c.req.header('host') ?? 'this host'}, add that name to CONSOLE_ALLOWED_HOSTS (or turn on sign-in).`,
      },
      421,
    );
  });
  app.use('*', secureHeaders(SECURITY_HEADERS));
  app.use('*', installAuth(app, { ...config, now, stylesheet: builtStylesheet(config.distDir) }));

  app.get(BACKEND_INFO_PATH, (c) =>
    c.json({
      ...backend.info,
      session: {
        mode: config.auth.mode,
        user: c.get('user') ?? null,
        signOut: config.auth.mode === 'password' ? SIGN_OUT_PATH : null,
      },
    }),
  );
  app.use('*', async (c, next) => {
    const handled = runNodeMiddleware([gate, proxy], c.env.incoming, c.env.outgoing);
    return handled ? RESPONSE_ALREADY_SENT : next();
  });
  installStatic(app, config.distDir);
  return app;
}

/**
 * Runs connect-style middleware in order; true when one of them took the request (the console
 * middleware decides synchronously whether to answer, forward, or pass it on).
 */
function runNodeMiddleware(
  chain: ConsoleMiddleware[],
  req: IncomingMessage,
  res: ServerResponse,
): boolean {
  for (const middleware of chain) {
    let passed = false;
    middleware(req, res, () => {
      passed = true;
    });
    if (!passed) return true;
  }
  return false;
}

/** The app runs only its own bundled scripts; nothing may frame it. See SECURITY.md. */
const SECURITY_HEADERS = {
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
  // Not `no-referrer`: with it, browsers send `Origin: null` on same-origin POSTs, and the
  // proxy and the sign-in form tell the console's own pages by their Origin.
  referrerPolicy: 'same-origin',
  xFrameOptions: 'DENY',
  strictTransportSecurity: false as const,
  crossOriginResourcePolicy: 'same-origin',
  crossOriginOpenerPolicy: 'same-origin',
};
