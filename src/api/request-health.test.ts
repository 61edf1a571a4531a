import { afterEach, describe, expect, it, vi } from 'vitest';
import { json, stubFetch } from '@/test/fetch-stub';
import { ApiError, requestJson } from './http';
import {
  connectionState,
  recordRead,
  resourceOf,
  resourceState,
  subscribeRequestHealth,
  waitForResource,
} from './request-health';
import * as v from 'valibot';

const Anything = v.unknown();

function httpError(status: number, retryAfter?: number) {
  return new ApiError({
    kind: 'http',
    status,
    message: 'x',
    retryAfter,
    method: 'GET',
    path: '/p',
  });
}

afterEach(() => vi.useRealTimers());

describe('request health', () => {
  it('names a resource by its path without the query', () => {
    expect(resourceOf('/api/v1/tasks?status=running&limit=100')).toBe('/api/v1/tasks');
    expect(resourceOf('/api/v1/tasks/abc')).toBe('/api/v1/tasks/abc');
  });

  it('after a 429, holds every read of that resource until Retry-After has passed', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const { requests } = stubFetch(() =>
      requests.length === 1
        ? json({ error: 'Slow down' }, { status: 429, headers: { 'Retry-After': '3' } })
        : json({ ok: true }),
    );
    await expect(requestJson('/api/v1/tasks/t1', { schema: Anything })).rejects.toMatchObject({
      status: 429,
    });
    expect(resourceState('/api/v1/tasks/t1')?.blockedUntil).toBe(1_003_000);

    let settled = false;
    const next = requestJson('/api/v1/tasks/t1', { schema: Anything }).then(() => (settled = true));
    // Another resource is not held.
    await requestJson('/api/v1/tasks', { schema: Anything });
    await vi.advanceTimersByTimeAsync(2_999);
    expect(settled).toBe(false);
    expect(requests.filter((request) => request.url.pathname === '/api/v1/tasks/t1')).toHaveLength(
      1,
    );
    await vi.advanceTimersByTimeAsync(1);
    await next;
    expect(requests.filter((request) => request.url.pathname === '/api/v1/tasks/t1')).toHaveLength(
      2,
    );
  });

  it('waits 5 s after a 429 without Retry-After', () => {
    recordRead('/r', httpError(429), 10_000);
    expect(resourceState('/r')?.blockedUntil).toBe(15_000);
  });

  it('a wait can be cancelled', async () => {
    recordRead('/r', httpError(429, 60), Date.now());
    const controller = new AbortController();
    const waiting = waitForResource('/r', controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeDefined();
    expect(waitForResource('/free')).toBeUndefined();
  });

  it('counts failures in a row and says the connection is failing until any success', () => {
    const heard = vi.fn();
    const stop = subscribeRequestHealth(heard);
    const offline = new ApiError({
      kind: 'network',
      status: 0,
      message: 'x',
      method: 'GET',
      path: '/a',
    });
    recordRead('/a', offline, 100);
    recordRead('/a', httpError(503), 200);
    expect(resourceState('/a')?.failures).toBe(2);
    expect(connectionState()).toMatchObject({ failing: true, failingSince: 100 });
    // A 404 is an answer: the connection works.
    recordRead('/b', httpError(404), 300);
    expect(connectionState()).toMatchObject({ failing: false, lastSuccessAt: 300 });
    recordRead('/a', undefined, 400);
    expect(resourceState('/a')?.failures).toBe(0);
    expect(heard).toHaveBeenCalledTimes(4);
    stop();
  });
});

describe('nothing slips out during a 429’s wait', () => {
  it('starts the wait when the 429’s headers arrive, before its body is read', async () => {
    // Only the clock and timeouts: reading a body takes the runtime's own immediates.
    vi.useFakeTimers({ now: 1_000_000, toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    let release: () => void = () => {};
    const slowBody = new ReadableStream<Uint8Array>({
      start: (controller) => {
        release = () => {
          controller.enqueue(new TextEncoder().encode('{"error":"Slow down"}'));
          controller.close();
        };
      },
    });
    const { requests } = stubFetch(() =>
      requests.length === 1
        ? new Response(slowBody, { status: 429, headers: { 'Retry-After': '2' } })
        : json({ ok: true }),
    );
    const first = requestJson('/api/v1/tasks', { schema: Anything }).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(0);
    // The 429 is in, its body is not: a read asked for now waits all the same.
    const second = requestJson('/api/v1/tasks', { schema: Anything });
    await vi.advanceTimersByTimeAsync(1_999);
    expect(requests).toHaveLength(1);
    release();
    expect(await first).toMatchObject({ status: 429 });
    await vi.advanceTimersByTimeAsync(1);
    await second;
    expect(requests).toHaveLength(2);
  });

  it('keeps the longer of two waits, and an answer that comes after a 429 does not end it', () => {
    recordRead('/r', httpError(429, 37), 0);
    recordRead('/r', httpError(429, 36), 500);
    expect(resourceState('/r')?.blockedUntil).toBe(37_000);
    // A request already on its way when the 429 came answers after it.
    recordRead('/r', undefined, 1_000);
    expect(resourceState('/r')?.blockedUntil).toBe(37_000);
  });

  it('looks again when a wait ends: a request in flight may have brought a newer 429', async () => {
    vi.useFakeTimers({ now: 1_000_000 });
    recordRead('/w', httpError(429, 1), Date.now());
    let done = false;
    const waiting = waitForResource('/w')?.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(500);
    recordRead('/w', httpError(429, 2), Date.now());
    await vi.advanceTimersByTimeAsync(600);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1_400);
    await waiting;
    expect(done).toBe(true);
  });
});

describe('waits across a reload', () => {
  it('keeps a running wait in sessionStorage for the next page of the tab', async () => {
    recordRead('/api/v1/tasks', httpError(429, 30), Date.now());
    const { waits } = JSON.parse(
      sessionStorage.getItem('agent-console:rate-limit-waits') ?? '{}',
    ) as { waits: Record<string, number> };
    expect(waits['/api/v1/tasks']).toBeGreaterThan(Date.now() + 29_000);
    // A fresh copy of the module (a reload) starts with the wait.
    vi.resetModules();
    const fresh = await import('./request-health');
    expect(fresh.resourceState('/api/v1/tasks')?.blockedUntil).toBe(waits['/api/v1/tasks']);
    expect(fresh.waitForResource('/api/v1/tasks')).toBeInstanceOf(Promise);
  });

  it('reads the waits an earlier version stored bare', async () => {
    const until = Date.now() + 60_000;
    sessionStorage.setItem(
      'agent-console:rate-limit-waits',
      JSON.stringify({ '/api/v1/agents': until, '/bad': 'soon' }),
    );
    vi.resetModules();
    const fresh = await import('./request-health');
    expect(fresh.resourceState('/api/v1/agents')?.blockedUntil).toBe(until);
    expect(fresh.resourceState('/bad')).toBeUndefined();
    fresh.resetRequestHealth();
  });
});
