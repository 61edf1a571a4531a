/** The alert after a failed run: the server's words, what to do next, nothing lost; when the
 *  lookup for an earlier attempt's task failed, a choice (check again, task list, start anyway).
 *  On the first page: it explains the failures a lazy chunk could not load in. */
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { describeError, type AdviceContext } from '@/lib/error-advice';
import { isRunLookupError } from './find-earlier-task';

const NOTHING_LOST = 'Everything you entered is still here.';

/** How the console's one advice table reads on the run form. */
const RUN_ADVICE: AdviceContext = {
  retry: 'press Run again',
  subject: 'this agent',
  afterLostAnswer:
    'The run may have reached the API: the next Run first checks whether it created a task, so it will not start twice.',
  reassurance: NOTHING_LOST,
};

export interface RunErrorAlertProps {
  error: unknown;
  /** Seconds left of a rate-limit wait, counting down. */
  waitSeconds: number;
  /** The lookup failed: run again (which looks again). */
  onCheckAgain: () => void;
  /** The lookup failed: start a new task without looking. */
  onStartAnyway: () => void;
  /** Where the person can look for the task themselves. */
  tasksHref: string;
}

export function RunErrorAlert({
  error,
  waitSeconds,
  onCheckAgain,
  onStartAnyway,
  tasksHref,
}: RunErrorAlertProps) {
  if (isRunLookupError(error)) {
    const cause = describeError(error.cause);
    return (
      <Alert
        title="Couldn’t check whether your earlier Run started a task"
        actions={
          <>
            <Button size="sm" onClick={onCheckAgain}>
              Check again
            </Button>
            {/* A new tab, so the files on this form stay where they are. */}
            <a
              href={tasksHref}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex h-8 items-center rounded-md border border-border bg-surface px-3 text-sm font-medium text-text hover:bg-surface-muted focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
            >
              Open task list<span className="sr-only"> (opens in a new tab)</span>
            </a>
            <Button size="sm" variant="ghost" onClick={onStartAnyway}>
              Start anyway
            </Button>
          </>
        }
      >
        <p>{cause.message}</p>
        <p className="mt-1 text-muted">
          An earlier Run of this request got no answer, so it may have created a task. Check again,
          look for it in the task list, or start a new task anyway (the agent may then run twice).{' '}
          {NOTHING_LOST}
        </p>
      </Alert>
    );
  }

  const described = describeError(error, RUN_ADVICE);
  return (
    <Alert title={described.title ?? 'The run was not started'}>
      <p>{described.message}</p>
      <p className="mt-1 text-muted">
        {described.advice}
        {waitSeconds > 0 ? ` (${waitSeconds} s left)` : ''}
      </p>
    </Alert>
  );
}
