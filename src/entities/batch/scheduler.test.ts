import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/api/http';
import type { RunResponse } from '@/api/schemas';
import type { Batch, BatchFile } from './model';
import { matchTasksToFiles, type Candidate } from './reconcile';
import {
  MAX_IN_FLIGHT,
  UNDECIDED_ROUNDS,
  UNDECIDED_WAIT_MS,
  runScheduler,
  type SchedulerDeps,
} from './scheduler';

const T0 = Date.parse('2026-05-11T10:00:00Z');

function makeBatch(count: number, query = ''): Batch {
  return {
    id: 'b1',
    agentId: 'agent-a',
    createdAt: T0,
    query,
    files: Array.from({ length: count }, (_, index) => ({
      key: String(index),
      name: `file-${index}.csv`,
      size: 10,
      type: 'text/csv',
      taskIds: [],
      start: { state: 'waiting' as const },
    })),
  };
}

function networkError(): ApiError {
  return new ApiError({
    kind: 'network',
    status: 0,
    message: 'offline',
    method: 'POST',
    path: '/run',
  });
}

function httpError(status: number, message: string, retryAfter?: number): ApiError {
  return new ApiError({ kind: 'http', status, message, method: 'POST', path: '/run', retryAfter });
}

interface Sent {
  file: string;
  resolve: () => void;
  /** Fails the request; `created`: the server made the task before the answer was lost. */
  fail: (error: unknown, created?: boolean) => void;
}

/** A store, an API that creates a task per accepted run, and hand-settled requests. */
function harness(initial: Batch) {
  let stored = structuredClone(initial);
  const tasks: { task_id: string; file: string; title: string; created_at: string }[] = [];
  const sent: Sent[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const reconciles: string[][] = [];
  let lookupFails = 0;

  const create = (file: BatchFile) => {
    const task = {
      task_id: `task-${tasks.length + 1}`,
      file: file.name,
      title: stored.query || file.name,
      created_at: new Date(Date.now()).toISOString(),
    };
    tasks.push(task);
    return task;
  };

  const deps: SchedulerDeps = {
    load: () => Promise.resolve(structuredClone(stored)),
    change: (change) => {
      const next = change(structuredClone(stored));
      stored = structuredClone(next);
      return Promise.resolve(structuredClone(stored));
    },
    send: (_batch, file, _signal, bodySent) =>
      new Promise<RunResponse>((resolve, reject) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        bodySent.bodySent = true;
        sent.push({
          file: file.name,
          resolve: () => {
            inFlight -= 1;
            const task = create(file);
            resolve({ task_id: task.task_id, status: 'running' });
          },
          fail: (error, created = false) => {
            inFlight -= 1;
            if (created) create(file);
            reject(error instanceof Error ? error : new Error(String(error)));
          },
        });
      }),
    reconcile: (batch, files) => {
      reconciles.push(files.map((file) => file.name));
      expect(inFlight).toBe(0);
      if (lookupFails > 0) {
        lookupFails -= 1;
        return Promise.reject(networkError());
      }
      const candidates: Candidate[] = tasks.map((task) => ({
        task: {
          task_id: task.task_id,
          agent_id: 'agent-a',
          title: task.title,
          created_at: task.created_at,
        },
        firstMessage: stored.query || `Attached 1 file: ${task.file}`,
      }));
      const claimed = new Set(batch.files.flatMap((file) => file.taskIds));
      return Promise.resolve(matchTasksToFiles(batch, files, candidates, claimed));
    },
    sleep: (ms, signal) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(resolve, ms);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          reject(new Error('stopped'));
        });
      }),
    now: () => Date.now(),
    random: () => 0.5,
  };
  return {
    deps,
    sent,
    tasks,
    reconciles,
    stored: () => stored,
    maxInFlight: () => maxInFlight,
    failNextLookup: () => {
      lookupFails += 1;
    },
    /** Settles every request in flight now, by `settle`. */
    settleAll: async (settle: (request: Sent) => void) => {
      const open = sent.splice(0);
      for (const request of open) settle(request);
      await vi.advanceTimersByTimeAsync(0);
    },
  };
}

function states(batch: Batch): string[] {
  return batch.files.map((file) => file.start.state);
}

