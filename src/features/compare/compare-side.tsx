/** One column of a comparison: the task's name (a link to it), agent and version, status,
 *  duration, inputs and answer; a skeleton while it is read; the server's words when it cannot be
 *  (a 404 for an id the API does not know), with a way to choose another task in its place. */
import { useId, useState, type ComponentType, type ReactNode } from 'react';
import { Link } from 'wouter';
import { isApiError } from '@/api/http';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeMarkdown } from '@/components/safe-markdown';
import { SafeText } from '@/components/safe-text';
import { Badge } from '@/components/ui/badge';
import { Skeleton } from '@/components/ui/skeleton';
import type { InputFile, RunInputsView } from '@/entities/task/run-inputs-source';
import { isTerminal } from '@/entities/task/status';
import { StatusBadge } from '@/entities/task/status-badge';
import { Duration, RelativeTime } from '@/entities/task/task-times';
import { formatBytes } from '@/lib/format';
import { taskName } from './compare-format';
import type { ComparedTask } from './use-compared-task';

/** The agent's name and version, from the agents feature (the page hands it over). */
export type AgentLabelComponent = ComponentType<{ agentId: string; fallback: string }>;

export interface CompareSideProps {
  /** `Left` or `Right`. */
  side: string;
  compared: ComparedTask;
  agentLabel?: AgentLabelComponent | undefined;
  /** The other side's inputs, to mark what differs. */
  otherInputs?: RunInputsView | undefined;
  /** Offered in place of the task when it cannot be shown: choose another. */
  chooser?: ReactNode;
}

const LINK = 'text-accent underline underline-offset-2';

export function CompareSide({
  side,
  compared,
  agentLabel,
  otherInputs,
  chooser,
}: CompareSideProps) {
  const headingId = useId();
  const { taskId, task, error } = compared;
  let body: ReactNode;
  if (task) body = <KnownTask compared={compared} agentLabel={agentLabel} other={otherInputs} />;
  else if (error) {
    const unknown = isApiError(error) && error.status === 404;
    body = (
      <div className="space-y-3">
        <p className="font-mono text-sm [overflow-wrap:anywhere]">
          <SafeText text={taskId} />
        </p>
        <ApiErrorAlert
          title={unknown ? 'No task with this id' : 'This task could not be loaded'}
          error={error}
          onRetry={unknown ? undefined : compared.retry}
          retrying={compared.isReading}
        />
        {chooser}
      </div>
    );
  } else {
    body = (
      <div aria-busy="true" className="space-y-2">
        <p className="sr-only">Loading the task…</p>
        <Skeleton className="h-6 w-2/3" />
        <Skeleton className="h-4 w-1/3" />
        <Skeleton className="h-4 w-1/2" />
        <Skeleton className="h-24 w-full" />
      </div>
    );
  }
  return (
    <section
      aria-labelledby={headingId}
      className="min-w-0 space-y-4 rounded-lg border border-border bg-surface p-4"
    >
      <h2 id={headingId} className="text-lg font-semibold [overflow-wrap:anywhere]">
        <span className="text-muted">{side}: </span>
        {task ? (
          <Link href={`/tasks/${encodeURIComponent(taskId)}`} className={LINK}>
            <SafeText text={taskName(taskId, task)} />
          </Link>
        ) : (
          <SafeText text={taskId} />
        )}
      </h2>
      {body}
    </section>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <>
      <dt className="font-medium text-muted">{term}</dt>
      <dd className="min-w-0 [overflow-wrap:anywhere]">{children}</dd>
    </>
  );
}

