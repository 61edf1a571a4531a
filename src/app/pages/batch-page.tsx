/** `/batches/:batchId`: one batch, its files and their tasks. */
import { PanelErrorBoundary } from '@/components/error-boundary';
import { BatchView } from '@/features/batches/batch-view';
import { PageTitle } from '@/features/tasks/page-title';

export function BatchPage({ batchId }: { batchId: string }) {
  return (
    <PanelErrorBoundary label="This batch">
      <BatchView batchId={batchId} pageTitle={(name) => <PageTitle page={name} />} />
    </PanelErrorBoundary>
  );
}
