/** `/tasks/:taskId`: one task, with the list beside it from 1280 px (mounted only there: a hidden
 *  list would still poll); each tab's content is its own chunk, loaded when first shown. */
import { useQuery } from '@tanstack/react-query';
import { useTaskAction } from '@/entities/task/actions';
import { useTask } from '@/entities/task/hooks';
import { agentQueries } from '@/features/agents/agents-queries';
import { backendQueries } from '@/features/backend/backend-queries';
import { TaskCompareActions } from '@/features/compare/task-compare-actions';
import { SimulatorReview } from '@/features/conversation/simulator-review';
import { NeedsYou } from '@/features/tasks/needs-you';
import { PageTitle } from '@/features/tasks/page-title';
import { taskLabel } from '@/features/tasks/task-label';
import { TaskList } from '@/features/tasks/task-list';
import type { TaskTabComponents } from '@/features/tasks/task-tabs';
import { TaskView } from '@/features/tasks/task-view';

import { useTaskFilters } from '@/features/tasks/use-task-filters';
import { lazyComponent } from '@/lib/lazy-component';
import { useMediaQuery } from '@/lib/use-media-query';
import { PanelErrorBoundary } from '@/components/error-boundary';
import { useAgentChoices } from './use-agent-choices';
import { useNeedsYouActs } from './use-needs-you-acts';

const TABS: TaskTabComponents = {
  summary: lazyComponent(() =>
    import('./summary-with-reply').then((module) => module.SummaryWithReply),
  ),
  conversation: lazyComponent(() =>
    import('@/features/conversation/conversation-tab').then((module) => module.ConversationTab),
  ),
  trace: lazyComponent(() =>
    import('@/features/trace/trace-tab').then((module) => module.TraceTab),
  ),
};

function AgentAwareTaskView({ taskId }: { taskId: string }) {
  const { task } = useTask(taskId);
  const agentId = task?.agent_id;
  const agent = useQuery({ ...agentQueries.detail(agentId ?? ''), enabled: agentId !== undefined });
  // Reviews can be decided from the console only when the backend is the simulator.
  const backend = useQuery(backendQueries.info());
  const onAction = useTaskAction(taskId);
  const reviewActions =
    backend.data?.mode === 'simulator' ? (
      <SimulatorReview taskId={taskId} onDecided={onAction} />
    ) : undefined;
  return (
    <>
      <PageTitle page={taskLabel(taskId, task).text} />
      <TaskView
        taskId={taskId}
        agentName={agent.data?.name}
        tabs={TABS}
        reviewActions={reviewActions}
        actions={<TaskCompareActions taskId={taskId} agentId={agentId} />}
      />
    </>
  );
}

function TaskInbox({ taskId }: { taskId: string }) {
  const { filters, search } = useTaskFilters();
  const agents = useAgentChoices();
  const acts = useNeedsYouActs();
  return (
    <aside aria-label="Task inbox" className="space-y-4">
      <NeedsYou {...acts} />
      <TaskList
        filters={filters}
        agents={agents}
        activeTaskId={taskId}
        compact
        linkSearch={search}
      />
    </aside>
  );
}

export function TaskPage({ taskId }: { taskId: string }) {
  const twoPane = useMediaQuery('(min-width: 1280px)');
  const view = (
    <PanelErrorBoundary label="This task" resetKeys={[taskId]}>
      <AgentAwareTaskView taskId={taskId} />
    </PanelErrorBoundary>
  );
  if (!twoPane) return view;
  return (
    <div className="grid grid-cols-[minmax(20rem,26rem)_minmax(0,1fr)] items-start gap-6">
      <PanelErrorBoundary label="The task list">
        <TaskInbox taskId={taskId} />
      </PanelErrorBoundary>
      <div className="min-w-0">{view}</div>
    </div>
  );
}
