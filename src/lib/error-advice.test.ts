import { describe, expect, it } from 'vitest';
import { ApiError, OFFLINE_MESSAGE } from '@/api/http';
import { describeError, isLostAnswer, rateLimitWait } from './error-advice';

function httpError(status: number, message: string, retryAfter?: number) {
  return new ApiError({ kind: 'http', status, message, retryAfter, method: 'GET', path: '/x' });
}

const offline = new ApiError({
  kind: 'network',
  status: 0,
  message: OFFLINE_MESSAGE,
  method: 'GET',
  path: '/x',
});

const RUN = {
  retry: 'press Run again',
  subject: 'this agent',
  afterLostAnswer: 'It will not start twice.',
  reassurance: 'Everything you entered is still here.',
};

describe('describeError', () => {
  it("keeps the server's own words and adds advice by status", () => {
    const described = describeError(httpError(401, 'Invalid API key.'));
    expect(described.message).toBe('Invalid API key.');
    expect(described.advice).toMatch(/NANONETS_API_KEY/);
  });

  it('says how long to wait on a 429, from Retry-After or a default', () => {
    expect(describeError(httpError(429, 'Slow down', 7.2)).advice).toMatch(/wait 8 s/);
    expect(describeError(httpError(429, 'Slow down')).advice).toMatch(/wait 5 s/);
    expect(describeError(httpError(429, 'Slow down')).title).toBe('Too many requests');
  });

  it('distinguishes server trouble from refused requests', () => {
    expect(describeError(httpError(503, 'Deploying')).advice).toMatch(/Try again in a moment/);
    expect(describeError(httpError(409, 'Nothing to publish')).advice).toMatch(
      /retrying will not help/,
    );
  });

  it('points at the dashboard server when it cannot be reached', () => {
    const described = describeError(offline);
    expect(described.message).toBe(OFFLINE_MESSAGE);
    expect(described.advice).toMatch(/npm start/);
    expect(described.title).toBe('No answer from the server');
  });

  it('treats any other error as a console bug', () => {
    expect(describeError(new TypeError('x is undefined')).advice).toMatch(/console itself/);
  });

  it('speaks the run form’s words from the same table', () => {
    expect(describeError(httpError(503, 'Deploying'), RUN).advice).toBe(
      'The service had a problem; it usually recovers. Press Run again in a moment. Everything you entered is still here.',
    );
    expect(describeError(httpError(404, 'Gone'), RUN).advice).toMatch(/^This agent does not exist/);
    // Only a lost answer says why retrying is safe.
    expect(describeError(offline, RUN).advice).toMatch(/press Run again\. It will not start twice/);
    expect(describeError(httpError(504, 'Timeout'), RUN).advice).toMatch(/not start twice/);
    expect(describeError(httpError(400, 'Bad file'), RUN).advice).not.toMatch(/twice/);
  });
});

describe('isLostAnswer and rateLimitWait', () => {
  it('counts no answer, the proxy’s 502/504 and an unreadable 2xx as lost', () => {
    expect(isLostAnswer(offline)).toBe(true);
    expect(isLostAnswer(httpError(502, 'x'))).toBe(true);
    expect(isLostAnswer(httpError(504, 'x'))).toBe(true);
    const unreadable = new ApiError({
      kind: 'invalid-response',
      status: 201,
      message: 'odd',
      method: 'POST',
      path: '/x',
    });
    expect(isLostAnswer(unreadable)).toBe(true);
    expect(isLostAnswer(httpError(503, 'x'))).toBe(false);
    expect(isLostAnswer(httpError(400, 'x'))).toBe(false);
    expect(isLostAnswer(new Error('x'))).toBe(false);
  });

  it('reads the wait of a 429 only', () => {
    expect(rateLimitWait(httpError(429, 'x', 2.1))).toBe(3);
    expect(rateLimitWait(httpError(429, 'x'))).toBe(5);
    expect(rateLimitWait(httpError(503, 'x', 9))).toBeNull();
  });
});
