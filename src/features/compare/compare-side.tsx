/** One column of a comparison: the task's name (a link to it), agent and version, status,
 *  duration, inputs and answer; a skeleton while it is read; the server's words when it cannot be
 *  (a 404 for an id the API does not know), with a way to choose another task in its place. */
import { useId, type ComponentType, type ReactNode } from 'react';
import { Link } from 'wouter';
import { isApiError } from '@/api/http';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Skeleton } from '@/components/ui/skeleton';
import type { RunInputsView } from '@/entities/task/run-inputs-source';
import { StatusBadge } from '@/entities/task/status-badge';
import { Duration, RelativeTime } from '@/entities/task/task-times';
import { CompareAnswer } from './compare-answer';
import { taskName } from './compare-format';
import { CompareInputs } from './compare-inputs';
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
      <CompareInputs view={compared.inputs.view} other={other} onRetry={compared.inputs.retry} />
      <CompareAnswer compared={compared} />
    </div>
  );
}
