import { createHash } from 'node:crypto';
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { BackendInfo, UpstreamTarget } from './backend';
import { BACKEND_INFO_PATH, createConsoleMiddleware, NOT_FORWARDED_MESSAGE } from './middleware';
import {
  fakeUpstream,
  listen,
  request,
  signal,
  within,
  type CannedResponse,
  type RecordedRequest,
  type TestServer,
} from './test-support';

const SERVER_KEY = 'server-side-key-7d1b';
const UPSTREAM_INFO: BackendInfo = {
  mode: 'upstream',
  label: 'agents.example',
  baseUrl: 'https://agents.example',
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

function target(baseUrl: string): UpstreamTarget {
  return { baseUrl, apiKey: SERVER_KEY, unreachableHint: 'Start the upstream, then retry.' };
}

/** The console middleware on a bare server; anything it passes on answers 418 "next". */
async function proxyTo(upstreamTarget: UpstreamTarget, info: BackendInfo = UPSTREAM_INFO) {
  const middleware = createConsoleMiddleware({ info, target: upstreamTarget });
  const proxy = await listen((req, res) =>
    middleware(req, res, () => {
      res.writeHead(418);
      res.end('next');
    }),
  );
  cleanups.push(proxy.close);
  return proxy;
}

async function upstreamAndProxy(respond?: (request: RecordedRequest) => CannedResponse) {
  const upstream = await fakeUpstream(respond);
  cleanups.push(upstream.close);
  const proxy = await proxyTo(target(upstream.url));
  return { upstream, proxy };
}

async function serve(handler: http.RequestListener): Promise<TestServer> {
  const server = await listen(handler);
  cleanups.push(server.close);
  return server;
}

describe('forwarding /api/v1/*', () => {
  it('replaces the browser credentials with the server key and drops cookies', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    await request(`${proxy.url}/api/v1/agents`, {
      headers: {
        authorization: 'Bearer evil',
        cookie: 'session=browser-secret',
        accept: 'application/json',
        'x-custom': 'not on the list',
      },
    });

    const seen = upstream.requests[0];
    expect(seen?.headers.authorization).toBe(`Bearer ${SERVER_KEY}`);
    expect(seen?.headers.cookie).toBeUndefined();
    expect(seen?.headers.accept).toBe('application/json');
    expect(seen?.headers['x-custom']).toBeUndefined();
    expect(seen?.headers.host).toBe(new URL(upstream.url).host);
  });

  it('drops hop-by-hop headers, those named in Connection, and browser-context headers', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    await request(`${proxy.url}/api/v1/agents`, {
      headers: {
        connection: 'keep-alive, x-hop',
        'x-hop': 'connection-scoped',
        'proxy-authorization': 'Basic abc',
        te: 'trailers',
        origin: `${proxy.url}`,
        referer: `${proxy.url}/tasks`,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'cors',
      },
    });

    const headers = upstream.requests[0]?.headers ?? {};
    for (const name of ['x-hop', 'proxy-authorization', 'te', 'origin', 'referer']) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(Object.keys(headers).filter((name) => name.startsWith('sec-fetch-'))).toEqual([]);
  });

  it('preserves method, path, query string and body', async () => {
    const { upstream, proxy } = await upstreamAndProxy(() => ({ status: 201, body: '{}' }));
    const body = JSON.stringify({ query: 'Reconcile März invoices', files: [] });

    const res = await request(`${proxy.url}/api/v1/agents/abc/run?x=1&tag=a%20b&tag=c`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        origin: proxy.url,
      },
      body,
    });

    expect(res.status).toBe(201);
    const seen = upstream.requests[0];
    expect(seen?.method).toBe('POST');
    expect(seen?.url).toBe('/api/v1/agents/abc/run?x=1&tag=a%20b&tag=c');
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['content-length']).toBe(String(Buffer.byteLength(body)));
    expect(seen?.body.toString('utf8')).toBe(body);
  });

  it('forwards neither PATCH (the console edits nothing) nor DELETE', async () => {
    const { upstream, proxy } = await upstreamAndProxy(() => ({ status: 204 }));

    const patched = await request(`${proxy.url}/api/v1/agents/a1`, {
      method: 'PATCH',
      headers: { origin: proxy.url },
      body: '{"name":"x"}',
    });
    const deleted = await request(`${proxy.url}/api/v1/agents/a1`, { method: 'DELETE' });

    expect([patched.status, deleted.status]).toEqual([405, 405]);
    expect(upstream.requests).toEqual([]);
  });

  it('passes status, body and Retry-After back, but never Set-Cookie', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 429,
      headers: {
        'content-type': 'application/json',
        'retry-after': '7',
        'set-cookie': ['upstream_session=1; HttpOnly'],
        'x-request-id': 'req-42',
      },
      body: '{"error":"Too many requests"}',
    }));

    const res = await request(`${proxy.url}/api/v1/tasks`);

    expect(res.status).toBe(429);
    expect(res.body).toBe('{"error":"Too many requests"}');
    expect(res.headers['retry-after']).toBe('7');
    expect(res.headers['x-request-id']).toBe('req-42');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('keeps a path prefix of the upstream base URL', async () => {
    const upstream = await fakeUpstream();
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(`${upstream.url}/gateway`));

    await request(`${proxy.url}/api/v1/tasks?page=2`);

    expect(upstream.requests[0]?.url).toBe('/gateway/api/v1/tasks?page=2');
  });
});

