/** The bar acting on the selected rows: select all, `Cancel` the live ones (confirmed, with the
 *  count), `Run again` those this browser recorded, `Compare` exactly two; each task's outcome
 *  reported under it, in the server's words where one failed. */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Button } from '@/components/ui/button';
import { SafeText } from '@/components/safe-text';
import { readTask } from '@/entities/task/cache';
import { cancelTasks } from '@/entities/task/cancel';
import { taskInputsOf } from '@/lib/task-inputs';
import { visibleText } from '@/lib/reveal-invisibles';
import {
  planCancel,
  planRunAgain,
  REFUSAL_TEXT,
  runTasksAgain,
  type BulkOutcome,
  type RerunRefusal,
} from './bulk-actions';
import { newRunHref } from './task-header';
import { taskLabel } from './task-label';

interface Report {
  action: 'cancel' | 'rerun';
  outcomes: BulkOutcome[];
  /** Cancel: tasks already ended. */
  skipped: string[];
  /** Run again: tasks that cannot be run again from here, and why. */
  refused: { taskId: string; reason: RerunRefusal }[];
}

const plural = (count: number, one: string, many = `${one}s`) =>
  `${count} ${count === 1 ? one : many}`;

/** `/compare` for two tasks, the older on the left. */
function compareHref(pair: readonly string[], queryClient: ReturnType<typeof useQueryClient>) {
  const created = (taskId: string) => Date.parse(readTask(queryClient, taskId)?.created_at ?? '');
  const [first = '', second = ''] = pair;
  const [a, b] = created(second) < created(first) ? [second, first] : [first, second];
  return `/compare?${new URLSearchParams({ a, b }).toString()}`;
}

const LINK =
  'font-medium text-accent underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-accent';

export interface TaskListBulkBarProps {
  /** The rows the list shows (loaded), in order. */
  ids: readonly string[];
  selected: ReadonlySet<string>;
  onSelectedChange: (selected: Set<string>) => void;
  /** Tasks were started here: the list shows them at once (it reads this browser's runs). */
  onStarted: () => void;
}

export function TaskListBulkBar({
  ids,
  selected,
  onSelectedChange,
  onStarted,
}: TaskListBulkBarProps) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState<'cancel' | 'rerun' | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [confirming, setConfirming] = useState<{ live: string[]; ended: string[] } | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const [, navigate] = useLocation();

  // Only what is shown: a filter may have hidden tasks selected earlier.
  const chosen = ids.filter((taskId) => selected.has(taskId));
  const all = ids.length > 0 && chosen.length === ids.length;
  const nameOf = (taskId: string) => taskLabel(taskId, readTask(queryClient, taskId)).full;
  // The task's own `Run again`: the New run form on its agent, prefilled where this browser can.
  const rerunHref = (taskId: string) => {
    const agentId = readTask(queryClient, taskId)?.agent_id;
    return agentId ? newRunHref(agentId, taskId) : `/?rerun=${encodeURIComponent(taskId)}`;
  };

  const askCancel = () => {
    const plan = planCancel(chosen, (taskId) => readTask(queryClient, taskId)?.status);
    if (plan.live.length === 0) {
      setReport({ action: 'cancel', outcomes: [], skipped: plan.ended, refused: [] });
      return;
    }
    setReport(null);
    setConfirming(plan);
    dialog.current?.showModal();
    keep.current?.focus();
  };
  const confirmCancel = async () => {
    const plan = confirming;
    // One confirmation, one cancel each: a second click lands on a closed dialog.
    if (!plan || !dialog.current?.open) return;
    dialog.current.close();
    setBusy('cancel');
    const outcomes = await cancelTasks(queryClient, plan.live);
    setBusy(null);
    // The selection stays (and with it the bar, where focus returns): the rows show the outcome.
    setReport({ action: 'cancel', outcomes, skipped: plan.ended, refused: [] });
  };
  const runAgain = async () => {
    if (busy) return;
    const plan = planRunAgain(chosen, taskInputsOf);
    setBusy('rerun');
    setReport(null);
    const outcomes = await runTasksAgain(queryClient, plan.ready);
    setBusy(null);
    setReport({ action: 'rerun', outcomes, skipped: [], refused: plan.refused });
    if (outcomes.some((outcome) => outcome.ok)) onStarted();
  };

  return (
    <div className="border-b border-border">
      <div
        role="group"
        aria-label="Selected tasks"
        className="flex min-h-10 flex-wrap items-center gap-2 px-3 py-1.5 text-xs"
      >
        <input
          type="checkbox"
          className="size-4 accent-accent"
          aria-label={`Select all ${ids.length} shown tasks`}
          checked={all}
          ref={(input) => {
            if (input) input.indeterminate = chosen.length > 0 && !all;
          }}
          onChange={(event) => onSelectedChange(event.target.checked ? new Set(ids) : new Set())}
          disabled={ids.length === 0}
        />
        <span className="text-muted" aria-live="polite">
          {chosen.length > 0
            ? `${chosen.length} selected`
            : 'Select tasks to cancel, run again or compare'}
        </span>
        {chosen.length > 0 ? (
          <>
            <Button
              ref={cancelButton}
              size="sm"
              aria-busy={busy === 'cancel' || undefined}
              onClick={askCancel}
            >
              Cancel
            </Button>
            <Button size="sm" aria-busy={busy === 'rerun' || undefined} onClick={runAgain}>
              Run again
            </Button>
            {chosen.length === 2 ? (
              <Button size="sm" onClick={() => navigate(compareHref(chosen, queryClient))}>
                Compare
              </Button>
            ) : null}
            <Button size="sm" variant="ghost" onClick={() => onSelectedChange(new Set())}>
              Clear selection
            </Button>
          </>
        ) : null}
      </div>

      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => {
          setConfirming(null);
          cancelButton.current?.focus();
        }}
        className="m-auto w-[min(28rem,calc(100%-2rem))] rounded-lg border border-border bg-surface p-5 text-text shadow-lg backdrop:bg-surface-muted/80"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {`Cancel ${plural(confirming?.live.length ?? 0, 'task')}?`}
        </h2>
        <p className="mt-2 text-sm text-muted">
          Each agent stops after the step it is running.
          {confirming && confirming.ended.length > 0
            ? ` ${plural(confirming.ended.length, 'selected task has', 'selected tasks have')} already ended and ${confirming.ended.length === 1 ? 'is' : 'are'} left as ${confirming.ended.length === 1 ? 'it is' : 'they are'}.`
            : ''}
        </p>
        <div className="mt-5 flex flex-wrap justify-end gap-2">
          <Button ref={keep} onClick={() => dialog.current?.close()}>
            Keep them running
          </Button>
          <Button variant="danger" onClick={() => void confirmCancel()}>
            {`Cancel ${plural(confirming?.live.length ?? 0, 'task')}`}
          </Button>
        </div>
      </dialog>

      {busy ? (
        <p role="status" className="px-3 pb-2 text-xs text-muted">
          {busy === 'cancel' ? 'Cancelling…' : 'Starting runs…'}
        </p>
      ) : report ? (
        <BulkReport
          report={report}
          nameOf={nameOf}
          rerunHref={rerunHref}
          onDismiss={() => setReport(null)}
        />
      ) : null}
    </div>
  );
}

