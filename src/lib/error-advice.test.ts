import { describe, expect, it } from 'vitest';
import { ApiError, OFFLINE_MESSAGE } from '@/api/http';
import { describeError } from './error-advice';

function httpError(status: number, message: string, retryAfter?: number) {
  return new ApiError({ kind: 'http', status, message, retryAfter, method: 'GET', path: '/x' });
}

describe('describeError', () => {
  it("keeps the server's own words and adds advice by status", () => {
    const described = describeError(httpError(401, 'Invalid API key.'));
    expect(described.message).toBe('Invalid API key.');
    expect(described.advice).toMatch(/NANONETS_API_KEY/);
  });

  it('says how long to wait on a 429 with Retry-After', () => {
    expect(describeError(httpError(429, 'Slow down', 7.2)).advice).toMatch(/Wait 8 s/);
    expect(describeError(httpError(429, 'Slow down')).advice).toMatch(/Wait a moment/);
  });

  it('distinguishes server trouble from refused requests', () => {
    expect(describeError(httpError(503, 'Deploying')).advice).toMatch(/Try again in a moment/);
    expect(describeError(httpError(409, 'Nothing to publish')).advice).toMatch(/retrying will not/);
  });

  it('points at the dashboard server when it cannot be reached', () => {
    const error = new ApiError({
      kind: 'network',
      status: 0,
      message: OFFLINE_MESSAGE,
      method: 'GET',
      path: '/x',
    });
    const described = describeError(error);
    expect(described.message).toBe(OFFLINE_MESSAGE);
    expect(described.advice).toMatch(/npm start/);
  });

  it('treats any other error as a console bug', () => {
    expect(describeError(new TypeError('x is undefined')).advice).toMatch(/console itself/);
  });
});
