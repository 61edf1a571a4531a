/** A batch's page: its heading (renameable), what is still being started, `Batch progress` with
 *  `Needs you`, the actions and the table `Batch tasks`. A batch this browser does not hold (a
 *  link from elsewhere, forgotten, or storage unavailable) says so and leads to the others. */
import type { ReactNode } from 'react';
import { Link } from 'wouter';
import { Alert } from '@/components/ui/alert';
import { Skeleton } from '@/components/ui/skeleton';
import { useBatch } from '@/entities/batch/hooks';
import { startsLeft } from '@/entities/batch/model';
import { BatchActions } from './batch-actions';
import { BatchHeading, batchTitle } from './batch-heading';
import { BatchProgressPanel } from './batch-progress-panel';
import { BatchTable } from './batch-table';
import { useBatchTasks } from './use-batch-tasks';

export interface BatchViewProps {
  batchId: string;
  /** The document title for a batch's name (the page supplies it). */
  pageTitle: (name: string) => ReactNode;
}

export function BatchView({ batchId, pageTitle }: BatchViewProps) {
  const query = useBatch(batchId);
  const batch = query.data;
  const { views, progress, reads } = useBatchTasks(batch);

  if (batch) {
    const left = startsLeft(batch);
    return (
      <div className="space-y-6">
        {pageTitle(batchTitle(batch))}
        <header className="space-y-1">
          <BatchHeading batch={batch} />
          <p className="text-muted">
            {`${batch.files.length} ${batch.files.length === 1 ? 'file' : 'files'}, one task each`}
            {batch.agentName ? ` · ${batch.agentName}` : ''}
          </p>
        </header>
        {left > 0 ? (
          <p role="status" className="text-sm">
            {`Starting ${left} of ${batch.files.length} files… This continues while the console is open in any tab, and resumes when it is opened again.`}
          </p>
        ) : null}
        <BatchProgressPanel progress={progress} />
        <BatchActions batch={batch} progress={progress} />
        <BatchTable views={views} reads={reads} />
      </div>
    );
  }
  if (query.error) {
    return (
      <Alert title="This browser could not read its batches">
        <p>{query.error.message}</p>
        <p className="text-muted">
          Batches are kept in this browser&apos;s storage. Reload the page; in a private window,
          batches are not kept.
        </p>
      </Alert>
    );
  }
  if (query.data === null) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-semibold tracking-tight">Batch not found</h1>
        <p className="text-muted">
          This browser holds no batch with this address: it was started in another browser, or
          forgotten here. Its tasks, if any, are still in the{' '}
          <Link href="/tasks" className="text-accent underline underline-offset-2">
            task list
          </Link>
          .
        </p>
        <Link href="/batches" className="text-accent underline underline-offset-2">
          All batches
        </Link>
      </div>
    );
  }
  return (
    <div className="space-y-4" aria-busy="true">
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-24 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}
