/** The route table. `/` ships in the entry chunk, every other route is its own chunk; the outlet
 *  has its own error boundary, reset on navigation, so a failing page keeps the header. */
import { Suspense } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { lazyComponent } from '@/lib/lazy-component';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { NewRunPage } from './pages/new-run-page';

// `/` is the first page and ships in the entry chunk; every other route is its own chunk, so
// the task views can grow without weighing on the first page's budget.
// A chunk that fails to load is a retryable error of the page's boundary, not a dead page.
const TasksPage = lazyComponent(() =>
  import('./pages/tasks-page').then((module) => module.TasksPage),
);
const TaskPage = lazyComponent(() => import('./pages/task-page').then((module) => module.TaskPage));
const ComparePage = lazyComponent(() =>
  import('./pages/compare-page').then((module) => module.ComparePage),
);
const BatchesPage = lazyComponent(() =>
  import('./pages/batches-page').then((module) => module.BatchesPage),
);
const BatchPage = lazyComponent(() =>
  import('./pages/batch-page').then((module) => module.BatchPage),
);
const NotFoundPage = lazyComponent(() =>
  import('./pages/not-found-page').then((module) => module.NotFoundPage),
);

export function AppRoutes() {
  const [location] = useLocation();
  return (
    <PanelErrorBoundary label="This page" resetKeys={[location]}>
      <Suspense fallback={<p className="text-muted">Loading…</p>}>
        <Switch>
          <Route path="/">
            <NewRunPage />
          </Route>
          <Route path="/tasks">
            <TasksPage />
          </Route>
          <Route path="/tasks/:taskId">{(params) => <TaskPage taskId={params.taskId} />}</Route>
          <Route path="/compare">
            <ComparePage />
          </Route>
          <Route path="/batches">
            <BatchesPage />
          </Route>
          <Route path="/batches/:batchId">
            {(params) => <BatchPage batchId={params.batchId} />}
          </Route>
          <Route>
            <NotFoundPage />
          </Route>
        </Switch>
      </Suspense>
    </PanelErrorBoundary>
  );
}
