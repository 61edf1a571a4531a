import { describe, expect, it } from 'vitest';
import { ApiError } from './http';
import { BACKOFF_STEPS_MS, MAX_BACKOFF_MS, MAX_RETRY_AFTER_S } from './backoff';
import { MAX_RETRIES, retryDelay, shouldRetry } from './retry';

function httpError(status: number, retryAfter?: number) {
  return new ApiError({
    kind: 'http',
    status,
    message: `HTTP ${status}`,
    retryAfter,
    method: 'GET',
    path: '/api/v1/tasks',
  });
}

const offline = new ApiError({
  kind: 'network',
  status: 0,
  message: 'offline',
  method: 'GET',
  path: '/api/v1/tasks',
});

describe('shouldRetry', () => {
  it.each([400, 401, 403, 404, 409, 415])('never retries %d: the request itself is wrong', (s) => {
    expect(shouldRetry(0, httpError(s))).toBe(false);
  });

  it.each([429, 500, 502, 503])('retries %d', (status) => {
    expect(shouldRetry(0, httpError(status))).toBe(true);
  });

  it('retries network failures', () => {
    expect(shouldRetry(0, offline)).toBe(true);
  });

  it('does not retry a response with an unexpected shape, nor a bug in our code', () => {
    const invalid = new ApiError({
      kind: 'invalid-response',
      status: 200,
      message: 'bad shape',
      method: 'GET',
      path: '/x',
    });
    expect(shouldRetry(0, invalid)).toBe(false);
    expect(shouldRetry(0, new TypeError('undefined is not a function'))).toBe(false);
  });

  it(`gives up after ${MAX_RETRIES} retries`, () => {
    const attempts = [0, 1, 2, 3, 4, 5].map((failures) => shouldRetry(failures, httpError(503)));
    expect(attempts).toEqual([true, true, true, true, false, false]);
  });
});

describe('retryDelay', () => {
  it('follows 1 → 2 → 5 → 10 s at the top of the jitter range', () => {
    const top = () => 0.999_999;
    const delays = [0, 1, 2, 3].map((n) => retryDelay(n, httpError(500), top));
    expect(delays).toEqual(BACKOFF_STEPS_MS.slice(0, 4).map((ms) => ms - 1));
  });

  it('uses full jitter: anywhere from the 250 ms floor up to the step', () => {
    expect(retryDelay(2, offline, () => 0)).toBe(250);
    expect(retryDelay(2, offline, () => 0.5)).toBe(2_500);
  });

  it('never exceeds the backoff cap, however many failures', () => {
    for (let failures = 0; failures < 20; failures += 1) {
      expect(retryDelay(failures, httpError(503), () => 0.999)).toBeLessThanOrEqual(MAX_BACKOFF_MS);
    }
  });

  it('waits exactly what Retry-After asks on a 429, without jitter', () => {
    expect(retryDelay(0, httpError(429, 7), () => 0)).toBe(7_000);
    expect(retryDelay(3, httpError(429, 0.5), () => 0)).toBe(500);
  });

  it('caps a long Retry-After as the fetch layer does', () => {
    expect(retryDelay(0, httpError(429, 3600), () => 0)).toBe(MAX_RETRY_AFTER_S * 1000);
  });

  it('waits 5 s after a 429 without Retry-After, as the fetch layer does', () => {
    expect(retryDelay(1, httpError(429), () => 0.5)).toBe(5_000);
  });

  it('follows the backoff after a 5xx, whatever it says of retrying', () => {
    expect(retryDelay(1, httpError(503, 60), () => 0.5)).toBe(1_000);
  });
});
