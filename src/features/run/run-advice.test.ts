import { describe, expect, it } from 'vitest';
import { ApiError } from '@/api/http';
import { runErrorAdvice } from './run-advice';

function httpError(status: number, message: string, retryAfter?: number): ApiError {
  return new ApiError({
    kind: 'http',
    status,
    message,
    retryAfter,
    method: 'POST',
    path: '/api/v1/agents/x/run',
  });
}

describe('runErrorAdvice', () => {
  it('keeps the server message and promises nothing was lost', () => {
    const advice = runErrorAdvice(httpError(500, 'Worker pool exhausted'));
    expect(advice.message).toBe('Worker pool exhausted');
    expect(advice.advice).toMatch(/press run again/i);
    expect(advice.advice).toMatch(/still here/i);
    expect(advice.ambiguous).toBe(false);
  });

  it('points a 400 at the file the server named', () => {
    const advice = runErrorAdvice(
      httpError(400, 'File "scan.pdf" is 31.2 MB; the limit is 25 MB per file.'),
    );
    expect(advice.focus).toBe('files');
    expect(advice.fileName).toBe('scan.pdf');
    expect(advice.advice).toContain('scan.pdf');
  });

  it('points a 400 at the query or the output config when the message does', () => {
    expect(runErrorAdvice(httpError(400, 'Provide a query or at least one file.')).focus).toBe(
      'files',
    );
    expect(runErrorAdvice(httpError(400, 'output_config is not valid JSON')).focus).toBe('output');
    expect(runErrorAdvice(httpError(400, 'query must be a string')).focus).toBe('query');
  });

  it.each([
    [401, /API key/],
    [403, /inactive/],
    [404, /no longer exists/],
    [409, /published version/],
    [413, /too large/],
  ])('advises on %i', (status, pattern) => {
    expect(runErrorAdvice(httpError(status, 'x')).advice).toMatch(pattern);
  });

  it('turns a 429 into a wait of Retry-After seconds', () => {
    const advice = runErrorAdvice(httpError(429, 'Slow down', 7.2));
    expect(advice.waitSeconds).toBe(8);
    expect(advice.advice).toMatch(/wait 8 s/i);
  });

  it('waits a few seconds on a 429 without Retry-After', () => {
    expect(runErrorAdvice(httpError(429, 'Slow down')).waitSeconds).toBe(5);
  });

  it('marks lost answers as ambiguous: network failures and proxy 502/504', () => {
    const network = new ApiError({
      kind: 'network',
      status: 0,
      message: 'offline',
      method: 'POST',
      path: '/x',
    });
    expect(runErrorAdvice(network).ambiguous).toBe(true);
    expect(runErrorAdvice(httpError(502, 'upstream unreachable')).ambiguous).toBe(true);
    expect(runErrorAdvice(httpError(504, 'timeout')).ambiguous).toBe(true);
    expect(runErrorAdvice(httpError(503, 'deploying')).ambiguous).toBe(false);
  });

  it('describes errors that are not ApiErrors', () => {
    const advice = runErrorAdvice(new Error('boom'));
    expect(advice.message).toBe('boom');
    expect(advice.focus).toBeNull();
  });
});
