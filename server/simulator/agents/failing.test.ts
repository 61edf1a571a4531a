import { describe, expect, it } from 'vitest';
import { failingScript } from './failing';
import { context, drive, runInput } from './test-support';

describe('ledger sync (failing agent)', () => {
  const steps = drive(failingScript, runInput('Sync the ledger'));

  it('does some plausible work, shows the failing call, then fails with a readable error', () => {
    expect(steps.map((s) => (s.kind === 'tool_call' ? s.name : s.kind))).toEqual([
      'message',
      'fetch_ledger',
      'reconcile_entries',
      'fetch_ledger',
      'fetch_ledger',
      'fail',
    ]);
    expect(steps[4]).toMatchObject({
      arguments: { page: 3 },
      output: { error: { status: 502, message: 'Bad Gateway' } },
    });
    expect(steps[5]).toEqual({
      kind: 'fail',
      error:
        'Ledger API returned 502 Bad Gateway while fetching page 3 of 7 (account ACME-001). No entries were changed.',
      durationMs: expect.any(Number) as unknown,
    });
  });

  it('never completes', () => {
    expect(steps.some((s) => s.kind === 'complete')).toBe(false);
  });

  it('names the account from the query', () => {
    const last = drive(failingScript, runInput('Sync account GLOBEX-042 please'), context(3)).at(
      -1,
    );
    expect(last).toMatchObject({
      kind: 'fail',
      error: expect.stringContaining('(account GLOBEX-042)') as unknown,
    });
  });
});
