/** Runs a batch's scheduler in this tab under the batch's Web Lock (one tab starts a batch at a
 *  time; a tab that asks later takes over when the first goes), wired to the API, the store, the
 *  task cache and the inputs each task was run with. */
import type { QueryClient } from '@tanstack/react-query';
import { getTaskMessages, type TaskMessage } from '@/api/messages';
import { getTaskResult } from '@/api/results';
import { buildRunRequest, sendRun } from '@/api/runs';
import type { TaskListItem } from '@/api/schemas';
import { cancelTask, listTasks } from '@/api/tasks';
import { seedStartedTask } from '@/entities/task/cache';
import { CLOCK_SKEW_MS } from '@/entities/task/run-intent';
import { onResetModuleState } from '@/lib/module-state';
import { rememberTaskInputs } from '@/lib/task-inputs';
import { changeBatch, writeBatchToCache } from './hooks';
import { claimedTaskIds, startsLeft, type Batch, type BatchFile } from './model';
import { contentText, matchTasksToFiles, mentionsName, type Candidate } from './reconcile';
import { runScheduler } from './scheduler';
import { getStoredBatch, getStoredFile, listStoredBatches } from './store';

/** A lookup never takes longer than this (as a single run's, decision 0007). */
export const LOOKUP_TIMEOUT_MS = 15_000;
/** Pages of the agent's new tasks read per lookup (100 each). */
const LOOKUP_PAGES = 5;
/** Tasks whose first message (and trace, if need be) a lookup reads: a few rounds of 4. */
const MESSAGE_READS = 24;
/** The most of a trace searched for file names. */
const FEED_CHARS = 200_000;

const lockName = (id: string) => `agent-console:batch:${id}`;

/** Batches this tab is starting, or waiting for another tab's lock to start. */
const active = new Set<string>();
onResetModuleState(() => active.clear());

