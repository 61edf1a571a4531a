/** Where each file of a batch stands, from its starts and its task's cached status: each row's
 *  phase, the progress and counts, and the files that Retry, Cancel and the downloads act on. */
import { currentTaskId, type Batch, type BatchFile } from '@/entities/batch/model';
import { isTerminal, needsPerson, taskStatusMeta } from '@/entities/task/status';

/** What the views know of a task: its status, or that the API does not know it (404). */
export interface KnownTask {
  status: string | undefined;
  gone: boolean;
}

export type FilePhase =
  /** No task for the current attempt yet: being started, or never to be. */
  | { kind: 'start'; state: 'waiting' | 'starting' | 'undecided' | 'cancelled' }
  | { kind: 'refused'; message: string }
  | { kind: 'task'; taskId: string; status: string | undefined }
  /** The API answers 404 for it: another workspace's, or deleted. */
  | { kind: 'gone'; taskId: string };

export interface FileView {
  file: BatchFile;
  phase: FilePhase;
  /** The file's earlier tasks (before a retry), oldest first. */
  earlier: string[];
}

type Lookup = (taskId: string) => KnownTask | undefined;

export function fileView(file: BatchFile, lookup: Lookup): FileView {
  const { start } = file;
  const started = start.state === 'started';
  const current = started ? currentTaskId(file) : undefined;
  const earlier = started ? file.taskIds.slice(0, -1) : file.taskIds;
  if (current !== undefined) {
    const known = lookup(current);
    const phase: FilePhase = known?.gone
      ? { kind: 'gone', taskId: current }
      : { kind: 'task', taskId: current, status: known?.status };
    return { file, phase, earlier };
  }
  if (start.state === 'refused') {
    return { file, phase: { kind: 'refused', message: start.message }, earlier };
  }
  const state = start.state === 'unsettled' || start.state === 'started' ? 'starting' : start.state;
  return { file, phase: { kind: 'start', state }, earlier };
}

/** The file's current attempt has ended: its task ended or is gone, or it was refused or never
 *  sent. */
export function isFinished(phase: FilePhase): boolean {
  switch (phase.kind) {
    case 'task':
      return isTerminal(phase.status);
    case 'start':
      return phase.state === 'cancelled';
    default:
      return true;
  }
}

/** The word a row and the counts use for a phase. */
export function phaseLabel(phase: FilePhase): string {
  switch (phase.kind) {
    case 'task':
      return taskStatusMeta(phase.status).label;
    case 'gone':
      return 'Not found';
    case 'refused':
      return 'Refused';
    case 'start':
      return {
        waiting: 'Waiting to start',
        starting: 'Starting…',
        undecided: 'Needs your decision',
        cancelled: 'Not started',
      }[phase.state];
  }
}

export interface BatchProgress {
  total: number;
  finished: number;
  /** Files per phase label, in the order first met. */
  counts: { label: string; count: number }[];
  /** Files whose task waits on the person. */
  needsYou: FileView[];
  /** Files `Retry failed` starts again: task failed or stopped, start refused or never sent. */
  retryable: FileView[];
  /** Current tasks `Cancel remaining` cancels (live, or not known yet). */
  cancellable: string[];
  /** Files whose current task completed (the downloads' rows). */
  completed: { view: FileView; taskId: string }[];
}

export function batchProgress(views: readonly FileView[]): BatchProgress {
  const counts = new Map<string, number>();
  const progress: BatchProgress = {
    total: views.length,
    finished: 0,
    counts: [],
    needsYou: [],
    retryable: [],
    cancellable: [],
    completed: [],
  };
  for (const view of views) {
    const { phase } = view;
    const label = phaseLabel(phase);
    counts.set(label, (counts.get(label) ?? 0) + 1);
    if (isFinished(phase)) progress.finished += 1;
    if (phase.kind === 'task') {
      if (needsPerson(phase.status)) progress.needsYou.push(view);
      if (phase.status === 'failed' || phase.status === 'stopped') progress.retryable.push(view);
      if (phase.status === 'completed') progress.completed.push({ view, taskId: phase.taskId });
      if (!isTerminal(phase.status)) progress.cancellable.push(phase.taskId);
    } else if (
      phase.kind === 'refused' ||
      (phase.kind === 'start' && phase.state === 'cancelled')
    ) {
      progress.retryable.push(view);
    }
  }
  progress.counts = [...counts].map(([label, count]) => ({ label, count }));
  return progress;
}

/** "7 of 10 finished". */
export function progressText(progress: Pick<BatchProgress, 'finished' | 'total'>): string {
  return `${progress.finished} of ${progress.total} finished`;
}

/** Every current task id of the batch (the ones whose state the views read). */
export function currentTaskIds(batch: Batch): string[] {
  return batch.files
    .filter((file) => file.start.state === 'started')
    .map(currentTaskId)
    .filter((taskId): taskId is string => taskId !== undefined);
}
