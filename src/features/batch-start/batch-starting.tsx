/** The console's word on batches being started, on every page once there are any: resumes every
 *  batch with starts left (this tab, or after the tab that holds it), says how far each got, and
 *  asks the person about files whose tasks the API could not tell apart. Lazily loaded. */
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { Button } from '@/components/ui/button';
import { decideFile, useBatches } from '@/entities/batch/hooks';
import {
  defaultBatchName,
  startedCount,
  startsLeft,
  undecidedFiles,
  type Batch,
  type BatchFile,
} from '@/entities/batch/model';
import { resumeBatches } from '@/entities/batch/runner';

const LINK = 'font-medium text-accent underline underline-offset-2';

function batchHref(batch: Batch): string {
  return `/batches/${encodeURIComponent(batch.id)}`;
}

function nameOf(batch: Batch): string {
  return batch.name ?? defaultBatchName(batch);
}

function shortId(id: string): string {
  return id.slice(0, 8);
}

function progressLine(batch: Batch): string {
  const total = batch.files.length;
  const started = startedCount(batch);
  const refused = batch.files.filter((file) => file.start.state === 'refused').length;
  const left = startsLeft(batch);
  const refusedText = refused > 0 ? `, ${refused} refused` : '';
  return left > 0
    ? `Starting batch ${nameOf(batch)}: ${started} of ${total} started${refusedText}.`
    : `Batch ${nameOf(batch)}: ${started} of ${total} started${refusedText}.`;
}

/** One file whose task is one of several the API cannot tell apart: the person says which. */
function Decision({ batch, file }: { batch: Batch; file: BatchFile }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  if (file.start.state !== 'undecided') return null;
  const decide = (taskId: string | null) => {
    setError(null);
    decideFile(queryClient, batch.id, file.key, taskId).catch((cause: unknown) =>
      setError(cause instanceof Error ? cause.message : 'The batch could not be saved.'),
    );
  };
  return (
    <li className="space-y-1">
      <p>
        <span className="font-medium">{file.name}</span>: its run may have started one of these
        tasks. Open them to see which file each read, then choose.
      </p>
      <ul className="flex flex-wrap gap-2">
        {file.start.candidates.map((taskId) => (
          <li key={taskId} className="flex items-center gap-1">
            <a
              href={`/tasks/${encodeURIComponent(taskId)}`}
              target="_blank"
              rel="noopener noreferrer"
              className={LINK}
            >
              Task {shortId(taskId)}
              <span className="sr-only"> (opens in a new tab)</span>
            </a>
            <Button size="sm" onClick={() => decide(taskId)}>
              {`It is ${file.name}’s task`}
              <span className="sr-only">{` (task ${shortId(taskId)})`}</span>
            </Button>
          </li>
        ))}
      </ul>
      <Button size="sm" variant="ghost" onClick={() => decide(null)}>
        {`None is: start ${file.name} again`}
      </Button>
      {error ? (
        <p role="alert" className="text-danger">
          {error}
        </p>
      ) : null}
    </li>
  );
}

export function BatchStarting() {
  const queryClient = useQueryClient();
  const batches = useBatches();
  // Every batch with starts left is started again (after the tab that holds it, if any).
  useEffect(() => {
    void resumeBatches(queryClient);
  }, [queryClient]);
  // Batches seen starting in this page stay listed once done, until hidden.
  const [seen, setSeen] = useState<ReadonlySet<string>>(new Set());
  const [hidden, setHidden] = useState<ReadonlySet<string>>(new Set());
  const all = batches.data ?? [];
  const starting = all.filter((batch) => startsLeft(batch) > 0);
  const missing = starting.filter((batch) => !seen.has(batch.id));
  if (missing.length > 0) setSeen(new Set([...seen, ...missing.map((batch) => batch.id)]));
  const shown = all.filter(
    (batch) =>
      !hidden.has(batch.id) &&
      (startsLeft(batch) > 0 || seen.has(batch.id) || undecidedFiles(batch).length > 0),
  );
  const asking = all.filter((batch) => undecidedFiles(batch).length > 0);

  return (
    <section aria-label="Batches starting" className="border-t border-border bg-surface text-sm">
      <div role="status" className="mx-auto max-w-screen-2xl px-4">
        {shown.length > 0 ? (
          <ul className="space-y-1 py-2">
            {shown.map((batch) => (
              <li key={batch.id} className="flex flex-wrap items-center gap-x-3 gap-y-1">
                <span>{progressLine(batch)}</span>
                <Link href={batchHref(batch)} className={LINK}>
                  Open batch<span className="sr-only"> {nameOf(batch)}</span>
                </Link>
                {startsLeft(batch) === 0 && undecidedFiles(batch).length === 0 ? (
                  <Button
                    size="sm"
                    variant="ghost"
                    onClick={() => setHidden(new Set([...hidden, batch.id]))}
                  >
                    Hide<span className="sr-only"> {nameOf(batch)}</span>
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {asking.map((batch) => (
        <details key={batch.id} className="mx-auto max-w-screen-2xl px-4 pb-2" open>
          <summary className="cursor-pointer font-medium text-status-waiting">
            {`${undecidedFiles(batch).length} file${undecidedFiles(batch).length === 1 ? '' : 's'} of batch ${nameOf(batch)} need${undecidedFiles(batch).length === 1 ? 's' : ''} you: the API does not show which of their runs made which task`}
          </summary>
          <ul className="mt-2 space-y-3">
            {undecidedFiles(batch).map((file) => (
              <Decision key={file.key} batch={batch} file={file} />
            ))}
          </ul>
        </details>
      ))}
    </section>
  );
}
