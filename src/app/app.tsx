/**
 * The app root: the one QueryClient, the router, and the shell (separate, so tests render the
 * real layout and routes in their own providers). Devtools load lazily, in development only.
 */
import { lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { Router, useLocation } from 'wouter';
import { useTaskWatchers } from '@/entities/task/hooks';
import { useTaskEvents } from '@/features/tasks/use-task-events';
import { Layout } from './layout';
import { queryClient } from './query-client';
import { AppRoutes } from './routes';
import { useRefetchOnRecovery } from './use-refetch-on-recovery';

const ReactQueryDevtools = import.meta.env.DEV
  ? lazy(() =>
      import('@tanstack/react-query-devtools').then((module) => ({
        default: module.ReactQueryDevtools,
      })),
    )
  : null;

/** The app's background work, in a leaf so its re-renders touch nothing else: the needs-you
 *  watcher and the live refresh, the status events, and the catch-up after an outage. */
function BackgroundWork() {
  const [, navigate] = useLocation();
  useTaskWatchers();
  useRefetchOnRecovery();
  // Status changes of any task, wherever they were read: announced, recorded, notified.
  useTaskEvents((taskId, status) =>
    navigate(
      `/tasks/${encodeURIComponent(taskId)}${status === 'waiting_for_input' ? '?tab=conversation' : ''}`,
    ),
  );
  return null;
}

export function AppShell() {
  return (
    <Layout>
      <BackgroundWork />
      <AppRoutes />
    </Layout>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        <AppShell />
      </Router>
      {ReactQueryDevtools ? (
        <Suspense fallback={null}>
          <ReactQueryDevtools buttonPosition="bottom-left" />
        </Suspense>
      ) : null}
    </QueryClientProvider>
  );
}