describe('what is never forwarded', () => {
  // `request` resolves `..` before sending, so these reach the proxy as `/api/admin`; the raw
  // forms (400) are in security.test.ts.
  it.each(['/api/v2/agents', '/api/internal', '/api', '/api/v1/../admin', '/api/v1/%2e%2e/admin'])(
    '%s answers 404 in the API error envelope and the upstream sees nothing',
    async (path) => {
      const { upstream, proxy } = await upstreamAndProxy();

      const res = await request(`${proxy.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });

      expect(res.status).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(res.body)).toEqual({ error: NOT_FORWARDED_MESSAGE });
      expect(upstream.requests).toEqual([]);
    },
  );

  it('passes everything outside /api/ on to the next middleware (the app)', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await request(`${proxy.url}/apiary`);

    expect(res.status).toBe(418);
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    [{ 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, 'https://evil.example'],
    [{ 'sec-fetch-site': 'same-site', origin: 'http://localhost:3000' }, 'http://localhost:3000'],
    [{ origin: 'https://evil.example' }, 'https://evil.example'],
    [{ origin: 'null' }, 'null'],
  ])('refuses requests a browser marks as cross-site (%o)', async (headers, named) => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', ...headers },
      body: 'query=delete everything',
    });

    expect(res.status).toBe(403);
    expect((JSON.parse(res.body) as { error: string }).error).toContain(named);
    expect(upstream.requests).toEqual([]);
  });

  it('accepts same-origin browser requests and address-bar navigation', async () => {
    const { upstream, proxy } = await upstreamAndProxy();
    const host = new URL(proxy.url).host;

    const sameOrigin = await request(`${proxy.url}/api/v1/agents`, {
      headers: { 'sec-fetch-site': 'same-origin', origin: proxy.url },
    });
    const legacyOrigin = await request(`${proxy.url}/api/v1/tasks/t1/cancel`, {
      method: 'POST',
      headers: { origin: `http://${host}` },
    });
    const typed = await request(`${proxy.url}/api/v1/agents`, {
      headers: { 'sec-fetch-site': 'none' },
    });

    expect([sameOrigin.status, legacyOrigin.status, typed.status]).toEqual([200, 200, 200]);
    expect(upstream.requests).toHaveLength(3);
  });
});

describe(BACKEND_INFO_PATH, () => {
  it('is answered by the proxy itself and carries no key', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await request(`${proxy.url}${BACKEND_INFO_PATH}`);

    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toEqual(UPSTREAM_INFO);
    expect(res.body).not.toContain(SERVER_KEY);
    expect(upstream.requests).toEqual([]);
  });

  it('reports the simulator as such', async () => {
    const proxy = await proxyTo(target('http://127.0.0.1:1'), {
      mode: 'simulator',
      label: 'Simulator',
    });

    const res = await request(`${proxy.url}${BACKEND_INFO_PATH}`);

    expect(JSON.parse(res.body)).toEqual({ mode: 'simulator', label: 'Simulator' });
  });
});

