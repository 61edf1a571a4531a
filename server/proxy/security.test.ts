/** The proxy's hardening (issue 10): answers that never come, paths that decode outside `/api/v1`,
 *  what may come back from the upstream, and which methods go out at all. */
import http from 'node:http';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleMiddleware } from './middleware';
import {
  fakeUpstream,
  listen,
  rawServer,
  request,
  requestPath,
  signal,
  within,
  type ClientResponse,
  proxyHarness,
  SIMULATOR_INFO,
  UPSTREAM_INFO,
} from './test-support';

const SERVER_KEY = 'server-side-key-7d1b';
const CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

const { cleanups, target, proxyTo, serve, upstreamAndProxy } = proxyHarness(SERVER_KEY);

function errorOf(res: ClientResponse): string {
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(res.body) as { error?: unknown };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error).toBe('string');
  return body.error as string;
}

/** Fails the test with `message` rather than letting it hang until vitest's own timeout. */
function answered(promise: Promise<ClientResponse>, message: string): Promise<ClientResponse> {
  return within(promise, 4000, message);
}

describe('an upstream that does not answer', () => {
  it('gets 504 in the error envelope, naming the host, after responseTimeoutMs', async () => {
    const closed = signal();
    const silent = await serve((req) => {
      req.resume();
      req.socket.once('close', () => closed.resolve());
    });
    const proxy = await proxyTo(target(silent.url), { responseTimeoutMs: 200 });

    const started = Date.now();
    const res = await answered(
      request(`${proxy.url}/api/v1/tasks/t1`),
      'the proxy left the browser waiting on a silent upstream',
    );

    expect(res.status).toBe(504);
    const error = errorOf(res);
    expect(error).toContain(`No answer from the upstream 127.0.0.1:${silent.port} within 0.2 s.`);
    expect(error).toContain('NANONETS_UPSTREAM_TIMEOUT_S');
    expect(error).not.toContain(SERVER_KEY);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
    // The abandoned upstream request is not left open either.
    await within(closed.promise, 4000, 'the upstream connection stayed open after the 504');
  });

  it('starts the clock for an upload only once its body has been sent', async () => {
    const silentAfterUpload = signal();
    const upstream = await serve((req, res) => {
      let bytes = 0;
      req.on('data', (chunk: Buffer) => (bytes += chunk.length));
      req.on('end', () => {
        if (req.url?.endsWith('?hang=yes')) silentAfterUpload.resolve();
        else res.end(JSON.stringify({ bytes }));
      });
    });
    const proxy = await proxyTo(target(upstream.url), { responseTimeoutMs: 300 });

    // A slow upload, three times longer than the answer limit: it must not be cut off.
    const slowUpload = (hang: boolean) =>
      new Promise<ClientResponse>((resolve, reject) => {
        const client = http.request(
          `${proxy.url}/api/v1/agents/a1/run${hang ? '?hang=yes' : ''}`,
          { method: 'POST', headers: { origin: proxy.url } },
          (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (chunk: string) => (body += chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                statusMessage: res.statusMessage ?? '',
                headers: res.headers,
                body,
              }),
            );
          },
        );
        client.on('error', reject);
        let sent = 0;
        const tick = setInterval(() => {
          client.write('x'.repeat(1024));
          if (++sent === 9) {
            clearInterval(tick);
            client.end();
          }
        }, 100);
      });

    const finished = await answered(slowUpload(false), 'the slow upload never got its answer');
    expect(finished.status).toBe(200);
    expect(JSON.parse(finished.body)).toEqual({ bytes: 9 * 1024 });

    const started = Date.now();
    const hung = await answered(
      slowUpload(true),
      'the upload got no answer after the upstream hung',
    );
    await silentAfterUpload.promise;
    expect(hung.status).toBe(504);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900 + 250);
  });

  it('gets 502 for 101 Switching Protocols, and the protocol is never switched', async () => {
    const upstream = await rawServer((socket) => {
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      );
    });
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(upstream.url));

    const res = await answered(
      request(`${proxy.url}/api/v1/agents`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket' },
      }),
      'the proxy left the browser waiting after a 101 from the upstream',
    );

    expect(res.status).toBe(502);
    expect(res.headers.upgrade).toBeUndefined();
    const error = errorOf(res);
    expect(error).toContain(`127.0.0.1:${upstream.port}`);
    expect(error).toContain('101');
  });

  it('ignores an interim 102, which does not stop the clock for the answer', async () => {
    const upstream = await rawServer((socket) => {
      socket.write('HTTP/1.1 102 Processing\r\n\r\n');
    });
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(upstream.url), { responseTimeoutMs: 200 });

    const res = await answered(
      request(`${proxy.url}/api/v1/agents`),
      'the proxy left the browser waiting after a 102 from the upstream',
    );

    expect(res.status).toBe(504);
    expect(errorOf(res)).toContain('No answer from the upstream');
  });

  it('cuts a response whose body stalls for longer than idleTimeoutMs', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"data":[');
    });
    const proxy = await proxyTo(target(upstream.url), { idleTimeoutMs: 200 });

    const outcome = request(`${proxy.url}/api/v1/tasks`).then(
      () => 'completed',
      (error: NodeJS.ErrnoException) => `cut off (${error.code ?? error.message})`,
    );

    expect(await within(outcome, 4000, 'a stalled response body kept the browser waiting')).toMatch(
      /^cut off/,
    );
  });

  it('does not cut a response the browser itself is slow to read', async () => {
    const total = 8 * 1024 * 1024;
    const upstream = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(Buffer.alloc(total, 7));
    });
    const proxy = await proxyTo(target(upstream.url), { idleTimeoutMs: 400 });

    const received = await within(
      new Promise<number>((resolve, reject) => {
        http
          .get(`${proxy.url}/api/v1/tasks/t1/result`, { agent: false }, (res) => {
            let bytes = 0;
            res.pause(); // a busy tab: nothing is read for three times the limit
            setTimeout(() => {
              res.on('data', (chunk: Buffer) => (bytes += chunk.length));
              res.on('end', () => resolve(bytes));
              res.on('error', reject);
              res.resume();
            }, 1200);
          })
          .on('error', reject);
      }),
      5000,
      'the slow reader never got the whole body',
    );

    expect(received).toBe(total);
  });
});