describe('runScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(T0);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('keeps at most four starts in flight and starts every file once', async () => {
    const h = harness(makeBatch(10));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.sent).toHaveLength(MAX_IN_FLIGHT);
    while (h.sent.length > 0) await h.settleAll((request) => request.resolve());
    await done;
    expect(h.maxInFlight()).toBe(MAX_IN_FLIGHT);
    expect(h.tasks.map((task) => task.file).sort()).toEqual(
      makeBatch(10)
        .files.map((file) => file.name)
        .sort(),
    );
    expect(states(h.stored())).toEqual(Array(10).fill('started'));
    expect(h.stored().files.every((file) => file.taskIds.length === 1)).toBe(true);
  });

  it('a 429 pauses every start until Retry-After, then sends that file again', async () => {
    const h = harness(makeBatch(6));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    const [first, ...others] = h.sent.splice(0);
    first?.fail(httpError(429, 'Too many requests', 7));
    await vi.advanceTimersByTimeAsync(0);
    for (const request of others) request.resolve();
    await vi.advanceTimersByTimeAsync(6_900);
    // Three slots are free, yet nothing was sent during the wait.
    expect(h.sent).toHaveLength(0);
    expect(h.stored().files[0]?.start.state).toBe('waiting');
    await vi.advanceTimersByTimeAsync(200);
    expect(h.sent.map((request) => request.file)).toEqual([
      'file-0.csv',
      'file-4.csv',
      'file-5.csv',
    ]);
    await h.settleAll((request) => request.resolve());
    await done;
    expect(h.tasks).toHaveLength(6);
    expect(states(h.stored())).toEqual(Array(6).fill('started'));
  });

  it('a lost answer is looked for, once nothing is in flight, before the file is sent again', async () => {
    const h = harness(makeBatch(5));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    const [lostButCreated, lostForGood, ...others] = h.sent.splice(0);
    lostButCreated?.fail(networkError(), true);
    lostForGood?.fail(networkError(), false);
    await vi.advanceTimersByTimeAsync(0);
    // No new start while files are unsettled, even with free slots.
    expect(h.sent).toHaveLength(0);
    expect(h.reconciles).toHaveLength(0);
    for (const request of others) request.resolve();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(h.reconciles).toEqual([['file-0.csv', 'file-1.csv']]);
    // file-0 has its task; only file-1 (and the never-sent file-4) go out.
    expect(h.sent.map((request) => request.file).sort()).toEqual(['file-1.csv', 'file-4.csv']);
    await h.settleAll((request) => request.resolve());
    await done;
    expect(h.tasks.map((task) => task.file).sort()).toEqual([
      'file-0.csv',
      'file-1.csv',
      'file-2.csv',
      'file-3.csv',
      'file-4.csv',
    ]);
    expect(h.stored().files[0]?.taskIds).toEqual(['task-1']);
  });

  it('files left starting by a tab that is gone are looked for first', async () => {
    const batch = makeBatch(3);
    batch.files[0] = { ...batch.files[0]!, start: { state: 'starting', since: T0 } };
    const h = harness(batch);
    h.tasks.push({
      task_id: 'task-earlier',
      file: 'file-0.csv',
      title: 'file-0.csv',
      created_at: new Date(T0 + 50).toISOString(),
    });
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    expect(h.reconciles).toEqual([['file-0.csv']]);
    expect(h.sent.map((request) => request.file)).toEqual(['file-1.csv', 'file-2.csv']);
    await h.settleAll((request) => request.resolve());
    await done;
    expect(h.stored().files[0]?.taskIds).toEqual(['task-earlier']);
    expect(h.tasks).toHaveLength(3);
  });

  it('a lookup that fails is tried again after a wait, and sends nothing meanwhile', async () => {
    const h = harness(makeBatch(1));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    h.failNextLookup();
    await h.settleAll((request) => request.fail(networkError(), false));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(h.reconciles).toHaveLength(1);
    expect(h.sent).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(h.reconciles).toHaveLength(2);
    await h.settleAll((request) => request.resolve());
    await done;
    expect(h.tasks).toHaveLength(1);
  });

  it('keeps the API refusal of a file with its message and goes on with the others', async () => {
    const h = harness(makeBatch(2));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    const [refused, accepted] = h.sent.splice(0);
    refused?.fail(httpError(400, 'file-0.csv is not a spreadsheet.'));
    accepted?.resolve();
    await done;
    expect(h.stored().files[0]?.start).toEqual({
      state: 'refused',
      message: 'file-0.csv is not a spreadsheet.',
      status: 400,
    });
    expect(h.stored().files[1]?.start.state).toBe('started');
  });

  it('with a query, lost answers whose tasks nothing tells apart wait for the person', async () => {
    const h = harness(makeBatch(3, 'Extract the invoice'));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    await h.settleAll((request) => request.fail(networkError(), request.file !== 'file-2.csv'));
    // Looked for again a few times (a trace may name the file later), then the person is asked.
    await vi.advanceTimersByTimeAsync(UNDECIDED_WAIT_MS * UNDECIDED_ROUNDS * UNDECIDED_ROUNDS);
    await done;
    expect(h.reconciles).toHaveLength(UNDECIDED_ROUNDS + 1);
    expect(h.sent).toHaveLength(0);
    expect(h.tasks).toHaveLength(2);
    for (const file of h.stored().files) {
      expect(file.start).toEqual({
        state: 'undecided',
        since: T0,
        candidates: ['task-1', 'task-2'],
      });
    }
  });

  it('with a query, one lost answer and one new task of ours is that file’s (the single-run rule)', async () => {
    const h = harness(makeBatch(2, 'Extract the invoice'));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    const [lost, fine] = h.sent.splice(0);
    lost?.fail(networkError(), true);
    fine?.resolve();
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(h.tasks).toHaveLength(2);
    expect(h.stored().files.map((file) => file.taskIds)).toEqual([['task-1'], ['task-2']]);
  });

  it('a file cancelled while its run was out is not sent again when no task came of it', async () => {
    const h = harness(makeBatch(1));
    const done = runScheduler(h.deps, new AbortController().signal);
    await vi.advanceTimersByTimeAsync(0);
    await h.deps.change((batch) => ({
      ...batch,
      files: batch.files.map((file) => ({
        ...file,
        start: { state: 'unsettled' as const, since: T0, cancel: true },
      })),
    }));
    await h.settleAll((request) => request.fail(networkError(), false));
    await vi.advanceTimersByTimeAsync(5_000);
    await done;
    expect(h.stored().files[0]?.start.state).toBe('cancelled');
    expect(h.tasks).toHaveLength(0);
  });
});
