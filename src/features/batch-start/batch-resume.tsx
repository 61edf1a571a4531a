/** On every page, light: fetches the batch-starting region only when this browser holds a batch
 *  with starts left, or once a batch is read or made in this page. */
import { useQueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useState } from 'react';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { hasUnfinishedBatches } from '@/entities/batch/unfinished';
import { lazyComponent } from '@/lib/lazy-component';

const BatchStarting = lazyComponent(() =>
  import('./batch-starting').then((module) => module.BatchStarting),
);

export function BatchResume() {
  const queryClient = useQueryClient();
  const [wanted, setWanted] = useState(false);
  useEffect(() => {
    if (wanted) return;
    let live = true;
    void hasUnfinishedBatches().then((found) => {
      if (found && live) setWanted(true);
    });
    const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
      // Not in the same tick: a query is added while some component renders.
      if ((event.query.queryKey as readonly unknown[])[0] === 'batches') {
        queueMicrotask(() => setWanted(true));
      }
    });
    return () => {
      live = false;
      unsubscribe();
    };
  }, [queryClient, wanted]);
  if (!wanted) return null;
  return (
    <PanelErrorBoundary label="Batches starting">
      <Suspense fallback={null}>
        <BatchStarting />
      </Suspense>
    </PanelErrorBoundary>
  );
}
