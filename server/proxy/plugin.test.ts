/**
 * The plugin inside real Vite servers: the dev server (middleware mode) and `vite preview` must
 * behave the same, and the built-in simulator must live and die with the server.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer, preview, type Logger } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_INFO_PATH, NOT_FORWARDED_MESSAGE } from './middleware';
import { agentConsole } from './plugin';
import { startBackend } from './start-backend';
import { fakeUpstream, listen, request, within, type TestServer } from './test-support';

const APP_HTML = '<!doctype html><title>Agent Console</title>';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function tempRoot(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'agent-console-plugin-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function upstream() {
  const server = await fakeUpstream();
  cleanups.push(server.close);
  return server;
}

/** A Vite logger that keeps what it is told, so tests can read the terminal. */
function capturingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const keep = (message: string) => {
    lines.push(message);
  };
  return {
    lines,
    info: keep,
    warn: keep,
    warnOnce: keep,
    error: keep,
    clearScreen: () => undefined,
    hasErrorLogged: () => false,
    hasWarned: false,
  };
}

/** `vite preview` of a one-file build, so the app and the proxy can be seen side by side. */
async function startPreview(env: NodeJS.ProcessEnv) {
  const logger = capturingLogger();
  const root = await tempRoot();
  await mkdir(path.join(root, 'dist'));
  await writeFile(path.join(root, 'dist', 'index.html'), APP_HTML);
  const server = await preview({
    configFile: false,
    root,
    plugins: [agentConsole({ env })],
    preview: { host: '127.0.0.1', port: 0 },
    customLogger: logger,
  });
  const address = server.httpServer.address();
  if (address === null || typeof address === 'string') throw new Error('preview is not listening');
  return { server, logger, url: `http://127.0.0.1:${address.port}` };
}

