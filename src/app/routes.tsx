/**
 * The route table. The outlet sits in its own error boundary, reset on navigation, so a page
 * that fails to render never takes the header and navigation with it.
 */
import { lazy, Suspense } from 'react';
import { Route, Switch, useLocation } from 'wouter';
import { PanelErrorBoundary } from './error-boundary';
import { NewRunPage } from './pages/new-run-page';

// `/` is the first page and ships in the entry chunk; every other route is its own chunk, so
// the task views can grow without weighing on the first page's budget.
const TaskListPlaceholder = lazy(() =>
  import('@/features/tasks/task-placeholders').then((module) => ({
    default: module.TaskListPlaceholder,
  })),
);
const TaskViewPlaceholder = lazy(() =>
  import('@/features/tasks/task-placeholders').then((module) => ({
    default: module.TaskViewPlaceholder,
  })),
);
const NotFoundPage = lazy(() =>
  import('./pages/not-found-page').then((module) => ({ default: module.NotFoundPage })),
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
            <TaskListPlaceholder />
          </Route>
          <Route path="/tasks/:taskId">
            {(params) => <TaskViewPlaceholder taskId={params.taskId} />}
          </Route>
          <Route>
            <NotFoundPage />
          </Route>
        </Switch>
      </Suspense>
    </PanelErrorBoundary>
  );
}
