/** `Run inputs`: what the task was given, as this browser sent it or as the API tells
 *  (`entities/task/run-inputs.ts`), saying which. */
import { useId, useState, type ReactNode } from 'react';
import { ClippedText } from '@/components/clipped-text';
import { SafeText } from '@/components/safe-text';
import type { CachedTask } from '@/entities/task/cache';
import { useRunInputs } from '@/entities/task/run-inputs';
import type { InputFile, RunInputsView } from '@/entities/task/run-inputs-source';
import { formatBytes } from '@/lib/format';

export interface RunInputsProps {
  taskId: string;
  task: CachedTask;
  /** The page's own read of the task is done and fine: the messages may be read now. */
  canRead: boolean;
}

export function RunInputs({ taskId, task, canRead }: RunInputsProps) {
  const { view, retry } = useRunInputs(taskId, task, canRead);
  return <RunInputsSection view={view} onRetry={retry} />;
}

function sourceOf(view: RunInputsView): string {
  if (view.source === 'browser') return 'As sent from this browser';
  if (view.from.length === 0) return 'From the API: none of its answers says what it was given';
  const last = view.from.at(-1);
  const rest = view.from.slice(0, -1);
  return `From the API: ${rest.length > 0 ? `${rest.join(', ')} and ${last}` : last}`;
}

export function RunInputsSection({
  view,
  onRetry,
}: {
  view: RunInputsView | undefined;
  onRetry?: (() => unknown) | undefined;
}) {
  const headingId = useId();
  const [open, setOpen] = useState(true);
  const bodyId = `${headingId}-body`;
  const unknown = view?.source === 'api' ? 'Not in what the API returned' : 'Not known';
  return (
    <section
      aria-labelledby={headingId}
      className="space-y-3 rounded-lg border border-border bg-surface p-4"
    >
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1">
        <h2 id={headingId} className="text-base font-semibold">
          Run inputs
        </h2>
        <div className="flex items-center gap-3 text-xs text-muted">
          {view ? <p>{sourceOf(view)}</p> : <p aria-busy="true">Reading the task’s messages…</p>}
          <button
            type="button"
            aria-expanded={open}
            aria-controls={bodyId}
            onClick={() => setOpen((was) => !was)}
            className="rounded px-1 text-accent underline underline-offset-2 focus-visible:outline-2 focus-visible:outline-accent"
          >
            {open ? 'Hide' : 'Show'}
          </button>
        </div>
      </div>
      <div id={bodyId} hidden={!open}>
        {onRetry ? (
          <p className="mb-2 text-sm text-muted">
            The task’s messages could not be read.{' '}
            <button
              type="button"
              onClick={() => void onRetry()}
              className="text-accent underline underline-offset-2"
            >
              Retry
            </button>
          </p>
        ) : null}
        {view ? (
          <dl className="grid grid-cols-[max-content_minmax(0,1fr)] gap-x-4 gap-y-2 text-sm">
            <Row term="Query" value={view.query} unknown={unknown}>
              {(query) => <ClippedText text={query} />}
            </Row>
            <Row term="Files" value={view.files} unknown={unknown}>
              {(files) => <FileList files={files} />}
            </Row>
            <Row term="Output schema" value={view.outputSchema} unknown={unknown}>
              {(schema) => <ClippedText text={prettyJson(schema)} code />}
            </Row>
            <Row term="Instructions" value={view.instructions} unknown={unknown}>
              {(instructions) => <ClippedText text={instructions} />}
            </Row>
          </dl>
        ) : null}
      </div>
    </section>
  );
}

function Row<T extends string | readonly unknown[]>({
  term,
  value,
  unknown,
  children,
}: {
  term: string;
  value: T | undefined;
  unknown: string;
  children: (value: T) => ReactNode;
}) {
  return (
    <>
      <dt className="font-medium text-muted">{term}</dt>
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

function FileList({ files }: { files: readonly InputFile[] }) {
  return (
    <ul aria-label="Files sent" className="space-y-1">
      {files.map((file, index) => {
        const facts = [
          file.size !== undefined ? formatBytes(file.size) : undefined,
          file.type || undefined,
        ].filter((fact) => fact !== undefined);
        return (
          <li key={index}>
            <span className="font-medium">
              <SafeText text={file.name} />
            </span>
            {facts.length > 0 ? (
              <span className="text-muted tabular-nums">
                {' ('}
                <SafeText text={facts.join(', ')} />)
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

/** JSON indented for reading; anything else (a natural-language schema) as it was sent. */
function prettyJson(value: string): string {
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}