describe('in the dev server', () => {
  it('forwards /api/v1 with the key, answers /__console/backend and refuses other /api', async () => {
    const sim = await upstream();
    const vite = await createServer({
      configFile: false,
      root: await tempRoot(),
      appType: 'custom',
      logLevel: 'silent',
      server: { middlewareMode: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [agentConsole({ env: { SIMULATOR_URL: sim.url, SIMULATOR_API_KEY: 'sim-key-9' } })],
    });
    const front = await listen((req, res) => vite.middlewares(req, res));
    cleanups.push(async () => {
      await front.close();
      await vite.close();
    });

    const forwarded = await request(`${front.url}/api/v1/agents?page=1`, {
      headers: { authorization: 'Bearer browser' },
    });
    const info = await request(`${front.url}${BACKEND_INFO_PATH}`);
    const refused = await request(`${front.url}/api/v2/agents`);

    expect(forwarded.status).toBe(200);
    expect(sim.requests.map((r) => [r.url, r.headers.authorization])).toEqual([
      ['/api/v1/agents?page=1', 'Bearer sim-key-9'],
    ]);
    // The simulator's default upload limits, so the run form refuses what it would refuse.
    expect(JSON.parse(info.body)).toEqual({
      mode: 'simulator',
      label: 'Simulator',
      limits: { maxFileBytes: 25 * 1024 * 1024, maxFiles: 20 },
    });
    expect(refused.status).toBe(404);
    expect(JSON.parse(refused.body)).toEqual({ error: NOT_FORWARDED_MESSAGE });
  });
});

describe("behind Vite's own middlewares", () => {
  /** The dev server with the plugin, whose CORS and host checks run before any plugin's. */
  async function devServer() {
    const sim = await upstream();
    const vite = await createServer({
      configFile: false,
      root: await tempRoot(),
      appType: 'custom',
      logLevel: 'silent',
      server: { middlewareMode: true, ws: false },
      optimizeDeps: { noDiscovery: true, include: [] },
      plugins: [agentConsole({ env: { SIMULATOR_URL: sim.url } })],
    });
    const front = await listen((req, res) => vite.middlewares(req, res));
    cleanups.push(async () => {
      await front.close();
      await vite.close();
    });
    return { sim, url: front.url };
  }

  it("refuses OPTIONS and other undocumented methods before Vite's CORS answers them", async () => {
    const { sim, url } = await devServer();

    const preflight = await request(`${url}/api/v1/agents/a1`, {
      method: 'OPTIONS',
      headers: { origin: 'http://localhost:3000', 'access-control-request-method': 'DELETE' },
    });
    const review = await request(`${url}/__console/simulator/tasks/t1/review`, {
      method: 'OPTIONS',
    });

    expect(preflight.status).toBe(405);
    expect(preflight.headers.allow).toBe('GET, HEAD, POST');
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
    expect(preflight.headers['content-security-policy']).toContain('sandbox');
    expect(review.status).toBe(405);
    expect(sim.requests).toEqual([]);
  });

  it('answers with no Access-Control-* header, not even those Vite adds', async () => {
    const { url } = await devServer();

    const sameOrigin = await request(`${url}/api/v1/agents`, { headers: { origin: url } });
    const crossSite = await request(`${url}/api/v1/agents`, {
      headers: { origin: 'http://localhost:3000' },
    });

    expect([sameOrigin.status, crossSite.status]).toEqual([200, 403]);
    for (const res of [sameOrigin, crossSite]) {
      const names = Object.keys(res.headers).filter((name) => name.startsWith('access-control-'));
      expect(names).toEqual([]);
    }
  });

  it("keeps Vite's host check in front of the proxy (DNS rebinding)", async () => {
    const { sim, url } = await devServer();

    const rebound = await request(`${url}/api/v1/agents`, {
      headers: { host: 'attacker.example:5173' },
    });

    expect(rebound.status).toBe(403);
    expect(sim.requests).toEqual([]);
  });
});

describe('in vite preview', () => {
  it('forwards to the real API with NANONETS_API_KEY and never shows the key', async () => {
    const api = await upstream();
    const key = 'nn_preview_key_0b5e';
    const { server, logger, url } = await startPreview({
      NANONETS_API_KEY: key,
      NANONETS_BASE_URL: `${api.url}/`,
    });
    cleanups.push(() => server.close());

    const info = await request(`${url}${BACKEND_INFO_PATH}`);
    const forwarded = await request(`${url}/api/v1/tasks`);
    const app = await request(`${url}/tasks/123`);
    server.printUrls();

    const host = new URL(api.url).host;
    expect(JSON.parse(info.body)).toEqual({ mode: 'upstream', label: host, baseUrl: api.url });
    expect(info.body).not.toContain(key);
    expect(forwarded.status).toBe(200);
    expect(api.requests.map((r) => r.url)).toEqual(['/api/v1/tasks']);
    expect(api.requests[0]?.headers.authorization).toBe(`Bearer ${key}`);
    expect(app.body).toBe(APP_HTML); // the SPA fallback still serves everything else
    const announced = logger.lines.filter((line) => line.includes('Agent Console → backend'));
    expect(announced).toEqual([expect.stringContaining(`${host} (NANONETS_API_KEY)`)]);
    expect(logger.lines.join('\n')).not.toContain(key);
  });

  it('gives up on a silent upstream after NANONETS_UPSTREAM_TIMEOUT_S', async () => {
    const silent = await listen((req) => req.resume());
    cleanups.push(silent.close);
    const { server, url } = await startPreview({
      SIMULATOR_URL: silent.url,
      NANONETS_UPSTREAM_TIMEOUT_S: '0.3',
    });
    cleanups.push(() => server.close());

    const res = await within(
      request(`${url}/api/v1/agents`),
      4000,
      'the preview server left the browser waiting on a silent upstream',
    );

    expect(res.status).toBe(504);
    const { error } = JSON.parse(res.body) as { error: string };
    expect(error).toContain(
      `No answer from the upstream ${new URL(silent.url).host} within 0.3 s.`,
    );
  });

  it('starts the built-in simulator without configuration and stops it with the server', async () => {
    const { server, logger, url } = await startPreview({});

    const agents = await request(`${url}/api/v1/agents`);
    server.printUrls();
    const line = logger.lines.find((l) =>
      l.includes('Agent Console → backend: Simulator (built-in, '),
    );
    const simulatorUrl = /\((?:built-in), (http:\/\/[^)]+)\)/.exec(line ?? '')?.[1];
    await server.close();

    expect(agents.status).toBe(200);
    expect(simulatorUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(request(`${simulatorUrl}/api/v1/agents`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });

  it('refuses to start without a build, as plain `vite preview` would', async () => {
    await expect(
      preview({
        configFile: false,
        root: await tempRoot(),
        plugins: [agentConsole({ env: {} })],
        preview: { host: '127.0.0.1', port: 0 },
        logLevel: 'silent',
      }),
    ).rejects.toThrow(/npm run build/);
  });
});

describe('startBackend', () => {
  it('explains a SIMULATOR_PORT that is taken', async () => {
    const squatter: TestServer = await listen((_req, res) => res.end());
    cleanups.push(squatter.close);

    await expect(startBackend({ SIMULATOR_PORT: String(squatter.port) })).rejects.toThrow(
      /SIMULATOR_PORT.*in use/,
    );
  });

  it('hands a pinned SIMULATOR_PORT over to the next server, as a Vite restart needs', async () => {
    const free = await listen(() => undefined);
    await free.close();
    const env = { SIMULATOR_PORT: String(free.port) };

    const first = await startBackend(env);
    const second = await startBackend(env); // Vite starts the new server before closing the old
    await first.close(); // ...then closes the old one, which must not take the new one down
    cleanups.push(() => second.close());

    expect(second.target.baseUrl).toBe(`http://127.0.0.1:${free.port}`);
    const agents = await request(`${second.target.baseUrl}/api/v1/agents`, {
      headers: { authorization: `Bearer ${second.target.apiKey}` },
    });
    expect(agents.status).toBe(200);
  });

  it('starts nothing for the real API', async () => {
    const backend = await startBackend({
      NANONETS_API_KEY: 'k',
      NANONETS_BASE_URL: 'http://127.0.0.1:9',
    });

    expect(backend.kind).toBe('upstream');
    await backend.close();
  });
});
