/** `/tasks`: what needs the person first, then every task, newest first, filters in the URL; the
 *  page hands the agents feature's names to the list's agent filter. */
import { Link } from 'wouter';
import { NeedsYou } from '@/features/tasks/needs-you';
import { OpenTaskById } from '@/features/tasks/open-task-by-id';
import { PageTitle } from '@/features/tasks/page-title';
import { TaskList } from '@/features/tasks/task-list';
import { TaskListFilterBar } from '@/features/tasks/task-list-filters';
import { useTaskFilters } from '@/features/tasks/use-task-filters';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { useAgentChoices } from './use-agent-choices';
import { useNeedsYouActs } from './use-needs-you-acts';

export function TasksPage() {
  const { filters } = useTaskFilters();
  const agents = useAgentChoices();
  const acts = useNeedsYouActs();
  return (
    <div className="space-y-6">
      <PageTitle page="Tasks" />
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="space-y-1">
          <h1 className="text-2xl font-semibold tracking-tight">Tasks</h1>
          <p className="text-muted">Every task of this workspace, kept up to date as it runs.</p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <OpenTaskById />
          <Link
            href="/"
            className="inline-flex h-8 items-center rounded-md bg-accent px-3 text-sm font-medium text-accent-foreground hover:bg-accent/90 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-accent"
          >
            New run
          </Link>
        </div>
      </header>
      <PanelErrorBoundary label="Needs you">
        <NeedsYou {...acts} />
      </PanelErrorBoundary>
      <PanelErrorBoundary label="The task list">
        <div className="space-y-4">
          <TaskListFilterBar agents={agents} />
          <TaskList filters={filters} agents={agents} />
        </div>
      </PanelErrorBoundary>
    </div>
  );
}
