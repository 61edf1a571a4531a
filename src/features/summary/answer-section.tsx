/** The `Answer` region (Markdown or JSON; "Not final" while live, the stop time if stopped) with
 *  `Copy answer`; a failed task's error linking to its step (`?tab=trace#step-N`); and, while the
 *  agent waits, the place to answer with a link to the Conversation. */
import { useId, useState, type ReactNode } from 'react';
import { Link } from 'wouter';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { Alert } from '@/components/ui/alert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { copyText } from '@/lib/clipboard';
import { formatClockTime, formatExactTime } from '@/lib/format';
import type { ErrorStep } from '@/entities/task/feed-facts';
import { SafeMarkdown } from '@/components/safe-markdown';
import type { SummaryReading } from '@/entities/task/summary-answer';

export function Note({ children }: { children: ReactNode }) {
  return <p className="text-sm text-muted">{children}</p>;
}

/** The agent waits for the person: the reply the page composes in (`children`), and the way to
 *  the whole conversation. */
export function WaitingForAnswer({ taskId, children }: { taskId: string; children?: ReactNode }) {
  const headingId = useId();
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-status-waiting/50 bg-surface p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 id={headingId} className="text-sm font-semibold">
          The agent is waiting for your answer
        </h2>
        <Link
          href={`/tasks/${encodeURIComponent(taskId)}?tab=conversation`}
          replace
          className="text-sm text-accent underline underline-offset-2"
        >
          Open the Conversation tab
        </Link>
      </div>
      {children ?? <Note>Its question and the Reply box are in the Conversation tab.</Note>}
    </section>
  );
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
  /** When a stopped task stopped: its last answer is then shown as not final. */
  stoppedAt?: string | undefined;
}

function CopyAnswer({ text }: { text: string }) {
  const [notice, setNotice] = useState('');
  return (
    <>
      <Button
        size="sm"
        variant="ghost"
        onClick={() =>
          void copyText(text).then((copied) =>
            setNotice(copied ? 'Copied the answer.' : 'Copying was not allowed by the browser.'),
          )
        }
      >
        Copy answer
      </Button>
      <span role="status" className="text-xs text-muted">
        {notice}
      </span>
    </>
  );
}

function NotFinal({ stopped, stoppedAt }: { stopped: boolean; stoppedAt: string | undefined }) {
  if (!stopped) {
    return (
      <span className="text-xs text-muted">
        The agent’s latest message; the answer replaces it when the task completes.
      </span>
    );
  }
  return (
    <span className="text-xs text-muted">
      {stoppedAt === undefined ? (
        'Stopped'
      ) : (
        <time dateTime={stoppedAt} title={formatExactTime(stoppedAt)}>
          Stopped at {formatClockTime(stoppedAt)}
        </time>
      )}
      : the agent’s last message before the stop, not an answer.
    </span>
  );
}

export function AnswerSection({ reading, final, status, stoppedAt }: AnswerSectionProps) {
  const headingId = useId();
  const { answer, answerData } = reading;
  const stopped = status === 'stopped';
  if (answer === undefined && answerData === undefined)
    return <Note>{noAnswer(final, status)}</Note>;
  const text = answer ?? JSON.stringify(answerData, null, 2);
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-2 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id={headingId} className="text-sm font-semibold text-muted">
          Answer
        </h2>
        {final && !stopped ? null : (
          <>
            <Badge tone="warning">Not final</Badge>
            <NotFinal stopped={stopped} stoppedAt={stoppedAt} />
          </>
        )}
        <div className="ml-auto flex items-center gap-2">
          <CopyAnswer text={text} />
        </div>
      </div>
      {answer !== undefined ? (
        <SafeMarkdown text={answer} headings="nested" />
      ) : (
        <pre className="overflow-x-auto rounded-md bg-surface-muted p-3 font-mono text-xs whitespace-pre-wrap [overflow-wrap:anywhere]">
          {text}
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
