/** The plugin inside Vite's dev server (middleware mode): the proxy as `npm run dev` mounts it, and
 *  the built-in simulator living and dying with the server. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createServer } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKEND_INFO_PATH, NOT_FORWARDED_MESSAGE } from './middleware';
import { agentConsole } from './plugin';
import { startBackend } from './start-backend';
import { fakeUpstream, listen, request, type TestServer } from './test-support';

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