function stopped(signal: AbortSignal): Error {
  return signal.reason instanceof Error
    ? signal.reason
    : new DOMException('Stopped.', 'AbortError');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(stopped(signal));
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(stopped(signal));
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function sendFile(
  batch: Batch,
  file: BatchFile,
  signal: AbortSignal,
  sent: { bodySent: boolean },
) {
  const blob = await getStoredFile(batch.id, file.key);
  if (!blob)
    throw new Error(
      `The file ${file.name} is no longer stored in this browser. Run it again from New run.`,
    );
  // A File over the stored Blob: no copy of its bytes.
  const request = buildRunRequest({
    agentId: batch.agentId,
    query: batch.query,
    files: [new File([blob], file.name, { type: file.type })],
    outputSchema: batch.outputSchema ?? '',
    instructions: batch.instructions ?? '',
  });
  const abort = new AbortController();
  if (signal.aborted) abort.abort(signal.reason);
  signal.addEventListener('abort', () => abort.abort(signal.reason), { once: true });
  return sendRun(request, { abort, sent });
}

function firstUserMessage(messages: readonly TaskMessage[]): TaskMessage | undefined {
  return messages.find((message) => message.role === 'user' || message.user_id) ?? messages[0];
}

/** The agent's tasks made since the earliest lost attempt, with the first message of each that
 *  could be ours, matched to the unsettled files. */
async function lookForTasks(batch: Batch, files: BatchFile[], signal: AbortSignal) {
  const lookup = new AbortController();
  const stop = () => lookup.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  const timer = setTimeout(
    () =>
      lookup.abort(new Error(`The task list did not answer within ${LOOKUP_TIMEOUT_MS / 1000} s.`)),
    LOOKUP_TIMEOUT_MS,
  );
  try {
    const since = Math.min(
      ...files.map((file) => ('since' in file.start ? file.start.since : Date.now())),
    );
    const tasks: TaskListItem[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < LOOKUP_PAGES; page++) {
      const found = await listTasks(
        {
          agent_id: batch.agentId,
          created_after: new Date(since - CLOCK_SKEW_MS).toISOString(),
          limit: 100,
          cursor,
        },
        lookup.signal,
      );
      tasks.push(...found.data);
      if (!found.has_more || !found.next_cursor) break;
      cursor = found.next_cursor;
    }
    // Every task any batch of this browser holds is known to be some file's.
    const claimed = new Set(claimedTaskIds(batch));
    for (const other of await listStoredBatches()) {
      for (const id of claimedTaskIds(other)) claimed.add(id);
    }
    const candidates: Candidate[] = [];
    let reads = 0;
    const names = batch.files.map((file) => file.name);
    const namesAny = (text: string | undefined) =>
      text !== undefined && names.some((name) => mentionsName(text, name));
    for (const task of tasks) {
      if (claimed.has(task.task_id)) continue;
      const candidate: Candidate = { task };
      if (reads < MESSAGE_READS) {
        reads += 1;
        try {
          const messages = await getTaskMessages(task.task_id, lookup.signal);
          candidate.firstMessage = contentText(firstUserMessage(messages.data)?.content);
          // The shared query says nothing of the file: what the agent did with it may.
          if (!namesAny(candidate.firstMessage) && !namesAny(task.title)) {
            const result = await getTaskResult(task.task_id, lookup.signal);
            candidate.feed = contentText(result.feed)?.slice(0, FEED_CHARS);
          }
        } catch (error) {
          if (lookup.signal.aborted) throw error;
          // Unread: the task stays a candidate nothing names.
        }
      }
      candidates.push(candidate);
    }
    return matchTasksToFiles(batch, files, candidates, claimed);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
}

function schedulerFor(queryClient: QueryClient, id: string) {
  return {
    load: async () => {
      const batch = await getStoredBatch(id);
      if (batch) writeBatchToCache(queryClient, batch);
      return batch;
    },
    change: (change: (batch: Batch) => Batch) => changeBatch(queryClient, id, change),
    send: sendFile,
    reconcile: lookForTasks,
    onStarted: (batch: Batch, file: BatchFile, run: { task_id: string }, cancelled: boolean) => {
      seedStartedTask(queryClient, run, batch.agentId);
      rememberTaskInputs(run.task_id, {
        agentId: batch.agentId,
        query: batch.query,
        outputSchema: batch.outputSchema ?? '',
        instructions: batch.instructions ?? '',
        plainLanguage: batch.plainLanguage ?? false,
        fileNames: [file.name],
        files: [{ name: file.name, size: file.size, type: file.type }],
        startedAt: Date.now(),
      });
      void queryClient.invalidateQueries({ queryKey: ['tasks', 'list'] });
      // `Cancel remaining` came while this run was out: its task is stopped too.
      if (cancelled) void cancelTask(run.task_id).catch(() => undefined);
    },
    sleep,
    now: Date.now,
  };
}

async function runHere(queryClient: QueryClient, id: string): Promise<void> {
  const batch = await getStoredBatch(id);
  if (!batch || startsLeft(batch) === 0) return;
  await runScheduler(schedulerFor(queryClient, id), new AbortController().signal);
}

/**
 * Starts what is left of the batch in this tab, once it holds the batch's lock (another tab
 * starting it keeps it until done or gone; this tab then takes over). Resolves when nothing is
 * left to start. Several calls in one tab share one run.
 */
export async function runBatch(queryClient: QueryClient, id: string): Promise<void> {
  if (active.has(id)) return;
  active.add(id);
  try {
    const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
    if (locks) await locks.request(lockName(id), () => runHere(queryClient, id));
    else await runHere(queryClient, id);
  } finally {
    active.delete(id);
  }
}

/** Every stored batch with starts left; each is run (or waited for) in this tab. */
export async function resumeBatches(queryClient: QueryClient): Promise<Batch[]> {
  const unfinished = (await listStoredBatches()).filter((batch) => startsLeft(batch) > 0);
  for (const batch of unfinished) void runBatch(queryClient, batch.id);
  return unfinished;
}
