/** Cross-cutting behaviour: auth, unknown routes and methods, the request log, injected faults,
 *  rate limiting, random errors, latency, reset and determinism. */
import { request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import type { AgentSummaryJson, PageJson } from './present';
import type { Fault } from './faults';
import { parseSimulatorArgs } from './options';
import type { RequestLogEntry } from './request-log';
import { Harness, TEST_API_KEY } from './test-harness';

const harnesses: Harness[] = [];
async function start(options: Parameters<typeof Harness.start>[0] = {}): Promise<Harness> {
  const h = await Harness.start(options);
  harnesses.push(h);
  return h;
}
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.close()));
});

const log = async (h: Harness, query = '') =>
  (await h.get<{ data: RequestLogEntry[] }>(`/__sim/requests${query}`)).body.data;

describe('auth', () => {
  it.each([
    ['missing', null, 'missing', /Missing API key/],
    ['malformed', `Token ${TEST_API_KEY}`, 'invalid', /Malformed Authorization/],
    ['wrong', 'Bearer not-the-key', 'invalid', /not valid/],
  ] as const)(
    'answers 401 for a %s key and logs it without the key',
    async (_label, authorization, outcome, message) => {
      const h = await start();
      const res = await h.get('/agents', { authorization });
      expect(res.status).toBe(401);
      expect(res.error).toMatch(message);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const entries = await log(h);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ status: 401, auth: outcome, path: '/api/v1/agents' });
      expect(JSON.stringify(entries)).not.toContain('not-the-key');
      expect(JSON.stringify(entries)).not.toContain(TEST_API_KEY);
    },
  );

  it('accepts a case-insensitive scheme, and the health check needs no key', async () => {
    const h = await start();
    expect((await h.get('/agents', { authorization: `bearer ${TEST_API_KEY}` })).status).toBe(200);
    const health = await h.get('/__sim/health', { authorization: null });
    expect(health.status).toBe(200);
    expect(health.body).toEqual({ ok: true });
  });
});

describe('routing errors', () => {
  it('answers 404 with the envelope for unknown routes, with a hint for /v1 paths', async () => {
    const h = await start();
    const unknown = await h.get('/api/v1/widgets');
    expect(unknown.status).toBe(404);
    expect(unknown.error).toMatch(/No route \/api\/v1\/widgets/);
    const short = await h.get('/v1/agents');
    expect(short.status).toBe(404);
    expect(short.error).toMatch(/try \/api\/v1\/agents/);
    expect((await h.get('/api/v2/agents')).status).toBe(404);
    expect((await h.get('/__sim/nothing')).status).toBe(404);
  });

  it('answers 405 with Allow for a wrong method on a known route', async () => {
    const h = await start();
    const id = await h.agentId('invoice');
    const res = await h.request('DELETE', `/agents/${id}`);
    expect(res.status).toBe(405);
    expect(res.error).toMatch(/DELETE is not allowed/);
    expect(res.headers.get('allow')).toBe('GET, HEAD');
    expect((await h.request('GET', `/agents/${id}/run`)).status).toBe(405);
    expect((await h.request('PUT', '/__sim/faults')).status).toBe(405);
  });
});

describe('request log', () => {
  it('records API requests after they are answered, filters them, and skips control routes', async () => {
    const h = await start();
    const id = await h.agentId('invoice');
    await h.get('/agents?limit=2&status=draft&status=published');
    await h.post(`/agents/${id}/run`, { query: 'Logged' });
    await h.get('/__sim/health');
    const all = await log(h);
    expect(all.map((e) => [e.id, e.method, e.path, e.status])).toEqual([
      [1, 'GET', '/api/v1/agents', 200],
      [2, 'POST', `/api/v1/agents/${id}/run`, 201],
    ]);
    expect(all[0]?.query).toEqual({ limit: '2', status: ['draft', 'published'] });
    expect(all[1]).toMatchObject({
      body: { query: 'Logged' },
      content_type: 'application/json',
      parts: null,
    });
    expect(all[1]?.at).toMatch(/Z$/);
    expect((await log(h, '?method=post')).map((e) => e.id)).toEqual([2]);
    expect(await log(h, '?path=/api/v1/tasks')).toEqual([]);
    expect((await h.request('DELETE', '/__sim/requests')).status).toBe(200);
    expect(await log(h)).toEqual([]);
  });
});