function BulkReport({
  report,
  nameOf,
  rerunHref,
  onDismiss,
}: {
  report: Report;
  nameOf: (taskId: string) => string;
  rerunHref: (taskId: string) => string;
  onDismiss: () => void;
}) {
  const done = report.outcomes.filter((outcome) => outcome.ok);
  const failed = report.outcomes.filter((outcome) => !outcome.ok);
  const headline =
    report.action === 'cancel'
      ? report.outcomes.length === 0
        ? 'None of the selected tasks is live: nothing to cancel.'
        : `Cancelled ${plural(done.length, 'task')}${failed.length ? `; ${failed.length} could not be cancelled` : ''}.`
      : `Started ${plural(done.length, 'new task')}${failed.length ? `; ${failed.length} could not be started` : ''}${report.refused.length ? `; ${report.refused.length} cannot be run again from here` : ''}.`;

  return (
    <div role="status" className="space-y-1.5 px-3 pb-2 text-xs">
      <div className="flex flex-wrap items-center gap-2">
        <p className="font-medium text-text">{headline}</p>
        <Button size="sm" variant="ghost" onClick={onDismiss}>
          Dismiss
        </Button>
      </div>
      <ul className="space-y-1">
        {report.action === 'rerun'
          ? done.map((outcome) => (
              <li key={outcome.taskId}>
                <Link
                  href={`/tasks/${encodeURIComponent(outcome.newTaskId ?? '')}`}
                  className={LINK}
                >
                  New run of <SafeText text={nameOf(outcome.taskId)} />
                </Link>
              </li>
            ))
          : null}
        {failed.map((outcome) => (
          <li key={outcome.taskId} className="text-danger">
            <SafeText text={nameOf(outcome.taskId)} />: <SafeText text={outcome.message ?? ''} />
          </li>
        ))}
        {report.refused.map(({ taskId, reason }) => (
          <li key={taskId} className="text-muted">
            <SafeText text={nameOf(taskId)} />: {REFUSAL_TEXT[reason]}.{' '}
            <Link
              href={rerunHref(taskId)}
              aria-label={`Run again: ${visibleText(nameOf(taskId))}`}
              className={LINK}
            >
              Run again
            </Link>
          </li>
        ))}
      </ul>
    </div>
  );
}