describe('paths that decode outside /api/v1', () => {
  it.each([
    '/api/v1/..%2f..%2fadmin',
    '/api/v1/agents/..%2F..%2Fadmin',
    '/api/v1/agents/a1%2frun',
    '/api/v1/%5c..%5cadmin',
    '/api/v1/agents/a1\\..\\..\\admin',
    '/api/v1/%2e%2e%2fadmin',
    '/api/v1/agents/%2e%2e/%2e%2e/admin',
    '/api/v1/agents/.%2E/x',
    '/api/v1/%252e%252e/admin',
    '/api/v1/..%252f..%252fadmin',
    '/api/v1/agents/%25252e%25252e',
    '/api/v1/agents/%5C',
    '/api/v1/agents/%zz',
    '/api/v1/agents/a1%00',
    '/api/v1/../admin',
    '/api/v1/agents/./a1',
    '/api/v1/agents/../tasks',
    '/api/v2/../v1/agents',
    '/__console/simulator/tasks/..%2f..%2fapi%2fv1%2fagents/review',
    '/__console/simulator/tasks/%252e%252e/review',
    // `;` path parameters: Tomcat/Spring-family servers read `..;` as `..`.
    '/api/v1/..;/..;/admin',
    '/api/v1/agents/..;/..;/workspace/api-keys',
    '/api/v1/%2e%2e;/admin',
    '/api/v1/..%3b/admin',
    '/api/v1/..%3B/admin',
    '/api/v1/agents/a1%3brun',
    '/api/v1/tasks;jsessionid=x',
    '/api/v1/tasks/t1;/cancel',
    '/api/v1/agents/a1%253b/run',
    '/__console/simulator/tasks/..;/review',
  ])('%s is refused with 400 and the upstream sees nothing', async (path) => {
    const { upstream, proxy } = await upstreamAndProxy(undefined, {}, SIMULATOR_INFO);

    const res = await requestPath(proxy.url, path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: proxy.url },
      body: '{}',
    });

    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatch(/slash|backslash|dot segment|semicolon|percent|control character/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(upstream.requests).toEqual([]);
  });

  it('still forwards ordinary ids and percent-encoded query strings', async () => {
    const { upstream, proxy } = await upstreamAndProxy();
    const id = '3f2a9c1e-8d4b-4e6f-9a7b-1c2d3e4f5a6b';

    const one = await requestPath(proxy.url, `/api/v1/tasks/${id}/summary`);
    const list = await requestPath(proxy.url, '/api/v1/tasks?q=a%2Fb%2e%2e%5c%25&limit=5');

    expect([one.status, list.status]).toEqual([200, 200]);
    expect(upstream.requests.map((r) => r.url)).toEqual([
      `/api/v1/tasks/${id}/summary`,
      '/api/v1/tasks?q=a%2Fb%2e%2e%5c%25&limit=5',
    ]);
  });
});

