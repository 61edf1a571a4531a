/** The `Review` card of an `awaiting_review` task: the proposed action and its arguments, from the
 *  trace's latest pending step (`proposed-action.ts`), shown as data, and where to decide: the
 *  Nanonets dashboard (no API endpoint, §7) or the simulator's own controls. */
import { useQuery } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { ApiErrorAlert } from '@/components/api-error-alert';
import { SafeText } from '@/components/safe-text';
import { Button } from '@/components/ui/button';
import { Icon } from '@/components/ui/icon';
import { cn } from '@/lib/cn';
import { taskQueries } from '@/entities/task/queries';
import { argumentRows, proposedAction, type ArgumentRow } from './proposed-action';

/** Where approvals happen. The agents dashboard; the exact page of a task there is not known. */
export const NANONETS_DASHBOARD_URL = 'https://agents.nanonets.com';

/** A value longer than this shows cut, with a button for the rest. */
export const LONG_VALUE_CHARS = 1_500;

export interface AwaitingReviewNoticeProps {
  taskId: string;
  className?: string | undefined;
  /** Controls to decide the review here, where a backend allows it (the simulator's); the page
   *  composes them from another feature. */
  actions?: ReactNode;
}

/** `reply_to` → `Reply to`: a field's key as a label (still shown as data). */
function label(key: string): string {
  const spaced = key.replace(/[_-]+/g, ' ').trim();
  return spaced === '' ? key : spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function LongText({ text, mono }: { text: string; mono: boolean }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > LONG_VALUE_CHARS;
  const className = cn(
    'whitespace-pre-wrap [overflow-wrap:anywhere]',
    mono && 'rounded-md bg-surface-muted p-2 font-mono text-xs',
  );
  const shown = cut ? `${text.slice(0, LONG_VALUE_CHARS)}…` : text;
  return (
    <>
      {mono ? (
        <pre className={className}>
          <SafeText text={shown} />
        </pre>
      ) : (
        <p dir="auto" className={className}>
          <SafeText text={shown} />
        </p>
      )}
      {cut ? (
        <Button size="sm" variant="ghost" className="mt-1" onClick={() => setAll(true)}>
          Show all {text.length.toLocaleString('en')} characters
        </Button>
      ) : null}
    </>
  );
}

function ArgumentValue({ row }: { row: ArgumentRow }) {
  return row.kind === 'text' ? (
    <LongText text={row.text} mono={false} />
  ) : (
    <LongText text={row.json} mono />
  );
}

function ProposedStep({ taskId }: { taskId: string }) {
  const result = useQuery(taskQueries.result(taskId, { follow: true }));
  const action = result.data ? proposedAction(result.data.feed) : undefined;
  if (!action) {
    if (result.isError) {
      return (
        <ApiErrorAlert
          title="The step to approve could not be read from the trace"
          error={result.error}
          onRetry={() => void result.refetch()}
          retrying={result.isFetching}
        />
      );
    }
    const reading = result.isPending || (result.isStale && result.isFetching);
    return (
      <p className="text-muted">
        {reading
          ? 'Reading the step to approve from the trace…'
          : 'The trace does not say which step waits for approval; the Trace tab shows every step.'}
      </p>
    );
  }
  const rows = argumentRows(action.args);
  return (
    <div className="space-y-2 rounded-md border border-border bg-surface p-3">
      <p className="text-xs font-medium text-muted">The agent proposes</p>
      <p className="font-mono text-sm font-semibold [overflow-wrap:anywhere]">
        <SafeText text={action.name ?? 'An unnamed action'} />
      </p>
      {action.reason ? (
        <p dir="auto" className="whitespace-pre-wrap text-muted [overflow-wrap:anywhere]">
          <SafeText text={action.reason} />
        </p>
      ) : null}
      {rows.length > 0 ? (
        <dl className="grid gap-x-4 gap-y-2 sm:grid-cols-[max-content_minmax(0,1fr)]">
          {rows.map((row, index) => (
            <div key={`${index}:${row.key}`} className="contents">
              <dt className="font-medium text-muted">
                <SafeText text={label(row.key)} />
              </dt>
              <dd className="min-w-0">
                <ArgumentValue row={row} />
              </dd>
            </div>
          ))}
        </dl>
      ) : (
        <p className="text-muted">The step has no arguments.</p>
      )}
    </div>
  );
}

export function AwaitingReviewNotice({ taskId, className, actions }: AwaitingReviewNoticeProps) {
  return (
    <section
      aria-label="Review"
      className={cn(
        'space-y-3 rounded-lg border border-warning/40 bg-warning/5 p-4 text-sm text-text',
        className,
      )}
    >
      <div role="status" className="flex gap-3">
        <Icon name="alert-triangle" size="lg" className="mt-0.5 text-warning" />
        <div className="min-w-0 flex-1 space-y-1">
          <p className="font-semibold">Awaiting review</p>
          <p>
            The agent is waiting for someone to approve a sensitive step before it goes on.
            Approvals cannot be given through the API; this page updates once the step is approved.
          </p>
          <p className="pt-1">
            <a
              href={NANONETS_DASHBOARD_URL}
              target="_blank"
              rel="noopener noreferrer"
              className="font-medium text-accent underline underline-offset-2"
            >
              Approve it in the Nanonets dashboard
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
          </p>
        </div>
      </div>
      <ProposedStep taskId={taskId} />
      {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
    </section>
  );
}
