/**
 * The app root: the one QueryClient, the router, and the shell. `AppShell` is separate so tests
 * can render the real layout and routes inside their own providers (a fresh QueryClient, an
 * in-memory location).
 *
 * React Query's devtools are loaded lazily and only in development: `import.meta.env.DEV` is
 * replaced by `false` in a production build, so the dynamic import is dropped with the branch.
 */
import { lazy, Suspense } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { Router, useLocation } from 'wouter';
import { useTaskEvents } from '@/features/tasks/use-task-events';
import { Layout } from './layout';
import { queryClient } from './query-client';
import { AppRoutes } from './routes';

const ReactQueryDevtools = import.meta.env.DEV
  ? lazy(() =>
      import('@tanstack/react-query-devtools').then((module) => ({
        default: module.ReactQueryDevtools,
      })),
    )
  : null;

export function AppShell() {
  const [, navigate] = useLocation();
  // Status changes of any task, wherever they were read: announced, recorded, notified.
  useTaskEvents((taskId, status) =>
    navigate(
      `/tasks/${encodeURIComponent(taskId)}${status === 'waiting_for_input' ? '?tab=conversation' : ''}`,
    ),
  );
  return (
    <Layout>
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
