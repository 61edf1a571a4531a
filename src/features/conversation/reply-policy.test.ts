import { describe, expect, it } from 'vitest';
import { ApiError, OFFLINE_MESSAGE } from '@/api/http';
import {
  describeReplyError,
  ENDED_REASON,
  replyAvailability,
  ReplyCheckError,
} from './reply-policy';

function httpError(status: number, message: string) {
  return new ApiError({ kind: 'http', status, message, method: 'POST', path: '/x' });
}

describe('replyAvailability', () => {
  it('takes a reply while the task waits for input, and a follow-up while it runs', () => {
    expect(replyAvailability('waiting_for_input')).toMatchObject({ allowed: true });
    expect(replyAvailability('running')).toMatchObject({ allowed: true });
  });

  it('says why for every other status', () => {
    for (const status of ['completed', 'failed', 'stopped']) {
      expect(replyAvailability(status)).toEqual({ allowed: false, reason: ENDED_REASON });
    }
    expect(replyAvailability('pending')).toMatchObject({ reason: /not started/ });
    expect(replyAvailability('queued')).toMatchObject({ reason: /not started/ });
    expect(replyAvailability('awaiting_review')).toMatchObject({
      reason: /approve or reject the step first/,
    });
  });

  it('lets the API decide for a status this build does not know', () => {
    expect(replyAvailability('paused_by_admin')).toMatchObject({ allowed: true });
    expect(replyAvailability(undefined)).toMatchObject({ allowed: true });
  });
});

describe('describeReplyError', () => {
  it('keeps the server’s words and says to press Retry', () => {
    const described = describeReplyError(httpError(503, 'Deploying'), 'waiting_for_input');
    expect(described.message).toBe('Deploying');
    expect(described.advice).toMatch(/Press Retry in a moment/);
    expect(described.advice).not.toMatch(/twice/);
  });

  it('explains that a retry after a lost answer cannot send twice', () => {
    const offline = new ApiError({
      kind: 'network',
      status: 0,
      message: OFFLINE_MESSAGE,
      method: 'POST',
      path: '/x',
    });
    expect(describeReplyError(offline, 'waiting_for_input').advice).toMatch(/never sent twice/);
    expect(describeReplyError(httpError(504, 'Timeout'), 'running').advice).toMatch(/twice/);
  });

  it('explains a 409 on a finished task as the task having ended', () => {
    const described = describeReplyError(httpError(409, 'Task is completed'), 'completed');
    expect(described.message).toBe('Task is completed');
    expect(described.advice).toMatch(/has ended.*start a new run/);
    expect(describeReplyError(httpError(409, 'x'), 'running').advice).toMatch(/may have ended/);
  });

  it('says nothing was sent again when the check before a retry failed', () => {
    const described = describeReplyError(new ReplyCheckError(httpError(503, 'Down')), 'running');
    expect(described.title).toBe('Not confirmed');
    expect(described.message).toBe('Down');
    expect(described.advice).toMatch(/Nothing was sent again/);
  });
});
