/** `Approve` and `Reject` (with an optional note) for a task awaiting review, shown only against
 *  the built-in simulator: the public API has no review endpoint. A decision is sent once;
 *  `onDecided` lets the page poll fast while the task resumes. */
import { useIsMutating, useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { postSimulatorReview, type ReviewDecision } from '@/api/simulator-review';
import { Button } from '@/components/ui/button';
import { taskMutationKeys } from '@/entities/task/keys';
import type { TaskTabProps } from '@/entities/task/tab-props';
import { describeError } from '@/lib/error-advice';

export interface SimulatorReviewProps {
  taskId: string;
  /** Called once the simulator recorded the decision. */
  onDecided?: (() => void) | undefined;
}

const DONE: Readonly<Record<ReviewDecision, string>> = {
  approve: 'Approved: the agent goes on in a moment.',
  reject: 'Rejected: the agent goes on without that step in a moment.',
};

export function SimulatorReview({ taskId, onDecided }: SimulatorReviewProps) {
  const queryClient = useQueryClient();
  const mutationKey = taskMutationKeys.review(taskId);
  const [note, setNote] = useState('');
  const noteId = useId();
  const mutation = useMutation({
    mutationKey,
    mutationFn: (decision: ReviewDecision) => postSimulatorReview(taskId, decision, note),
    networkMode: 'always',
    onSuccess: () => onDecided?.(),
  });
  const inFlight = useIsMutating({ mutationKey }) > 0 || mutation.isPending;
  const decided = mutation.isSuccess ? mutation.variables : undefined;
  const locked = inFlight || decided !== undefined;

  const decide = (decision: ReviewDecision) => {
    if (locked || queryClient.isMutating({ mutationKey }) > 0) return;
    mutation.mutate(decision);
  };

  const failure = mutation.isError
    ? describeError(mutation.error, { retry: 'decide again', subject: 'this task' })
    : null;

  return (
    <div role="group" aria-label="Simulator review" className="w-full space-y-2">
      <p className="text-muted">The simulator takes the decision here.</p>
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-sm font-medium">
          Review note (optional)
        </label>
        <input
          id={noteId}
          type="text"
          value={note}
          onChange={(event) => setNote(event.target.value)}
          readOnly={locked}
          dir="auto"
          className="w-full rounded-md border border-border bg-surface px-3 py-1.5 text-sm text-text focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-accent"
        />
      </div>
      <div className="flex flex-wrap gap-2">
        <Button
          size="sm"
          variant="primary"
          aria-disabled={locked || undefined}
          onClick={() => decide('approve')}
        >
          Approve
        </Button>
        <Button
          size="sm"
          variant="danger"
          aria-disabled={locked || undefined}
          onClick={() => decide('reject')}
        >
          Reject
        </Button>
      </div>
      {decided ? (
        <p role="status" className="font-medium">
          {DONE[decided]}
        </p>
      ) : null}
      {failure ? (
        <div role="alert" className="space-y-0.5 text-danger">
          <p className="font-medium [overflow-wrap:anywhere]">{failure.message}</p>
          <p className="text-text">{failure.advice}</p>
        </div>
      ) : null}
    </div>
  );
}

/** `SimulatorReview` in the shape pages hand to views that act on a task in place. */
export function SimulatorDecision({ taskId, onAction }: Pick<TaskTabProps, 'taskId' | 'onAction'>) {
  return <SimulatorReview taskId={taskId} onDecided={onAction} />;
}
