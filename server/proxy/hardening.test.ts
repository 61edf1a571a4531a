/** The proxy's second hardening (issue 14): only the console's endpoints, only the headers the API
 *  needs, POSTs only from the console, upstream answers that cannot crash it, clocks on every
 *  phase, no caching, and no key in a relayed error body. */
import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  fakeUpstream,
  rawServer,
  request,
  requestPath,
  signal,
  within,
  type ClientResponse,
  type TestServer,
  proxyHarness,
  SIMULATOR_INFO,
} from './test-support';

const SERVER_KEY = 'sk-live-Secret_Key/42+x';
const TASK = '3f2a9c1e-8d4b-4e6f-9a7b-1c2d3e4f5a6b';

const { cleanups, target, proxyTo, serve, upstreamAndProxy } = proxyHarness(SERVER_KEY);

async function raw(onRequest: Parameters<typeof rawServer>[0]): Promise<TestServer> {
  const server = await rawServer(onRequest);
  cleanups.push(server.close);
  return server;
}

function errorOf(res: ClientResponse): string {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error?: unknown };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error).toBe('string');
  return body.error as string;
}

/** Fails the test with `message` rather than letting it hang until vitest's own timeout. */
function answered<T>(promise: Promise<T>, message: string): Promise<T> {
  return within(promise, 4000, message);
}

/** Resolves with the response, or with how the connection ended if it was cut. */
function outcomeOf(promise: Promise<ClientResponse>): Promise<ClientResponse | string> {
  return promise.then(
    (res) => res,
    (error: NodeJS.ErrnoException) => `cut off (${error.code ?? error.message})`,
  );
}

describe('only the endpoints the console uses', () => {
  it.each([
    ['POST', '/api/v1/agents'],
    ['POST', '/api/v1/agents/a1/versions/publish'],
    ['GET', '/api/v1/workspace/api-keys'],
    ['POST', '/api/v1/workspace/api-keys'],
    ['GET', '/api/v1'],
    ['GET', '/api/v1/'],
    ['GET', '/api/v1/agents/'],
    ['GET', '/api/v1/agents//run'],
    ['GET', '/api/v1/agents/a1/run'],
    ['HEAD', `/api/v1/tasks/${TASK}/cancel`],
    ['POST', '/api/v1/tasks'],
    ['POST', `/api/v1/tasks/${TASK}`],
    ['GET', `/api/v1/tasks/${TASK}/message`],
    ['POST', `/api/v1/tasks/${TASK}/messages`],
    ['GET', `/api/v1/tasks/${TASK}/result/raw`],
    ['GET', '/api/v1/tasks/a%41'],
    ['GET', '/api/v1/tasks/~t1'],
    ['GET', `/api/v1/tasks/${'a'.repeat(201)}`],
    ['GET', '/api/v1/admin'],
  ])('%s %s gets 403 naming the rule, and reaches no upstream', async (method, path) => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await requestPath(proxy.url, path, { method, headers: { origin: proxy.url } });

    expect(res.status).toBe(403);
    if (method !== 'HEAD') {
      const error = errorOf(res);
      expect(error).toContain('forwards only the endpoints the console uses');
      expect(error).toContain(`${method} ${path.slice(0, 100)}`);
    }
    expect(upstream.requests).toEqual([]);
  });

  it.each([
    ['GET', '/api/v1/agents?limit=20&q=inv'],
    ['GET', `/api/v1/agents/${TASK}`],
    ['POST', `/api/v1/agents/${TASK}/run`],
    ['GET', '/api/v1/tasks?status=running&status=pending'],
    ['GET', `/api/v1/tasks/${TASK}`],
    ['GET', `/api/v1/tasks/${TASK}/summary`],
    ['GET', `/api/v1/tasks/${TASK}/result`],
    ['GET', `/api/v1/tasks/${TASK}/messages`],
    ['POST', `/api/v1/tasks/${TASK}/message`],
    ['POST', `/api/v1/tasks/${TASK}/cancel`],
    ['HEAD', `/api/v1/tasks/${TASK}/result`],
  ])('%s %s is forwarded', async (method, path) => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await requestPath(proxy.url, path, { method, headers: { origin: proxy.url } });

    expect(res.status).toBe(200);
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      `${method === 'HEAD' ? 'GET' : method} ${path}`,
    ]);
  });

  it('forwards the simulator review only for an id of safe characters', async () => {
    const { upstream, proxy } = await upstreamAndProxy(undefined, {}, SIMULATOR_INFO);

    const odd = await requestPath(proxy.url, '/__console/simulator/tasks/a%41/review', {
      method: 'POST',
      headers: { origin: proxy.url },
    });

    expect(odd.status).not.toBe(200);
    expect(upstream.requests).toEqual([]);
  });
});

