import { afterEach, describe, expect, it, vi } from 'vitest';
import * as v from 'valibot';
import { json, stubFetch } from '@/test/fetch-stub';
import { ApiError, OFFLINE_MESSAGE, parseRetryAfter, requestJson, withQuery } from './http';
import { pageOf } from './schemas';

const Thing = v.looseObject({ id: v.string(), size: v.number() });

async function captureError(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('requestJson', () => {
  it('returns the parsed body and sends JSON with the right headers', async () => {
    const { requests } = stubFetch(() => json({ id: 'a', size: 3, extra: true }));
    const result = await requestJson('/api/v1/things', {
      method: 'POST',
      body: { name: 'x' },
      query: { limit: 10, q: '', status: ['draft', 'published'], cursor: undefined },
      schema: Thing,
    });
    expect(result).toEqual({ id: 'a', size: 3, extra: true });
    const [request] = requests;
    expect(request?.method).toBe('POST');
    expect(request?.url.pathname).toBe('/api/v1/things');
    expect(request?.url.search).toBe('?limit=10&status=draft%2Cpublished');
    expect(request?.headers.get('content-type')).toBe('application/json');
    expect(request?.body).toBe('{"name":"x"}');
  });

  it("turns a 429 into an ApiError with the API's message and Retry-After in seconds", async () => {
    stubFetch(() =>
      json(
        { error: 'Rate limit exceeded. Retry in 7 seconds.' },
        {
          status: 429,
          headers: { 'Retry-After': '7' },
        },
      ),
    );
    const error = await captureError(requestJson('/api/v1/agents', { schema: Thing }));
    expect(error.status).toBe(429);
    expect(error.kind).toBe('http');
    expect(error.message).toBe('Rate limit exceeded. Retry in 7 seconds.');
    expect(error.retryAfter).toBe(7);
    expect(error.body).toEqual({ error: 'Rate limit exceeded. Retry in 7 seconds.' });
  });

  it("sends the person to sign-in on the console's own 401, and back here afterwards", async () => {
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({
      ...window.location,
      pathname: '/tasks/t-1',
      search: '?tab=trace',
      hash: '#step-7',
      assign,
    });
    stubFetch(() =>
      json(
        { error: 'Sign in to the Agent Console first.' },
        { status: 401, headers: { 'x-console-sign-in': '/sign-in' } },
      ),
    );
    const error = await captureError(requestJson('/api/v1/agents', { schema: Thing }));
    expect(error.message).toBe('Sign in to the Agent Console first.');
    expect(assign).toHaveBeenCalledWith('/sign-in?next=%2Ftasks%2Ft-1%3Ftab%3Dtrace%23step-7');
    vi.restoreAllMocks();
  });

  it("shows the API's own 401 (a wrong key) without leaving the page", async () => {
    const assign = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ ...window.location, assign });
    stubFetch(() => json({ error: 'Invalid API key.' }, { status: 401 }));
    const error = await captureError(requestJson('/api/v1/agents', { schema: Thing }));
    expect(error.message).toBe('Invalid API key.');
    expect(assign).not.toHaveBeenCalled();
    vi.restoreAllMocks();
  });

  it('reads Retry-After given as an HTTP date relative to now', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-05-12T10:00:00Z'), toFake: ['Date'] });
    stubFetch(() =>
      json(
        { error: 'Slow down' },
        {
          status: 429,
          headers: { 'Retry-After': 'Tue, 12 May 2026 10:01:30 GMT' },
        },
      ),
    );
    const error = await captureError(requestJson('/api/v1/agents', { schema: Thing }));
    expect(error.retryAfter).toBe(90);
  });

  it('names the status when a 500 has no JSON body', async () => {
    stubFetch(() => new Response('<html>upstream exploded</html>', { status: 500 }));
    const error = await captureError(requestJson('/api/v1/tasks', { schema: Thing }));
    expect(error.status).toBe(500);
    expect(error.message).toBe(
      'The server answered HTTP 500 Internal Server Error to GET /api/v1/tasks.',
    );
    expect(error.retryAfter).toBeUndefined();
    expect(error.body).toBe('<html>upstream exploded</html>');
  });

  it('turns a network failure into status 0 with the offline message', async () => {
    stubFetch(() => Promise.reject(new TypeError('Failed to fetch')));
    const error = await captureError(requestJson('/api/v1/agents', { schema: Thing }));
    expect(error.status).toBe(0);
    expect(error.kind).toBe('network');
    expect(error.message).toBe(OFFLINE_MESSAGE);
    expect(error.message).toMatch(/Offline \/ cannot reach the dashboard server/);
  });

  it('re-throws an abort untouched instead of calling it offline', async () => {
    const controller = new AbortController();
    stubFetch(() => {
      controller.abort();
      return Promise.reject(new DOMException('The operation was aborted.', 'AbortError'));
    });
    const outcome = await requestJson('/api/v1/agents', {
      schema: Thing,
      signal: controller.signal,
    }).catch((reason: unknown) => reason);
    expect(outcome).not.toBeInstanceOf(ApiError);
    expect((outcome as DOMException).name).toBe('AbortError');
  });

  it('rejects a 2xx body that does not match the schema, naming the field', async () => {
    stubFetch(() => json({ id: 'a', size: 'big' }));
    const error = await captureError(requestJson('/api/v1/things', { schema: Thing }));
    expect(error.kind).toBe('invalid-response');
    expect(error.status).toBe(200);
    expect(error.message).toMatch(/did not have the expected shape \(size: /);
  });

  it('names a nested mismatch by its dot path', async () => {
    const Nested = v.object({ data: v.array(Thing) });
    stubFetch(() => json({ data: [{ id: 'a', size: 1 }, { id: 'b' }] }));
    const error = await captureError(requestJson('/api/v1/things', { schema: Nested }));
    expect(error.message).toMatch(/did not have the expected shape \(data\.1\.size: /);
    expect(error.body).toEqual({ data: [{ id: 'a', size: 1 }, { id: 'b' }] });
  });

  it('keeps a page whose items do not all match, reporting the odd one', async () => {
    stubFetch(() => json({ data: [{ id: 'a', size: 1 }, { id: 'b' }], has_more: false }));
    const page = await requestJson('/api/v1/things', { schema: pageOf(Thing) });
    expect(page.data).toEqual([{ id: 'a', size: 1 }]);
    expect(page.unreadable).toMatchObject([{ index: 1, raw: { id: 'b' } }]);
    expect(page.unreadable[0]?.problem).toMatch(/size/);
  });

  it('rejects a 2xx body that is not JSON (e.g. an HTML fallback page)', async () => {
    stubFetch(() => new Response('<!doctype html><html></html>', { status: 200 }));
    const error = await captureError(requestJson('/api/v1/things', { schema: Thing }));
    expect(error.kind).toBe('invalid-response');
    expect(error.message).toBe('The answer to GET /api/v1/things was not JSON.');
  });

  it('sends FormData as is, leaving the multipart boundary to the browser', async () => {
    const { requests } = stubFetch(() => json({ id: 'a', size: 1 }));
    const form = new FormData();
    form.append('query', 'hello');
    await requestJson('/api/v1/agents/x/run', { method: 'POST', body: form, schema: Thing });
    expect(requests[0]?.body).toBe(form);
    expect(requests[0]?.headers.has('content-type')).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-05-12T10:00:00Z');

  it.each([
    ['12', 12],
    ['0', 0],
    ['1.5', 1.5],
    ['Tue, 12 May 2026 10:00:10 GMT', 10],
    ['Tue, 12 May 2026 09:00:00 GMT', 0],
  ])('%s → %d s', (header, seconds) => {
    expect(parseRetryAfter(header, now)).toBe(seconds);
  });

  it('ignores missing or unparseable values', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('-3', now)).toBeUndefined();
  });
});

describe('withQuery', () => {
  it('leaves the path alone when no value is set', () => {
    expect(withQuery('/api/v1/tasks', { q: undefined, status: [] })).toBe('/api/v1/tasks');
  });
});
