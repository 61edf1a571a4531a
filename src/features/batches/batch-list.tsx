/** The batches this browser remembers, newest first: name, files, progress and what needs the
 *  person, each a link to its page; with none, how to start one. Progress comes from the task
 *  cache as on the batch's page (`useBatchTasks`), so the list adds no poller either. */
import { Link } from 'wouter';
import { SafeText } from '@/components/safe-text';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { useBatches } from '@/entities/batch/hooks';
import { startsLeft, type Batch } from '@/entities/batch/model';
import { formatExactTime } from '@/lib/format';
import { batchTitle } from './batch-heading';
import { progressText } from './batch-progress';
import { useBatchTasks } from './use-batch-tasks';

function BatchItem({ batch }: { batch: Batch }) {
  const { progress } = useBatchTasks(batch);
  const left = startsLeft(batch);
  const files = `${batch.files.length} ${batch.files.length === 1 ? 'file' : 'files'}`;
  return (
    <li className="relative rounded-lg border border-border bg-surface p-4 hover:bg-surface-muted">
      <Link
        href={`/batches/${encodeURIComponent(batch.id)}`}
        className="font-medium text-text outline-none after:absolute after:inset-0 after:rounded-lg after:content-[''] focus-visible:after:outline-2 focus-visible:after:outline-accent"
      >
        <SafeText text={batchTitle(batch)} />
      </Link>
      <p className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-sm text-muted">
        <span>{files}</span>
        <span className="tabular-nums">{progressText(progress)}</span>
        {left > 0 ? <span>{`${left} still starting`}</span> : null}
        {progress.needsYou.length > 0 ? (
          <span className="font-medium text-status-waiting">{`${progress.needsYou.length} need${progress.needsYou.length === 1 ? 's' : ''} you`}</span>
        ) : null}
        <span>
          Started{' '}
          <time dateTime={new Date(batch.createdAt).toISOString()}>
            {formatExactTime(batch.createdAt)}
          </time>
        </span>
      </p>
    </li>
  );
}

export function BatchList() {
  const query = useBatches();
  if (query.data && query.data.length > 0) {
    return (
      <ul aria-label="Batches" className="space-y-2">
        {query.data.map((batch) => (
          <BatchItem key={batch.id} batch={batch} />
        ))}
      </ul>
    );
  }
  if (query.data) {
    return (
      <div className="rounded-lg border border-dashed border-border bg-surface p-6">
        <h2 className="font-semibold">No batches yet</h2>
        <p className="mt-1 text-muted">
          To run one task per file, go to{' '}
          <Link href="/" className="text-accent underline underline-offset-2">
            New run
          </Link>
          , choose two or more files and switch on <strong>One task per file</strong>. The batch is
          remembered in this browser and listed here.
        </p>
      </div>
    );
  }
  if (query.error) {
    return (
      <Alert title="This browser could not read its batches">
        <p>{query.error.message}</p>
        <p className="text-muted">Reload the page; in a private window, batches are not kept.</p>
      </Alert>
    );
  }
  return (
    <div className="space-y-2" aria-busy="true">
      <Skeleton className="h-16 w-full" />
      <Skeleton className="h-16 w-full" />
    </div>
  );
}