describe('request headers, by allow list', () => {
  it.each([
    ['x-http-method-override', 'DELETE'],
    ['x-http-method', 'DELETE'],
    ['x-method-override', 'PATCH'],
    ['x-original-url', '/api/v1/workspace/api-keys'],
    ['x-rewrite-url', '/api/v1/workspace/api-keys'],
    ['forwarded', 'for=10.0.0.1;host=admin.internal'],
    ['x-forwarded-for', '10.0.0.1'],
    ['x-forwarded-host', 'admin.internal'],
    ['x-forwarded-proto', 'https'],
    ['x-forwarded-prefix', '/admin'],
    ['true-client-ip', '10.0.0.1'],
    ['cf-connecting-ip', '10.0.0.1'],
    ['x-real-ip', '10.0.0.1'],
    ['x-client-ip', '10.0.0.1'],
    ['x-host', 'admin.internal'],
    ['via', '1.1 evil-proxy'],
    ['cookie', 'session=browser-secret'],
    ['authorization', 'Bearer stolen'],
    ['referer', 'http://127.0.0.1/tasks'],
    ['x-anything-else', 'not on the list'],
  ])('%s never reaches the upstream', async (name, value) => {
    const { upstream, proxy } = await upstreamAndProxy();

    await request(`${proxy.url}/api/v1/agents`, { headers: { [name]: value } });

    const seen = upstream.requests[0]?.headers ?? {};
    if (name === 'authorization') expect(seen.authorization).toBe(`Bearer ${SERVER_KEY}`);
    else expect(seen[name], name).toBeUndefined();
  });

  it('passes what the API needs, and only the codings the proxy can read', async () => {
    const { upstream, proxy } = await upstreamAndProxy();
    const body = '{"query":"x"}';

    await request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      headers: {
        origin: proxy.url,
        accept: 'application/json',
        'accept-encoding': 'gzip, deflate, br, zstd',
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'if-none-match': '"v1"',
        'if-modified-since': 'Wed, 21 Oct 2015 07:28:00 GMT',
        'x-request-id': 'req-7',
      },
      body,
    });

    const seen = upstream.requests[0];
    expect(seen?.headers).toMatchObject({
      accept: 'application/json',
      'accept-encoding': 'gzip, deflate, br',
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
      'if-none-match': '"v1"',
      'if-modified-since': 'Wed, 21 Oct 2015 07:28:00 GMT',
      'x-request-id': 'req-7',
      authorization: `Bearer ${SERVER_KEY}`,
    });
    expect(seen?.body.toString()).toBe(body);
  });
});

