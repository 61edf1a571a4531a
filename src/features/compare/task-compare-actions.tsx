/** A task page's ways into Compare: `Compare with…` (a dialog: a recent task of the same agent, or
 *  any id), `Run on another version` (the New run form prefilled, its version picker focused), and
 *  once such a run has finished, a link comparing it with its original, on both tasks' pages. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { Button } from '@/components/ui/button';
import { lacksRowFields, readTask } from '@/entities/task/cache';
import { useLiveDemand } from '@/entities/task/hooks';
import { taskQueries } from '@/entities/task/queries';
import { isTerminal } from '@/entities/task/status';
import { originalOf, rerunsOf } from '@/lib/compare-pairs';
import { compareHref } from './compare-format';
import { TaskChooser } from './task-chooser';

const BUTTON_LINK =
  'inline-flex h-10 items-center rounded-md border border-border bg-surface px-4 text-sm font-medium text-text hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent';
const LINK = 'text-sm font-medium text-accent underline underline-offset-2';

/** The New run form on `agentId`, prefilled from `taskId` (`rerun`), choosing a version to compare
 *  the new run with `taskId` (`compareWith`). */
export function anotherVersionHref(agentId: string, taskId: string): string {
  return `/?${new URLSearchParams({ agent: agentId, rerun: taskId, compareWith: taskId }).toString()}`;
}

export interface TaskCompareActionsProps {
  taskId: string;
  agentId: string | undefined;
}

export function TaskCompareActions({ taskId, agentId }: TaskCompareActionsProps) {
  return (
    <>
      <CompareWithButton taskId={taskId} agentId={agentId} />
      {agentId ? (
        <Link href={anotherVersionHref(agentId, taskId)} className={BUTTON_LINK}>
          Run on another version
        </Link>
      ) : null}
      <PairLinks taskId={taskId} />
    </>
  );
}

function CompareWithButton({ taskId, agentId }: TaskCompareActionsProps) {
  const queryClient = useQueryClient();
  const [, navigate] = useLocation();
  const dialog = useRef<HTMLDialogElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  const [open, setOpen] = useState(false);
  const titleId = useId();

  const choose = (otherId: string) => {
    dialog.current?.close();
    navigate(compareHref(taskId, otherId, (id) => readTask(queryClient, id)?.created_at));
  };

  return (
    <>
      <Button
        ref={trigger}
        aria-haspopup="dialog"
        onClick={() => {
          setOpen(true);
          dialog.current?.showModal();
        }}
      >
        Compare with…
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={titleId}
        onClose={() => {
          setOpen(false);
          trigger.current?.focus();
        }}
        className="m-auto w-[min(36rem,calc(100%-2rem))] rounded-lg border border-border bg-surface p-5 text-text shadow-lg backdrop:bg-surface-muted/80"
      >
        <div className="flex items-start justify-between gap-4">
          <h2 id={titleId} className="text-lg font-semibold">
            Compare this task with…
          </h2>
          <Button size="sm" variant="ghost" onClick={() => dialog.current?.close()}>
            Close
          </Button>
        </div>
        {/* Mounted while open only: the recent tasks are read when someone asks for them. */}
        {open ? (
          <TaskChooser
            className="mt-4"
            exclude={[taskId]}
            agentId={agentId}
            listLabel={agentId ? 'Recent tasks of the same agent' : 'Recent tasks'}
            onChoose={choose}
          />
        ) : null}
      </dialog>
    </>
  );
}

/** `Compare with the original` on a run made with `Run on another version`, and on its
 *  original `Compare with the run on another version`, once that run has ended. */
function PairLinks({ taskId }: { taskId: string }) {
  const original = originalOf(taskId);
  const reruns = rerunsOf(taskId);
  return (
    <>
      {original ? <PairLink taskId={taskId} waitFor={taskId} other={original} original /> : null}
      {reruns.slice(0, 3).map((rerun) => (
        <PairLink key={rerun} taskId={taskId} waitFor={rerun} other={rerun} original={false} />
      ))}
    </>
  );
}

function PairLink({
  taskId,
  waitFor,
  other,
  original,
}: {
  taskId: string;
  /** The run on another version: the link shows once it has ended. */
  waitFor: string;
  other: string;
  original: boolean;
}) {
  const state = useQuery({
    ...taskQueries.detail(waitFor),
    enabled: (query) => lacksRowFields(query.state.data),
    refetchOnWindowFocus: false,
  });
  const ended = isTerminal(state.data?.status);
  // The run on another version, when it is not this page's own task, rides on the live refresh.
  useLiveDemand(!ended && waitFor !== taskId && state.data ? [waitFor] : []);
  const [first, second] = original ? [other, taskId] : [taskId, other];
  if (!ended) {
    return (
      <p className="basis-full text-sm text-muted">
        {original
          ? 'When this run finishes, it can be compared with the task it was run from.'
          : 'Its run on another version is still going: it can be compared once it finishes.'}
      </p>
    );
  }
  return (
    <Link href={compareHref(first, second)} className={LINK}>
      {original ? 'Compare with the original' : 'Compare with the run on another version'}
    </Link>
  );
}
