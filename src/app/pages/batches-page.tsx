/** `/batches`: the batches this browser remembers. */
import { PanelErrorBoundary } from '@/components/error-boundary';
import { BatchList } from '@/features/batches/batch-list';
import { PageTitle } from '@/features/tasks/page-title';

export function BatchesPage() {
  return (
    <div className="space-y-6">
      <PageTitle page="Batches" />
      <header className="space-y-1">
        <h1 className="text-2xl font-semibold tracking-tight">Batches</h1>
        <p className="text-muted">One task per file, remembered in this browser, newest first.</p>
      </header>
      <PanelErrorBoundary label="The batches">
        <BatchList />
      </PanelErrorBoundary>
    </div>
  );
}