describe("a POST needs the console's own Origin", () => {
  const run = `/api/v1/agents/${TASK}/run`;

  it('refuses a POST without Origin, in the envelope, and the upstream sees nothing', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    const res = await request(`${proxy.url}${run}`, { method: 'POST', body: '{"query":"x"}' });

    expect(res.status).toBe(403);
    expect(errorOf(res)).toMatch(/Origin/);
    expect(upstream.requests).toEqual([]);
  });

  it.each(['http://127.0.0.1:1', 'http://localhost', 'null', 'not a url'])(
    'refuses a POST from Origin %s',
    async (origin) => {
      const { upstream, proxy } = await upstreamAndProxy();

      const res = await request(`${proxy.url}${run}`, {
        method: 'POST',
        headers: { origin },
        body: '{"query":"x"}',
      });

      expect(res.status).toBe(403);
      expect(upstream.requests).toEqual([]);
    },
  );

  it('refuses a simulator review POST without Origin', async () => {
    const { upstream, proxy } = await upstreamAndProxy(undefined, {}, SIMULATOR_INFO);

    const res = await request(`${proxy.url}/__console/simulator/tasks/${TASK}/review`, {
      method: 'POST',
      body: '{"decision":"approve"}',
    });

    expect(res.status).toBe(403);
    expect(upstream.requests).toEqual([]);
  });

  it("forwards a POST from the console's origin, and a GET with no Origin at all", async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    const post = await request(`${proxy.url}${run}`, {
      method: 'POST',
      headers: { origin: proxy.url },
      body: '{"query":"x"}',
    });
    const get = await request(`${proxy.url}/api/v1/tasks`);

    expect([post.status, get.status]).toEqual([200, 200]);
    expect(upstream.requests).toHaveLength(2);
  });
});

describe('an upstream answer cannot take the proxy down', () => {
  /** Serves one raw answer per connection; the next request must still be answered. */
  async function proxyToRaw(answer: string) {
    const upstream = await raw((socket) => socket.end(answer));
    const proxy = await proxyTo(target(upstream.url));
    const healthy = await fakeUpstream();
    cleanups.push(healthy.close);
    const next = await proxyTo(target(healthy.url));
    return { proxy, next };
  }

  async function nextIsServed(proxyUrl: string, nextUrl: string) {
    // The same proxy process, another request: it is still alive and serving.
    const again = await answered(request(`${nextUrl}/api/v1/agents`), 'the next request hung');
    expect(again.status).toBe(200);
    const info = await answered(request(`${proxyUrl}/__console/backend`), 'the proxy hung');
    expect(info.status).toBe(200);
  }

  it('ignores 103 Early Hints sent with the final 200 in one write', async () => {
    const { proxy, next } = await proxyToRaw(
      'HTTP/1.1 103 Early Hints\r\nLink: </x.css>; rel=preload\r\n\r\n' +
        'HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"ok":true}',
    );

    const res = await answered(request(`${proxy.url}/api/v1/agents`), 'no answer after a 103');

    expect(res.status).toBe(200);
    expect(res.body).toBe('{"ok":true}');
    expect(res.headers.link).toBeUndefined();
    await nextIsServed(proxy.url, next.url);
  });

  it('sends the standard reason phrase for a status text with a control character', async () => {
    const { proxy, next } = await proxyToRaw(
      'HTTP/1.1 200 O\x01K\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n[]',
    );

    const res = await answered(request(`${proxy.url}/api/v1/agents`), 'no answer');

    expect([res.status, res.statusMessage, res.body]).toEqual([200, 'OK', '[]']);
    await nextIsServed(proxy.url, next.url);
  });

  it('answers 502 for a header value with a control character', async () => {
    const { proxy, next } = await proxyToRaw(
      'HTTP/1.1 200 OK\r\nX-Request-Id: a\x01b\r\nContent-Length: 2\r\n\r\n[]',
    );

    const res = await answered(request(`${proxy.url}/api/v1/agents`), 'no answer');

    expect(res.status).toBe(502);
    expect(errorOf(res)).toContain('127.0.0.1');
    await nextIsServed(proxy.url, next.url);
  });

  it('ignores whatever follows a complete answer', async () => {
    const { proxy, next } = await proxyToRaw(
      'HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]HTTP/1.1 500 Late\r\nContent-Length: 0\r\n\r\n\x00\x01',
    );

    const res = await answered(request(`${proxy.url}/api/v1/agents`), 'no answer');

    expect([res.status, res.body]).toEqual([200, '[]']);
    await nextIsServed(proxy.url, next.url);
  });
});

