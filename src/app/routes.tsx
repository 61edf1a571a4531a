/**
 * The route table. The outlet sits in its own error boundary, reset on navigation, so a page
 * that fails to render never takes the header and navigation with it.
 */
import { Route, Switch, useLocation } from 'wouter';
import { TaskListPlaceholder, TaskViewPlaceholder } from '@/features/tasks/task-placeholders';
import { PanelErrorBoundary } from './error-boundary';
import { NewRunPage } from './pages/new-run-page';
import { NotFoundPage } from './pages/not-found-page';

export function AppRoutes() {
  const [location] = useLocation();
  return (
    <PanelErrorBoundary label="This page" resetKeys={[location]}>
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
    </PanelErrorBoundary>
  );
}