describe('what comes back from the upstream', () => {
  const ALLOWED = {
    'content-type': 'application/json',
    'content-disposition': 'inline; filename="result.json"',
    'retry-after': '3',
    etag: '"v1"',
    'last-modified': 'Wed, 21 Oct 2015 07:28:00 GMT',
    vary: 'Accept',
    date: 'Wed, 21 Oct 2015 07:28:00 GMT',
    'x-request-id': 'req-1',
    'request-id': 'req-2',
    'x-correlation-id': 'corr-3',
    'x-ratelimit-remaining': '9',
    'ratelimit-policy': '10;w=60',
  };
  const REFUSED = {
    'set-cookie': ['upstream_session=1; HttpOnly'],
    'access-control-allow-origin': '*',
    'access-control-allow-credentials': 'true',
    'www-authenticate': 'Basic realm="upstream"',
    'content-security-policy': "script-src 'unsafe-inline'",
    'x-powered-by': 'Express',
    server: 'nginx/1.0',
    refresh: '0; url=https://evil.example/',
    link: '<https://evil.example/x.js>; rel=preload; as=script',
    location: 'https://evil.example/',
    'content-location': '/internal/x',
    'x-debug-token': 'abc',
    'strict-transport-security': 'max-age=31536000',
    expires: 'Thu, 01 Jan 2099 00:00:00 GMT',
    age: '12',
    pragma: 'cache',
  };

  it('passes only the headers a browser needs', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 200,
      headers: { ...ALLOWED, ...REFUSED },
      body: '{"ok":true}',
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(200);
    expect(res.body).toBe('{"ok":true}');
    for (const [name, value] of Object.entries(ALLOWED))
      expect(res.headers[name], name).toBe(value);
    for (const name of Object.keys(REFUSED)) {
      if (name === 'content-security-policy') continue; // replaced by the proxy's own, below
      expect(res.headers[name], name).toBeUndefined();
    }
    expect(res.headers['content-security-policy']).toBe(CSP);
  });

  it('drops a header that carries the key in its name or value', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 401,
      headers: {
        'content-type': 'application/json',
        'x-request-id': `echo Bearer ${SERVER_KEY}`,
        [`x-ratelimit-${SERVER_KEY}`]: '1',
        'x-ratelimit-limit': '10',
      },
      body: '{"error":"Unknown key"}',
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(401);
    expect(res.headers['x-request-id']).toBeUndefined();
    expect(res.headers[`x-ratelimit-${SERVER_KEY}`]).toBeUndefined();
    expect(res.headers['x-ratelimit-limit']).toBe('10');
    expect(JSON.stringify(res.headers)).not.toContain(SERVER_KEY);
  });

  it('replaces a status text that carries the key with the standard reason phrase', async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(401, `Key ${SERVER_KEY} is revoked`, { 'content-type': 'application/json' });
      res.end('{"error":"Revoked"}');
    });
    const proxy = await proxyTo(target(upstream.url));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(401);
    expect(res.statusMessage).toBe('Unauthorized');
    expect(res.body).toBe('{"error":"Revoked"}');
  });

  it("sends the standard reason phrase, never the upstream's", async () => {
    const upstream = await serve((_req, res) => {
      res.writeHead(409, 'Call +1 555 0100 For Support');
      res.end('{"error":"Already finished"}');
    });
    const proxy = await proxyTo(target(upstream.url));

    const res = await request(`${proxy.url}/api/v1/tasks/t1/cancel`, {
      method: 'POST',
      headers: { origin: proxy.url },
    });

    expect([res.status, res.statusMessage]).toEqual([409, 'Conflict']);
    expect(res.body).toBe('{"error":"Already finished"}');
  });

  it('answers 502 instead of passing on a redirect to another origin', async () => {
    const { proxy } = await upstreamAndProxy(() => ({
      status: 302,
      headers: { location: 'https://evil.example/collect?from=proxy' },
    }));

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(502);
    expect(res.headers.location).toBeUndefined();
    const error = errorOf(res);
    expect(error).toMatch(/redirect/);
    expect(error).toContain('https://evil.example');
    expect(error).not.toContain('collect?from=proxy');
  });

  it('answers 502 instead of passing on a redirect out of /api/v1 on the same origin', async () => {
    const { upstream, proxy } = await upstreamAndProxy((req) =>
      req.url === '/api/v1/agents'
        ? { status: 307, headers: { location: '/admin/keys' } }
        : { status: 200 },
    );

    const res = await request(`${proxy.url}/api/v1/agents`);

    expect(res.status).toBe(502);
    expect(res.headers.location).toBeUndefined();
    expect(errorOf(res)).toMatch(/redirect/);
    expect(upstream.requests).toHaveLength(1);
  });

  it('passes a same-origin redirect within /api/v1, as a path on the dashboard', async () => {
    const upstream = await fakeUpstream((req) => ({
      status: 308,
      headers: { location: `http://${req.headers.host}/gateway/api/v1/tasks/T1?limit=5` },
    }));
    cleanups.push(upstream.close);
    const proxy = await proxyTo(target(`${upstream.url}/gateway`));

    const res = await request(`${proxy.url}/api/v1/tasks/t1?limit=5`);

    expect(res.status).toBe(308);
    expect(res.headers.location).toBe('/api/v1/tasks/T1?limit=5');
  });

  it('passes 304 Not Modified with its validators', async () => {
    const { proxy } = await upstreamAndProxy(() => ({ status: 304, headers: { etag: '"v1"' } }));

    const res = await request(`${proxy.url}/api/v1/agents`, {
      headers: { 'if-none-match': '"v1"' },
    });

    expect(res.status).toBe(304);
    expect(res.headers.etag).toBe('"v1"');
  });

  it('sandboxes every answer under /api, forwarded or its own', async () => {
    const gone = await listen(() => undefined);
    await gone.close();
    const htmlError = await upstreamAndProxy(() => ({
      status: 500,
      headers: { 'content-type': 'text/html' },
      body: '<script>alert(document.domain)</script>',
    }));
    const unreachable = await proxyTo(target(gone.url));
    const url = htmlError.proxy.url;

    const answers = {
      'upstream HTML error page': await request(`${url}/api/v1/agents`),
      'unreachable upstream (502)': await request(`${unreachable.url}/api/v1/agents`),
      'not forwarded (404)': await request(`${url}/api/v2/agents`),
      'bad path (400)': await requestPath(url, '/api/v1/..%2fx'),
      'bad method (405)': await request(`${url}/api/v1/agents`, { method: 'DELETE' }),
      'cross-site (403)': await request(`${url}/api/v1/agents`, {
        headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      }),
      'backend info': await request(`${url}/__console/backend`),
    };

    for (const [what, res] of Object.entries(answers)) {
      expect(res.headers['x-content-type-options'], what).toBe('nosniff');
      expect(res.headers['content-security-policy'], what).toBe(CSP);
    }
    expect(answers['upstream HTML error page'].status).toBe(500);
  });
});

