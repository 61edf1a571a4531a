import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import { json, stubFetch } from '@/test/fetch-stub';
import { findEarlierTask, isRunLookupError, LOOKUP_TIMEOUT_MS } from './find-earlier-task';

const intent = {
  agentId: '11111111-1111-4111-8111-111111111111',
  query: 'Reconcile March',
  fileNames: [],
  since: Date.now(),
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A fetch that never answers but honours its signal, as the browser's does. */
function hangingFetch() {
  const signals: AbortSignal[] = [];
  vi.stubGlobal('fetch', (_input: string, init?: RequestInit) => {
    const signal = init?.signal;
    if (signal) signals.push(signal);
    return new Promise<Response>((_, reject) => {
      const abort = () => reject(new DOMException('aborted', 'AbortError'));
      if (signal?.aborted) abort();
      signal?.addEventListener('abort', abort);
    });
  });
  return signals;
}

describe('findEarlierTask', () => {
  it('asks for this agent’s tasks since the attempt, minus clock skew', async () => {
    const { requests } = stubFetch(() =>
      json({
        data: [
          {
            task_id: 't1',
            agent_id: intent.agentId,
            title: 'Reconcile March',
            created_at: new Date().toISOString(),
          },
        ],
        has_more: false,
      }),
    );
    const found = await findEarlierTask(intent, new AbortController().signal);
    expect(found?.task_id).toBe('t1');
    const params = requests[0]?.url.searchParams;
    expect(params?.get('agent_id')).toBe(intent.agentId);
    expect(Date.parse(params?.get('created_after') ?? '')).toBe(intent.since - 120_000);
  });

  it('honours the caller’s abort signal: the request stops, and it is not a lookup failure', async () => {
    const signals = hangingFetch();
    const controller = new AbortController();
    const pending = findEarlierTask(intent, controller.signal);
    controller.abort();
    const outcome = await pending.catch((error: unknown) => error);
    expect(signals[0]?.aborted).toBe(true);
    expect(isRunLookupError(outcome)).toBe(false);
    expect((outcome as DOMException).name).toBe('AbortError');
  });

  it('gives up after its timeout with a lookup failure that says so', async () => {
    vi.useFakeTimers();
    const signals = hangingFetch();
    const pending = findEarlierTask(intent, new AbortController().signal).catch(
      (error: unknown) => error,
    );
    await vi.advanceTimersByTimeAsync(LOOKUP_TIMEOUT_MS);
    const outcome = await pending;
    expect(signals[0]?.aborted).toBe(true);
    expect(isRunLookupError(outcome)).toBe(true);
    expect((outcome as Error).message).toMatch(/did not answer within 15 s/);
  });

  it('wraps an API failure, keeping the server’s words', async () => {
    stubFetch(() => json({ error: 'Rate limit exceeded.' }, { status: 429 }));
    const outcome = await findEarlierTask(intent, new AbortController().signal).catch(
      (error: unknown) => error,
    );
    expect(isRunLookupError(outcome)).toBe(true);
    expect((outcome as Error).message).toBe('Rate limit exceeded.');
    expect((outcome as Error).cause).toBeInstanceOf(ApiError);
  });
});
