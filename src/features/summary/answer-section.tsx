/**
 * The `Answer` region (Markdown, or the result as JSON when it holds no text; marked "Not final"
 * while the task runs), and the failed-task notice with the error from the trace and a link to
 * its step (`?tab=trace#step-N`, N 1-based as the Trace numbers steps).
 */
import { useId, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import type { ErrorStep } from './feed-facts';
import { SafeMarkdown } from '@/components/safe-markdown';
import type { SummaryReading } from './summary-answer';

export function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}

function noAnswer(final: boolean, status: string | undefined): string {
  if (!final) return 'No answer yet. The agent’s latest message shows here as it works.';
  return status === 'stopped'
    ? 'The task was stopped before it gave an answer.'
    : 'The task ended without an answer.';
}

export interface AnswerSectionProps {
  reading: SummaryReading;
  final: boolean;
  status: string | undefined;
}

export function AnswerSection({ reading, final, status }: AnswerSectionProps) {
  const headingId = useId();
  const { answer, answerData } = reading;
  if (answer === undefined && answerData === undefined)
    return <Note>{noAnswer(final, status)}</Note>;
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-2 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-muted">
          Answer
        </h2>
        {final ? null : (
          <>
            <Badge tone="warning">Not final</Badge>
            <span className="text-xs text-muted">
              The agent’s latest message; the answer replaces it when the task completes.
            </span>
          </>
        )}
      </div>
      {answer !== undefined ? (
        <SafeMarkdown text={answer} headings="nested" />
      ) : (
        <pre className="overflow-x-auto rounded-md bg-surface-muted p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
          {JSON.stringify(answerData, null, 2)}
        </pre>
      )}
    </section>
  );
}

export interface FailureNoticeProps {
  taskId: string;
  failure: ErrorStep | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
}

export function FailureNotice({ taskId, failure, loading, error, onRetry }: FailureNoticeProps) {
  if (error !== undefined) {
    return (
      <ApiErrorAlert
        title="The task failed, and its trace could not be read to say why"
        error={error}
        onRetry={onRetry}
      />
    );
  }
  const step = failure ? failure.index + 1 : undefined;
  return (
    <Alert title="The task failed">
      {failure && step !== undefined ? (
        <>
          <p className="whitespace-pre-wrap">{failure.message}</p>
          <p>
            <Link
              href={`/tasks/${encodeURIComponent(taskId)}?tab=trace#step-${step}`}
              className="text-accent underline underline-offset-2"
            >
              See step {step} in the trace
            </Link>
          </p>
        </>
      ) : (
        <p>
          {loading
            ? 'Reading its trace for the error…'
            : 'Its trace names no error step; the Trace tab shows every step of its work.'}
        </p>
      )}
    </Alert>
  );
}
