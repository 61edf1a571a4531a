import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  findUnsettledRun,
  markRunUnsettled,
  settleRun,
  UNSETTLED_RUN_TTL_MS,
  UNSETTLED_RUNS_KEY,
} from './unsettled-runs';

const intent = { agentId: 'a1', query: 'Reconcile  March', fileNames: ['b.pdf', 'a.pdf'] };
const T0 = Date.parse('2026-05-11T10:15:00Z');

afterEach(() => {
  localStorage.clear();
  vi.restoreAllMocks();
});

describe('unsettled runs', () => {
  it('remembers an attempt per intent in localStorage, until settled', () => {
    markRunUnsettled({ ...intent, since: T0 }, T0);
    expect(localStorage.getItem(UNSETTLED_RUNS_KEY)).toContain('Reconcile');
    // Same intent: whitespace and file order do not matter.
    expect(
      findUnsettledRun(
        { agentId: 'a1', query: 'Reconcile March ', fileNames: ['a.pdf', 'b.pdf'] },
        T0,
      ),
    ).toMatchObject({ since: T0 });
    // Another agent, query or file set is another intent.
    expect(findUnsettledRun({ ...intent, agentId: 'a2' }, T0)).toBeUndefined();
    expect(findUnsettledRun({ ...intent, query: 'Reconcile April' }, T0)).toBeUndefined();
    expect(findUnsettledRun({ ...intent, fileNames: ['a.pdf'] }, T0)).toBeUndefined();

    settleRun(intent, T0);
    expect(findUnsettledRun(intent, T0)).toBeUndefined();
    expect(localStorage.getItem(UNSETTLED_RUNS_KEY)).toBeNull();
  });

  it('keeps the earliest attempt of an intent', () => {
    markRunUnsettled({ ...intent, since: T0 }, T0);
    markRunUnsettled({ ...intent, since: T0 + 5_000 }, T0 + 5_000);
    expect(findUnsettledRun(intent, T0 + 5_000)?.since).toBe(T0);
  });

  it('forgets an attempt after an hour', () => {
    markRunUnsettled({ ...intent, since: T0 }, T0);
    expect(findUnsettledRun(intent, T0 + UNSETTLED_RUN_TTL_MS - 1)).toBeDefined();
    expect(findUnsettledRun(intent, T0 + UNSETTLED_RUN_TTL_MS)).toBeUndefined();
  });

  it('ignores a stored value it cannot read', () => {
    localStorage.setItem(UNSETTLED_RUNS_KEY, '{"version":1,"entries":[{"agentId":3}]}');
    expect(findUnsettledRun(intent, T0)).toBeUndefined();
    localStorage.setItem(UNSETTLED_RUNS_KEY, 'not json');
    expect(findUnsettledRun(intent, T0)).toBeUndefined();
  });

  it('still works for the page when storage is unavailable', () => {
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new Error('denied');
    });
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new Error('denied');
    });
    markRunUnsettled({ ...intent, since: T0 }, T0);
    expect(findUnsettledRun(intent, T0)).toMatchObject({ since: T0 });
    settleRun(intent, T0);
    expect(findUnsettledRun(intent, T0)).toBeUndefined();
  });
});
