/** What the person does with a batch: `Retry failed` (a new task for each failed, stopped, refused
 *  or never-sent file), `Cancel remaining` (confirmed; the starts left are dropped and every live
 *  task cancelled, each failure reported), and the downloads of everything extracted. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { SafeText } from '@/components/safe-text';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { cancelStarts, retryFiles } from '@/entities/batch/hooks';
import { isStartLeft, type Batch } from '@/entities/batch/model';
import { cancelTasks } from '@/entities/task/cancel';
import { downloadFile, downloadJson, slugify } from '@/lib/download';
import { batchCsv, batchJson } from './batch-csv';
import type { BatchProgress } from './batch-progress';
import { readBatchData } from './batch-data';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function messageOf(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

interface Report {
  tone: 'info' | 'warning' | 'danger';
  text: string;
  problems: string[];
}

export function BatchActions({ batch, progress }: { batch: Batch; progress: BatchProgress }) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'retry' | 'cancel' | 'download' | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const retryCountId = useId();

  const startsLeft = batch.files.filter(
    (file) => isStartLeft(file) || file.start.state === 'undecided',
  ).length;
  const liveTasks = progress.cancellable;
  const remaining = startsLeft + liveTasks.length;
  const fileOf = new Map(
    batch.files.flatMap((file) => file.taskIds.map((taskId) => [taskId, file.name] as const)),
  );

  const retry = async () => {
    if (busy) return;
    setBusy('retry');
    setReport(null);
    const keys = progress.retryable.map((view) => view.file.key);
    try {
      await retryFiles(queryClient, batch.id, keys);
      setReport({
        tone: 'info',
        text: `Starting ${plural(keys.length, 'file')} again.`,
        problems: [],
      });
    } catch (cause) {
      setReport({
        tone: 'danger',
        text: `The files could not be queued again: ${messageOf(cause)}. Try again.`,
        problems: [],
      });
    } finally {
      setBusy(null);
    }
  };

  const confirmCancel = async () => {
    // One confirmation, one cancel: a second click of a double click lands on a closed dialog.
    if (!dialog.current?.open) return;
    dialog.current.close();
    setBusy('cancel');
    setReport(null);
    const tasks = [...liveTasks];
    try {
      await cancelStarts(queryClient, batch.id);
    } catch (cause) {
      setReport({
        tone: 'danger',
        text: `The files not started yet could not be held back: ${messageOf(cause)}. Try again.`,
        problems: [],
      });
      setBusy(null);
      return;
    }
    const outcomes = await cancelTasks(queryClient, tasks);
    const failed = outcomes.filter((outcome) => !outcome.ok);
    const done = outcomes.length - failed.length;
    setReport({
      tone: failed.length > 0 ? 'warning' : 'info',
      text:
        `Cancelled ${plural(done, 'task')}` +
        (startsLeft > 0 ? `; ${plural(startsLeft, 'file')} will not be started` : '') +
        (failed.length > 0 ? `; ${plural(failed.length, 'task')} could not be cancelled:` : '.'),
      problems: failed.map(
        (outcome) => `${fileOf.get(outcome.taskId) ?? outcome.taskId}: ${outcome.message ?? ''}`,
      ),
    });
    setBusy(null);
  };

  const download = async (kind: 'csv' | 'json') => {
    if (busy) return;
    setBusy('download');
    setReport(null);
    const { entries, failures } = await readBatchData(queryClient, progress);
    const base = `batch-${slugify(batch.name ?? batch.agentName ?? 'extracted') || 'extracted'}-${new Date(batch.createdAt).toISOString().slice(0, 10)}`;
    if (kind === 'csv') downloadFile(`${base}.csv`, batchCsv(entries), 'text/csv;charset=utf-8');
    else downloadJson(`${base}.json`, batchJson(entries));
    if (failures.length > 0) {
      setReport({
        tone: 'warning',
        text: `The download holds ${plural(entries.length, 'file')}; the data of ${plural(failures.length, 'file')} could not be read (download again to retry):`,
        problems: failures.map((failure) => `${failure.file}: ${failure.message}`),
      });
    }
    setBusy(null);
  };

  const completed = progress.completed.length;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        {progress.retryable.length > 0 ? (
          <>
            <Button
              aria-describedby={retryCountId}
              aria-busy={busy === 'retry' || undefined}
              onClick={() => void retry()}
            >
              Retry failed
            </Button>
            <span id={retryCountId} className="text-sm text-muted">
              {plural(progress.retryable.length, 'file')}
            </span>
          </>
        ) : null}
        {remaining > 0 ? (
          <Button
            ref={cancelButton}
            aria-busy={busy === 'cancel' || undefined}
            onClick={() => {
              dialog.current?.showModal();
              keep.current?.focus();
            }}
          >
            Cancel remaining
          </Button>
        ) : null}
        <span className="ml-auto flex flex-wrap gap-2">
          <Button
            blocked={completed === 0}
            aria-busy={busy === 'download' || undefined}
            title={completed === 0 ? 'No file has completed yet' : undefined}
            onClick={() => completed > 0 && void download('csv')}
          >
            Download CSV
          </Button>
          <Button
            blocked={completed === 0}
            aria-busy={busy === 'download' || undefined}
            title={completed === 0 ? 'No file has completed yet' : undefined}
            onClick={() => completed > 0 && void download('json')}
          >
            Download JSON
          </Button>
        </span>
      </div>
      {busy === 'cancel' ? (
        <p role="status" className="text-sm text-muted">
          Cancelling…
        </p>
      ) : null}
      {report ? (
        <Alert tone={report.tone}>
          <p>{report.text}</p>
          {report.problems.length > 0 ? (
            <ul className="mt-1 list-disc pl-5">
              {report.problems.map((problem) => (
                <li key={problem}>
                  <SafeText text={problem} />
                </li>
              ))}
            </ul>
          ) : null}
        </Alert>
      ) : null}
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => cancelButton.current?.focus()}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-border bg-surface p-5 text-text shadow-lg backdrop:bg-surface-muted/80"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          Cancel what is left of this batch?
        </h2>
        <p className="mt-2 text-sm text-muted">
          {[
            liveTasks.length > 0
              ? `${plural(liveTasks.length, 'running task')} will be cancelled`
              : '',
            startsLeft > 0 ? `${plural(startsLeft, 'file')} not started yet will not be` : '',
          ]
            .filter(Boolean)
            .join('; ')}
          . Finished tasks keep their results.
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button ref={keep} onClick={() => dialog.current?.close()}>
            Keep them running
          </Button>
          <Button variant="danger" onClick={() => void confirmCancel()}>
            Cancel remaining
          </Button>
        </div>
      </dialog>
    </div>
  );
}
