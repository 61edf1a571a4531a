/** Starts a batch's files: at most `MAX_IN_FLIGHT` runs in flight, a 429 pauses every start until
 *  its `Retry-After`, and a lost answer stops new starts until the batch's tasks have been looked
 *  through (`reconcile.ts`), so no file gets two tasks. The caller holds the batch's lock. */
import { ApiError } from '@/api/http';
import { backoffDelay, retryAfterMs } from '@/api/backoff';
import type { RunResponse } from '@/api/schemas';
import { isLostAnswer } from '@/lib/error-advice';
import type { Batch, BatchFile, FileStart } from './model';
import type { Verdict } from './reconcile';

export const MAX_IN_FLIGHT = 4;
/** A file whose start fails with a 5xx that is an answer (500, 503…) is tried this many times. */
export const MAX_SERVER_ERRORS = 3;
/** Lookups that could not tell tasks apart are repeated this often (an agent's trace names the
 *  file it read once it has read it), `UNDECIDED_WAIT_MS` × the round apart, before the person
 *  is asked. */
export const UNDECIDED_ROUNDS = 5;
export const UNDECIDED_WAIT_MS = 2_000;

export interface SchedulerDeps {
  /** The batch as stored now. */
  load: () => Promise<Batch | null>;
  /** One atomic change of the stored batch (`change` returns the same object for none). */
  change: (change: (batch: Batch) => Batch) => Promise<Batch | null>;
  /** Sends one file's run; sets `sent.bodySent` once the whole request is out. */
  send: (
    batch: Batch,
    file: BatchFile,
    signal: AbortSignal,
    sent: { bodySent: boolean },
  ) => Promise<RunResponse>;
  /** Looks for the tasks of these unsettled files (none of the batch's runs is in flight). */
  reconcile: (
    batch: Batch,
    files: BatchFile[],
    signal: AbortSignal,
  ) => Promise<Map<string, Verdict>>;
  /** A task was created for a file (cache, remembered inputs; cancelled if the person cancelled). */
  onStarted?: (batch: Batch, file: BatchFile, run: RunResponse, cancelled: boolean) => void;
  /** Resolves after `ms`, or rejects when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  now: () => number;
  random?: () => number;
}

function withFile(batch: Batch, key: string, change: (file: BatchFile) => BatchFile): Batch {
  let changed = false;
  const files = batch.files.map((file) => {
    if (file.key !== key) return file;
    const next = change(file);
    changed = next !== file;
    return next;
  });
  return changed ? { ...batch, files } : batch;
}

function setStart(file: BatchFile, start: FileStart, taskId?: string): BatchFile {
  return { ...file, start, taskIds: taskId ? [...file.taskIds, taskId] : file.taskIds };
}

function messageOf(error: unknown): string {
  return error instanceof Error && error.message ? error.message : 'The API refused this file.';
}

/**
 * Runs until no file of the batch has a start left (or `signal` aborts: the lock was lost or
 * the page is going). Files found `starting` when it begins were in flight in a tab that is
 * gone: their fate is unknown, so they are looked for first.
 */
export async function runScheduler(deps: SchedulerDeps, signal: AbortSignal): Promise<void> {
  const random = deps.random ?? Math.random;
  let batch = await deps.change((current) => {
    let next = current;
    for (const file of current.files) {
      if (file.start.state === 'starting') {
        const since = file.start.since;
        next = withFile(next, file.key, (f) => setStart(f, { state: 'unsettled', since }));
      }
    }
    return next;
  });
  if (!batch) return;

  const inFlight = new Map<string, Promise<void>>();
  const serverErrors = new Map<string, number>();
  let pausedUntil = 0;
  /** Failures in a row (lost answers, lookups that failed, 5xx): the wait before going on. */
  let failures = 0;
  let retryAt = 0;
  let undecidedRounds = 0;

  const apply = async (change: (current: Batch) => Batch) => {
    const next = await deps.change(change);
    if (next) batch = next;
    return next;
  };

  const launch = (file: BatchFile, since: number) => {
    const sent = { bodySent: false };
    const controller = new AbortController();
    const stop = () => controller.abort(signal.reason);
    signal.addEventListener('abort', stop, { once: true });
    const current = batch as Batch;
    const work = deps
      .send(current, file, controller.signal, sent)
      .then(
        async (run) => {
          failures = 0;
          let cancelled = false;
          await apply((latest) =>
            withFile(latest, file.key, (f) => {
              cancelled = f.start.state === 'unsettled' && f.start.cancel === true;
              return setStart(f, { state: 'started' }, run.task_id);
            }),
          );
          deps.onStarted?.(batch as Batch, file, run, cancelled);
        },
        async (error: unknown) => {
          const now = deps.now();
          if (error instanceof ApiError && error.status === 429) {
            pausedUntil = Math.max(pausedUntil, now + retryAfterMs(error.retryAfter));
            await apply((latest) =>
              withFile(latest, file.key, (f) => keepCancel(f, { state: 'waiting' })),
            );
            return;
          }
          const fateUnknown = isLostAnswer(error) || (controller.signal.aborted && sent.bodySent);
          if (fateUnknown) {
            failures += 1;
            retryAt = now + backoffDelay(failures, random);
            await apply((latest) =>
              withFile(latest, file.key, (f) =>
                setStart(f, {
                  state: 'unsettled',
                  since,
                  ...(f.start.state === 'unsettled' && f.start.cancel ? { cancel: true } : {}),
                }),
              ),
            );
            return;
          }
          if (controller.signal.aborted) {
            // Stopped before its last byte left (the page is going): no task, send it later.
            await apply((latest) =>
              withFile(latest, file.key, (f) => keepCancel(f, { state: 'waiting' })),
            );
            return;
          }
          if (error instanceof ApiError && error.status >= 500) {
            const count = (serverErrors.get(file.key) ?? 0) + 1;
            serverErrors.set(file.key, count);
            if (count < MAX_SERVER_ERRORS) {
              failures += 1;
              retryAt = now + backoffDelay(failures, random);
              await apply((latest) =>
                withFile(latest, file.key, (f) => keepCancel(f, { state: 'waiting' })),
              );
              return;
            }
          }
          await apply((latest) =>
            withFile(latest, file.key, (f) =>
              setStart(f, {
                state: 'refused',
                message: messageOf(error),
                ...(error instanceof ApiError && error.status > 0 ? { status: error.status } : {}),
              }),
            ),
          );
        },
      )
      .finally(() => {
        signal.removeEventListener('abort', stop);
        inFlight.delete(file.key);
      });
    inFlight.set(file.key, work);
  };

  while (!signal.aborted) {
    const current = batch;
    const now = deps.now();
    const unsettled = current.files.filter(
      (file) => file.start.state === 'unsettled' && !inFlight.has(file.key),
    );
    const waiting = current.files.filter(
      (file) => file.start.state === 'waiting' && !inFlight.has(file.key),
    );
    const wait = Math.max(pausedUntil, retryAt) - now;

    if (inFlight.size === 0) {
      if (unsettled.length === 0 && waiting.length === 0) {
        // Another tab may have queued files meanwhile (Retry failed): look once more.
        const fresh = await deps.load();
        if (!fresh) return;
        batch = fresh;
        const more = fresh.files.some(
          (file) => file.start.state === 'waiting' || file.start.state === 'unsettled',
        );
        if (!more) return;
        continue;
      }
      if (wait > 0) {
        await deps.sleep(wait, signal);
        continue;
      }
      if (unsettled.length > 0) {
        // No run of this batch is in flight: every task the lookup sees is settled or lost.
        let verdicts: Map<string, Verdict>;
        try {
          verdicts = await deps.reconcile(current, unsettled, signal);
        } catch (error) {
          if (signal.aborted) return;
          failures += 1;
          retryAt = deps.now() + backoffDelay(failures, random);
          if (error instanceof ApiError && error.status === 429) {
            pausedUntil = Math.max(pausedUntil, deps.now() + retryAfterMs(error.retryAfter));
          }
          continue;
        }
        const unsure = [...verdicts.values()].some((verdict) => verdict.kind === 'undecided');
        if (unsure && undecidedRounds < UNDECIDED_ROUNDS) {
          // Take what is sure now; look again for the rest in a while.
          undecidedRounds += 1;
          retryAt = deps.now() + UNDECIDED_WAIT_MS * undecidedRounds;
          const sure = new Map([...verdicts].filter(([, verdict]) => verdict.kind === 'found'));
          await apply((latest) => applyVerdicts(latest, sure));
          continue;
        }
        undecidedRounds = 0;
        await apply((latest) => applyVerdicts(latest, verdicts));
        continue;
      }
    }

    // New starts only when nothing is unsettled (a lookup must not see runs in flight) and no
    // 429 or failure asks to wait.
    if (unsettled.length === 0 && wait <= 0) {
      for (const file of waiting) {
        if (inFlight.size >= MAX_IN_FLIGHT) break;
        const since = deps.now();
        let claimed = false;
        await apply((latest) =>
          withFile(latest, file.key, (f) => {
            if (f.start.state !== 'waiting') return f;
            claimed = true;
            return setStart(f, { state: 'starting', since });
          }),
        );
        if (claimed) {
          const fresh = batch.files.find((f) => f.key === file.key) ?? file;
          launch(fresh, since);
        }
        if (signal.aborted) break;
      }
    }
    if (inFlight.size > 0) {
      await Promise.race(inFlight.values());
    } else if (wait > 0) {
      await deps.sleep(wait, signal);
    }
  }
  // Going away: let what is in flight record its outcome.
  await Promise.allSettled(inFlight.values());
}

/** `waiting` again, or `cancelled` when the person cancelled while it was out. */
function keepCancel(file: BatchFile, start: FileStart): BatchFile {
  return file.start.state === 'unsettled' && file.start.cancel
    ? setStart(file, { state: 'cancelled' })
    : setStart(file, start);
}

function applyVerdicts(batch: Batch, verdicts: Map<string, Verdict>): Batch {
  let next = batch;
  for (const [key, verdict] of verdicts) {
    next = withFile(next, key, (file) => {
      if (file.start.state !== 'unsettled') return file;
      const { since } = file.start;
      if (verdict.kind === 'found') return setStart(file, { state: 'started' }, verdict.taskId);
      if (verdict.kind === 'undecided') {
        return setStart(file, { state: 'undecided', since, candidates: verdict.candidates });
      }
      return file.start.cancel
        ? setStart(file, { state: 'cancelled' })
        : setStart(file, { state: 'waiting' });
    });
  }
  return next;
}
