/** A compared task's answer: its text as safe Markdown (clipped when long), or its JSON, marked
 *  when it is not final; a backend that refuses the answer while the task runs reads as none yet. */
import { useState, type ReactNode } from 'react';
import { isApiError } from '@/api/http';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeMarkdown } from '@/components/safe-markdown';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import { isTerminal } from '@/entities/task/status';
import { ClippedText } from '@/components/clipped-text';
import type { ComparedTask } from './use-compared-task';

export function CompareAnswer({ compared }: { compared: ComparedTask }) {
  const { reading, final, answerError, task } = compared;
  let body: ReactNode;
  if (reading?.answer !== undefined) {
    body = <AnswerText text={reading.answer} />;
  } else if (reading?.answerData !== undefined) {
    body = <ClippedText text={JSON.stringify(reading.answerData, null, 2)} code size="compact" />;
  } else if (reading) {
    body = <p className="text-sm text-muted">No answer yet.</p>;
  } else if (answerError && !isTerminal(task?.status) && refusedForNow(answerError)) {
    // Some backends answer `/summary` only once the task has ended; it is asked again then.
    body = <p className="text-sm text-muted">No answer yet: the API gives none while it runs.</p>;
  } else if (answerError) {
    body = (
      <ApiErrorAlert
        title="The answer could not be loaded"
        error={answerError}
        onRetry={compared.retryAnswer}
      />
    );
  } else {
    body = (
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only">Loading the answer…</p>
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
      </div>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex items-center gap-2">
        <h3 className="text-sm font-semibold">Answer</h3>
        {reading && !final ? (
          <Badge tone="warning">
            {task?.status === 'stopped' || task?.status === 'failed' ? 'Not final' : 'So far'}
          </Badge>
        ) : null}
      </div>
      {body}
    </div>
  );
}

/** A 4xx other than a 429: the API will not answer this yet, not a failure to reach it. */
function refusedForNow(error: unknown): boolean {
  return isApiError(error) && error.status >= 400 && error.status < 500 && error.status !== 429;
}

function AnswerText({ text }: { text: string }) {
  const [open, setOpen] = useState(false);
  const long = text.length > 600 || text.split('\n').length > 12;
  return (
    <div className="space-y-1">
      <div
        className={
          long && !open ? 'max-h-64 overflow-hidden text-sm' : 'text-sm [overflow-wrap:anywhere]'
        }
      >
        <SafeMarkdown text={text} headings="bold" />
      </div>
      {long ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((was) => !was)}
          className="text-xs text-accent underline underline-offset-2"
        >
          {open ? 'Show less' : 'Show the whole answer'}
        </button>
      ) : null}
    </div>
  );
}
