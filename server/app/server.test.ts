/** The production server end to end over real sockets: what it serves and how it caches, sign-in,
 *  the trusted header, probes, request logs and graceful shutdown, with a fake upstream. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listen, request, type TestServer } from '../proxy/test-support';
import { readServerConfig } from './config';
import { startConsoleServer, type ConsoleServer } from './server';

const KEY = 'sk-live-server-test-key-0123456789';
const PASSWORD = 'correct horse battery staple';
const SECRET = 'a'.repeat(64);

let dist: string;
let upstream: TestServer;
const upstreamSeen: IncomingMessage[] = [];
let holdNext: ((release: () => void) => void) | undefined;

beforeAll(async () => {
  dist = mkdtempSync(path.join(os.tmpdir(), 'console-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  const html = `<!doctype html><html><head><link rel="stylesheet" crossorigin href="/assets/index-abc123.css"></head><body><div id="root"></div>${' '.repeat(2000)}</body></html>`;
  writeFileSync(path.join(dist, 'index.html'), html);
  writeFileSync(path.join(dist, 'index.html.br'), brotliCompressSync(html));
  writeFileSync(path.join(dist, 'index.html.gz'), gzipSync(html));
  const js = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), js);
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js.br'), brotliCompressSync(js));
  writeFileSync(path.join(dist, 'assets', 'index-abc123.js.gz'), gzipSync(js));
  writeFileSync(path.join(dist, 'assets', 'index-abc123.css'), 'body{}');
  writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  upstream = await listen((req, res) => {
    upstreamSeen.push(req);
    const answer = () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ agents: [], has_more: false }));
    };
    if (holdNext) {
      const hold = holdNext;
      holdNext = undefined;
      hold(answer);
    } else answer();
  });
});

afterAll(async () => {
  await upstream.close();
  rmSync(dist, { recursive: true, force: true });
});

const running: ConsoleServer[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close(100)));
  upstreamSeen.length = 0;
});

let clock = Date.now();
async function start(extra: NodeJS.ProcessEnv = {}, logs: string[] = []) {
  const env = {
    HOST: '127.0.0.1',
    PORT: '0',
    NANONETS_API_KEY: KEY,
    NANONETS_BASE_URL: upstream.url,
    ...extra,
  };
  const config = readServerConfig(env, { distDir: dist, isTTY: false });
  const server = await startConsoleServer(
    config,
    env,
    (line) => logs.push(line),
    () => clock,
  );
  running.push(server);
  return server;
}

function get(server: ConsoleServer, pathname: string, headers: Record<string, string> = {}) {
  return fetch(server.url + pathname, { headers, redirect: 'manual' });
}

function signIn(server: ConsoleServer, password: string, next = '/tasks') {
  return fetch(`${server.url}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.url },
    body: new URLSearchParams({ password, next }),
  });
}

function cookieOf(response: Response): string {
  const setCookie = response.headers.get('set-cookie') ?? '';
  return setCookie.split(';')[0]!;
}

describe('serving the built app', () => {
  it('caches hashed assets for a year and revalidates index.html, compressed as asked', async () => {
    const server = await start();
    const asset = await get(server, '/assets/index-abc123.js', { 'accept-encoding': 'br, gzip' });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('br');
    expect(await asset.text()).toContain('console.log');

    const gzip = await get(server, '/assets/index-abc123.js', { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');

    const page = await get(server, '/', { 'accept-encoding': 'gzip' });
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(page.headers.get('content-encoding')).toBe('gzip');
    expect(await page.text()).toContain('<div id="root">');
  });

  it('answers client routes with the app, and a missing asset with 404', async () => {
    const server = await start();
    const route = await get(server, '/tasks/task_123?tab=trace');
    expect(route.status).toBe(200);
    expect(route.headers.get('content-type')).toContain('text/html');
    expect((await get(server, '/assets/index-old999.js')).status).toBe(404);
  });

  it('sends security headers: a CSP without inline scripts, no framing, no referrer to other sites, nosniff', async () => {
    const server = await start();
    const page = await get(server, '/');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(page.headers.get('referrer-policy')).toBe('same-origin');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers only its own names when nobody signs in (DNS rebinding), any name with sign-in', async () => {
    const server = await start();
    const rebound = await request(`${server.url}/api/v1/agents`, {
      headers: { host: 'attacker.example:5173' },
    });
    expect(rebound.status).toBe(421);
    expect((JSON.parse(rebound.body) as { error: string }).error).toContain(
      'CONSOLE_ALLOWED_HOSTS',
    );
    expect(upstreamSeen).toHaveLength(0);
    for (const host of ['localhost:5173', '127.0.0.1', '[::1]:80']) {
      expect((await request(`${server.url}/healthz`, { headers: { host } })).status).toBe(200);
      expect((await request(`${server.url}/api/v1/agents`, { headers: { host } })).status).toBe(
        200,
      );
    }
    const named = await start({ CONSOLE_ALLOWED_HOSTS: 'console.example.com' });
    const allowed = await request(`${named.url}/api/v1/agents`, {
      headers: { host: 'console.example.com' },
    });
    expect(allowed.status).toBe(200);

    const shared = await start({ CONSOLE_PASSWORD: PASSWORD, CONSOLE_SESSION_SECRET: SECRET });
    const signedOut = await request(`${shared.url}/api/v1/agents`, {
      headers: { host: 'console.example.com' },
    });
    expect(signedOut.status).toBe(401);
  });
});

describe('the built-in simulator', () => {
  it('starts without a key and stops with the server', async () => {
    const server = await start({ NANONETS_API_KEY: '' });
    expect(server.backend.kind).toBe('builtin-simulator');
    expect((await get(server, '/api/v1/agents')).status).toBe(200);
    const simulatorUrl = server.backend.target.baseUrl;
    await server.close(100);
    await expect(request(`${simulatorUrl}/api/v1/agents`)).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});

describe('probes and logs', () => {
  it('/healthz says the process is up; /readyz says whether the upstream answers', async () => {
    const server = await start();
    expect(await (await get(server, '/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await get(server, '/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(upstreamSeen.at(-1)?.headers.authorization).toBe(`Bearer ${KEY}`);

    const nowhere = await start({ NANONETS_BASE_URL: 'http://127.0.0.1:9' });
    const notReady = await get(nowhere, '/readyz');
    expect(notReady.status).toBe(503);
    expect(await notReady.json()).toEqual({
      status: 'not ready',
      reason: 'the upstream cannot be reached',
    });
  });

  it('logs one JSON line per request, with no key, password, cookie or query value', async () => {
    const logs: string[] = [];
    const server = await start(
      { CONSOLE_PASSWORD: PASSWORD, CONSOLE_SESSION_SECRET: SECRET },
      logs,
    );
    const cookie = cookieOf(await signIn(server, PASSWORD));
    await get(server, '/api/v1/agents?q=confidential-query', { cookie });
    await signIn(server, 'wrong password');
    // Each line is written when its answer closes.
    await vi.waitFor(() => expect(logs).toHaveLength(3));
    const text = logs.join('\n');
    for (const secret of [KEY, PASSWORD, 'wrong password', cookie.split('=')[1]!, 'confidential']) {
      expect(text).not.toContain(secret);
    }
    const line = logs
      .map((entry) => JSON.parse(entry) as { path: string; ms: number })
      .find((entry) => entry.path === '/api/v1/agents');
    expect(line).toMatchObject({
      method: 'GET',
      path: '/api/v1/agents',
      query: ['q'],
      status: 200,
    });
    expect(typeof line?.ms).toBe('number');
  });
});

describe('sign-in with CONSOLE_PASSWORD', () => {
  const env = { CONSOLE_PASSWORD: PASSWORD, CONSOLE_SESSION_SECRET: SECRET };

  it('refuses the app and the API without a session', async () => {
    const server = await start(env);
    const page = await get(server, '/tasks?status=completed');
    expect(page.status).toBe(302);
    expect(page.headers.get('location')).toBe('/sign-in?next=%2Ftasks%3Fstatus%3Dcompleted');
    const api = await get(server, '/api/v1/agents');
    expect(api.status).toBe(401);
    expect(api.headers.get('x-console-sign-in')).toBe('/sign-in');
    expect(await api.json()).toEqual({ error: 'Sign in to the Agent Console first.' });
    expect(upstreamSeen).toHaveLength(0);
    const signInPage = await get(server, '/sign-in?next=%2Ftasks');
    expect(signInPage.status).toBe(200);
    const html = await signInPage.text();
    expect(html).toContain('<label for="password"');
    expect(html).toContain('value="/tasks"');
    expect(html).toContain('href="/assets/index-abc123.css"');
  });

  it('signs in with the right password and lands where the person was going', async () => {
    const server = await start(env);
    const response = await signIn(server, PASSWORD, '/tasks?status=completed');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/tasks?status=completed');
    const setCookie = response.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    expect(setCookie).toMatch(/Max-Age=43200/);
    const cookie = cookieOf(response);
    expect((await get(server, '/api/v1/agents', { cookie })).status).toBe(200);
    expect((await get(server, '/tasks', { cookie })).status).toBe(200);
    const info = (await (await get(server, '/__console/backend', { cookie })).json()) as {
      session: unknown;
    };
    expect(info.session).toEqual({ mode: 'password', user: 'signed in', signOut: '/sign-out' });
  });

  it('never sends the person to another site after signing in', async () => {
    const server = await start(env);
    for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
      expect((await signIn(server, PASSWORD, next)).headers.get('location')).toBe('/');
    }
  });

  it('refuses a wrong password with a clear message, and pauses after five', async () => {
    const server = await start(env);
    const first = await signIn(server, 'nope');
    expect(first.status).toBe(401);
    expect(await first.text()).toMatch(/role="alert"[^>]*>\s*Wrong password\. 4 attempts left/);
    for (let attempt = 2; attempt <= 4; attempt++) await signIn(server, 'nope');
    const fifth = await signIn(server, 'nope');
    expect(fifth.status).toBe(429);
    expect(await fifth.text()).toContain(
      'Too many wrong passwords from this address. Try again in 10 minutes.',
    );
    // Even the right password waits out the pause.
    const right = await signIn(server, PASSWORD);
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBe(600);
    clock += 600_000;
    expect((await signIn(server, PASSWORD)).status).toBe(303);
  });

  it('refuses a sign-in posted from another site', async () => {
    const server = await start(env);
    const response = await fetch(`${server.url}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      body: new URLSearchParams({ password: PASSWORD, next: '/' }),
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('accepts a session made by another instance with the same secret, not with another', async () => {
    const first = await start(env);
    const second = await start(env);
    const other = await start({ ...env, CONSOLE_SESSION_SECRET: 'b'.repeat(64) });
    const cookie = cookieOf(await signIn(first, PASSWORD));
    expect((await get(second, '/api/v1/agents', { cookie })).status).toBe(200);
    expect((await get(other, '/api/v1/agents', { cookie })).status).toBe(401);
  });

  it('ends the session on Sign out, and when the password changes', async () => {
    const server = await start(env);
    const cookie = cookieOf(await signIn(server, PASSWORD));
    const out = await fetch(`${server.url}/sign-out`, {
      method: 'POST',
      redirect: 'manual',
      headers: { cookie, origin: server.url },
    });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/sign-in');
    expect(out.headers.get('set-cookie')).toMatch(/console_session=;.*Max-Age=0/);

    const changed = await start({ ...env, CONSOLE_PASSWORD: 'a new password' });
    expect((await get(changed, '/api/v1/agents', { cookie })).status).toBe(401);
  });

  it('ends sessions after CONSOLE_SESSION_HOURS', async () => {
    const server = await start({ ...env, CONSOLE_SESSION_HOURS: '2' });
    const cookie = cookieOf(await signIn(server, PASSWORD));
    clock += 2 * 3_600_000 - 1;
    expect((await get(server, '/api/v1/agents', { cookie })).status).toBe(200);
    clock += 1;
    expect((await get(server, '/api/v1/agents', { cookie })).status).toBe(401);
  });
});

describe('a trusted identity-aware proxy in front', () => {
  it('refuses requests without its header and names the user with it', async () => {
    const server = await start({ CONSOLE_TRUSTED_USER_HEADER: 'X-Forwarded-Email' });
    const without = await get(server, '/api/v1/agents');
    expect(without.status).toBe(401);
    expect(((await without.json()) as { error: string }).error).toContain('x-forwarded-email');
    expect((await get(server, '/')).status).toBe(401);
    expect(upstreamSeen).toHaveLength(0);

    const headers = { 'x-forwarded-email': 'ada@example.com' };
    expect((await get(server, '/api/v1/agents', headers)).status).toBe(200);
    const info = (await (await get(server, '/__console/backend', headers)).json()) as {
      session: unknown;
    };
    expect(info.session).toEqual({ mode: 'header', user: 'ada@example.com', signOut: null });
    // The header is the proxy's to set, never forwarded to the API.
    expect(upstreamSeen.at(-1)?.headers['x-forwarded-email']).toBeUndefined();
  });
});

describe('shutdown', () => {
  it('finishes a request in flight, then stops', async () => {
    const server = await start();
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => {
      holdNext = (answer) => {
        release = answer;
        resolve();
      };
    });
    const inFlight = get(server, '/api/v1/agents');
    await held;
    const closed = server.close(5_000);
    let closedYet = false;
    void closed.then(() => (closedYet = true));
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
    expect(closedYet).toBe(false);
    release!();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ agents: [], has_more: false });
    await closed;
  });
});