describe('methods', () => {
  it.each(['TRACE', 'PUT', 'DELETE', 'OPTIONS', 'PROPFIND', 'PURGE', 'LINK'])(
    '%s gets 405 with Allow and the upstream sees nothing',
    async (method) => {
      const { upstream, proxy } = await upstreamAndProxy();

      const res = await request(`${proxy.url}/api/v1/agents/a1`, {
        method,
        headers: { 'access-control-request-method': 'PUT', origin: proxy.url },
      });

      expect(res.status).toBe(405);
      expect(res.headers.allow).toBe('GET, HEAD, POST');
      expect(errorOf(res)).toContain(method);
      expect(upstream.requests).toEqual([]);
    },
  );

  // Node's HTTP server never hands these two to a request handler (CONNECT goes to its own
  // event, TRACK fails to parse), so the allowlist is checked on the middleware directly.
  it.each(['TRACK', 'CONNECT'])('%s is refused by the middleware itself', async (method) => {
    const upstream = await fakeUpstream();
    cleanups.push(upstream.close);
    const middleware = createConsoleMiddleware({
      info: UPSTREAM_INFO,
      target: target(upstream.url),
    });
    const req = Object.assign(new PassThrough(), {
      method,
      url: '/api/v1/agents',
      headers: { host: 'localhost' },
    });
    req.end();
    const sent: { status?: number; headers: Record<string, unknown>; body: string } = {
      headers: {},
      body: '',
    };
    const res = {
      headersSent: false,
      setHeader: (name: string, value: unknown) => (sent.headers[name.toLowerCase()] = value),
      getHeaderNames: () => Object.keys(sent.headers),
      removeHeader: (name: string) => delete sent.headers[name],
      writeHead: (status: number, headers: Record<string, unknown>) => {
        sent.status = status;
        Object.assign(sent.headers, headers);
      },
      end: (body: string) => (sent.body = body),
      once: () => undefined,
      on: () => undefined,
    };

    middleware(req as never, res as never, () => (sent.status = 418));

    expect(sent.status).toBe(405);
    expect(sent.headers.allow).toBe('GET, HEAD, POST');
    expect((JSON.parse(sent.body) as { error: string }).error).toContain(method);
    expect(upstream.requests).toEqual([]);
  });

  it('forwards HEAD as a GET and sends no body back', async () => {
    const { upstream, proxy } = await upstreamAndProxy(() => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'content-length': '11' },
      body: '{"ok":true}',
    }));

    const res = await request(`${proxy.url}/api/v1/agents`, { method: 'HEAD' });

    expect(res.status).toBe(200);
    expect(res.headers['content-length']).toBe('11');
    expect(res.body).toBe('');
    expect(upstream.requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/v1/agents']);
  });

  it('forwards GET and POST, and PATCH (agent edits) not at all', async () => {
    const { upstream, proxy } = await upstreamAndProxy(() => ({ status: 200, body: '{}' }));
    const origin = { origin: proxy.url };

    await request(`${proxy.url}/api/v1/agents/a1`);
    await request(`${proxy.url}/api/v1/agents/a1/run`, {
      method: 'POST',
      headers: origin,
      body: '{"query":"x"}',
    });
    const patch = await request(`${proxy.url}/api/v1/agents/a1`, {
      method: 'PATCH',
      headers: origin,
      body: '{"name":"y"}',
    });

    expect(patch.status).toBe(405);
    expect(upstream.requests.map((r) => `${r.method} ${r.body.toString()}`)).toEqual([
      'GET ',
      'POST {"query":"x"}',
    ]);
  });
});