function KnownTask({
  compared,
  agentLabel: AgentLabel,
  other,
}: {
  compared: ComparedTask;
  agentLabel: AgentLabelComponent | undefined;
  other: RunInputsView | undefined;
}) {
  const task = compared.task;
  if (!task) return null;
  const agentId = task.agent_id;
  const fallback = task.agent_name ?? agentId ?? 'Not known';
  return (
    <div className="space-y-4">
      <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
        <Row term="Agent">
          {agentId && AgentLabel ? (
            <AgentLabel agentId={agentId} fallback={fallback} />
          ) : (
            <SafeText text={fallback} />
          )}
        </Row>
        <Row term="Status">
          <StatusBadge status={task.status} />
        </Row>
        <Row term="Created">
          <RelativeTime value={task.created_at} fallback="Not known" />
        </Row>
        <Row term="Duration">
          <span className="tabular-nums">
            <Duration task={task} />
          </span>
        </Row>
      </dl>
      <Inputs view={compared.inputs.view} other={other} onRetry={compared.inputs.retry} />
      <Answer compared={compared} />
    </div>
  );
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

const fileNames = (files: readonly InputFile[] | undefined) => files?.map((file) => file.name);

function Inputs({
  view,
  other,
  onRetry,
}: {
  view: RunInputsView | undefined;
  other: RunInputsView | undefined;
  onRetry: (() => unknown) | undefined;
}) {
  const differs = (mine: unknown, theirs: unknown) =>
    other !== undefined && mine !== undefined && theirs !== undefined && !same(mine, theirs);
  const unknown = view?.source === 'api' ? 'Not in what the API returned' : 'Not known';
  return (
    <div className="space-y-2">
      <h3 className="text-sm font-semibold">Inputs</h3>
      {onRetry ? (
        <p className="text-sm text-muted">
          The task’s messages could not be read.{' '}
          <button type="button" onClick={() => void onRetry()} className={LINK}>
            Retry
          </button>
        </p>
      ) : null}
      {view ? (
        <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
          <InputRow
            term="Query"
            value={view.query}
            unknown={unknown}
            differs={differs(view.query, other?.query)}
          >
            {(query) => <Clipped text={query} />}
          </InputRow>
          <InputRow
            term="Files"
            value={view.files}
            unknown={unknown}
            differs={differs(fileNames(view.files), fileNames(other?.files))}
          >
            {(files) => (
              <ul className="space-y-0.5">
                {files.map((file, index) => (
                  <li key={index}>
                    <SafeText text={file.name} />
                    {file.size !== undefined ? (
                      <span className="text-muted tabular-nums"> ({formatBytes(file.size)})</span>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </InputRow>
          <InputRow
            term="Output schema"
            value={view.outputSchema}
            unknown={unknown}
            differs={differs(view.outputSchema, other?.outputSchema)}
          >
            {(schema) => <Clipped text={schema} code />}
          </InputRow>
          <InputRow
            term="Instructions"
            value={view.instructions}
            unknown={unknown}
            differs={differs(view.instructions, other?.instructions)}
          >
            {(instructions) => <Clipped text={instructions} />}
          </InputRow>
        </dl>
      ) : (
        <p aria-busy="true" className="text-sm text-muted">
          Reading the task’s messages…
        </p>
      )}
    </div>
  );
}

function InputRow<T extends string | readonly unknown[]>({
  term,
  value,
  unknown,
  differs,
  children,
}: {
  term: string;
  value: T | undefined;
  unknown: string;
  differs: boolean;
  children: (value: T) => ReactNode;
}) {
  return (
    <>
      <dt className="font-medium text-muted">
        {term}
        {differs ? (
          <Badge tone="warning" className="ml-1.5">
            differs
          </Badge>
        ) : null}
      </dt>
      <dd className="min-w-0">
        {value === undefined ? (
          <span className="text-muted">{unknown}</span>
        ) : value.length === 0 ? (
          <span className="text-muted">None</span>
        ) : (
          children(value)
        )}
      </dd>
    </>
  );
}

const LONG_CHARS = 300;

/** Text clipped to a few lines with `Show all`; the whole text stays in the page. */
function Clipped({ text, code = false }: { text: string; code?: boolean }) {
  const [open, setOpen] = useState(false);
  const long = text.length > LONG_CHARS || text.split('\n').length > 6;
  const body = <SafeText text={text} />;
  return (
    <div className="space-y-1">
      <div className={long && !open ? 'max-h-28 overflow-hidden' : undefined}>
        {code ? (
          <pre className="overflow-x-auto rounded-md bg-surface-muted p-2 font-mono text-xs whitespace-pre-wrap">
            <code>{body}</code>
          </pre>
        ) : (
          <p className="whitespace-pre-wrap">{body}</p>
        )}
      </div>
      {long ? (
        <button
          type="button"
          aria-expanded={open}
          onClick={() => setOpen((was) => !was)}
          className="text-xs text-accent underline underline-offset-2"
        >
          {open ? 'Show less' : 'Show all'}
        </button>
      ) : null}
    </div>
  );
}

function Answer({ compared }: { compared: ComparedTask }) {
  const { reading, final, answerError, task } = compared;
  let body: ReactNode;
  if (reading?.answer !== undefined) {
    body = <AnswerText text={reading.answer} />;
  } else if (reading?.answerData !== undefined) {
    body = <Clipped text={JSON.stringify(reading.answerData, null, 2)} code />;
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
