/** The app root: the one QueryClient, the router, and the shell (separate, so tests render the real
 *  layout and routes in their own providers). Devtools: development only, on Alt+Shift+Q. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { Router, useLocation } from 'wouter';
import { useTaskWatchers } from '@/entities/task/hooks';
import { useTaskEvents } from '@/features/tasks/use-task-events';
import { Layout } from './layout';
import { queryClient } from './query-client';
import { AppRoutes } from './routes';
import { useRefetchOnRecovery } from './use-refetch-on-recovery';

const DevtoolsPanel = import.meta.env.DEV
  ? lazy(() =>
      import('@tanstack/react-query-devtools').then((module) => ({
        default: module.ReactQueryDevtoolsPanel,
      })),
    )
  : null;

/** The query devtools as a panel opened by a shortcut: no floating button in the tab order. */
function Devtools({ Panel }: { Panel: NonNullable<typeof DevtoolsPanel> }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.altKey && event.shiftKey && event.code === 'KeyQ') setOpen((was) => !was);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <div className="fixed inset-x-0 bottom-0 z-50 h-[40vh]">
        <Panel onClose={() => setOpen(false)} style={{ height: '100%' }} />
      </div>
    </Suspense>
  );
}

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
      {DevtoolsPanel ? <Devtools Panel={DevtoolsPanel} /> : null}
    </QueryClientProvider>
  );
}