describe('forwarding headers from the browser', () => {
  it('drops X-Forwarded-*, Forwarded and X-Real-IP', async () => {
    const { upstream, proxy } = await upstreamAndProxy();

    await request(`${proxy.url}/api/v1/agents`, {
      headers: {
        'x-forwarded-for': '10.0.0.1',
        'x-forwarded-host': 'admin.internal',
        'x-forwarded-proto': 'https',
        forwarded: 'for=10.0.0.1;host=admin.internal',
        'x-real-ip': '10.0.0.1',
        accept: 'application/json',
      },
    });

    const headers = upstream.requests[0]?.headers ?? {};
    for (const name of [
      'x-forwarded-for',
      'x-forwarded-host',
      'x-forwarded-proto',
      'forwarded',
      'x-real-ip',
    ]) {
      expect(headers[name], name).toBeUndefined();
    }
    expect(headers.accept).toBe('application/json');
  });
});

describe('the simulator review control', () => {
  const reviewPath = '/__console/simulator/tasks/99999999-9999-4999-8999-999999999999/review';

  it('gets the same header hygiene both ways', async () => {
    const { upstream, proxy } = await upstreamAndProxy(
      () => ({
        status: 200,
        headers: {
          'content-type': 'application/json',
          'set-cookie': ['sim=1'],
          'access-control-allow-origin': '*',
        },
        body: '{"status":"completed"}',
      }),
      {},
      SIMULATOR_INFO,
    );

    const res = await request(`${proxy.url}${reviewPath}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-forwarded-for': '10.0.0.1',
        origin: proxy.url,
      },
      body: '{"decision":"approve"}',
    });

    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['content-security-policy']).toBe(CSP);
    expect(upstream.requests[0]?.headers['x-forwarded-for']).toBeUndefined();
  });

  it('gets 504 from a simulator that does not answer', async () => {
    const silent = await serve((req) => req.resume());
    const proxy = await proxyTo(target(silent.url), { responseTimeoutMs: 200 }, SIMULATOR_INFO);

    const res = await answered(
      request(`${proxy.url}${reviewPath}`, {
        method: 'POST',
        headers: { origin: proxy.url },
        body: '{"decision":"reject"}',
      }),
      'the review decision waited forever',
    );

    expect(res.status).toBe(504);
  });
});