describe('the simulator review control', () => {
  const TASK = '99999999-9999-4999-8999-999999999999';
  const reviewPath = `/__console/simulator/tasks/${TASK}/review`;

  it('forwards a decision to the simulator control route, with the server key', async () => {
    const upstream = await fakeUpstream();
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(upstream.url), { mode: 'simulator', label: 'Simulator' });
    const res = await request(`${proxy.url}${reviewPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy.url },
      body: JSON.stringify({ decision: 'approve' }),
    });
    expect(res.status).toBe(200);
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      method: 'POST',
      url: `/__sim/tasks/${TASK}/review`,
    });
    expect(upstream.requests[0]?.body.toString('utf8')).toBe('{"decision":"approve"}');
    expect(upstream.requests[0]?.headers.authorization).toBe(`Bearer ${SERVER_KEY}`);
  });

  it('does not exist in front of the real API, and refuses other sites and methods', async () => {
    const { upstream, proxy } = await upstreamAndProxy();
    const real = await request(`${proxy.url}${reviewPath}`, { method: 'POST', body: '{}' });
    expect(real.status).toBe(404);
    expect((JSON.parse(real.body) as { error: string }).error).toMatch(/Nanonets dashboard/);

    const simulated = await proxyTo(target(upstream.url), {
      mode: 'simulator',
      label: 'Simulator',
    });
    const get = await request(`${simulated.url}${reviewPath}`);
    expect(get.status).toBe(405);
    const crossSite = await request(`${simulated.url}${reviewPath}`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect(upstream.requests).toEqual([]);
  });
});

describe('an unreachable upstream', () => {
  it('answers 502 naming the upstream host, the reason and what to do', async () => {
    // Take a free port, then free it again: nothing listens there any more.
    const gone = await listen(() => undefined);
    await gone.close();
    const proxy = await proxyTo(target(gone.url));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const { error } = JSON.parse(res.body) as { error: string };
    expect(error).toContain(`Could not reach the upstream 127.0.0.1:${gone.port}`);
    expect(error).toContain('connection refused');
    expect(error).toContain('Start the upstream, then retry.');
    expect(error).not.toContain(SERVER_KEY);
  });

  it('answers 502 when the upstream hangs up before answering', async () => {
    const rude = await serve((req) => req.socket.destroy());
    const proxy = await proxyTo(target(rude.url));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(502);
    expect(res.body).toContain(`Could not reach the upstream 127.0.0.1:${rude.port}`);
  });

  it('answers 502 for a host name that does not resolve', async () => {
    const proxy = await proxyTo(target('http://agent-console-test.invalid'));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(502);
    expect(res.body).toContain('agent-console-test.invalid');
    expect(res.body).toContain('could not be resolved');
  });
});

describe('a kept-alive upstream connection that went stale', () => {
  /** Answers the first request on each connection and drops the connection on the second. */
  async function upstreamDroppingReusedSockets() {
    const perSocket = new WeakMap<object, number>();
    let answered = 0;
    const server = await serve((req, res) => {
      const count = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, count);
      if (count > 1) {
        req.socket.destroy();
        return;
      }
      req.resume();
      req.on('end', () => {
        answered++;
        res.end('{"ok":true}');
      });
    });
    return { server, answered: () => answered };
  }

  it('is retried once on a fresh connection for a request without a body', async () => {
    const upstream = await upstreamDroppingReusedSockets();
    const proxy = await proxyTo(target(upstream.server.url));

    const first = await request(`${proxy.url}/api/v1/tasks/t1`);
    const second = await request(`${proxy.url}/api/v1/tasks/t1`);

    expect([first.status, second.status]).toEqual([200, 200]);
    expect(upstream.answered()).toBe(2);
  });

  it('is not retried for a request with a body, which may already have been consumed', async () => {
    const upstream = await upstreamDroppingReusedSockets();
    const proxy = await proxyTo(target(upstream.server.url));

    await request(`${proxy.url}/api/v1/tasks/t1`);
    const reply = await request(`${proxy.url}/api/v1/tasks/t1/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy.url },
      body: '{"message":"yes"}',
    });

    expect(reply.status).toBe(502);
    expect(upstream.answered()).toBe(1);
  });
});

