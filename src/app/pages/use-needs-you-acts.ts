/** What `Needs you` may do in place, from the conversation feature: answer a waiting task (its reply
 *  chunk loads when a row is first opened) and, where the backend takes decisions, review. */
import { useQuery } from '@tanstack/react-query';
import { backendQueries } from '@/features/backend/backend-queries';
import { SimulatorDecision } from '@/features/conversation/simulator-review';
import type { NeedsYouActs } from '@/features/tasks/needs-you';
import { lazyComponent } from '@/lib/lazy-component';

const TaskReply = lazyComponent(() =>
  import('@/features/conversation/task-reply').then((module) => module.TaskReply),
);

export function useNeedsYouActs(): NeedsYouActs {
  const backend = useQuery(backendQueries.info());
  return {
    answer: TaskReply,
    decide: backend.data?.mode === 'simulator' ? SimulatorDecision : undefined,
  };
}