describe('clocks on both directions', () => {
  it('answers 504 when the browser stops sending its upload, and aborts the upstream request', async () => {
    const upstreamGotBytes = signal();
    const upstreamClosed = signal();
    const upstream = await serve((req) => {
      req.once('data', () => upstreamGotBytes.resolve());
      req.socket.once('close', () => upstreamClosed.resolve());
    });
    const proxy = await proxyTo(target(upstream.url), { idleTimeoutMs: 150 });

    const response = signal<http.IncomingMessage>();
    const client = http.request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      agent: false,
      headers: { origin: proxy.url, 'content-length': 1000 },
    });
    client.on('response', response.resolve);
    client.on('error', () => undefined);
    client.write('x'.repeat(10)); // …and not another byte
    await answered(upstreamGotBytes.promise, 'the upload never reached the upstream');

    const res = await answered(response.promise, 'a stalled upload got no answer');
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    await new Promise((resolve) => res.once('end', resolve));
    client.destroy();

    expect(res.statusCode).toBe(504);
    expect((JSON.parse(text) as { error: string }).error).toMatch(/nothing came from the browser/);
    await answered(upstreamClosed.promise, 'the upstream request stayed open');
  });

  it('answers 504 when the upstream stops reading an upload half-way', async () => {
    const upstreamStopped = signal();
    const upstream = await serve((req) => {
      req.once('data', () => {
        req.pause(); // reads one chunk, then nothing more: the socket buffers fill up
        upstreamStopped.resolve();
      });
    });
    const proxy = await proxyTo(target(upstream.url), { idleTimeoutMs: 200 });
    const total = 64 * 1024 * 1024;
    const piece = Buffer.alloc(256 * 1024, 1);

    const response = signal<http.IncomingMessage>();
    const client = http.request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      agent: false,
      headers: { origin: proxy.url, 'content-length': total },
    });
    client.on('response', response.resolve);
    client.on('error', () => undefined);
    let sent = 0;
    let answeredYet = false;
    void response.promise.then(() => (answeredYet = true));
    const writeMore = () => {
      while (sent < total && !answeredYet) {
        sent += piece.length;
        if (!client.write(piece)) {
          client.once('drain', writeMore);
          return;
        }
      }
    };
    writeMore();
    await answered(upstreamStopped.promise, 'the upload never reached the upstream');

    const res = await answered(response.promise, 'an upload the upstream stopped reading hung');
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => (text += chunk));
    await new Promise((resolve) => res.once('end', resolve));
    client.destroy();

    expect(res.statusCode).toBe(504);
    const { error } = JSON.parse(text) as { error: string };
    expect(error).toContain(`The upstream 127.0.0.1:${upstream.port} stopped reading the upload`);
    expect(error).toContain('NANONETS_UPSTREAM_IDLE_S');
    expect(sent).toBeLessThan(total);
  });

  it('cuts a trickled answer at the total cap', async () => {
    const upstreamClosed = signal();
    const upstream = await serve((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const tick = setInterval(() => res.write('.'), 20); // never idle, never done
      req.socket.once('close', () => {
        clearInterval(tick);
        upstreamClosed.resolve();
      });
    });
    // The idle limit is far off: only the total cap can cut this one.
    const proxy = await proxyTo(target(upstream.url), {
      idleTimeoutMs: 2000,
      totalTimeoutMs: 400,
    });

    const started = Date.now();
    const outcome = await answered(
      outcomeOf(request(`${proxy.url}/api/v1/tasks/t1/result`)),
      'a trickled answer was never cut',
    );

    expect(outcome).toMatch(/^cut off/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await answered(upstreamClosed.promise, 'the upstream connection stayed open');
  });

  it('answers 504 for an error answer that stalls before the proxy has sent anything', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.write('{"error":"Half of'); // and nothing more
    });
    const proxy = await proxyTo(target(upstream.url), { idleTimeoutMs: 150 });

    const res = await answered(request(`${proxy.url}/api/v1/tasks`), 'a stalled error hung');

    expect(res.status).toBe(504);
    expect(errorOf(res)).toContain('stopped sending its answer');
  });
});