describe('faults', () => {
  it('fails the next matching requests in order, with Retry-After, then stops', async () => {
    const h = await start();
    const added = await h.post<{ data: Fault }>('/__sim/faults', {
      status: 503,
      count: 2,
      retry_after: 7,
      path: '/api/v1/tasks',
    });
    expect(added.status).toBe(201);
    await h.post('/__sim/faults', {
      status: 500,
      error: 'custom text',
      method: 'POST',
      path: '/agents/*/run',
    });
    expect((await h.get('/agents')).status).toBe(200);
    const first = await h.get('/tasks');
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(first.error).toMatch(/unavailable/);
    expect((await h.get('/tasks?limit=5')).status).toBe(503);
    expect((await h.get('/tasks')).status).toBe(200);
    const id = await h.agentId('summarizer');
    expect((await h.get(`/agents/${id}/run`)).status).toBe(405);
    const run = await h.post(`/agents/${id}/run`, { query: 'x' });
    expect(run.status).toBe(500);
    expect(run.error).toBe('custom text');
    expect(run.headers.get('retry-after')).toBeNull();
    expect((await h.post(`/agents/${id}/run`, { query: 'x' })).status).toBe(201);
    expect((await log(h)).map((e) => e.status)).toEqual([200, 503, 503, 200, 405, 500, 201]);
  });

  it('applies before auth, and can be listed and cleared', async () => {
    const h = await start();
    await h.post('/__sim/faults', { status: 429, retry_after: 3 });
    const res = await h.get('/agents', { authorization: null });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    await h.post('/__sim/faults', { status: 502, count: 5 });
    expect((await h.get<{ data: Fault[] }>('/__sim/faults')).body.data).toHaveLength(1);
    expect((await h.request<{ cleared: number }>('DELETE', '/__sim/faults')).body.cleared).toBe(1);
    expect((await h.get('/agents')).status).toBe(200);
  });

  it.each([{}, { status: 200 }, { status: 503, count: 0 }, { status: 503, retry_after: -1 }])(
    'rejects the invalid fault %j',
    async (body) => {
      const h = await start();
      expect((await h.post('/__sim/faults', body)).status).toBe(400);
    },
  );
});

describe('rate limit', () => {
  it('answers 429 with an integer Retry-After once a key exceeds its requests per minute', async () => {
    const h = await start({ rateLimit: 3 });
    for (let i = 0; i < 3; i++) expect((await h.get('/agents')).status).toBe(200);
    const limited = await h.get('/agents');
    expect(limited.status).toBe(429);
    expect(limited.error).toMatch(/3 requests per minute/);
    const retryAfter = limited.headers.get('retry-after') ?? '';
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(retryAfter)).toBeLessThanOrEqual(60);
    // Reset clears the windows.
    await h.post('/__sim/reset');
    expect((await h.get('/agents')).status).toBe(200);
  });
});

describe('random errors and latency', () => {
  it('fails the configured share of API requests with 500 or 503, deterministically per seed', async () => {
    const statuses = async (seed: number) => {
      const h = await start({ errorRate: 0.5, seed });
      const out: number[] = [];
      for (let i = 0; i < 24; i++) out.push((await h.get('/agents')).status);
      return out;
    };
    const a = await statuses(7);
    const b = await statuses(7);
    expect(a).toEqual(b);
    expect(a.filter((s) => s !== 200).length).toBeGreaterThan(3);
    expect(a.filter((s) => s === 200).length).toBeGreaterThan(3);
    expect(new Set(a.filter((s) => s !== 200))).toEqual(new Set([500, 503]));
    const always = await start({ errorRate: 1 });
    const res = await always.get('/tasks');
    expect([500, 503]).toContain(res.status);
    expect(res.error).toMatch(/Simulated/);
    expect((await always.get('/__sim/health')).status).toBe(200);
  });

  it('adds real latency to API responses but not to control routes', async () => {
    const h = await start({ latency: { minMs: 120, maxMs: 150 } });
    const t0 = performance.now();
    await h.get('/agents');
    const api = performance.now() - t0;
    const t1 = performance.now();
    await h.get('/__sim/health');
    const control = performance.now() - t1;
    expect(api).toBeGreaterThanOrEqual(115);
    expect(control).toBeLessThan(100);
  });
});

