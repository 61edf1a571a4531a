/**
 * What `Needs you` may do in place, composed here because it comes from another feature: answer a
 * waiting task (the conversation's reply) and, where the backend takes decisions (the simulator),
 * approve or reject a review.
 */
import { useQuery } from '@tanstack/react-query';
import { backendQueries } from '@/features/backend/backend-queries';
import { SimulatorDecision } from '@/features/conversation/simulator-review';
import { TaskReply } from '@/features/conversation/task-reply';
import type { NeedsYouActs } from '@/features/tasks/needs-you';

export function useNeedsYouActs(): NeedsYouActs {
  const backend = useQuery(backendQueries.info());
  return {
    answer: TaskReply,
    decide: backend.data?.mode === 'simulator' ? SimulatorDecision : undefined,
  };
}