describe('streaming', () => {
  it('delivers the first chunk of a request body before the client has sent the rest', async () => {
    const firstChunk = signal<string>();
    const upstream = await serve((req, res) => {
      let total = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        if (total === '') firstChunk.resolve(chunk);
        total += chunk;
      });
      req.on('end', () => res.end(total));
    });
    const proxy = await proxyTo(target(upstream.url));

    const response = signal<string>();
    const client = http.request(
      `${proxy.url}/api/v1/agents/a1/run`,
      { method: 'POST', headers: { origin: proxy.url } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => response.resolve(body));
      },
    );
    client.write('chunk-1;');

    const seen = await within(
      firstChunk.promise,
      5000,
      'the upstream did not receive the first chunk while the upload was still open',
    );
    expect(seen).toBe('chunk-1;');
    client.end('chunk-2;chunk-3');
    expect(await response.promise).toBe('chunk-1;chunk-2;chunk-3');
  });

  it('delivers the first chunk of a response before the upstream has sent the rest', async () => {
    const clientGotFirst = signal();
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('part-1;');
      void clientGotFirst.promise.then(() => res.end('part-2'));
    });
    const proxy = await proxyTo(target(upstream.url));

    const body = await within(
      new Promise<string>((resolve, reject) => {
        http
          .get(`${proxy.url}/api/v1/tasks/t1/result`, (res) => {
            let text = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => {
              text += chunk;
              if (text === 'part-1;') clientGotFirst.resolve();
            });
            res.on('end', () => resolve(text));
          })
          .on('error', reject);
      }),
      5000,
      'the client did not receive the first part of the response before the upstream finished',
    );

    expect(body).toBe('part-1;part-2');
  });

  it('passes a 50 MB upload through intact without holding it', async () => {
    const total = 50 * 1024 * 1024;
    const piece = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < piece.length; i++) piece[i] = (i * 31 + 7) % 251;

    let clientSent = 0;
    let upstreamReceived = 0;
    let sentWhenUpstreamStarted = -1;
    let maxInFlight = 0;
    const upstream = await serve((req, res) => {
      const hash = createHash('sha256');
      req.on('data', (chunk: Buffer) => {
        if (sentWhenUpstreamStarted < 0) sentWhenUpstreamStarted = clientSent;
        upstreamReceived += chunk.length;
        maxInFlight = Math.max(maxInFlight, clientSent - upstreamReceived);
        hash.update(chunk);
        // A slow consumer: only backpressure through the proxy can hold the client back now.
        req.pause();
        setTimeout(() => req.resume(), 1);
      });
      req.on('end', () =>
        res.end(JSON.stringify({ bytes: upstreamReceived, sha256: hash.digest('hex') })),
      );
    });
    const proxy = await proxyTo(target(upstream.url));

    const expectedHash = createHash('sha256');
    const answer = await new Promise<string>((resolve, reject) => {
      const client = http.request(
        `${proxy.url}/api/v1/agents/a1/run`,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/octet-stream',
            'content-length': total,
            origin: proxy.url,
          },
        },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => resolve(text));
        },
      );
      client.on('error', reject);
      const writeMore = () => {
        while (clientSent < total) {
          clientSent += piece.length;
          expectedHash.update(piece);
          if (!client.write(piece)) {
            client.once('drain', writeMore);
            return;
          }
        }
        client.end();
      };
      writeMore();
    });

    expect(JSON.parse(answer)).toEqual({ bytes: total, sha256: expectedHash.digest('hex') });
    // A proxy that collected the body first would let the client send all 50 MB before the
    // upstream saw a byte; one that ignored backpressure would let the client race ~50 MB ahead of
    // the slow upstream. Streaming keeps the gap to socket buffers and high-water marks (~10 MB).
    // (Process memory is not asserted: GC timing makes it far noisier than this byte count.)
    expect(sentWhenUpstreamStarted).toBeLessThan(total / 2);
    expect(maxInFlight).toBeLessThan(total / 2);
  });

  it('aborts the upstream request when the client goes away', async () => {
    const upstreamSawRequest = signal();
    const upstreamSawAbort = signal();
    const upstream = await serve((req) => {
      upstreamSawRequest.resolve();
      req.socket.once('close', () => upstreamSawAbort.resolve());
    });
    const proxy = await proxyTo(target(upstream.url));

    const client = http.request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      headers: { origin: proxy.url },
    });
    client.on('error', () => undefined);
    client.write('partial upload');
    await within(upstreamSawRequest.promise, 5000, 'the upstream never saw the request');
    client.destroy();

    await within(
      upstreamSawAbort.promise,
      5000,
      'the upstream connection stayed open after the client went away',
    );
  });
});

describe('the proxy server itself', () => {
  it('keeps serving after a client aborts mid-response', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200);
      res.write('x'.repeat(64 * 1024));
    });
    const proxy = await proxyTo(target(upstream.url));

    await new Promise<void>((resolve) => {
      const req = http.get(`${proxy.url}/api/v1/big`, (res) => {
        res.once('data', () => {
          req.destroy();
          resolve();
        });
      });
      req.on('error', () => undefined);
    });
    const info = await request(`${proxy.url}${BACKEND_INFO_PATH}`);

    expect(info.status).toBe(200);
  });
});