describe('reset and determinism', () => {
  it('hands out the same ids for the same seed and different ones for another seed', async () => {
    const ids = async (seed: number) => {
      const h = await start({ seed });
      const page = await h.get<PageJson<AgentSummaryJson>>(
        '/agents?status=draft,published,archived',
      );
      const task = await h.runJson(await h.agentId('invoice'), { query: 'x' });
      return [...page.body.data.map((a) => a.id), task];
    };
    const first = await ids(42);
    expect(await ids(42)).toEqual(first);
    expect((await ids(43))[0]).not.toBe(first[0]);
  });

  it('hands out new task ids on every start without a seed, the same ones with --seed 42', async () => {
    const firstTask = async (argv: string[]) => {
      const options = parseSimulatorArgs(argv, {});
      // The harness fixes seed 42 unless told otherwise: here the command line decides.
      const h = await start({
        ...options,
        seed: options.seed,
        port: 0,
        apiKey: TEST_API_KEY,
        quiet: true,
      });
      return h.runJson(await h.agentId('invoice'), { query: 'x' });
    };
    expect(await firstTask([])).not.toBe(await firstTask([]));
    expect(await firstTask(['--seed', '42'])).toBe(await firstTask(['--seed', '42']));
  });

  it('restores the seeded workspace, restarting ids, and clears tasks, log and faults', async () => {
    const h = await start();
    const before = await h.seed();
    const taskBefore = await h.runJson(await h.agentId('invoice'), { query: 'x' });
    await h.post('/__sim/faults', { status: 503, path: '/never' });
    const reset = await h.post('/__sim/reset');
    expect(reset.body).toEqual({ ok: true });
    expect(await h.seed()).toEqual(before);
    expect(await log(h)).toEqual([]);
    expect((await h.get<{ data: unknown[] }>('/__sim/faults')).body.data).toEqual([]);
    expect((await h.get<PageJson<unknown>>('/tasks')).body.data).toEqual([]);
    expect((await h.get(`/tasks/${taskBefore}`)).status).toBe(404);
    expect(await h.runJson(await h.agentId('invoice'), { query: 'x' })).toBe(taskBefore);
  });

  it('stops listening on close', async () => {
    const h = await Harness.start();
    const url = h.url;
    await h.close();
    await expect(fetch(`${url}/__sim/health`)).rejects.toThrow();
  });
});

describe('the control routes are the simulator’s own', () => {
  it('need the simulator’s key, except the health check', async () => {
    const h = await start();
    for (const [method, path] of [
      ['GET', '/__sim/requests'],
      ['POST', '/__sim/reset'],
      ['GET', '/__sim/seed'],
      ['POST', '/__sim/faults'],
      ['POST', '/__sim/config'],
    ] as const) {
      const body = method === 'POST' ? { json: {} } : {};
      const anonymous = await h.request(method, path, { authorization: null, ...body });
      expect(anonymous.status, `${method} ${path}`).toBe(401);
      const wrong = await h.request(method, path, {
        authorization: 'Bearer not-the-key',
        ...body,
      });
      expect(wrong.status, `${method} ${path}`).toBe(401);
    }
    expect((await h.get('/__sim/health', { authorization: null })).status).toBe(200);
    expect((await h.get('/__sim/requests')).status).toBe(200);
  });

  it('answer only requests addressed to this machine (no DNS rebinding)', async () => {
    const h = await start();
    const ask = (host: string, path: string) => statusFor(h, host, path);
    expect(await ask('attacker.example', '/__sim/requests')).toBe(421);
    expect(await ask('attacker.example:4010', '/api/v1/agents')).toBe(421);
    expect(await ask(`localhost:${new URL(h.url).port}`, '/__sim/requests')).toBe(200);
    expect(await ask('[::1]', '/__sim/health')).toBe(200);
  });

  it('take a loopback name only when it is exactly one: localhost, [::1] or a dotted quad 127.x.y.z', async () => {
    const h = await start();
    const ask = (host: string) => statusFor(h, host, '/__sim/requests');
    for (const host of [
      '127.attacker.example',
      '127.0.0.1.evil.com',
      '127.0.0.1.evil.com:4010',
      'localhost.evil',
      'evil.localhost',
      '127.1',
      '127.0.0.256',
      '127.0.0.01',
    ]) {
      expect(await ask(host), host).toBe(421);
    }
    for (const host of [
      'localhost',
      'LOCALHOST:4010',
      '127.0.0.1',
      '127.0.0.1:4010',
      '127.255.0.9',
      '127.1.2.3:80',
      '[::1]',
      '[::1]:4010',
    ]) {
      expect(await ask(host), host).toBe(200);
    }
  });
});

describe('the tasks the simulator holds', () => {
  it('are listed by a control route that injected failures and the rate limit do not touch', async () => {
    const h = await start();
    const id = await h.runJson(await h.agentId('summarizer'), { query: 'x' });
    await h.post('/__sim/config', { error_rate: 1, rate_limit: 1 });
    const first = await h.get<{ data: { task_id: string; status: string }[] }>('/__sim/tasks');
    const second = await h.get<{ data: { task_id: string; status: string }[] }>('/__sim/tasks');
    expect(first.status).toBe(200);
    expect(second.body.data).toEqual([expect.objectContaining({ task_id: id, status: 'pending' })]);
  });
});

/** The status a request to the simulator gets when it names `host` in its Host header. */
function statusFor(h: Harness, host: string, path: string): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const url = new URL(h.url);
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        headers: { host, authorization: `Bearer ${TEST_API_KEY}` },
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end();
  });
}