describe('no caching', () => {
  const CACHING = {
    'cache-control': 'public, max-age=31536000, immutable',
    expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
    age: '100',
    pragma: 'cache',
  };

  it.each([200, 304, 404])(
    'a %s answer carries Cache-Control: no-store and none of the upstream caching headers',
    async (status) => {
      const { proxy } = await upstreamAndProxy(() => ({
        status,
        headers: { ...CACHING, 'content-type': 'application/json', etag: '"v1"' },
        body: status === 304 ? '' : '{"data":[]}',
      }));

      const res = await request(`${proxy.url}/api/v1/agents`);

      expect(res.status).toBe(status);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers.expires).toBeUndefined();
      expect(res.headers.age).toBeUndefined();
      expect(res.headers.pragma).toBeUndefined();
    },
  );
});

describe('the key in an error body', () => {
  it('is redacted from a JSON error, with the length fixed', async () => {
    const body = JSON.stringify({ error: `Invalid API key ${SERVER_KEY} for this workspace` });
    const { proxy } = await upstreamAndProxy(() => ({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        'x-request-id': 'req-9',
      },
      body,
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toEqual({
      error: 'Invalid API key [redacted] for this workspace',
    });
    expect(res.headers['content-length']).toBe(String(Buffer.byteLength(res.body)));
    expect(res.headers['x-request-id']).toBe('req-9');
  });

  it('is redacted in any letter case, URL-encoded or JSON-escaped, from a text error', async () => {
    const body = [
      SERVER_KEY.toUpperCase(),
      encodeURIComponent(SERVER_KEY),
      JSON.stringify(SERVER_KEY).slice(1, -1).replaceAll('/', '\\/'),
    ].join(' | ');
    const { proxy } = await upstreamAndProxy(() => ({
      status: 500,
      headers: { 'content-type': 'text/plain' },
      body,
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(500);
    expect(res.body).toBe('[redacted] | [redacted] | [redacted]');
  });

  it('is redacted from a gzip-compressed error, which is relayed decoded', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(403, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(zlib.gzipSync(JSON.stringify({ error: `Key ${SERVER_KEY} is revoked` })));
    });
    const proxy = await proxyTo(target(upstream.url));

    const res = await request(`${proxy.url}/api/v1/agents`, {
      headers: { 'accept-encoding': 'gzip' },
    });

    expect(res.status).toBe(403);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body)).toEqual({ error: 'Key [redacted] is revoked' });
  });

  it('replaces an error body over 64 KB with an envelope, keeping status and Retry-After', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 429,
      headers: { 'content-type': 'text/plain', 'retry-after': '7' },
      body: `${SERVER_KEY} `.repeat(4000),
    }));

    const res = await request(`${proxy.url}/api/v1/tasks`);

    expect(res.status).toBe(429);
    expect(res.headers['retry-after']).toBe('7');
    const error = errorOf(res);
    expect(error).toContain('429');
    expect(error).toContain('64 KB');
    expect(res.body).not.toContain(SERVER_KEY);
  });

  it('replaces an error body in a coding the proxy cannot read with an envelope', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 401,
      headers: { 'content-type': 'application/json', 'content-encoding': 'zstd' },
      body: `not really zstd ${SERVER_KEY}`,
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(401);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(errorOf(res)).toContain('401 Unauthorized');
    expect(res.body).not.toContain(SERVER_KEY);
  });
});
